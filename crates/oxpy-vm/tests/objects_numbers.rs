//! int, bool, float and complex: operators, comparisons, hashes, methods, parsing and formatting.
//! Every expected value was recorded from python3 3.11.7 with PYTHONHASHSEED=0 by
//! `tests/fixtures/numbers/record.py` (tables) or pasted from a python3 session (inline cases).

use num_bigint::BigInt;
use oxpy_vm::error::{ErrState, PyErr};
use oxpy_vm::object::Args;
use oxpy_vm::object::protocol::{format, hash, repr, rich_compare};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::complex::complex_from_str;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::float_methods::float_fromhex;
use oxpy_vm::objects::float_ops::float_from_str;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::int_methods::{int_from_bytes, int_from_str, number_divmod, number_round};
use oxpy_vm::objects::int_ops::int_pow_mod;
use oxpy_vm::objects::number_new::{complex_new, float_new, int_new, number_pow3};
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::ops::{BinOp, UnaryOp};
use oxpy_vm::{PyRef, PyResult, Python, with_gil};

const BINOPS: &str = include_str!("fixtures/numbers/binops.tsv");
const UNARY: &str = include_str!("fixtures/numbers/unary.tsv");
const COMPARE: &str = include_str!("fixtures/numbers/compare.tsv");
const HASH: &str = include_str!("fixtures/numbers/hash.tsv");
const CALLS: &str = include_str!("fixtures/numbers/calls.tsv");

/// A value written as a Python literal in the fixtures.
fn lit(py: Python<'_>, s: &str) -> PyRef {
    if let Some(bits) = s.strip_prefix("bits:") {
        let v = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        return PyFloat::new(py, v).into_object();
    }
    if let Some(text) = s.strip_prefix("s:") {
        return PyStr::new(py, text).into_object();
    }
    if let Some(text) = s.strip_prefix("b:") {
        return PyBytes::new(py, text.as_bytes()).into_object();
    }
    match s {
        "None" => return py.none(),
        "True" => return py.true_().into_object(),
        "False" => return py.false_().into_object(),
        "nan" | "inf" | "-inf" => return float_from_str(py, s).unwrap(),
        _ => {}
    }
    if s.contains('j') {
        complex_from_str(py, s).unwrap()
    } else if s.contains('.') || s.contains('e') {
        float_from_str(py, s).unwrap()
    } else {
        PyInt::from_bigint(py, s.parse::<BigInt>().unwrap()).into_object()
    }
}

fn err_text(e: &PyErr) -> String {
    match &e.state {
        ErrState::Lazy { kind, message } => format!("!{}: {}", kind.name(), message),
        ErrState::Args { kind, .. } => format!("!{}: <args>", kind.name()),
        ErrState::Object(_) => "!<object>".into(),
    }
}

/// `type(r).__name__ + ' ' + repr(r)`, or the exception as the recorder writes it.
fn show(py: Python<'_>, r: PyResult<PyRef>) -> String {
    if let Ok(v) = &r
        && let Some(t) = v.downcast_ref::<PyTuple>(py)
    {
        let items: Vec<String> = t
            .as_slice()
            .iter()
            .map(|x| show(py, Ok(x.clone())))
            .collect();
        return format!("({})", items.join(", "));
    }
    match r.and_then(|v| {
        let s = repr(py, &v)?;
        Ok(format!("{} {}", v.ob_type().name(), s.to_string_lossy()))
    }) {
        Ok(s) => s,
        Err(e) => err_text(&e),
    }
}

