//! Sequences: `slice`, `list`, `tuple`, `range`, their iterators and the builtin iterator types.
//! Every expected value (reprs, sizes, messages) was recorded from python3 3.11.7.

use num_bigint::BigInt;
use oxpy_vm::object::iter::{get_iter, iter_next};
use oxpy_vm::object::protocol::{getsizeof, hash, repr, rich_compare_bool};
use oxpy_vm::object::{Args, NativeFn, PyObject};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::list_methods as lm;
use oxpy_vm::objects::slice::{PySlice, slice_indices_method, slice_new};
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::tuple_methods as tm;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::ops::BinOp;
use oxpy_vm::{PyErr, PyRef, PyResult, Python, with_gil};

fn int(py: Python<'_>, v: i64) -> PyRef {
    PyInt::new(py, v).into_object()
}

fn big(py: Python<'_>, text: &str) -> PyRef {
    PyInt::from_bigint(py, text.parse::<BigInt>().unwrap()).into_object()
}

fn s(py: Python<'_>, text: &str) -> PyRef {
    PyStr::new(py, text).into_object()
}

/// A list with exact capacity (`list(range(n))[:]` in Python).
fn list(py: Python<'_>, vs: &[i64]) -> PyRef {
    PyList::from_vec(py, vs.iter().map(|&v| int(py, v)).collect())
        .unwrap()
        .into_object()
}

fn range_list(py: Python<'_>, n: i64) -> PyRef {
    list(py, &(0..n).collect::<Vec<_>>())
}

fn tuple(py: Python<'_>, vs: &[i64]) -> PyRef {
    PyTuple::new(py, vs.iter().map(|&v| int(py, v)).collect()).into_object()
}

fn r(py: Python<'_>, obj: &PyObject) -> String {
    repr(py, obj).unwrap().to_string_lossy()
}

fn rr(py: Python<'_>, res: PyResult<PyRef>) -> String {
    match res {
        Ok(v) => r(py, &v),
        Err(e) => err(e),
    }
}

fn err(e: PyErr) -> String {
    e.to_string()
}

fn opt(py: Python<'_>, v: Option<i64>) -> PyRef {
    v.map_or_else(|| py.none(), |v| int(py, v))
}

fn sl(py: Python<'_>, a: Option<i64>, b: Option<i64>, c: Option<i64>) -> PyRef {
    PySlice::new(py, opt(py, a), opt(py, b), opt(py, c)).into_object()
}

fn meth(py: Python<'_>, f: NativeFn, this: &PyObject, args: &[PyRef]) -> PyResult<PyRef> {
    f(py, this, Args::positional(args))
}

fn getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    (obj.ob_type().slots.getitem.unwrap())(py, obj, key)
}

fn setitem(py: Python<'_>, obj: &PyObject, key: &PyObject, v: Option<PyRef>) -> PyResult<()> {
    (obj.ob_type().slots.setitem.unwrap())(py, obj, key, v)
}

fn binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    (a.ob_type().slots.binop.unwrap())(py, op, a, b)
}

fn collect(py: Python<'_>, it: &PyObject) -> String {
    let it = get_iter(py, it).unwrap();
    let mut out = Vec::new();
    while let Some(x) = iter_next(py, &it).unwrap() {
        out.push(r(py, &x));
    }
    format!("[{}]", out.join(", "))
}

#[test]
fn slice_objects() {
    with_gil(|py| {
        let a = sl(py, Some(1), Some(2), None);
        assert_eq!(r(py, &a), "slice(1, 2, None)");
        assert_eq!(r(py, &sl(py, None, None, None)), "slice(None, None, None)");
        assert_eq!(getsizeof(&a), 56);
        assert!(oxpy_vm::gc::is_tracked(&a));
        assert_eq!(
            err(hash(py, &a).unwrap_err()),
            "TypeError: unhashable type: 'slice'"
        );
        let b = sl(py, Some(1), Some(2), None);
        let c = sl(py, Some(1), Some(3), None);
        assert!(rich_compare_bool(py, &a, &b, CompareOp::Eq).unwrap());
        assert!(!rich_compare_bool(py, &a, &b, CompareOp::Ne).unwrap());
        assert!(!rich_compare_bool(py, &a, &c, CompareOp::Eq).unwrap());
        assert!(rich_compare_bool(py, &a, &c, CompareOp::Lt).unwrap());
        assert_eq!(
            err(rich_compare_bool(py, &a, &int(py, 3), CompareOp::Lt).unwrap_err()),
            "TypeError: '<' not supported between instances of 'slice' and 'int'"
        );
        // Constructor.
        let new = |args: &[PyRef]| rr(py, slice_new(py, Args::positional(args)));
        assert_eq!(
            new(&[]),
            "TypeError: slice expected at least 1 argument, got 0"
        );
        assert_eq!(
            new(&[int(py, 1), int(py, 2), int(py, 3), int(py, 4)]),
            "TypeError: slice expected at most 3 arguments, got 4"
        );
        assert_eq!(new(&[int(py, 5)]), "slice(None, 5, None)");
        assert_eq!(
            new(&[s(py, "a"), PyList::new_empty(py).into_object()]),
            "slice('a', [], None)"
        );
    });
}

