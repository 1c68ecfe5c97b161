//! `sys.getsizeof`, hashes, reprs and comparisons of the builtin types; every expected value was
//! recorded from python3 3.11.7 (see cpython-rules.md 1.2–1.7, 2.1, 7.2).

use num_bigint::BigInt;
use oxpy_vm::object::protocol::{getsizeof, hash, repr, rich_compare, rich_compare_bool};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::cell::PyCell;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::object::new_object;
use oxpy_vm::objects::str::{PyStr, intern, intern_text};
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::{PyRef, Python, with_gil};

fn big(py: Python<'_>, text: &str) -> PyRef {
    let v: BigInt = text.parse().unwrap();
    PyInt::from_bigint(py, v).into_object()
}

fn pow(base: u32, exp: u32) -> String {
    BigInt::from(base).pow(exp).to_string()
}

#[test]
fn fixed_sizes() {
    with_gil(|py| {
        assert_eq!(getsizeof(&py.none()), 16);
        assert_eq!(getsizeof(&py.ellipsis()), 16);
        assert_eq!(getsizeof(&py.not_implemented()), 16);
        assert_eq!(getsizeof(py.true_().as_object()), 28);
        assert_eq!(getsizeof(py.false_().as_object()), 28);
        assert_eq!(getsizeof(PyFloat::new(py, 1.5).as_object()), 24);
        assert_eq!(getsizeof(&new_object(py)), 16);
        assert_eq!(getsizeof(py.types().int().as_object()), 424);
        assert_eq!(getsizeof(py.types().type_().as_object()), 424);
        assert_eq!(getsizeof(PyCell::new(py, None).as_object()), 40);
    });
}

#[test]
fn int_sizes_by_digit_count() {
    with_gil(|py| {
        let two30 = pow(2, 30);
        let two60 = pow(2, 60);
        let two90 = pow(2, 90);
        let minus1 = |s: &str| (s.parse::<BigInt>().unwrap() - BigInt::from(1)).to_string();
        let cases: Vec<(String, usize)> = vec![
            ("0".into(), 28),
            ("1".into(), 28),
            ("-1".into(), 28),
            (minus1(&two30), 28),
            (two30.clone(), 32),
            (format!("-{two30}"), 32),
            (minus1(&two60), 32),
            (two60.clone(), 36),
            (minus1(&two90), 36),
            (two90.clone(), 40),
            (pow(10, 100), 72),
        ];
        for (text, size) in cases {
            assert_eq!(getsizeof(&big(py, &text)), size, "{text}");
        }
    });
}

#[test]
fn str_sizes_by_kind() {
    with_gil(|py| {
        let cases = [
            ("", 49),
            ("a", 50),
            (&*"abc".repeat(10), 79),
            ("\u{e9}", 74),
            ("h\u{e9}llo", 78),
            ("\u{100}", 76),
            ("\u{65e5}\u{672c}", 78),
            ("\u{1F600}", 80),
            ("a\u{1F600}", 84),
        ];
        for (s, size) in cases {
            assert_eq!(getsizeof(PyStr::new(py, s).as_object()), size, "{s:?}");
        }
    });
}

#[test]
fn bytes_tuple_list_sizes() {
    with_gil(|py| {
        assert_eq!(getsizeof(PyBytes::new(py, b"").as_object()), 33);
        assert_eq!(getsizeof(PyBytes::new(py, b"abc").as_object()), 36);
        assert_eq!(getsizeof(PyBytes::new(py, &[0; 100]).as_object()), 133);
        assert_eq!(getsizeof(PyTuple::new(py, vec![]).as_object()), 40);
        let one = || PyInt::new(py, 1).into_object();
        assert_eq!(getsizeof(PyTuple::new(py, vec![one()]).as_object()), 48);
        assert_eq!(
            getsizeof(PyTuple::new(py, vec![one(), one(), one()]).as_object()),
            64
        );
        assert_eq!(getsizeof(PyList::new_empty(py).as_object()), 56);
        // `[f, f, f]`: exact build → 80.
        assert_eq!(
            getsizeof(
                PyList::from_vec(py, vec![one(), one(), one()])
                    .unwrap()
                    .as_object()
            ),
            80
        );
        // Appending one at a time: the reallocation points of cpython-rules 1.7.
        let l = PyList::new_empty(py);
        let mut points = Vec::new();
        let mut last = getsizeof(l.as_object());
        for n in 1..=100 {
            l.append(one()).unwrap();
            let s = getsizeof(l.as_object());
            if s != last {
                points.push((n, l.capacity(), s));
                last = s;
            }
        }
        let expected = [
            (1, 4, 88),
            (5, 8, 120),
            (9, 16, 184),
            (17, 24, 248),
            (25, 32, 312),
            (33, 40, 376),
            (41, 52, 472),
            (53, 64, 568),
            (65, 76, 664),
            (77, 92, 792),
            (93, 108, 920),
        ];
        assert_eq!(points, expected);
        // `l = [1]; l.pop()` → 64 (buffer kept); popping 5 items from `[1,2,3,4,5]` → 56 with a
        // zero-size buffer still attached; `clear()` → 56 and no buffer.
        let l = PyList::from_vec(py, vec![one()]).unwrap();
        drop(l.pop(0).unwrap());
        assert_eq!(getsizeof(l.as_object()), 64);
        let l = PyList::from_vec(py, (0..5).map(|_| one()).collect()).unwrap();
        for _ in 0..5 {
            drop(l.pop(l.len() - 1).unwrap());
        }
        assert_eq!(getsizeof(l.as_object()), 56);
        assert!(l.has_buffer());
        l.clear();
        assert_eq!(getsizeof(l.as_object()), 56);
        assert!(!l.has_buffer());
    });
}