/// `binary_op1` + the TypeError of `binary_op`, as CPython dispatches between two types.
fn binop(py: Python<'_>, op: BinOp, a: &PyRef, b: &PyRef) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slotv = ta.slots.binop;
    let mut slotw = if std::ptr::eq(ta, tb) {
        None
    } else {
        tb.slots.binop
    };
    if let (Some(v), Some(w)) = (slotv, slotw)
        && std::ptr::fn_addr_eq(v, w)
    {
        slotw = None;
    }
    if let Some(v) = slotv {
        if let Some(w) = slotw
            && tb.is_subtype(ta)
        {
            let r = w(py, op, a, b)?;
            if !r.is(&py.not_implemented()) {
                return Ok(r);
            }
            slotw = None;
        }
        let r = v(py, op, a, b)?;
        if !r.is(&py.not_implemented()) {
            return Ok(r);
        }
    }
    if let Some(w) = slotw {
        let r = w(py, op, a, b)?;
        if !r.is(&py.not_implemented()) {
            return Ok(r);
        }
    }
    let sym = if op == BinOp::Power {
        "** or pow()"
    } else {
        op.symbol()
    };
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        ta.name(),
        tb.name()
    )))
}

fn parse_binop(s: &str) -> BinOp {
    *BinOp::ALL.iter().find(|o| o.symbol() == s).unwrap()
}

fn check_table(name: &str, failures: Vec<String>, total: usize) {
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{name}: {} of {total} cases differ from python3",
        failures.len()
    );
}

#[test]
fn binary_operators_match_python() {
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in BINOPS.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (a, op, b, want) = (f[0], f[1], f[2], f[3]);
            let got = show(py, binop(py, parse_binop(op), &lit(py, a), &lit(py, b)));
            total += 1;
            if got != want {
                failures.push(format!("{a} {op} {b}: got {got}, want {want}"));
            }
        }
        check_table("binops", failures, total);
    });
}

#[test]
fn unary_operators_match_python() {
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in UNARY.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (op, a, want) = (f[0], f[1], f[2]);
            let uop = match op {
                "-" => UnaryOp::Negative,
                "+" => UnaryOp::Positive,
                "~" => UnaryOp::Invert,
                _ => UnaryOp::Absolute,
            };
            let x = lit(py, a);
            let r = x.ob_type().slots.unary.unwrap()(py, uop, &x).and_then(|r| {
                if r.is(&py.not_implemented()) {
                    Err(PyErr::type_error(format!(
                        "bad operand type for {}: '{}'",
                        uop.symbol(),
                        x.ob_type().name()
                    )))
                } else {
                    Ok(r)
                }
            });
            let got = show(py, r);
            total += 1;
            if got != want {
                failures.push(format!("{op} {a}: got {got}, want {want}"));
            }
        }
        check_table("unary", failures, total);
    });
}

#[test]
fn comparisons_match_python() {
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in COMPARE.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (a, op, b, want) = (f[0], f[1], f[2], f[3]);
            let cop = match op {
                "<" => CompareOp::Lt,
                "<=" => CompareOp::Le,
                "==" => CompareOp::Eq,
                "!=" => CompareOp::Ne,
                ">" => CompareOp::Gt,
                _ => CompareOp::Ge,
            };
            let got = show(py, rich_compare(py, &lit(py, a), &lit(py, b), cop));
            total += 1;
            if got != want {
                failures.push(format!("{a} {op} {b}: got {got}, want {want}"));
            }
        }
        check_table("compare", failures, total);
    });
}

#[test]
fn hashes_match_python() {
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in HASH.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (a, want) = (f[0], f[1]);
            let got = match hash(py, &lit(py, a)) {
                Ok(h) => format!("int {h}"),
                Err(e) => err_text(&e),
            };
            total += 1;
            if got != want {
                failures.push(format!("hash({a}): got {got}, want {want}"));
            }
        }
        check_table("hash", failures, total);
    });
}

fn unhex(s: &str) -> String {
    if s == "-" {
        return String::new();
    }
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect();
    String::from_utf8(bytes).unwrap()
}