#[test]
fn slice_indices_exact() {
    with_gil(|py| {
        let n70 = "1180591620717411303424";
        let cases: &[(&[Option<&str>], &[&str])] = &[
            (
                &[None],
                &[
                    "(0, 0, 1)",
                    "(0, 1, 1)",
                    "(0, 10, 1)",
                    "(0, 1180591620717411303424, 1)",
                ],
            ),
            (
                &[Some("1"), Some("2")],
                &["(0, 0, 1)", "(1, 1, 1)", "(1, 2, 1)", "(1, 2, 1)"],
            ),
            (
                &[Some("-1"), None, Some("-1")],
                &[
                    "(-1, -1, -1)",
                    "(0, -1, -1)",
                    "(9, -1, -1)",
                    "(1180591620717411303423, -1, -1)",
                ],
            ),
            (
                &[None, None, Some("-2")],
                &[
                    "(-1, -1, -2)",
                    "(0, -1, -2)",
                    "(9, -1, -2)",
                    "(1180591620717411303423, -1, -2)",
                ],
            ),
            (
                &[
                    Some("1267650600228229401496703205376"),
                    Some("-1267650600228229401496703205376"),
                    Some("-1"),
                ],
                &[
                    "(-1, -1, -1)",
                    "(0, -1, -1)",
                    "(9, -1, -1)",
                    "(1180591620717411303423, -1, -1)",
                ],
            ),
            (
                &[Some("-5"), Some("100"), Some("3")],
                &[
                    "(0, 0, 3)",
                    "(0, 1, 3)",
                    "(5, 10, 3)",
                    "(1180591620717411303419, 100, 3)",
                ],
            ),
            (
                &[Some("3"), Some("1")],
                &["(0, 0, 1)", "(1, 1, 1)", "(3, 1, 1)", "(3, 1, 1)"],
            ),
            (
                &[None, None, Some("1208925819614629174706176")],
                &[
                    "(0, 0, 1208925819614629174706176)",
                    "(0, 1, 1208925819614629174706176)",
                    "(0, 10, 1208925819614629174706176)",
                    "(0, 1180591620717411303424, 1208925819614629174706176)",
                ],
            ),
        ];
        for (args, expected) in cases {
            let args: Vec<PyRef> = args
                .iter()
                .map(|a| a.map_or_else(|| py.none(), |t| big(py, t)))
                .collect();
            let slice = slice_new(py, Args::positional(&args)).unwrap();
            for (n, want) in ["0", "1", "10", n70].iter().zip(expected.iter()) {
                let got = rr(py, meth(py, slice_indices_method, &slice, &[big(py, n)]));
                assert_eq!(&got, want, "slice{} .indices({n})", r(py, &slice));
            }
        }
        let one_two = sl(py, Some(1), Some(2), None);
        assert_eq!(
            rr(py, meth(py, slice_indices_method, &one_two, &[int(py, -1)])),
            "ValueError: length should not be negative"
        );
        assert_eq!(
            rr(py, meth(py, slice_indices_method, &one_two, &[s(py, "a")])),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        let zero_step = sl(py, Some(1), Some(2), Some(0));
        assert_eq!(
            rr(
                py,
                meth(py, slice_indices_method, &zero_step, &[int(py, 5)])
            ),
            "ValueError: slice step cannot be zero"
        );
        let bad = PySlice::new(py, s(py, "a"), int(py, 2), py.none()).into_object();
        assert_eq!(
            rr(py, meth(py, slice_indices_method, &bad, &[int(py, 5)])),
            "TypeError: slice indices must be integers or None or have an __index__ method"
        );
    });
}

#[test]
fn list_getitem_and_slices() {
    with_gil(|py| {
        let l = range_list(py, 10);
        assert_eq!(getsizeof(&l), 136);
        assert_eq!(rr(py, getitem(py, &l, &int(py, 3))), "3");
        assert_eq!(rr(py, getitem(py, &l, &int(py, -1))), "9");
        assert_eq!(
            rr(py, getitem(py, &l, &int(py, 10))),
            "IndexError: list index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &l, &int(py, -11))),
            "IndexError: list index out of range"
        );
        assert_eq!(
            rr(
                py,
                getitem(py, &l, &big(py, "1267650600228229401496703205376"))
            ),
            "IndexError: cannot fit 'int' into an index-sized integer"
        );
        assert_eq!(
            rr(py, getitem(py, &l, &s(py, "a"))),
            "TypeError: list indices must be integers or slices, not str"
        );
        assert_eq!(
            rr(
                py,
                getitem(
                    py,
                    &l,
                    &oxpy_vm::objects::float::PyFloat::new(py, 1.0).into_object()
                )
            ),
            "TypeError: list indices must be integers or slices, not float"
        );
        type Case<'a> = (Option<i64>, Option<i64>, Option<i64>, &'a str, usize);
        let cases: &[Case<'_>] = &[
            (Some(2), Some(5), None, "[2, 3, 4]", 80),
            (None, None, Some(2), "[0, 2, 4, 6, 8]", 96),
            (None, None, Some(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", 136),
            (Some(8), Some(2), Some(-2), "[8, 6, 4]", 80),
            (Some(100), None, None, "[]", 56),
            (Some(-3), None, None, "[7, 8, 9]", 80),
            (None, Some(-7), Some(-3), "[9, 6]", 72),
            (Some(1), Some(9), Some(3), "[1, 4, 7]", 80),
        ];
        for &(a, b, c, want, size) in cases {
            let v = getitem(py, &l, &sl(py, a, b, c)).unwrap();
            assert_eq!(r(py, &v), want, "{a:?}:{b:?}:{c:?}");
            assert_eq!(getsizeof(&v), size, "{a:?}:{b:?}:{c:?}");
        }
        let huge = PySlice::new(
            py,
            big(py, "1267650600228229401496703205376"),
            py.none(),
            py.none(),
        );
        assert_eq!(rr(py, getitem(py, &l, huge.as_object())), "[]");
        let huge = PySlice::new(
            py,
            big(py, "-1267650600228229401496703205376"),
            int(py, 2),
            py.none(),
        );
        assert_eq!(rr(py, getitem(py, &l, huge.as_object())), "[0, 1]");
        let bad = PySlice::new(py, s(py, "a"), int(py, 1), py.none());
        assert_eq!(
            rr(py, getitem(py, &l, bad.as_object())),
            "TypeError: slice indices must be integers or None or have an __index__ method"
        );
        assert_eq!(
            rr(py, getitem(py, &l, &sl(py, None, None, Some(0)))),
            "ValueError: slice step cannot be zero"
        );
    });
}

#[test]
fn list_setitem_and_slice_assignment_sizes() {
    with_gil(|py| {
        let l = range_list(py, 10);
        setitem(py, &l, &int(py, 0), Some(int(py, 100))).unwrap();
        setitem(py, &l, &int(py, -1), Some(int(py, 99))).unwrap();
        assert_eq!(r(py, &l), "[100, 1, 2, 3, 4, 5, 6, 7, 8, 99]");
        assert_eq!(getsizeof(&l), 136);
        assert_eq!(
            err(setitem(py, &l, &int(py, 10), Some(int(py, 1))).unwrap_err()),
            "IndexError: list assignment index out of range"
        );
        assert_eq!(
            err(setitem(py, &l, &int(py, 10), None).unwrap_err()),
            "IndexError: list assignment index out of range"
        );
        assert_eq!(
            err(setitem(py, &l, &s(py, "x"), None).unwrap_err()),
            "TypeError: list indices must be integers or slices, not str"
        );

        // (slice, value, expected list, getsizeof)
        type Case<'a> = (
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<&'a [i64]>,
            &'a str,
            usize,
        );
        let cases: &[Case<'_>] = &[
            (
                Some(2),
                Some(4),
                None,
                Some(&[7, 7, 7]),
                "[0, 1, 7, 7, 7, 4, 5, 6, 7, 8, 9]",
                184,
            ),
            (Some(2), Some(8), None, Some(&[7]), "[0, 1, 7, 8, 9]", 136),
            (Some(2), Some(8), None, Some(&[]), "[0, 1, 8, 9]", 120),
            (None, None, None, Some(&[]), "[]", 56),
            (None, None, None, None, "[]", 56),
            (None, None, Some(2), None, "[1, 3, 5, 7, 9]", 136),
            (None, None, Some(-3), None, "[1, 2, 4, 5, 7, 8]", 136),
            (
                Some(1),
                Some(2),
                None,
                None,
                "[0, 2, 3, 4, 5, 6, 7, 8, 9]",
                136,
            ),
            (
                Some(-1),
                None,
                None,
                None,
                "[0, 1, 2, 3, 4, 5, 6, 7, 8]",
                136,
            ),
            (
                None,
                None,
                Some(2),
                Some(&[0, 0, 0, 0, 0]),
                "[0, 1, 0, 3, 0, 5, 0, 7, 0, 9]",
                136,
            ),
        ];
        for &(a, b, c, v, want, size) in cases {
            let l = range_list(py, 10);
            let v = v.map(|v| list(py, v));
            setitem(py, &l, &sl(py, a, b, c), v).unwrap();
            assert_eq!(r(py, &l), want, "{a:?}:{b:?}:{c:?}");
            assert_eq!(getsizeof(&l), size, "{a:?}:{b:?}:{c:?}");
        }
        // Self-assignment copies first.
        let l = range_list(py, 10);
        setitem(py, &l, &sl(py, Some(0), Some(0), None), Some(l.clone())).unwrap();
        assert_eq!(
            r(py, &l),
            "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
        );
        assert_eq!(getsizeof(&l), 216);
        let l = range_list(py, 10);
        setitem(py, &l, &sl(py, Some(5), None, None), Some(l.clone())).unwrap();
        assert_eq!(r(py, &l), "[0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
        assert_eq!(getsizeof(&l), 216);
        let l = range_list(py, 10);
        let odd = getitem(py, &l, &sl(py, Some(1), None, Some(2))).unwrap();
        setitem(py, &l, &sl(py, None, None, Some(-2)), Some(odd)).unwrap();
        assert_eq!(r(py, &l), "[0, 9, 2, 7, 4, 5, 6, 3, 8, 1]");
        let l = range_list(py, 3);
        let ab = PyTuple::new(py, vec![s(py, "a"), s(py, "b")]).into_object();
        setitem(py, &l, &sl(py, Some(1), Some(2), None), Some(ab)).unwrap();
        assert_eq!(r(py, &l), "[0, 'a', 'b', 2]");
        assert_eq!(getsizeof(&l), 120);
        let l = range_list(py, 20);
        setitem(py, &l, &sl(py, Some(2), Some(18), None), None).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[0, 1, 18, 19]".into(), 120));
        let l = range_list(py, 20);
        setitem(py, &l, &sl(py, Some(1), Some(19), Some(2)), None).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 19]".into(), 216)
        );
        // Errors.
        let l = range_list(py, 3);
        assert_eq!(
            err(setitem(
                py,
                &l,
                &sl(py, None, None, Some(2)),
                Some(list(py, &[1, 2, 3]))
            )
            .unwrap_err()),
            "ValueError: attempt to assign sequence of size 3 to extended slice of size 2"
        );
        assert_eq!(
            err(setitem(py, &l, &sl(py, Some(0), Some(1), None), Some(int(py, 5))).unwrap_err()),
            "TypeError: can only assign an iterable"
        );
        assert_eq!(
            err(setitem(py, &l, &sl(py, None, None, Some(2)), Some(int(py, 5))).unwrap_err()),
            "TypeError: must assign iterable to extended slice"
        );
        assert_eq!(r(py, &l), "[0, 1, 2]");
    });
}

#[test]
fn tuple_getitem_and_slices() {
    with_gil(|py| {
        let t = tuple(py, &[0, 1, 2, 3, 4, 5]);
        assert_eq!(rr(py, getitem(py, &t, &int(py, 2))), "2");
        assert_eq!(rr(py, getitem(py, &t, &int(py, -1))), "5");
        assert_eq!(
            rr(py, getitem(py, &t, &int(py, 6))),
            "IndexError: tuple index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &t, &s(py, "a"))),
            "TypeError: tuple indices must be integers or slices, not str"
        );
        assert_eq!(
            rr(py, getitem(py, &t, &sl(py, Some(1), Some(4), None))),
            "(1, 2, 3)"
        );
        assert_eq!(
            rr(py, getitem(py, &t, &sl(py, None, None, Some(-1)))),
            "(5, 4, 3, 2, 1, 0)"
        );
        assert_eq!(
            rr(py, getitem(py, &t, &sl(py, None, None, Some(2)))),
            "(0, 2, 4)"
        );
        assert!(getitem(py, &t, &sl(py, None, None, None)).unwrap().is(&t));
        assert!(
            getitem(py, &t, &sl(py, Some(0), Some(6), Some(1)))
                .unwrap()
                .is(&t)
        );
        let empty = getitem(py, &t, &sl(py, Some(5), Some(1), None)).unwrap();
        assert!(empty.is(&py.interp().singletons.empty_tuple));
        assert_eq!(
            getsizeof(&getitem(py, &t, &sl(py, Some(1), Some(3), None)).unwrap()),
            56
        );
    });
}