#[test]
fn list_mutations_and_errors() {
    with_gil(|py| {
        let i = |v: i64| PyInt::new(py, v).into_object();
        let l = PyList::from_vec(py, vec![i(1), i(2), i(3), i(4)]).unwrap();
        l.insert(1, i(9)).unwrap();
        assert_eq!(repr_of(py, &l.clone().into_object()), "[1, 9, 2, 3, 4]");
        assert_eq!(getsizeof(l.as_object()), 120);
        let e = PyList::new_empty(py);
        assert_eq!(
            e.pop(0).unwrap_err().message().unwrap_or_default(),
            "pop from empty list"
        );
        let one = PyList::from_vec(py, vec![i(1)]).unwrap();
        assert_eq!(
            one.pop(5).unwrap_err().message().unwrap_or_default(),
            "pop index out of range"
        );
        assert_eq!(
            one.set(5, i(1)).unwrap_err().message().unwrap_or_default(),
            "list assignment index out of range"
        );
    });
}

#[test]
fn numeric_hashes() {
    with_gil(|py| {
        let h = |o: PyRef| hash(py, &o).unwrap();
        assert_eq!(h(big(py, "-1")), -2);
        assert_eq!(h(big(py, "-2")), -2);
        assert_eq!(
            h(big(
                py,
                &(pow(2, 61).parse::<BigInt>().unwrap() - BigInt::from(1)).to_string()
            )),
            0
        );
        assert_eq!(h(big(py, &pow(2, 61))), 1);
        assert_eq!(h(big(py, &format!("-{}", pow(2, 61)))), -2);
        assert_eq!(h(big(py, &pow(10, 30))), 465258685558744706);
        let f = |v: f64| hash(py, PyFloat::new(py, v).as_object()).unwrap();
        assert_eq!(f(0.5), 1152921504606846976);
        assert_eq!(f(2.0), 2);
        assert_eq!(f(-0.0), 0);
        assert_eq!(f(1.5), 1152921504606846977);
        assert_eq!(f(1e300), 1224995262755759164);
        assert_eq!(f(-2.5e-300), -52920977297143526);
        assert_eq!(f(f64::INFINITY), 314159);
        assert_eq!(f(f64::NEG_INFINITY), -314159);
        assert_eq!(f(5e-324), 16777216);
        assert_eq!(hash(py, py.true_().as_object()).unwrap(), 1);
        let one = PyInt::new(py, 1).into_object();
        let two = PyInt::new(py, 2).into_object();
        let t12 = PyTuple::new(py, vec![one.clone(), two.clone()]);
        assert_eq!(hash(py, t12.as_object()).unwrap(), -3550055125485641917);
        assert_eq!(
            hash(py, PyTuple::new(py, vec![]).as_object()).unwrap(),
            5740354900026072187
        );
        let inner = PyTuple::new(py, vec![two, PyInt::new(py, 3).into_object()]).into_object();
        let nested = PyTuple::new(py, vec![one, inner]);
        assert_eq!(hash(py, nested.as_object()).unwrap(), 7267574591690527098);
        let err = hash(py, PyList::new_empty(py).as_object()).unwrap_err();
        assert_eq!(err.message().unwrap_or_default(), "unhashable type: 'list'");
    });
}

fn repr_of(py: Python<'_>, o: &PyRef) -> String {
    repr(py, o).unwrap().to_string_lossy()
}

