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
        // Allocations beyond the address space fail cleanly (python3: MemoryError).
        let two44 = big(py, "17592186044416");
        assert_eq!(
            rr(py, binop(py, BinOp::Multiply, &range_list(py, 1), &two44)),
            "MemoryError"
        );
        assert_eq!(
            rr(py, binop(py, BinOp::Multiply, &tuple(py, &[0]), &two44)),
            "MemoryError"
        );
        let l = range_list(py, 1);
        assert_eq!(
            rr(py, lm::list_inplace_repeat(py, &l, &two44)),
            "MemoryError"
        );
        assert_eq!((r(py, &l), getsizeof(&l)), ("[0]".into(), 64));

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
        // `remove`/`del` of the last item free the buffer (exact pre-allocation on the next
        // extend); `pop` keeps a zero-size buffer (the resize rule applies).
        let l = range_list(py, 1);
        meth(py, lm::list_remove, &l, &[int(py, 0)]).unwrap();
        meth(py, lm::list_extend, &l, &[list(py, &[1, 2, 3])]).unwrap();
        assert_eq!(getsizeof(&l), 88);
        let l = range_list(py, 1);
        setitem(py, &l, &int(py, 0), None).unwrap();
        meth(py, lm::list_extend, &l, &[list(py, &[1, 2, 3])]).unwrap();
        assert_eq!(getsizeof(&l), 88);
        let l = range_list(py, 1);
        meth(py, lm::list_pop, &l, &[]).unwrap();
        meth(py, lm::list_extend, &l, &[list(py, &[1, 2, 3])]).unwrap();
        assert_eq!(getsizeof(&l), 120);
        let l = range_list(py, 4);
        setitem(py, &l, &sl(py, None, None, Some(-1)), Some(l.clone())).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[3, 2, 1, 0]".into(), 88));
        setitem(py, &l, &sl(py, None, None, None), Some(l.clone())).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[3, 2, 1, 0]".into(), 88));
        meth(py, lm::list_init, &l, &[tuple(py, &[7, 8])]).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[7, 8]".into(), 72));
        meth(py, lm::list_init, &l, &[]).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[]".into(), 56));

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

#[path = "objects_seq/iterators.rs"]
mod iterators;
#[path = "objects_seq/sort.rs"]
mod sort;

#[test]
fn free_lists_bypass_gc_counts() {
    use oxpy_vm::objects::free_list::{
        clear_free_lists, free_count, free_lists_enabled, set_free_lists_enabled,
    };
    // Each test binary is its own process; every test thread has its own free lists.
    set_free_lists_enabled(true);
    assert!(free_lists_enabled());
    with_gil(|py| {
        clear_free_lists(py);
        let count = || py.interp().gc.counts().0;
        let c0 = count();
        // Python: `x = [[] for i in range(100)]` counts 100 (+ the outer list) ...
        let lists: Vec<PyRef> = (0..101)
            .map(|_| PyList::new_empty(py).into_object())
            .collect();
        assert_eq!(count() - c0, 101);
        // ... `del x` lowers the count by 21: 80 lists go to the free list.
        drop(lists);
        assert_eq!(count() - c0, 80);
        assert_eq!(free_count(py, 0), 80);
        // ... and `[[] for i in range(50)]` then counts 0.
        let lists: Vec<PyRef> = (0..51)
            .map(|_| PyList::new_empty(py).into_object())
            .collect();
        assert_eq!(count() - c0, 80);
        assert_eq!(free_count(py, 0), 29);
        drop(lists);
        // Tuples: `for i in range(100): t = tuple(l)` right after `gc.collect()` counts 2 for
        // len(l) = 5 (two tuples alternate through the free list), 1 for 21 (no free list) and
        // 100 for 20 (3.11 pushes 20-tuples on a free list it never pops).
        let c1 = count();
        for n in [5, 20, 21] {
            let before = count();
            let mut t = PyTuple::new(py, vec![]).into_object();
            for _ in 0..100 {
                t = PyTuple::new(py, (0..n).map(|i| int(py, i)).collect()).into_object();
            }
            let grew = count() - before;
            drop(t);
            let want = match n {
                5 => 2,
                20 => 100,
                _ => 1,
            };
            assert_eq!(grew, want, "tuples of length {n}");
        }
        assert!(count() > c1);
        clear_free_lists(py);
        assert_eq!(free_count(py, 0), 0);
        assert_eq!(free_count(py, 20), 0);
        assert_eq!(count(), c0);

        // The one-slice cache: a dead slice is kept (still counted) and reused uncounted; the
        // generation-2 clearing keeps it.
        use oxpy_vm::objects::free_list::SLICE_CACHE;
        let a = sl(py, Some(1), None, None);
        let c_a = count();
        drop(a);
        assert_eq!((count(), free_count(py, SLICE_CACHE)), (c_a, 1));
        let b = sl(py, Some(2), None, None);
        assert_eq!((count(), free_count(py, SLICE_CACHE)), (c_a, 0));
        let c = sl(py, Some(3), None, None);
        assert_eq!(count(), c_a + 1);
        drop((b, c));
        assert_eq!((count(), free_count(py, SLICE_CACHE)), (c_a, 1));
        clear_free_lists(py);
        assert_eq!(free_count(py, SLICE_CACHE), 1);
    });
}