#[test]
fn list_and_tuple_iterators() {
    with_gil(|py| {
        let l = range_list(py, 3);
        let it = get_iter(py, &l).unwrap();
        assert_eq!(it.ob_type().name(), "list_iterator");
        assert_eq!(getsizeof(&it), 48);
        let hint = |it: &PyObject| {
            rr(
                py,
                meth(py, oxpy_vm::objects::seq_iter::length_hint_method, it, &[]),
            )
        };
        assert_eq!(r(py, &iter_next(py, &it).unwrap().unwrap()), "0");
        assert_eq!(hint(&it), "2");
        iter_next(py, &it).unwrap();
        iter_next(py, &it).unwrap();
        let before = l.refcnt();
        assert!(iter_next(py, &it).unwrap().is_none());
        assert_eq!(
            l.refcnt(),
            before - 1,
            "an exhausted iterator releases its list"
        );
        assert_eq!(hint(&it), "0");
        let rev = meth(py, lm::list_reversed, &l, &[]).unwrap();
        assert_eq!(rev.ob_type().name(), "list_reverseiterator");
        assert_eq!(getsizeof(&rev), 48);
        assert_eq!(hint(&rev), "3");
        assert_eq!(collect(py, &rev), "[2, 1, 0]");
        assert_eq!(hint(&rev), "0");
        let t = tuple(py, &[1, 2]);
        let ti = get_iter(py, &t).unwrap();
        assert_eq!(
            (ti.ob_type().name(), getsizeof(&ti)),
            ("tuple_iterator", 48)
        );
        assert_eq!(collect(py, &t), "[1, 2]");
        assert_eq!(
            err(get_iter(py, &int(py, 5)).unwrap_err()),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            err(iter_next(py, &int(py, 5)).unwrap_err()),
            "TypeError: 'int' object is not an iterator"
        );
        // Growing the list while iterating is seen by the iterator.
        let l = range_list(py, 1);
        let it = get_iter(py, &l).unwrap();
        iter_next(py, &it).unwrap();
        meth(py, lm::list_append, &l, &[int(py, 7)]).unwrap();
        assert_eq!(r(py, &iter_next(py, &it).unwrap().unwrap()), "7");
    });
}

#[test]
fn list_and_tuple_operators() {
    with_gil(|py| {
        let a = range_list(py, 3);
        let b = range_list(py, 2);
        let ab = binop(py, BinOp::Add, &a, &b).unwrap();
        assert_eq!((r(py, &ab), getsizeof(&ab)), ("[0, 1, 2, 0, 1]".into(), 96));
        let e = binop(py, BinOp::Add, &range_list(py, 0), &range_list(py, 0)).unwrap();
        assert_eq!(getsizeof(&e), 56);
        let a3 = binop(py, BinOp::Multiply, &a, &int(py, 3)).unwrap();
        assert_eq!(
            (r(py, &a3), getsizeof(&a3)),
            ("[0, 1, 2, 0, 1, 2, 0, 1, 2]".into(), 128)
        );
        assert_eq!(
            getsizeof(&binop(py, BinOp::Multiply, &a, &int(py, 0)).unwrap()),
            56
        );
        assert_eq!(
            getsizeof(&binop(py, BinOp::Multiply, &a, &int(py, -1)).unwrap()),
            56
        );
        // `2 * a` reaches the list's slot with the list on the right.
        let slot = a.ob_type().slots.binop.unwrap();
        assert_eq!(
            rr(py, slot(py, BinOp::Multiply, &int(py, 2), &a)),
            "[0, 1, 2, 0, 1, 2]"
        );
        let two62 = big(py, "4611686018427387904");
        let two100 = big(py, "1267650600228229401496703205376");
        let cases: &[(PyRef, BinOp, PyRef, &str)] = &[
            (
                range_list(py, 3),
                BinOp::Add,
                tuple(py, &[]),
                "TypeError: can only concatenate list (not \"tuple\") to list",
            ),
            (
                range_list(py, 1),
                BinOp::Multiply,
                s(py, "a"),
                "TypeError: can't multiply sequence by non-int of type 'str'",
            ),
            (
                range_list(py, 1),
                BinOp::Multiply,
                two100.clone(),
                "OverflowError: cannot fit 'int' into an index-sized integer",
            ),
            (
                range_list(py, 1),
                BinOp::Multiply,
                two62.clone(),
                "MemoryError",
            ),
            (range_list(py, 0), BinOp::Multiply, two62.clone(), "[]"),
            (
                range_list(py, 2),
                BinOp::Multiply,
                two62.clone(),
                "MemoryError",
            ),
            (
                tuple(py, &[1]),
                BinOp::Multiply,
                two62.clone(),
                "MemoryError",
            ),
            (
                tuple(py, &[1]),
                BinOp::Add,
                range_list(py, 0),
                "TypeError: can only concatenate tuple (not \"list\") to tuple",
            ),
            (
                tuple(py, &[1]),
                BinOp::Multiply,
                two100.clone(),
                "OverflowError: cannot fit 'int' into an index-sized integer",
            ),
            (
                tuple(py, &[1]),
                BinOp::Multiply,
                s(py, "a"),
                "TypeError: can't multiply sequence by non-int of type 'str'",
            ),
            (
                range_list(py, 1),
                BinOp::Subtract,
                range_list(py, 1),
                "NotImplemented",
            ),
        ];
        for (x, op, y, want) in cases {
            assert_eq!(
                rr(py, binop(py, *op, x, y)),
                *want,
                "{} {op:?} {}",
                r(py, x),
                r(py, y)
            );
        }
        // Tuple identities.
        let t = tuple(py, &[1, 2]);
        let empty = py.interp().singletons.empty_tuple.clone().into_object();
        assert!(binop(py, BinOp::Multiply, &t, &int(py, 1)).unwrap().is(&t));
        assert!(binop(py, BinOp::Add, &t, &empty).unwrap().is(&t));
        assert!(binop(py, BinOp::Add, &empty, &t).unwrap().is(&t));
        assert!(
            binop(py, BinOp::Multiply, &t, &int(py, 0))
                .unwrap()
                .is(&empty)
        );
        let t3 = binop(py, BinOp::Multiply, &t, &int(py, 3)).unwrap();
        assert_eq!(
            (r(py, &t3), getsizeof(&t3)),
            ("(1, 2, 1, 2, 1, 2)".into(), 88)
        );
        assert_eq!(
            rr(py, binop(py, BinOp::Add, &t, &tuple(py, &[3]))),
            "(1, 2, 3)"
        );
        // In-place forms.
        let l = range_list(py, 3);
        let same = lm::list_inplace_concat(py, &l, &tuple(py, &[7, 8])).unwrap();
        assert!(same.is(&l));
        assert_eq!((r(py, &l), getsizeof(&l)), ("[0, 1, 2, 7, 8]".into(), 120));
        let l = range_list(py, 3);
        lm::list_inplace_repeat(py, &l, &int(py, 3)).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[0, 1, 2, 0, 1, 2, 0, 1, 2]".into(), 184)
        );
        lm::list_inplace_repeat(py, &l, &int(py, 0)).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[]".into(), 56));
        let l = range_list(py, 3);
        lm::list_inplace_repeat(py, &l, &int(py, 1)).unwrap();
        assert_eq!(getsizeof(&l), 80);
        // Containment.
        let contains = |c: &PyObject, x: i64| {
            (c.ob_type().slots.contains.unwrap())(py, c, &int(py, x)).unwrap()
        };
        let ten = range_list(py, 10);
        assert!(contains(&ten, 5) && !contains(&ten, 10));
        assert!(contains(&tuple(py, &[1, 2]), 1) && !contains(&tuple(py, &[1, 2]), 3));
        assert_eq!(
            rr(
                py,
                meth(py, tm::tuple_count, &tuple(py, &[1, 2, 1]), &[int(py, 1)])
            ),
            "2"
        );
    });
}

/// Native callables for the tests (the eval loop will give Python functions a call slot).
mod native {
    use oxpy_vm::object::alloc::{alloc_object, free_object};
    use oxpy_vm::object::{Args, PyObject};
    use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec};
    use oxpy_vm::{PyRef, PyResult, Python};
    use std::ptr::NonNull;

    /// What a test callable does with its arguments and its optional captured object.
    pub type Body = fn(Python<'_>, Option<&PyRef>, &[PyRef]) -> PyResult<PyRef>;

    #[repr(C)]
    struct TestFn {
        header: [usize; 2],
        body: Body,
        data: Option<PyRef>,
    }

    fn call(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
        // SAFETY: only `testfn` objects have this call slot.
        let f = unsafe { &*(this as *const PyObject as *const TestFn) };
        (f.body)(py, f.data.as_ref(), args.values)
    }

    unsafe fn dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
        // SAFETY: a dead testfn: drop its data, free.
        unsafe {
            let p = obj.cast::<TestFn>().as_ptr();
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).data));
            free_object(py, obj, size_of::<TestFn>());
        }
    }

    /// A callable object running `body`.
    pub fn func(py: Python<'_>, body: Body, data: Option<PyRef>) -> PyRef {
        let spec = TypeSpec {
            methods: &[],
            name: "testfn",
            basicsize: 32,
            itemsize: 0,
            flags: 0,
            slots: TypeSlots {
                call: Some(call),
                ..TypeSlots::new(dealloc)
            },
        };
        let ty = PyType::new_native(py, py.types().object(), spec);
        // The type lives for the rest of the process, like every native type.
        let ty: &'static PyType =
            unsafe { &*(std::mem::ManuallyDrop::new(ty).as_non_null().as_ptr()) };
        // SAFETY: the body is written right after allocation.
        unsafe {
            let p = alloc_object(py, ty, size_of::<TestFn>()).cast::<TestFn>();
            std::ptr::addr_of_mut!((*p.as_ptr()).body).write(body);
            std::ptr::addr_of_mut!((*p.as_ptr()).data).write(data);
            PyRef::from_raw(p.cast())
        }
    }
}