#[test]
fn float_reprs() {
    with_gil(|py| {
        let cases = [
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (1e-05, "1e-05"),
            (2.5e-07, "2.5e-07"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1e22, "1e+22"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (100.0, "100.0"),
            (0.5, "0.5"),
        ];
        for (v, text) in cases {
            assert_eq!(repr_of(py, &PyFloat::new(py, v).into_object()), text);
        }
    });
}

#[test]
fn str_bytes_container_reprs() {
    with_gil(|py| {
        let s = |t: &str| repr_of(py, &PyStr::new(py, t).into_object());
        assert_eq!(s("it's"), "\"it's\"");
        assert_eq!(s("a\"b"), "'a\"b'");
        assert_eq!(s("both ' and \""), "'both \\' and \"'");
        assert_eq!(s("tab\t\n\r\\"), "'tab\\t\\n\\r\\\\'");
        let weird = [
            0x0, 0x7f, 0x80, 0xa0, 0xad, 0x2028, 0x1F600, 0xd800, 0xe9, 0x65e5,
        ];
        let w = PyStr::from_code_points(py, &weird).unwrap().into_object();
        assert_eq!(
            repr_of(py, &w),
            "'\\x00\\x7f\\x80\\xa0\\xad\\u2028\u{1F600}\\ud800\u{e9}\u{65e5}'"
        );
        let b = |d: &[u8]| repr_of(py, &PyBytes::new(py, d).into_object());
        assert_eq!(b(b"it's"), "b\"it's\"");
        assert_eq!(b(b"\x00\xff\"'"), "b'\\x00\\xff\"\\''");
        assert_eq!(b(b"a\tb\\"), "b'a\\tb\\\\'");
        let items = vec![
            PyInt::new(py, 1).into_object(),
            PyStr::new(py, "a").into_object(),
            py.none(),
            PyTuple::new(py, vec![PyInt::new(py, 1).into_object()]).into_object(),
            PyTuple::new(py, vec![]).into_object(),
            py.true_().into_object(),
            PyFloat::new(py, 1.5).into_object(),
            PyBytes::new(py, b"x").into_object(),
        ];
        let l = PyList::from_vec(py, items).unwrap().into_object();
        assert_eq!(repr_of(py, &l), "[1, 'a', None, (1,), (), True, 1.5, b'x']");
        let rec = PyList::from_vec(py, vec![PyInt::new(py, 1).into_object()]).unwrap();
        rec.append(rec.clone().into_object()).unwrap();
        assert_eq!(repr_of(py, &rec.clone().into_object()), "[1, [...]]");
        rec.clear(); // break the cycle
    });
}

#[test]
fn comparisons() {
    with_gil(|py| {
        let i = |v: i64| PyInt::new(py, v).into_object();
        let t = |v: Vec<PyRef>| PyTuple::new(py, v).into_object();
        assert!(
            rich_compare_bool(
                py,
                &t(vec![i(1), i(2)]),
                &t(vec![i(1), i(3)]),
                CompareOp::Lt
            )
            .unwrap()
        );
        assert!(
            rich_compare_bool(
                py,
                &t(vec![i(1), i(2)]),
                &t(vec![i(1), i(2), i(0)]),
                CompareOp::Lt
            )
            .unwrap()
        );
        let l1 = PyList::from_vec(py, vec![i(1), i(2)])
            .unwrap()
            .into_object();
        let l2 = PyList::from_vec(py, vec![i(1), i(2)])
            .unwrap()
            .into_object();
        assert!(rich_compare_bool(py, &l1, &l2, CompareOp::Eq).unwrap());
        assert!(
            rich_compare_bool(
                py,
                &i(1),
                &PyFloat::new(py, 1.0).into_object(),
                CompareOp::Eq
            )
            .unwrap()
        );
        let two70 = big(py, &pow(2, 70));
        assert!(
            rich_compare_bool(
                py,
                &two70,
                &PyFloat::new(py, 1e20).into_object(),
                CompareOp::Gt
            )
            .unwrap()
        );
        let p53 = big(
            py,
            &(pow(2, 53).parse::<BigInt>().unwrap() + BigInt::from(1)).to_string(),
        );
        assert!(
            rich_compare_bool(
                py,
                &p53,
                &PyFloat::new(py, 2f64.powi(53)).into_object(),
                CompareOp::Gt
            )
            .unwrap()
        );
        let b = PyStr::new(py, "b").into_object();
        let a_emoji = PyStr::new(py, "a\u{1F600}").into_object();
        assert!(rich_compare_bool(py, &b, &a_emoji, CompareOp::Gt).unwrap());
        let err =
            rich_compare(py, &i(1), &PyStr::new(py, "a").into_object(), CompareOp::Lt).unwrap_err();
        assert_eq!(
            err.message().unwrap_or_default(),
            "'<' not supported between instances of 'int' and 'str'"
        );
        let err = rich_compare(
            py,
            &PyList::new_empty(py).into_object(),
            &i(1),
            CompareOp::Lt,
        )
        .unwrap_err();
        assert_eq!(
            err.message().unwrap_or_default(),
            "'<' not supported between instances of 'list' and 'int'"
        );
    });
}

#[test]
fn interning_is_mortal() {
    with_gil(|py| {
        let a = intern_text(py, "hello_world_interned");
        let b = intern(py, PyStr::new(py, "hello_world_interned"));
        assert!(a.is(&b));
        assert!(a.is_interned());
        let c = PyStr::new(py, "hello_world_interned");
        assert!(!c.is(&a));
        assert_eq!(a.refcnt(), 2);
        let before = py.interp().interned_count();
        drop((a, b));
        assert_eq!(py.interp().interned_count(), before - 1);
        let d = intern(py, c.clone());
        assert!(d.is(&c));
    });
}