/// Every `l[a:b:c]`, `del l[a:b:c]` and `l[a:b:c] = range(100, 100 + n)` on `list(range(8))[:]`
/// over a grid of bounds and steps, with the resulting `getsizeof` (fixtures/seq/slices.txt,
/// generated by gen_slices.py under python3).
#[test]
fn slice_grid_matches_python() {
    let text = include_str!("fixtures/seq/slices.txt");
    with_gil(|py| {
        let parse = |t: &str| -> Option<i64> { (t != "N").then(|| t.parse().unwrap()) };
        let mut checked = 0;
        for line in text.lines() {
            let (lhs, want) = line.split_once(" -> ").unwrap();
            let f: Vec<&str> = lhs.split(' ').collect();
            let key = sl(py, parse(f[1]), parse(f[2]), parse(f[3]));
            let l = range_list(py, 8);
            let got = match f[0] {
                "get" => {
                    let v = getitem(py, &l, &key).unwrap();
                    format!("{} {}", r(py, &v), getsizeof(&v))
                }
                "del" => {
                    setitem(py, &l, &key, None).unwrap();
                    format!("{} {}", r(py, &l), getsizeof(&l))
                }
                _ => {
                    let n: i64 = f[4].parse().unwrap();
                    let v = list(py, &(100..100 + n).collect::<Vec<_>>());
                    match setitem(py, &l, &key, Some(v)) {
                        Ok(()) => format!("{} {}", r(py, &l), getsizeof(&l)),
                        Err(e) => err(e),
                    }
                }
            };
            assert_eq!(got, want, "{lhs}");
            checked += 1;
        }
        assert_eq!(checked, 3402);
    });
}

/// A 3,000-step pseudo-random walk of list operations (append, pop, insert, extend from a
/// list/tuple/range, remove, slice assignment and deletion, `*=`, clear, sort, extended-slice
/// deletion) replayed against python3's recorded contents and `getsizeof` after every step
/// (fixtures/seq/ops.txt, generated by gen_ops.py).
#[test]
fn list_operation_walk_matches_python() {
    let text = include_str!("fixtures/seq/ops.txt");
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        use oxpy_vm::objects::range::range_new;
        let l = PyList::new_empty(py).into_object();
        let seq = |n: i64| (0..n).collect::<Vec<_>>();
        for line in text.lines() {
            let (lhs, want) = line.split_once(" -> ").unwrap();
            let f: Vec<&str> = lhs.split(' ').collect();
            let a = |i: usize| -> i64 { f[i].parse().unwrap() };
            let res: PyResult<()> = match f[0] {
                "append" => meth(py, lm::list_append, &l, &[int(py, a(1))]).map(drop),
                "pop" => meth(py, lm::list_pop, &l, &[]).map(drop),
                "popi" => meth(py, lm::list_pop, &l, &[int(py, a(1))]).map(drop),
                "insert" => {
                    meth(py, lm::list_insert, &l, &[int(py, a(1)), int(py, a(2))]).map(drop)
                }
                "extendl" => meth(py, lm::list_extend, &l, &[list(py, &seq(a(1)))]).map(drop),
                "extendt" => meth(py, lm::list_extend, &l, &[tuple(py, &seq(a(1)))]).map(drop),
                "extendr" => {
                    let rg = range_new(py, Args::positional(&[int(py, a(1))])).unwrap();
                    meth(py, lm::list_extend, &l, &[rg]).map(drop)
                }
                "remove" => meth(py, lm::list_remove, &l, &[int(py, a(1))]).map(drop),
                "setslice" => {
                    let v = list(py, &seq(a(3)));
                    setitem(py, &l, &sl(py, Some(a(1)), Some(a(2)), None), Some(v))
                }
                "delslice" => setitem(py, &l, &sl(py, Some(a(1)), Some(a(2)), None), None),
                "imul" => lm::list_inplace_repeat(py, &l, &int(py, a(1))).map(drop),
                "clear" => meth(py, lm::list_clear, &l, &[]).map(drop),
                "sort" => list_sort(py, &l, Args::positional(&[])).map(drop),
                "delstep" => setitem(py, &l, &sl(py, Some(a(1)), None, Some(a(2))), None),
                other => panic!("unknown op {other}"),
            };
            let got = match res {
                Ok(()) => format!("{} {}", r(py, &l), getsizeof(&l)),
                Err(e) => err(e),
            };
            assert_eq!(got, want, "{lhs}");
        }
    });
}

#[test]
fn inplace_wrappers_and_tuple_basics() {
    with_gil(|py| {
        let e = || PyList::new_empty(py).into_object();
        assert_eq!(
            rr(py, meth(py, lm::list_iadd_method, &e(), &[int(py, 1)])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            rr(py, meth(py, lm::list_imul_method, &e(), &[s(py, "a")])),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            rr(py, meth(py, lm::list_iadd_method, &e(), &[])),
            "TypeError: expected 1 argument, got 0"
        );
        assert_eq!(
            rr(
                py,
                meth(py, lm::list_imul_method, &list(py, &[1]), &[int(py, 2)])
            ),
            "[1, 1]"
        );
        let x = vec![PyStr::new(py, "x")];
        assert_eq!(
            rr(py, lm::list_iadd_method(py, &e(), kw(&[int(py, 1)], &x))),
            "TypeError: wrapper __iadd__() takes no keyword arguments"
        );
        // `l *= 'a'` (the operator) words it differently from `l.__imul__('a')`.
        assert_eq!(
            rr(py, lm::list_inplace_repeat(py, &e(), &s(py, "a"))),
            "TypeError: can't multiply sequence by non-int of type 'str'"
        );
        assert_eq!(r(py, &tuple(py, &[1])), "(1,)");
        assert_eq!(
            hash(py, &tuple(py, &[1, 2])).unwrap() as i64,
            -3550055125485641917
        );
        assert_eq!(getsizeof(&tuple(py, &[1, 2, 3])), 64);
    });
}