/// Call a builtin method found on the type or its bases, with `name=value` keyword arguments.
fn call_method(py: Python<'_>, name: &str, this: &PyRef, args: &[&str]) -> PyResult<PyRef> {
    let def = this
        .ob_type()
        .mro()
        .flat_map(|t| t.methods.iter())
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no method {name}"));
    let mut values: Vec<PyRef> = Vec::new();
    let mut names: Vec<PyRef<PyStr>> = Vec::new();
    for a in args.iter().filter(|a| !a.contains('=')) {
        values.push(lit(py, a));
    }
    for a in args.iter().filter(|a| a.contains('=')) {
        let (k, v) = a.split_once('=').unwrap();
        values.push(lit(py, v));
        names.push(PyStr::new(py, k));
    }
    let call_args = Args {
        values: &values,
        kwnames: &names,
    };
    (def.func)(py, this, call_args)
}

fn run_call(py: Python<'_>, f: &[&str]) -> String {
    let r = match f[0] {
        "format" => {
            let spec = PyStr::new(py, &unhex(f[2]));
            format(py, &lit(py, f[1]), &spec).map(PyRef::into_object)
        }
        "int" => int_from_str(py, &unhex(f[1]), f[2].parse().unwrap()),
        "float" => float_from_str(py, &unhex(f[1])),
        "complex" => complex_from_str(py, &unhex(f[1])),
        "fromhex" => float_fromhex(py, &unhex(f[1])),
        "round" => {
            let nd = (f[2] != "None").then(|| lit(py, f[2]));
            number_round(py, &lit(py, f[1]), nd.as_deref())
        }
        "divmod" => number_divmod(py, &lit(py, f[1]), &lit(py, f[2])),
        "pow" => int_pow_mod(py, &lit(py, f[1]), &lit(py, f[2]), &lit(py, f[3])),
        "method" => call_method(py, f[1], &lit(py, f[2]), &f[3..]),
        "from_bytes" => {
            let data = if f[1] == "-" {
                Vec::new()
            } else {
                (0..f[1].len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&f[1][i..i + 2], 16).unwrap())
                    .collect::<Vec<u8>>()
            };
            Ok(int_from_bytes(py, &data, f[2] == "little", f[3] == "True"))
        }
        "repr" => Ok(lit(py, f[1])),
        "new" => {
            let args: Vec<PyRef> = f[2..].iter().map(|a| lit(py, a)).collect();
            let (a, b) = (args.first().map(|x| &**x), args.get(1).map(|x| &**x));
            match f[1] {
                "int" => int_new(py, a, b),
                "float" => float_new(py, a),
                _ => complex_new(py, a, b),
            }
        }
        "binop" => {
            let (a, b) = (lit(py, f[1]), lit(py, f[3]));
            match f[2] {
                "<" => rich_compare(py, &a, &b, CompareOp::Lt),
                ">=" => rich_compare(py, &a, &b, CompareOp::Ge),
                "==" => rich_compare(py, &a, &b, CompareOp::Eq),
                op => binop(py, parse_binop(op), &a, &b),
            }
        }
        "pow3" => number_pow3(py, &lit(py, f[1]), &lit(py, f[2]), &lit(py, f[3])),
        other => panic!("unknown call {other}"),
    };
    show(py, r)
}

#[test]
fn functions_and_methods_match_python() {
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut total = 0;
        for line in CALLS.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (call, want) = (&f[..f.len() - 1], f[f.len() - 1]);
            let got = run_call(py, call);
            total += 1;
            if got != want {
                failures.push(format!("{}: got {got}, want {want}", call.join(" ")));
            }
        }
        check_table("calls", failures, total);
    });
}

#[test]
fn complex_layout_matches_cpython() {
    // python3: sys.getsizeof(1j) == 32, complex.__basicsize__ == 32, complex.__flags__ == 5376
    with_gil(|py| {
        let z = complex_from_str(py, "1j").unwrap();
        assert_eq!(oxpy_vm::object::protocol::getsizeof(&z), 32);
        assert_eq!(py.types().complex().basicsize, 32);
        assert_eq!(py.types().complex().flags().0, 5376);
        assert_eq!(PyFloat::new(py, 2.5).value(), 2.5);
    });
}