fn ival(py: Python<'_>, x: &PyObject) -> i64 {
    x.downcast_ref::<PyInt>(py).unwrap().as_i64().unwrap()
}

fn lcg_data(n: usize) -> Vec<i64> {
    let mut x: i64 = 42;
    (0..n)
        .map(|_| {
            x = (x * 1103515245 + 12345) % (1 << 31);
            x % 100
        })
        .collect()
}

fn weighted_sum(py: Python<'_>, l: &PyObject) -> i64 {
    let l = l.downcast_ref::<PyList>(py).unwrap();
    (0..l.len())
        .map(|i| i as i64 * ival(py, &l.get(i).unwrap()))
        .sum()
}

fn kw<'a>(values: &'a [PyRef], names: &'a [PyRef<PyStr>]) -> Args<'a> {
    Args {
        values,
        kwnames: names,
    }
}

#[test]
fn list_growth_by_method() {
    with_gil(|py| {
        let l = PyList::new_empty(py).into_object();
        let mut sizes = Vec::new();
        for i in 0..20 {
            meth(py, lm::list_append, &l, &[int(py, i)]).unwrap();
            sizes.push(getsizeof(&l));
        }
        assert_eq!(
            sizes,
            [
                88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 248,
                248, 248, 248
            ]
        );
        let mut sizes = Vec::new();
        for _ in 0..20 {
            meth(py, lm::list_pop, &l, &[]).unwrap();
            sizes.push(getsizeof(&l));
        }
        assert_eq!(
            sizes,
            [
                248, 248, 248, 248, 248, 248, 248, 248, 184, 184, 184, 184, 152, 152, 120, 120,
                120, 120, 88, 56
            ]
        );
        let ext = |start: PyRef, arg: PyRef| {
            meth(py, lm::list_extend, &start, &[arg]).unwrap();
            getsizeof(&start)
        };
        let empty = || PyList::new_empty(py).into_object();
        let range = |n: i64| {
            oxpy_vm::objects::range::range_new(py, Args::positional(&[int(py, n)])).unwrap()
        };
        let iter_of = |o: PyRef| get_iter(py, &o).unwrap();
        let genlike = |n: i64| {
            // An iterator without a length hint (a generator in Python): map over a range.
            let ident = native::func(py, |_, _, a| Ok(a[0].clone()), None);
            oxpy_vm::objects::map::map_new(py, Args::positional(&[ident, range(n)])).unwrap()
        };
        assert_eq!(ext(empty(), tuple(py, &[1, 2, 3])), 88);
        let popped = list(py, &[1]);
        meth(py, lm::list_pop, &popped, &[]).unwrap();
        assert_eq!(ext(popped, list(py, &[1, 2, 3])), 120);
        assert_eq!(ext(empty(), range(5)), 104);
        assert_eq!(ext(empty(), iter_of(range(5))), 104);
        assert_eq!(ext(empty(), genlike(3)), 120);
        assert_eq!(ext(empty(), genlike(20)), 248);
        assert_eq!(ext(empty(), genlike(9)), 184);
        assert_eq!(ext(range_list(py, 5), genlike(3)), 184);
        let l = range_list(py, 5);
        assert_eq!(ext(l.clone(), l.clone()), 184);
        assert_eq!(r(py, &l), "[0, 1, 2, 3, 4, 0, 1, 2, 3, 4]");
        // list(iterable).
        let new = |o: PyRef| getsizeof(&lm::list_new(py, Args::positional(&[o])).unwrap());
        assert_eq!(
            [
                new(range(3)),
                new(range(0)),
                new(tuple(py, &[1, 2, 3])),
                new(range_list(py, 5)),
                new(iter_of(range(7))),
                new(genlike(3)),
                new(genlike(10)),
                new(genlike(17)),
                new(meth(py, lm::list_reversed, &range_list(py, 5), &[]).unwrap()),
            ],
            [88, 56, 88, 104, 120, 120, 184, 248, 104]
        );
        assert_eq!(
            rr(py, lm::list_new(py, Args::positional(&[int(py, 1)]))),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            rr(
                py,
                lm::list_new(py, Args::positional(&[int(py, 1), int(py, 2)]))
            ),
            "TypeError: list expected at most 1 argument, got 2"
        );
    });
}

#[test]
fn list_methods() {
    with_gil(|py| {
        let l = range_list(py, 5);
        meth(py, lm::list_insert, &l, &[int(py, 0), int(py, 9)]).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[9, 0, 1, 2, 3, 4]".into(), 152)
        );
        meth(py, lm::list_insert, &l, &[int(py, -2), int(py, 8)]).unwrap();
        meth(py, lm::list_insert, &l, &[int(py, 100), int(py, 7)]).unwrap();
        meth(py, lm::list_insert, &l, &[int(py, -100), int(py, 6)]).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[6, 9, 0, 1, 2, 8, 3, 4, 7]".into(), 152)
        );
        let l = range_list(py, 5);
        let popped: Vec<String> = [None, Some(0), Some(-2)]
            .iter()
            .map(|i| {
                let args: Vec<PyRef> = i.iter().map(|&i| int(py, i)).collect();
                rr(py, meth(py, lm::list_pop, &l, &args))
            })
            .collect();
        assert_eq!(popped, ["4", "0", "2"]);
        assert_eq!((r(py, &l), getsizeof(&l)), ("[1, 3]".into(), 96));
        let l = PyList::new_empty(py).into_object();
        for i in 0..10 {
            meth(py, lm::list_insert, &l, &[int(py, 0), int(py, i)]).unwrap();
        }
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]".into(), 184)
        );
        let l = range_list(py, 10);
        meth(py, lm::list_remove, &l, &[int(py, 3)]).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[0, 1, 2, 4, 5, 6, 7, 8, 9]".into(), 136)
        );
        let l = list(py, &[0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
        let idx = |args: &[i64]| {
            let args: Vec<PyRef> = args.iter().map(|&v| int(py, v)).collect();
            rr(py, meth(py, lm::list_index, &l, &args))
        };
        assert_eq!(
            [idx(&[3]), idx(&[3, 4]), idx(&[3, -3]), idx(&[0, -100, 100])],
            ["3", "8", "8", "0"]
        );
        assert_eq!(idx(&[3, 4, 8]), "ValueError: 3 is not in list");
        assert_eq!(idx(&[3, 9]), "ValueError: 3 is not in list");
        assert_eq!(rr(py, meth(py, lm::list_count, &l, &[int(py, 3)])), "2");
        assert_eq!(rr(py, meth(py, lm::list_count, &l, &[int(py, 7)])), "0");
        let l = range_list(py, 5);
        meth(py, lm::list_reverse, &l, &[]).unwrap();
        let c = meth(py, lm::list_copy, &l, &[]).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&c), getsizeof(&l)),
            ("[4, 3, 2, 1, 0]".into(), 96, 96)
        );
        meth(py, lm::list_clear, &l, &[]).unwrap();
        assert_eq!(getsizeof(&l), 56);
        assert_eq!(rr(py, meth(py, lm::list_sizeof_method, &l, &[])), "40");
        assert_eq!(
            rr(
                py,
                meth(py, lm::list_sizeof_method, &range_list(py, 3), &[])
            ),
            "64"
        );
        // Messages.
        let l = range_list(py, 1);
        let cases: &[(NativeFn, &[PyRef], &str)] = &[
            (
                lm::list_remove,
                &[int(py, 3)],
                "ValueError: list.remove(x): x not in list",
            ),
            (
                lm::list_pop,
                &[int(py, 5)],
                "IndexError: pop index out of range",
            ),
            (
                lm::list_pop,
                &[big(py, "1267650600228229401496703205376")],
                "OverflowError: Python int too large to convert to C ssize_t",
            ),
            (
                lm::list_pop,
                &[s(py, "a")],
                "TypeError: 'str' object cannot be interpreted as an integer",
            ),
            (
                lm::list_insert,
                &[big(py, "1267650600228229401496703205376"), int(py, 1)],
                "OverflowError: Python int too large to convert to C ssize_t",
            ),
            (
                lm::list_index,
                &[int(py, 0), s(py, "a")],
                "TypeError: slice indices must be integers or have an __index__ method",
            ),
            (
                lm::list_append,
                &[],
                "TypeError: list.append() takes exactly one argument (0 given)",
            ),
            (
                lm::list_insert,
                &[int(py, 1)],
                "TypeError: insert expected 2 arguments, got 1",
            ),
            (
                lm::list_pop,
                &[int(py, 1), int(py, 2)],
                "TypeError: pop expected at most 1 argument, got 2",
            ),
            (
                lm::list_index,
                &[],
                "TypeError: index expected at least 1 argument, got 0",
            ),
            (
                lm::list_reverse,
                &[int(py, 1)],
                "TypeError: list.reverse() takes no arguments (1 given)",
            ),
            (
                lm::list_copy,
                &[int(py, 1)],
                "TypeError: list.copy() takes no arguments (1 given)",
            ),
            (
                lm::list_count,
                &[],
                "TypeError: list.count() takes exactly one argument (0 given)",
            ),
            (
                lm::list_extend,
                &[int(py, 1)],
                "TypeError: 'int' object is not iterable",
            ),
            (
                tm::tuple_index,
                &[int(py, 2)],
                "TypeError: descriptor requires a 'tuple' object but received a 'list'",
            ),
        ];
        for (f, args, want) in cases {
            assert_eq!(rr(py, meth(py, *f, &l, args)), *want);
        }
        assert_eq!(
            rr(
                py,
                meth(py, lm::list_pop, &PyList::new_empty(py).into_object(), &[])
            ),
            "IndexError: pop from empty list"
        );
        assert_eq!(
            rr(
                py,
                meth(py, tm::tuple_index, &tuple(py, &[]), &[int(py, 2)])
            ),
            "ValueError: tuple.index(x): x not in tuple"
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    tm::tuple_index,
                    &tuple(py, &[5, 6, 7, 6]),
                    &[int(py, 6), int(py, 2)]
                )
            ),
            "3"
        );
    });
}

