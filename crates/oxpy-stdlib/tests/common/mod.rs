//! Fixture format shared by the module tests: values and results encoded as in
//! `fixtures/gen_*.py` (recorded from python3 3.11.7).
#![allow(dead_code)]

use num_bigint::BigInt;
use oxpy_vm::error::{ErrState, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::bool_::PyBool;
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyRef, Python};

/// Split at top-level commas (not inside `<...>`).
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s.is_empty() {
        out.push(&s[start..]);
    }
    out
}

/// Build the object a spec describes.
pub fn decode(py: Python<'_>, spec: &str) -> PyRef {
    if let Some(inner) = spec.strip_prefix("L<").and_then(|s| s.strip_suffix('>')) {
        let items = split_top(inner)
            .into_iter()
            .map(|s| decode(py, s))
            .collect();
        return PyList::from_vec(py, items).unwrap().into_object();
    }
    if let Some(inner) = spec.strip_prefix("G<").and_then(|s| s.strip_suffix('>')) {
        let item = decode(py, inner);
        return call(py, &oxpy_stdlib::operator::OPERATOR, "itemgetter", &[item]).unwrap();
    }
    if let Some(inner) = spec.strip_prefix("T<").and_then(|s| s.strip_suffix('>')) {
        let items = split_top(inner)
            .into_iter()
            .map(|s| decode(py, s))
            .collect();
        return PyTuple::new(py, items).into_object();
    }
    let (tag, body) = spec.split_at(2);
    match tag {
        "i:" => {
            let v: BigInt = body.parse().unwrap();
            PyInt::from_bigint(py, v).into_object()
        }
        "f:" => {
            PyFloat::new(py, f64::from_bits(u64::from_str_radix(body, 16).unwrap())).into_object()
        }
        "b:" => py.bool(body == "1").into_object(),
        "s:" => PyStr::new(py, body).into_object(),
        "n:" => py.none(),
        "y:" => {
            let bytes: Vec<u8> = (0..body.len() / 2)
                .map(|i| u8::from_str_radix(&body[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            PyBytes::new(py, &bytes).into_object()
        }
        _ => panic!("bad spec {spec}"),
    }
}

/// Encode an object as the fixture does.
pub fn encode(py: Python<'_>, obj: &PyRef) -> String {
    if let Some(b) = obj.downcast_ref::<PyBool>(py) {
        format!("b:{}", u8::from(b.value()))
    } else if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        format!("i:{}", i.to_bigint())
    } else if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        format!("f:{:016x}", f.value().to_bits())
    } else if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        format!("s:{}", s.to_string_lossy())
    } else if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        let hex: String = b.as_bytes().iter().map(|x| format!("{x:02x}")).collect();
        format!("y:{hex}")
    } else if py.is_none(obj) {
        "n:".into()
    } else if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        let parts: Vec<String> = t.as_slice().iter().map(|x| encode(py, x)).collect();
        format!("T<{}>", parts.join(","))
    } else if let Some(l) = obj.downcast_ref::<PyList>(py) {
        let parts: Vec<String> = l.to_vec().iter().map(|x| encode(py, x)).collect();
        format!("L<{}>", parts.join(","))
    } else {
        format!("?{}", obj.ob_type().name())
    }
}

/// Encode a call result.
pub fn encode_result(py: Python<'_>, r: PyResult<PyRef>) -> String {
    match r {
        Ok(v) => encode(py, &v),
        Err(e) => match e.state {
            ErrState::Lazy { kind, message } => {
                format!("E:{}:{}", kind.name(), message.replace('\n', "\\n"))
            }
            ErrState::Args { kind, .. } => format!("E:{}:<args>", kind.name()),
            ErrState::Object(o) => format!("E:object:{o:?}"),
        },
    }
}

/// The function `name` of `module`.
pub fn method(module: &ModuleDef, name: &str) -> &'static MethodDef {
    let methods: &'static [MethodDef] = module.methods;
    methods
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Call `module.name(*args)` with the `;`-separated specs (`k:name=spec` for keywords).
pub fn call_spec(py: Python<'_>, module: &ModuleDef, name: &str, args: &str) -> PyResult<PyRef> {
    let mut pos = Vec::new();
    let mut kws = Vec::new();
    for a in args.split(';').filter(|s| !s.is_empty()) {
        if let Some(kw) = a.strip_prefix("k:") {
            let (k, v) = kw.split_once('=').unwrap();
            kws.push((PyStr::new(py, k), decode(py, v)));
        } else {
            pos.push(decode(py, a));
        }
    }
    let kwnames: Vec<PyRef<PyStr>> = kws.iter().map(|(k, _)| k.clone()).collect();
    pos.extend(kws.into_iter().map(|(_, v)| v));
    let m = method(module, name);
    (m.func)(
        py,
        &py.none(),
        Args {
            values: &pos,
            kwnames: &kwnames,
        },
    )
}

/// Call with ready-made positional objects.
pub fn call(py: Python<'_>, module: &ModuleDef, name: &str, args: &[PyRef]) -> PyResult<PyRef> {
    (method(module, name).func)(py, &py.none(), Args::positional(args))
}

/// Run every `name|args|expected` line of a fixture; returns (passed, failures).
pub fn run_fixture(py: Python<'_>, module: &ModuleDef, text: &str) -> (usize, Vec<String>) {
    run_fixture_with(py, module, text, |_, _, _| None)
}

/// As [`run_fixture`], letting `special(name, args, expected)` run a line itself (returning
/// what it got) or rewrite nothing (`None`).
pub fn run_fixture_with(
    py: Python<'_>,
    module: &ModuleDef,
    text: &str,
    special: impl Fn(&str, &str, &str) -> Option<String>,
) -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '|');
        let (name, args, expected) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let got = match special(name, args, expected) {
            Some(g) => g,
            None => encode_result(py, call_spec(py, module, name, args)),
        };
        if got == expected {
            passed += 1;
        } else {
            failures.push(format!("{name}({args}): expected {expected}, got {got}"));
        }
    }
    (passed, failures)
}
