//! `str`, `bytes` and `bytearray` behaviour against python3 3.11.7: every case in
//! `fixtures/strbytes/cases.txt` was recorded by `gen_cases.py` (results, messages, getsizeof of
//! resulting strings and whether the result is the receiver itself).

use num_bigint::BigInt;
use oxpy_vm::object::protocol::{format, getsizeof, repr, rich_compare, str_};
use oxpy_vm::object::{Args, PyObject};
use oxpy_vm::objects::bytearray::{
    PyByteArray, bytearray_concat, bytearray_from_object, bytearray_getslice,
};
use oxpy_vm::objects::bytes::{
    PyBytes, bytes_concat, bytes_from_object, bytes_fromhex, bytes_getslice,
};
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::{PyStr, str_concat, str_getslice};
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::ops::BinOp;
use oxpy_vm::{PyErr, PyRef, PyResult, Python, with_gil};

enum Arg {
    Pos(PyRef),
    Kw(String, PyRef),
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn value(py: Python<'_>, text: &str) -> Arg {
    let (tag, rest) = text.split_once(':').unwrap();
    let v = match tag {
        "k" => {
            let (name, v) = rest.split_once('=').unwrap();
            let Arg::Pos(v) = value(py, v) else { panic!() };
            return Arg::Kw(name.to_owned(), v);
        }
        "s" => {
            let cps: Vec<u32> = if rest.is_empty() {
                vec![]
            } else {
                rest.split('.')
                    .map(|h| u32::from_str_radix(h, 16).unwrap())
                    .collect()
            };
            PyStr::from_cps(py, &cps).into_object()
        }
        "b" => PyBytes::new(py, &hex_bytes(rest)).into_object(),
        "ba" => PyByteArray::new(py, &hex_bytes(rest))
            .unwrap()
            .into_object(),
        "i" => PyInt::from_bigint(py, rest.parse::<BigInt>().unwrap()).into_object(),
        "f" => PyFloat::new(py, rest.parse::<f64>().unwrap()).into_object(),
        "n" => py.none(),
        "T" => py.true_().into_object(),
        "F" => py.false_().into_object(),
        "t" | "l" => {
            let items: Vec<PyRef> = if rest.is_empty() {
                vec![]
            } else {
                rest.split('|')
                    .map(|x| match value(py, x) {
                        Arg::Pos(v) => v,
                        Arg::Kw(..) => panic!(),
                    })
                    .collect()
            };
            if tag == "t" {
                PyTuple::new(py, items).into_object()
            } else {
                PyList::from_vec(py, items).unwrap().into_object()
            }
        }
        _ => panic!("bad value {text}"),
    };
    Arg::Pos(v)
}

fn is_ni(py: Python<'_>, r: &PyRef) -> bool {
    r.is(&py.not_implemented())
}

fn binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if let Some(f) = a.ob_type().slots.binop {
        let r = f(py, op, a, b)?;
        if !is_ni(py, &r) {
            return Ok(r);
        }
    }
    if !std::ptr::eq(a.ob_type(), b.ob_type())
        && let Some(f) = b.ob_type().slots.binop
    {
        let r = f(py, op, a, b)?;
        if !is_ni(py, &r) {
            return Ok(r);
        }
    }
    // The sequence fallbacks of PyNumber_Add / PyNumber_Multiply.
    let seq = |o: &PyObject| {
        o.downcast_ref::<PyStr>(py).is_some()
            || o.downcast_ref::<PyBytes>(py).is_some()
            || o.downcast_ref::<PyByteArray>(py).is_some()
    };
    match op {
        BinOp::Add if a.downcast_ref::<PyStr>(py).is_some() => str_concat(py, a, b),
        BinOp::Add if a.downcast_ref::<PyBytes>(py).is_some() => bytes_concat(py, a, b),
        BinOp::Add if a.downcast_ref::<PyByteArray>(py).is_some() => bytearray_concat(py, a, b),
        BinOp::Multiply if seq(a) || seq(b) => {
            let other = if seq(a) { b } else { a };
            Err(PyErr::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.ob_type().name()
            )))
        }
        _ => Err(PyErr::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.ob_type().name(),
            b.ob_type().name()
        ))),
    }
}

fn int_of(v: &PyRef, py: Python<'_>) -> isize {
    v.downcast_ref::<PyInt>(py).unwrap().as_i64().unwrap() as isize
}