#[test]
fn list_sort() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        let names =
            |ns: &[&str]| -> Vec<PyRef<PyStr>> { ns.iter().map(|n| PyStr::new(py, n)).collect() };
        let l = list(py, &[3, 1, 2, 5, 4, 0]);
        list_sort(py, &l, Args::positional(&[])).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[0, 1, 2, 3, 4, 5]".into(), 104)
        );
        let l = list(py, &[3, 1, 2, 5, 4, 0]);
        let n = names(&["reverse"]);
        list_sort(py, &l, kw(&[py.true_().into_object()], &n)).unwrap();
        assert_eq!(r(py, &l), "[5, 4, 3, 2, 1, 0]");

        // Stability with a key, forwards and reversed: key = x // 10.
        let tens = native::func(py, |py, _, a| Ok(int(py, ival(py, &a[0]) / 10)), None);
        let l = list(py, &[10, 1, 12, 3]);
        let n = names(&["key"]);
        list_sort(py, &l, kw(std::slice::from_ref(&tens), &n)).unwrap();
        assert_eq!(r(py, &l), "[1, 3, 10, 12]");
        let l = list(py, &[10, 1, 12, 3]);
        let n = names(&["key", "reverse"]);
        list_sort(py, &l, kw(&[tens.clone(), int(py, 1)], &n)).unwrap();
        assert_eq!(r(py, &l), "[10, 12, 1, 3]");

        // 300 pseudo-random values: plain, keyed (stability) and reversed keyed sorts.
        let data = lcg_data(300);
        let l = list(py, &data);
        list_sort(py, &l, Args::positional(&[])).unwrap();
        assert_eq!(weighted_sum(py, &l), 2750154);
        assert_eq!(getsizeof(&l), 2456);
        let table = list(py, &data);
        let by_last_digit = native::func(
            py,
            |py, data, a| {
                let t = data.unwrap().downcast_ref::<PyList>(py).unwrap();
                Ok(int(
                    py,
                    ival(py, &t.get(ival(py, &a[0]) as usize).unwrap()) % 10,
                ))
            },
            Some(table),
        );
        let idx = range_list(py, 300);
        let n = names(&["key"]);
        list_sort(py, &idx, kw(std::slice::from_ref(&by_last_digit), &n)).unwrap();
        assert_eq!(weighted_sum(py, &idx), 6888175);
        let idx = range_list(py, 300);
        let n = names(&["key", "reverse"]);
        list_sort(py, &idx, kw(&[by_last_digit, py.true_().into_object()], &n)).unwrap();
        assert_eq!(weighted_sum(py, &idx), 6971265);
        let l = list(py, &data);
        let n = names(&["reverse"]);
        list_sort(py, &l, kw(&[int(py, 1)], &n)).unwrap();
        assert_eq!(weighted_sum(py, &l), 1369468);

        // Errors.
        let l = PyList::from_vec(py, vec![int(py, 1), s(py, "a")])
            .unwrap()
            .into_object();
        assert_eq!(
            err(list_sort(py, &l, Args::positional(&[])).unwrap_err()),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(r(py, &l), "[1, 'a']");
        let l = list(py, &[3, 2, 1]);
        let appender = native::func(
            py,
            |py, data, a| {
                let l = data.unwrap().downcast_ref::<PyList>(py).unwrap();
                l.append(int(py, 1))?;
                Ok(a[0].clone())
            },
            Some(l.clone()),
        );
        let n = names(&["key"]);
        assert_eq!(
            err(list_sort(py, &l, kw(&[appender], &n)).unwrap_err()),
            "ValueError: list modified during sort"
        );
        assert_eq!((r(py, &l), getsizeof(&l)), ("[1, 2, 3]".into(), 80));
        let e = PyList::new_empty(py).into_object();
        assert_eq!(
            err(list_sort(py, &e, Args::positional(&[py.none()])).unwrap_err()),
            "TypeError: sort() takes no positional arguments"
        );
        let n = names(&["key", "x"]);
        assert_eq!(
            err(list_sort(py, &e, kw(&[int(py, 1), int(py, 2)], &n)).unwrap_err()),
            "TypeError: 'x' is an invalid keyword argument for sort()"
        );
        let n = names(&["reverse"]);
        assert_eq!(
            err(list_sort(py, &e, kw(&[py.none()], &n)).unwrap_err()),
            "TypeError: 'NoneType' object cannot be interpreted as an integer"
        );
        assert_eq!(
            err(list_sort(
                py,
                &e,
                kw(&[big(py, "1267650600228229401496703205376")], &n)
            )
            .unwrap_err()),
            "OverflowError: Python int too large to convert to C int"
        );
        let n = names(&["key"]);
        assert_eq!(
            err(list_sort(py, &list(py, &[1, 2]), kw(&[int(py, 1)], &n)).unwrap_err()),
            "TypeError: 'int' object is not callable"
        );
    });
}

fn range_of(py: Python<'_>, args: &[&str]) -> PyRef {
    let args: Vec<PyRef> = args.iter().map(|a| big(py, a)).collect();
    oxpy_vm::objects::range::range_new(py, Args::positional(&args)).unwrap()
}

#[test]
fn range_objects() {
    with_gil(|py| {
        use oxpy_vm::objects::range::{range_count, range_index, range_new};
        let reprs: Vec<String> = [
            &["5"][..],
            &["0", "10", "2"],
            &["-3", "7", "1"],
            &["5", "1", "-1"],
        ]
        .iter()
        .map(|a| r(py, &range_of(py, a)))
        .collect();
        assert_eq!(
            reprs,
            [
                "range(0, 5)",
                "range(0, 10, 2)",
                "range(-3, 7)",
                "range(5, 1, -1)"
            ]
        );
        assert_eq!(getsizeof(&range_of(py, &["5"])), 48);
        assert_eq!(
            getsizeof(&range_of(py, &["1267650600228229401496703205376"])),
            48
        );
        assert!(!oxpy_vm::gc::is_tracked(&range_of(py, &["5"])));

        // (args, len, list or "", hash, r[0], r[-1], r[1:3], r[::-1], r[::2], 3 in r, 2**64+3 in r, count(3))
        type Case<'a> = (
            &'a [&'a str],
            &'a str,
            &'a str,
            i64,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            bool,
            bool,
            &'a str,
        );
        let cases: &[Case<'_>] = &[
            (
                &["5"],
                "5",
                "[0, 1, 2, 3, 4]",
                5795932985296280846,
                "0",
                "4",
                "range(1, 3)",
                "range(4, -1, -1)",
                "range(0, 5, 2)",
                true,
                false,
                "1",
            ),
            (
                &["1", "5"],
                "4",
                "[1, 2, 3, 4]",
                -1469834585040929973,
                "1",
                "4",
                "range(2, 4)",
                "range(4, 0, -1)",
                "range(1, 5, 2)",
                true,
                false,
                "1",
            ),
            (
                &["0", "10", "3"],
                "4",
                "[0, 3, 6, 9]",
                -1816567394155750349,
                "0",
                "9",
                "range(3, 9, 3)",
                "range(9, -3, -3)",
                "range(0, 12, 6)",
                true,
                false,
                "1",
            ),
            (
                &["10", "0", "-3"],
                "4",
                "[10, 7, 4, 1]",
                -4187782621229172137,
                "10",
                "1",
                "range(7, 1, -3)",
                "range(1, 13, 3)",
                "range(10, -2, -6)",
                false,
                false,
                "0",
            ),
            (
                &["5", "5"],
                "0",
                "[]",
                9099635500040103735,
                "",
                "",
                "range(5, 5)",
                "range(4, 4, -1)",
                "range(5, 5, 2)",
                false,
                false,
                "0",
            ),
            (
                &["18446744073709551616", "18446744073709551626", "3"],
                "4",
                "[18446744073709551616, 18446744073709551619, 18446744073709551622, 18446744073709551625]",
                -5485391040782904358,
                "18446744073709551616",
                "18446744073709551625",
                "range(18446744073709551619, 18446744073709551625, 3)",
                "range(18446744073709551625, 18446744073709551613, -3)",
                "range(18446744073709551616, 18446744073709551628, 6)",
                false,
                true,
                "0",
            ),
            (
                &[
                    "-1180591620717411303424",
                    "1180591620717411303424",
                    "295147905179352825856",
                ],
                "8",
                "",
                4037344690489014976,
                "-1180591620717411303424",
                "885443715538058477568",
                "range(-885443715538058477568, -295147905179352825856, 295147905179352825856)",
                "range(885443715538058477568, -1475739525896764129280, -295147905179352825856)",
                "range(-1180591620717411303424, 1180591620717411303424, 590295810358705651712)",
                false,
                false,
                "0",
            ),
            (
                &["0", "-5"],
                "0",
                "[]",
                9099635500040103735,
                "",
                "",
                "range(0, 0)",
                "range(-1, -1, -1)",
                "range(0, 0, 2)",
                false,
                false,
                "0",
            ),
        ];
        for &(args, len, items, h, first, last, s13, rev, step2, has3, has_big, count3) in cases {
            let rg = range_of(py, args);
            let ctx = r(py, &rg);
            let n = (rg.ob_type().slots.len.unwrap())(py, &rg).unwrap();
            assert_eq!(n.to_string(), len, "{ctx}");
            if !items.is_empty() {
                assert_eq!(collect(py, &rg), items, "{ctx}");
            }
            if n > 1 {
                assert_eq!(hash(py, &rg).unwrap() as i64, h, "{ctx}");
            } else {
                // hash(None) is address-based in 3.11, so only the tuple identity is stable.
                let t = PyTuple::from_array(py, [int(py, 0), py.none(), py.none()]);
                assert_eq!(
                    hash(py, &rg).unwrap(),
                    hash(py, t.as_object()).unwrap(),
                    "{ctx}"
                );
            }
            if n > 0 {
                assert_eq!(rr(py, getitem(py, &rg, &int(py, 0))), first, "{ctx}");
                assert_eq!(rr(py, getitem(py, &rg, &int(py, -1))), last, "{ctx}");
            }
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, Some(1), Some(3), None))),
                s13,
                "{ctx}"
            );
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, None, None, Some(-1)))),
                rev,
                "{ctx}"
            );
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, None, None, Some(2)))),
                step2,
                "{ctx}"
            );
            let contains = rg.ob_type().slots.contains.unwrap();
            assert_eq!(contains(py, &rg, &int(py, 3)).unwrap(), has3, "{ctx}");
            assert_eq!(
                contains(py, &rg, &big(py, "18446744073709551619")).unwrap(),
                has_big,
                "{ctx}"
            );
            assert_eq!(
                rr(py, meth(py, range_count, &rg, &[int(py, 3)])),
                count3,
                "{ctx}"
            );
            assert!(rich_compare_bool(py, &rg, &range_of(py, args), CompareOp::Eq).unwrap());
        }
        let eq = |a: &[&str], b: &[&str]| {
            rich_compare_bool(py, &range_of(py, a), &range_of(py, b), CompareOp::Eq).unwrap()
        };
        assert_eq!(
            [
                eq(&["0"], &["5", "5"]),
                eq(&["0", "3", "2"], &["0", "4", "2"]),
                eq(&["1", "2", "5"], &["1", "2", "7"]),
                eq(&["0", "10"], &["0", "10", "2"]),
            ],
            [true, true, true, false]
        );
        let h = |a: &[&str]| hash(py, &range_of(py, a)).unwrap() as i64;
        assert_eq!(h(&["0"]), h(&["5", "5"]));
        assert_eq!(h(&["1", "2", "5"]), h(&["1", "2", "7"]));
        let one = PyTuple::from_array(py, [int(py, 1), int(py, 1), py.none()]);
        assert_eq!(
            h(&["1", "2", "5"]),
            hash(py, one.as_object()).unwrap() as i64
        );
        assert_eq!(
            h(&[
                "18446744073709551616",
                "36893488147419103232",
                "1152921504606846976"
            ]),
            634835301397578454
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["0", "20", "3"]),
                    &[int(py, 9)]
                )
            ),
            "3"
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["18446744073709551616", "36893488147419103232"]),
                    &[big(py, "18446744073709551621")]
                )
            ),
            "5"
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["0", "20", "3"]),
                    &[int(py, 10)]
                )
            ),
            "ValueError: 10 is not in range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["10"]), &int(py, -10))),
            "0"
        );
        assert_eq!(
            rr(
                py,
                getitem(
                    py,
                    &range_of(py, &["1180591620717411303424"]),
                    &big(py, "590295810358705651712")
                )
            ),
            "590295810358705651712"
        );
        let contains =
            |rg: &PyRef, x: PyRef| (rg.ob_type().slots.contains.unwrap())(py, rg, &x).unwrap();
        assert!(contains(&range_of(py, &["3"]), py.false_().into_object()));
        assert!(contains(
            &range_of(py, &["1", "2"]),
            py.true_().into_object()
        ));
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_count,
                    &range_of(py, &["5"]),
                    &[py.true_().into_object()]
                )
            ),
            "1"
        );

        // Errors.
        let new = |args: &[PyRef]| rr(py, range_new(py, Args::positional(args)));
        assert_eq!(
            new(&[int(py, 1), int(py, 2), int(py, 0)]),
            "ValueError: range() arg 3 must not be zero"
        );
        assert_eq!(
            new(&[]),
            "TypeError: range expected at least 1 argument, got 0"
        );
        assert_eq!(
            new(&[int(py, 1), int(py, 2), int(py, 3), int(py, 4)]),
            "TypeError: range expected at most 3 arguments, got 4"
        );
        assert_eq!(
            new(&[s(py, "a")]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        let huge = range_of(py, &["18446744073709551616"]);
        assert_eq!(
            err((huge.ob_type().slots.len.unwrap())(py, &huge).unwrap_err()),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        assert_eq!(
            err(
                (huge.ob_type().slots.len.unwrap())(py, &range_of(py, &["9223372036854775808"]))
                    .unwrap_err()
            ),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        assert_eq!(
            rr(py, getitem(py, &huge, &big(py, "36893488147419103232"))),
            "IndexError: range object index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["5"]), &int(py, 10))),
            "IndexError: range object index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["5"]), &s(py, "a"))),
            "TypeError: range indices must be integers or slices, not str"
        );
    });
}

#[test]
fn range_iterators() {
    with_gil(|py| {
        use oxpy_vm::objects::range::range_reversed;
        use oxpy_vm::objects::reversed::reversed_new;
        let it = |a: &[&str]| get_iter(py, &range_of(py, a)).unwrap();
        let rev = |a: &[&str]| reversed_new(py, Args::positional(&[range_of(py, a)])).unwrap();
        assert_eq!(it(&["3"]).ob_type().name(), "range_iterator");
        assert_eq!(getsizeof(&it(&["3"])), 48);
        assert_eq!(getsizeof(&it(&["18446744073709551616"])), 48);
        assert_eq!(
            it(&["-9223372036854775808", "9223372036854775807"])
                .ob_type()
                .name(),
            "longrange_iterator"
        );
        assert_eq!(
            it(&["0", "9223372036854775807"]).ob_type().name(),
            "range_iterator"
        );
        assert_eq!(
            it(&["9223372036854775808"]).ob_type().name(),
            "longrange_iterator"
        );
        assert_eq!(
            collect(py, &it(&["18446744073709551616", "18446744073709551619"])),
            "[18446744073709551616, 18446744073709551617, 18446744073709551618]"
        );
        assert_eq!(collect(py, &it(&["10", "-10", "-7"])), "[10, 3, -4]");
        assert_eq!(collect(py, &rev(&["0", "10", "3"])), "[9, 6, 3, 0]");
        assert_eq!(collect(py, &rev(&["5", "-5", "-4"])), "[-3, 1, 5]");
        let r1 = rev(&["9223372036854775800", "9223372036854775807", "3"]);
        assert_eq!(r1.ob_type().name(), "range_iterator");
        assert_eq!(
            collect(py, &r1),
            "[9223372036854775806, 9223372036854775803, 9223372036854775800]"
        );
        let r2 = rev(&["-9223372036854775808", "0", "4611686018427387904"]);
        assert_eq!(r2.ob_type().name(), "longrange_iterator");
        assert_eq!(
            collect(py, &r2),
            "[-4611686018427387904, -9223372036854775808]"
        );
        assert_eq!(
            collect(
                py,
                &rev(&[
                    "-9223372036854775808",
                    "9223372036854775807",
                    "4611686018427387904"
                ])
            ),
            "[4611686018427387904, 0, -4611686018427387904, -9223372036854775808]"
        );
        assert_eq!(
            collect(py, &rev(&["18446744073709551616", "18446744073709551619"])),
            "[18446744073709551618, 18446744073709551617, 18446744073709551616]"
        );
        assert_eq!(
            collect(
                py,
                &meth(py, range_reversed, &range_of(py, &["5"]), &[]).unwrap()
            ),
            "[4, 3, 2, 1, 0]"
        );
        let i = it(&["3"]);
        let hint = |o: &PyObject| {
            rr(
                py,
                meth(py, oxpy_vm::objects::seq_iter::length_hint_method, o, &[]),
            )
        };
        assert_eq!(hint(&i), "3");
        iter_next(py, &i).unwrap();
        assert_eq!(hint(&i), "2");
    });
}

#[test]
fn builtin_iterator_types() {
    with_gil(|py| {
        use oxpy_vm::objects::enumerate::enumerate_new;
        use oxpy_vm::objects::filter::filter_new;
        use oxpy_vm::objects::map::map_new;
        use oxpy_vm::objects::reversed::reversed_new;
        use oxpy_vm::objects::zip::zip_new;
        let abc = || PyTuple::new(py, vec![s(py, "a"), s(py, "b"), s(py, "c")]).into_object();
        let ab = || PyTuple::new(py, vec![s(py, "a"), s(py, "b")]).into_object();
        let names =
            |ns: &[&str]| -> Vec<PyRef<PyStr>> { ns.iter().map(|n| PyStr::new(py, n)).collect() };

        // Sizes.
        let e = enumerate_new(py, Args::positional(&[list(py, &[])])).unwrap();
        let z = zip_new(py, Args::positional(&[])).unwrap();
        let m = map_new(py, Args::positional(&[py.none(), list(py, &[])])).unwrap();
        let f = filter_new(py, Args::positional(&[py.none(), list(py, &[])])).unwrap();
        let rv = reversed_new(py, Args::positional(&[tuple(py, &[])])).unwrap();
        assert_eq!(
            [
                getsizeof(&e),
                getsizeof(&z),
                getsizeof(&m),
                getsizeof(&f),
                getsizeof(&rv)
            ],
            [72, 64, 48, 48, 48]
        );
        assert!(
            [&e, &z, &m, &f, &rv]
                .iter()
                .all(|o| oxpy_vm::gc::is_tracked(o))
        );

        // enumerate.
        assert_eq!(
            collect(py, &enumerate_new(py, Args::positional(&[abc()])).unwrap()),
            "[(0, 'a'), (1, 'b'), (2, 'c')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(py, Args::positional(&[ab(), int(py, 5)])).unwrap()
            ),
            "[(5, 'a'), (6, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(py, Args::positional(&[ab(), int(py, -5)])).unwrap()
            ),
            "[(-5, 'a'), (-4, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(
                    py,
                    Args::positional(&[ab(), big(py, "1180591620717411303424")])
                )
                .unwrap()
            ),
            "[(1180591620717411303424, 'a'), (1180591620717411303425, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(
                    py,
                    Args::positional(&[abc(), big(py, "9223372036854775806")])
                )
                .unwrap()
            ),
            "[(9223372036854775806, 'a'), (9223372036854775807, 'b'), (9223372036854775808, 'c')]"
        );
        let n = names(&["iterable", "start"]);
        assert_eq!(
            collect(py, &enumerate_new(py, kw(&[ab(), int(py, 1)], &n)).unwrap()),
            "[(1, 'a'), (2, 'b')]"
        );
        let en = |args: Args<'_>| rr(py, enumerate_new(py, args));
        assert_eq!(
            en(Args::positional(&[])),
            "TypeError: enumerate() missing required argument 'iterable'"
        );
        assert_eq!(
            en(Args::positional(&[int(py, 1), int(py, 2), int(py, 3)])),
            "TypeError: enumerate() takes at most 2 arguments (3 given)"
        );
        let n = names(&["x"]);
        assert_eq!(
            en(kw(&[int(py, 1)], &n)),
            "TypeError: 'x' is an invalid keyword argument for enumerate()"
        );
        let n = names(&["start"]);
        assert_eq!(
            en(kw(&[ab(), int(py, 1), int(py, 2)], &n)),
            "TypeError: enumerate() takes at most 2 arguments (3 given)"
        );
        assert_eq!(
            en(Args::positional(&[int(py, 1)])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            en(kw(&[list(py, &[]), s(py, "a")], &n)),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        // The result tuple is recycled when the caller dropped it.
        let e = enumerate_new(py, Args::positional(&[abc()])).unwrap();
        let t1 = iter_next(py, &e).unwrap().unwrap();
        let id1 = t1.as_object().as_ptr();
        drop(t1);
        let t2 = iter_next(py, &e).unwrap().unwrap();
        assert_eq!(t2.as_object().as_ptr(), id1);
        assert_eq!(r(py, &t2), "(1, 'b')");
        let t3 = iter_next(py, &e).unwrap().unwrap();
        assert_ne!(t3.as_object().as_ptr(), id1, "t2 still alive: a new tuple");

        // zip.
        assert_eq!(
            collect(
                py,
                &zip_new(py, Args::positional(&[abc(), tuple(py, &[1, 2])])).unwrap()
            ),
            "[('a', 1), ('b', 2)]"
        );
        assert_eq!(
            collect(py, &zip_new(py, Args::positional(&[])).unwrap()),
            "[]"
        );
        let strict = names(&["strict"]);
        let zs = |its: Vec<PyRef>, on: PyRef| {
            let mut v = its;
            v.push(on);
            let z = zip_new(py, kw(&v, &strict)).unwrap();
            let it = get_iter(py, &z).unwrap();
            let mut out = Vec::new();
            loop {
                match iter_next(py, &it) {
                    Ok(Some(x)) => out.push(r(py, &x)),
                    Ok(None) => return format!("[{}]", out.join(", ")),
                    Err(e) => return err(e),
                }
            }
        };
        let t = || py.true_().into_object();
        let a3 = || tuple(py, &[1, 2, 3]);
        let a2 = || tuple(py, &[1, 2]);
        let a1 = || tuple(py, &[1]);
        assert_eq!(
            zs(vec![a2(), a3(), a1()], t()),
            "ValueError: zip() argument 3 is shorter than arguments 1-2"
        );
        assert_eq!(
            zs(vec![a3(), a2(), a3(), a3()], t()),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        assert_eq!(
            zs(vec![a2(), a2(), a3()], t()),
            "ValueError: zip() argument 3 is longer than arguments 1-2"
        );
        assert_eq!(
            zs(vec![a1(), a2()], t()),
            "ValueError: zip() argument 2 is longer than argument 1"
        );
        assert_eq!(
            zs(vec![a2(), a1()], t()),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        assert_eq!(zs(vec![], t()), "[]");
        assert_eq!(zs(vec![a2()], int(py, 0)), "[(1,), (2,)]");
        let n = names(&["x"]);
        assert_eq!(
            rr(py, zip_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: 'x' is an invalid keyword argument for zip()"
        );
        assert_eq!(
            rr(py, zip_new(py, Args::positional(&[int(py, 1)]))),
            "TypeError: 'int' object is not iterable"
        );
        let z = zip_new(py, Args::positional(&[ab(), ab()])).unwrap();
        let t1 = iter_next(py, &z).unwrap().unwrap();
        let id1 = t1.as_object().as_ptr();
        drop(t1);
        assert_eq!(
            iter_next(py, &z).unwrap().unwrap().as_object().as_ptr(),
            id1
        );

        // map and filter.
        let pow = native::func(
            py,
            |py, _, a| Ok(int(py, ival(py, &a[0]).pow(ival(py, &a[1]) as u32))),
            None,
        );
        let m = map_new(
            py,
            Args::positional(&[pow, list(py, &[2, 3]), list(py, &[5, 6, 7])]),
        )
        .unwrap();
        assert_eq!(collect(py, &m), "[32, 729]");
        assert_eq!(
            rr(py, map_new(py, Args::positional(&[py.none()]))),
            "TypeError: map() must have at least two arguments."
        );
        let n = names(&["x"]);
        assert_eq!(
            rr(py, map_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: map() takes no keyword arguments"
        );
        let m = map_new(py, Args::positional(&[int(py, 1), list(py, &[1])])).unwrap();
        assert_eq!(
            err(iter_next(py, &m).unwrap_err()),
            "TypeError: 'int' object is not callable"
        );
        let mixed = PyList::from_vec(
            py,
            vec![
                int(py, 0),
                int(py, 1),
                s(py, ""),
                s(py, "a"),
                py.none(),
                list(py, &[]),
                list(py, &[1]),
            ],
        )
        .unwrap()
        .into_object();
        assert_eq!(
            collect(
                py,
                &filter_new(py, Args::positional(&[py.none(), mixed])).unwrap()
            ),
            "[1, 'a', [1]]"
        );
        let odd = native::func(
            py,
            |py, _, a| Ok(py.bool(ival(py, &a[0]) % 2 == 1).into_object()),
            None,
        );
        assert_eq!(
            collect(
                py,
                &filter_new(py, Args::positional(&[odd, range_list(py, 7)])).unwrap()
            ),
            "[1, 3, 5]"
        );
        assert_eq!(
            rr(py, filter_new(py, Args::positional(&[py.none()]))),
            "TypeError: filter expected 2 arguments, got 1"
        );
        assert_eq!(
            rr(py, filter_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: filter() takes no keyword arguments"
        );

        // reversed.
        let rv = reversed_new(py, Args::positional(&[tuple(py, &[1, 2, 3])])).unwrap();
        assert_eq!(rv.ob_type().name(), "reversed");
        let hint = |o: &PyObject| {
            rr(
                py,
                meth(py, oxpy_vm::objects::seq_iter::length_hint_method, o, &[]),
            )
        };
        assert_eq!(hint(&rv), "3");
        assert_eq!(r(py, &iter_next(py, &rv).unwrap().unwrap()), "3");
        assert_eq!(hint(&rv), "2");
        assert_eq!(collect(py, &rv), "[2, 1]");
        assert_eq!(hint(&rv), "0");
        let lr = reversed_new(py, Args::positional(&[range_list(py, 3)])).unwrap();
        assert_eq!(
            (lr.ob_type().name(), collect(py, &lr)),
            ("list_reverseiterator", "[2, 1, 0]".into())
        );
        assert_eq!(
            rr(py, reversed_new(py, Args::positional(&[int(py, 5)]))),
            "TypeError: 'int' object is not reversible"
        );
        assert_eq!(
            rr(
                py,
                reversed_new(py, Args::positional(&[list(py, &[]), int(py, 1)]))
            ),
            "TypeError: reversed expected 1 argument, got 2"
        );
        assert_eq!(
            rr(py, reversed_new(py, Args::positional(&[]))),
            "TypeError: reversed expected 1 argument, got 0"
        );
        assert_eq!(
            rr(py, reversed_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: reversed() takes no keyword arguments"
        );
    });
}

#[test]
fn sorted_and_recursive_reprs() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::sorted_new;
        let rev = vec![PyStr::new(py, "reverse")];
        let x = vec![PyStr::new(py, "x")];
        let key = vec![PyStr::new(py, "key")];
        let sorted = |args: Args<'_>| rr(py, sorted_new(py, args));
        assert_eq!(
            sorted(Args::positional(&[])),
            "TypeError: sorted expected 1 argument, got 0"
        );
        assert_eq!(
            sorted(Args::positional(&[list(py, &[]), list(py, &[])])),
            "TypeError: sorted expected 1 argument, got 2"
        );
        assert_eq!(
            sorted(kw(&[list(py, &[3, 1, 2]), py.true_().into_object()], &rev)),
            "[3, 2, 1]"
        );
        assert_eq!(
            sorted(kw(&[tuple(py, &[3, 1, 2]), py.none()], &key)),
            "[1, 2, 3]"
        );
        assert_eq!(
            sorted(Args::positional(&[int(py, 1)])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            sorted(kw(&[list(py, &[]), int(py, 1)], &x)),
            "TypeError: 'x' is an invalid keyword argument for sort()"
        );
        let s = sorted_new(py, Args::positional(&[tuple(py, &[3, 1, 2])])).unwrap();
        assert_eq!(getsizeof(&s), 88);
        let rg = oxpy_vm::objects::range::range_new(py, Args::positional(&[int(py, 5)])).unwrap();
        assert_eq!(
            getsizeof(&sorted_new(py, Args::positional(&[rg])).unwrap()),
            104
        );

        let l = list(py, &[1]);
        meth(py, lm::list_append, &l, std::slice::from_ref(&l)).unwrap();
        assert_eq!(r(py, &l), "[1, [...]]");
        // Break the cycle so the test does not leak it.
        meth(py, lm::list_clear, &l, &[]).unwrap();
    });
}

/// Values whose `<` is recorded, to compare the sequence of comparisons `sort` makes with
/// CPython's (a class with a recording `__lt__` in the Python script).
mod recorded {
    use oxpy_vm::object::PyObject;
    use oxpy_vm::object::alloc::{alloc_object, free_object};
    use oxpy_vm::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};
    use oxpy_vm::{PyRef, PyResult, Python};
    use std::cell::RefCell;
    use std::ptr::NonNull;

    thread_local! {
        pub static CALLS: RefCell<Vec<(i64, i64)>> = const { RefCell::new(Vec::new()) };
        /// Raise `ValueError` on this call (1-based; 0 = never).
        pub static LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[repr(C)]
    struct Rec {
        header: [usize; 2],
        v: i64,
    }

    fn value(o: &PyObject) -> i64 {
        // SAFETY: only `rec` objects reach these slots.
        unsafe { (*(o as *const PyObject as *const Rec)).v }
    }

    fn richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
        assert_eq!(op, CompareOp::Lt);
        let (x, y) = (value(a), value(b));
        let n = CALLS.with(|c| {
            c.borrow_mut().push((x, y));
            c.borrow().len()
        });
        if n == LIMIT.with(|l| l.get()) {
            return Err(oxpy_vm::PyErr::value_error("boom"));
        }
        Ok(py.bool(x < y).into_object())
    }

    unsafe fn dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
        // SAFETY: a dead rec object owns nothing.
        unsafe { free_object(py, obj, size_of::<Rec>()) }
    }

    /// Objects with values `vs`, all of one new type.
    pub fn values(py: Python<'_>, vs: &[i64]) -> Vec<PyRef> {
        let spec = TypeSpec {
            methods: &[],
            name: "C",
            basicsize: 24,
            itemsize: 0,
            flags: 0,
            slots: TypeSlots {
                richcompare: Some(richcompare),
                ..TypeSlots::new(dealloc)
            },
        };
        let ty = PyType::new_native(py, py.types().object(), spec);
        let ty: &'static PyType =
            unsafe { &*(std::mem::ManuallyDrop::new(ty).as_non_null().as_ptr()) };
        vs.iter()
            .map(|&v| {
                // SAFETY: the value is written right after allocation.
                unsafe {
                    let p = alloc_object(py, ty, size_of::<Rec>()).cast::<Rec>();
                    std::ptr::addr_of_mut!((*p.as_ptr()).v).write(v);
                    PyRef::from_raw(p.cast())
                }
            })
            .collect()
    }

    /// `(number of calls, checksum of the call sequence)` as the Python script computes it.
    pub fn value_of(o: &PyObject) -> i64 {
        value(o)
    }

    pub fn take() -> (usize, u64) {
        let calls = CALLS.with(|c| std::mem::take(&mut *c.borrow_mut()));
        let m: u128 = (1 << 61) - 1;
        let mut cs: u128 = 0;
        for (i, (a, b)) in calls.iter().enumerate() {
            cs = (cs * 1000003 + (*a as u128) * 7919 + *b as u128 + i as u128) % m;
        }
        (calls.len(), cs as u64)
    }
}

fn lcg(n: usize, m: i64, seed: i64) -> Vec<i64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = (x * 1103515245 + 12345) % (1 << 31);
            x % m
        })
        .collect()
}