fn run(
    py: Python<'_>,
    op: &str,
    recv: &PyRef,
    pos: &[PyRef],
    kw: &[(String, PyRef)],
) -> PyResult<PyRef> {
    let a0 = pos.first();
    match op {
        "add" => binop(py, BinOp::Add, recv, a0.unwrap()),
        "mul" => binop(py, BinOp::Multiply, recv, a0.unwrap()),
        "rmul" => binop(py, BinOp::Multiply, a0.unwrap(), recv),
        "mod" => binop(py, BinOp::Remainder, recv, a0.unwrap()),
        "getitem" => (recv.ob_type().slots.getitem.unwrap())(py, recv, a0.unwrap()),
        "contains" => (recv.ob_type().slots.contains.unwrap())(py, recv, a0.unwrap())
            .map(|b| py.bool(b).into_object()),
        "len" => (recv.ob_type().slots.len.unwrap())(py, recv)
            .map(|n| PyInt::new(py, n as i64).into_object()),
        "iter" => {
            let it = (recv.ob_type().slots.iter.unwrap())(py, recv)?;
            let next = it.ob_type().slots.iternext.unwrap();
            let mut items = Vec::new();
            while let Some(v) = next(py, &it)? {
                items.push(v);
            }
            Ok(PyList::from_vec(py, items)?.into_object())
        }
        "format" => {
            let spec = a0.unwrap().downcast_ref::<PyStr>(py).unwrap();
            format(py, recv, spec).map(PyRef::into_object)
        }
        "str" => str_(py, recv).map(PyRef::into_object),
        "repr" => repr(py, recv).map(PyRef::into_object),
        "lt" | "le" | "eq" | "ne" | "gt" | "ge" => {
            let cop = match op {
                "lt" => CompareOp::Lt,
                "le" => CompareOp::Le,
                "eq" => CompareOp::Eq,
                "ne" => CompareOp::Ne,
                "gt" => CompareOp::Gt,
                _ => CompareOp::Ge,
            };
            rich_compare(py, recv, a0.unwrap(), cop)
        }
        "getslice" => {
            let (s, e, st) = (
                int_of(&pos[0], py),
                int_of(&pos[1], py),
                int_of(&pos[2], py),
            );
            if recv.downcast_ref::<PyStr>(py).is_some() {
                str_getslice(py, recv, s, e, st)
            } else if recv.downcast_ref::<PyBytes>(py).is_some() {
                bytes_getslice(py, recv, s, e, st)
            } else {
                bytearray_getslice(py, recv, s, e, st)
            }
        }
        "bytes" => bytes_from_object(
            py,
            recv,
            pos.first().map(|v| &**v),
            pos.get(1).map(|v| &**v),
        )
        .map(PyRef::into_object),
        "bytearray" => bytearray_from_object(
            py,
            Some(recv),
            pos.first().map(|v| &**v),
            pos.get(1).map(|v| &**v),
        )
        .map(PyRef::into_object),
        "str_ctor" => oxpy_vm::objects::str_codecs::str_from_object(
            py,
            recv,
            pos.first().map(|v| &**v),
            pos.get(1).map(|v| &**v),
        )
        .map(PyRef::into_object),
        "fromhex_fn" => {
            let s = recv.downcast_ref::<PyStr>(py).unwrap();
            bytes_fromhex(s).map(|d| PyBytes::new(py, &d).into_object())
        }
        _ => {
            let name = if op == "meth_format" { "format" } else { op };
            let def = recv
                .ob_type()
                .methods
                .iter()
                .find(|m| m.name == name)
                .unwrap_or_else(|| panic!("no method {name} on {}", recv.ob_type().name()));
            let mut values: Vec<PyRef> = pos.to_vec();
            let mut names = Vec::new();
            for (k, v) in kw {
                values.push(v.clone());
                names.push(PyStr::new(py, k));
            }
            let args = Args {
                values: &values,
                kwnames: &names,
            };
            (def.func)(py, recv, args)
        }
    }
}

fn outcome(
    py: Python<'_>,
    recv: &PyRef,
    args: &[PyRef],
    r: PyResult<PyRef>,
    want_same: bool,
    check_args: bool,
) -> String {
    match r {
        Ok(v) => {
            let mut s = format!("ok:{}", repr(py, &v).unwrap().to_string_lossy());
            let sized = v.downcast_ref::<PyStr>(py).is_some()
                || v.downcast_ref::<PyBytes>(py).is_some()
                || v.downcast_ref::<PyByteArray>(py).is_some();
            if sized {
                s.push_str(&format!("@{}", getsizeof(&v)));
            }
            if want_same && v.is(recv) {
                s.push_str("#same");
            } else if check_args
                && v.downcast_ref::<PyStr>(py).is_some_and(|x| x.len() > 1)
                && args.iter().any(|a| v.is(a))
            {
                s.push_str("#arg");
            }
            s
        }
        Err(e) => {
            // Errors may be lazy, carry argument objects, or be objects: compare `str(exc)`.
            let exc = oxpy_vm::objects::exception::normalize(py, e);
            let text = oxpy_vm::object::protocol::str_(py, &exc)
                .map(|s| s.to_string_lossy())
                .unwrap_or_else(|_| "?".into());
            format!("err:{}:{}", exc.ob_type().name(), text)
        }
    }
}

#[test]
fn recorded_cases() {
    let text = include_str!("fixtures/strbytes/cases.txt");
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in text.lines() {
            let (lhs, expected) = line.split_once("\t=>\t").unwrap();
            let mut fields = lhs.split('\t');
            let op = fields.next().unwrap();
            let Arg::Pos(recv) = value(py, fields.next().unwrap()) else {
                panic!()
            };
            let mut pos = Vec::new();
            let mut kw = Vec::new();
            for f in fields {
                match value(py, f) {
                    Arg::Pos(v) => pos.push(v),
                    Arg::Kw(k, v) => kw.push((k, v)),
                }
            }
            let same_checkable = recv.downcast_ref::<PyStr>(py).is_some_and(|s| s.len() > 1)
                || recv
                    .downcast_ref::<PyBytes>(py)
                    .is_some_and(|b| b.len() > 1);
            let r = run(py, op, &recv, &pos, &kw);
            let got = outcome(py, &recv, &pos, r, same_checkable, op == "meth_format");
            total += 1;
            if got != expected {
                failures.push(format!("{lhs}\n   want {expected}\n   got  {got}"));
            }
        }
        for f in &failures {
            eprintln!("{f}");
        }
        eprintln!("{total} recorded cases checked");
        assert!(
            failures.is_empty(),
            "{} of {total} cases failed",
            failures.len()
        );
    });
}