#[test]
fn sort_makes_cpythons_comparisons() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        let mut asc_desc: Vec<i64> = (0..500).collect();
        asc_desc.extend((1..=500).rev());
        asc_desc.extend(lcg(300, 50, 42));
        let runs: Vec<i64> = lcg(60, 100, 7)
            .iter()
            .flat_map(|i| (0..40).map(move |j| i * 3 + j))
            .collect();
        type Calls = (usize, u64);
        let sets: Vec<(&str, Vec<i64>, Calls, Calls)> = vec![
            (
                "lcg300",
                lcg(300, 100, 42),
                (2084, 43655171158077470),
                (2077, 854607325102776166),
            ),
            (
                "lcg2000",
                lcg(2000, 1000, 42),
                (19230, 1035421362534557343),
                (19281, 1500911230486984407),
            ),
            (
                "lcg5000_dups",
                lcg(5000, 10, 42),
                (35317, 1378087491133398149),
                (35378, 1910098796030988321),
            ),
            (
                "asc_desc",
                asc_desc,
                (4763, 2291132377634654730),
                (4735, 1288756421442458644),
            ),
            (
                "runs",
                runs,
                (11316, 1389830850125114226),
                (11147, 1257874559962777074),
            ),
            (
                "small",
                lcg(50, 20, 42),
                (221, 475191854717298470),
                (215, 1042929660336670017),
            ),
        ];
        let rev = vec![PyStr::new(py, "reverse")];
        for (name, data, fwd, back) in sets {
            for (reverse, want) in [(false, fwd), (true, back)] {
                let l = PyList::from_vec(py, recorded::values(py, &data))
                    .unwrap()
                    .into_object();
                let flag = [py.bool(reverse).into_object()];
                list_sort(py, &l, kw(&flag, &rev)).unwrap();
                assert_eq!(recorded::take(), want, "{name} reverse={reverse}");
            }
        }
    });
}

#[test]
fn sort_error_leaves_cpythons_partial_order() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        for (limit, want) in [
            (50, 991360370i64),
            (1000, 992854744),
            (5000, 1011593521),
            (15000, 1101800452),
        ] {
            recorded::LIMIT.with(|l| l.set(limit));
            let l = PyList::from_vec(py, recorded::values(py, &lcg(2000, 1000, 42))).unwrap();
            let e = list_sort(py, l.as_object(), Args::positional(&[])).unwrap_err();
            assert_eq!(err(e), "ValueError: boom");
            recorded::LIMIT.with(|l| l.set(0));
            recorded::take();
            let got: i64 = (0..l.len())
                .map(|i| i as i64 * recorded::value_of(&l.get(i).unwrap()))
                .sum();
            assert_eq!(got, want, "error at comparison {limit}");
        }
    });
}
