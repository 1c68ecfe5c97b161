//! `complex`: two doubles, CPython's `Objects/complexobject.c` arithmetic, repr and hash.

use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::float::{PyFloat, float_repr_string};
use crate::objects::float_ops::{ascii_number_text, strip_digit_underscores, to_f64_operand};
use crate::objects::int::PyInt;
use crate::objects::object::hash_pointer;
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};
use crate::ops::{BinOp, UnaryOp};
use crate::tables::hash::hash_f64;

/// A `complex` object (`PyComplexObject`): header + real + imag, 32 bytes as in CPython.
#[repr(C)]
pub struct PyComplex {
    ob_base: PyObject,
    real: f64,
    imag: f64,
}

const _: () = assert!(size_of::<PyComplex>() == 32);

// SAFETY: #[repr(C)], header first; complex subclasses keep this layout.
unsafe impl PyPayload for PyComplex {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().complex()
    }
}

const METHODS: &[MethodDef] = &[
    MethodDef::new("conjugate", complex_conjugate),
    MethodDef::new("real", complex_real),
    MethodDef::new("imag", complex_imag),
    MethodDef::new("__format__", complex_format_method),
    MethodDef::new("__getnewargs__", complex_getnewargs),
];

/// `complex`'s spec (basicsize 32, `__flags__` 0x1500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: METHODS,
        name: "complex",
        basicsize: 32,
        itemsize: 0,
        flags: 0x1500,
        slots: TypeSlots {
            hash: Some(complex_hash),
            repr: Some(complex_repr),
            richcompare: Some(complex_richcompare),
            binop: Some(complex_binop),
            unary: Some(complex_unary),
            format: Some(complex_format_slot),
            ..TypeSlots::new(complex_dealloc)
        },
    }
}

impl PyComplex {
    /// A new complex number.
    pub fn new(py: Python<'_>, real: f64, imag: f64) -> PyRef<PyComplex> {
        // SAFETY: not a GC type; both fields are written before the handle is made.
        unsafe {
            let p =
                alloc_object(py, py.types().complex(), size_of::<PyComplex>()).cast::<PyComplex>();
            std::ptr::addr_of_mut!((*p.as_ptr()).real).write(real);
            std::ptr::addr_of_mut!((*p.as_ptr()).imag).write(imag);
            PyRef::from_raw(p)
        }
    }

    /// The real part.
    #[inline]
    pub fn real(&self) -> f64 {
        self.real
    }

    /// The imaginary part.
    #[inline]
    pub fn imag(&self) -> f64 {
        self.imag
    }
}

unsafe fn complex_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: dead complex allocated with this size; doubles need no drop.
    unsafe { free_object(py, obj, size_of::<PyComplex>()) }
}

fn as_complex(obj: &PyObject) -> &PyComplex {
    // SAFETY: only called from complex's own slots and methods, which run on complex instances.
    unsafe { &*(obj as *const PyObject as *const PyComplex) }
}

fn complex_obj(py: Python<'_>, (re, im): (f64, f64)) -> PyRef {
    PyComplex::new(py, re, im).into_object()
}

/// One part of a complex repr: `repr(float)` without the forced `.0` (format code `'r'`).
fn repr_part(x: f64) -> String {
    let s = float_repr_string(x);
    match s.strip_suffix(".0") {
        Some(t) if !s.contains('e') => t.to_owned(),
        _ => s,
    }
}

/// `repr(complex)`: `2j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn complex_repr_string(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", repr_part(im));
    }
    let im_s = repr_part(im);
    let sign = if im_s.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_s}j)", repr_part(re))
}

fn complex_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let c = as_complex(obj);
    Ok(PyStr::new(py, &complex_repr_string(c.real, c.imag)))
}

fn complex_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let c = as_complex(obj);
    let part = |x: f64| hash_f64(x).unwrap_or_else(|| hash_pointer(obj) as i64);
    let (hr, hi) = (part(c.real) as u64, part(c.imag) as u64);
    let combined = hr.wrapping_add(1_000_003u64.wrapping_mul(hi)) as i64;
    Ok(if combined == -1 {
        -2
    } else {
        combined as isize
    })
}

fn complex_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<PyRef> {
    if op != CompareOp::Eq && op != CompareOp::Ne {
        return Ok(py.not_implemented());
    }
    let c = as_complex(a);
    let equal = if let Some(i) = b.downcast_ref::<PyInt>(py) {
        if c.imag == 0.0 {
            // Exact comparison through float's int branch.
            let f = PyFloat::new(py, c.real);
            let r = crate::object::protocol::rich_compare(
                py,
                f.as_object(),
                i.as_object(),
                CompareOp::Eq,
            )?;
            r.is(py.true_().as_object())
        } else {
            false
        }
    } else if let Some(f) = b.downcast_ref::<PyFloat>(py) {
        c.real == f.value() && c.imag == 0.0
    } else if let Some(o) = b.downcast_ref::<PyComplex>(py) {
        c.real == o.real && c.imag == o.imag
    } else {
        return Ok(py.not_implemented());
    };
    Ok(py.bool(equal == (op == CompareOp::Eq)).into_object())
}

/// A complex operand: complex, float or int (`to_complex`); `Ok(None)` for other types.
pub fn to_complex_operand(py: Python<'_>, obj: &PyObject) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = obj.downcast_ref::<PyComplex>(py) {
        return Ok(Some((c.real, c.imag)));
    }
    Ok(to_f64_operand(py, obj)?.map(|r| (r, 0.0)))
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `_Py_c_quot`; `None` for division by zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let (mut r, mut p) = ((1.0, 0.0), x);
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `_Py_c_pow`; `None` for 0 to a negative or complex power.
fn c_pow(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Some((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        return Some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    if phase.is_infinite() {
        // cos/sin of an infinity set errno to EDOM, which complex_pow reports as below.
        return None;
    }
    Some((len * phase.cos(), len * phase.sin()))
}

/// `a ** b` for complex values (`complex_pow`), CPython's errors included.
pub fn complex_pow_values(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            Some(c_powu(a, n as u64))
        } else {
            c_quot((1.0, 0.0), c_powu(a, n.unsigned_abs()))
        }
    } else {
        c_pow(a, b)
    };
    let Some(p) = p else {
        return Err(PyErr::zero_division("0.0 to a negative or complex power"));
    };
    if p.0.is_infinite() || p.1.is_infinite() {
        return Err(PyErr::overflow_error("complex exponentiation"));
    }
    Ok(p)
}

fn complex_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !matches!(
        op,
        BinOp::Add | BinOp::Subtract | BinOp::Multiply | BinOp::TrueDivide | BinOp::Power
    ) {
        return Ok(py.not_implemented());
    }
    let Some(x) = to_complex_operand(py, a)? else {
        return Ok(py.not_implemented());
    };
    let Some(y) = to_complex_operand(py, b)? else {
        return Ok(py.not_implemented());
    };
    let r = match op {
        BinOp::Add => (x.0 + y.0, x.1 + y.1),
        BinOp::Subtract => (x.0 - y.0, x.1 - y.1),
        BinOp::Multiply => c_prod(x, y),
        BinOp::TrueDivide => {
            c_quot(x, y).ok_or_else(|| PyErr::zero_division("complex division by zero"))?
        }
        _ => complex_pow_values(x, y)?,
    };
    Ok(complex_obj(py, r))
}

/// `abs(z)` (`_Py_c_abs` + overflow check).
pub fn complex_abs_value(re: f64, im: f64) -> PyResult<f64> {
    if re.is_infinite() || im.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if re.is_nan() || im.is_nan() {
        return Ok(f64::NAN);
    }
    let r = re.hypot(im);
    if r.is_infinite() {
        return Err(PyErr::overflow_error("absolute value too large"));
    }
    Ok(r)
}

fn complex_unary(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    let Some(c) = a.downcast_ref::<PyComplex>(py) else {
        return Ok(py.not_implemented());
    };
    Ok(match op {
        UnaryOp::Negative => complex_obj(py, (-c.real, -c.imag)),
        UnaryOp::Positive if std::ptr::eq(a.ob_type(), py.types().complex()) => a.to_owned_ref(),
        UnaryOp::Positive => complex_obj(py, (c.real, c.imag)),
        UnaryOp::Absolute => PyFloat::new(py, complex_abs_value(c.real, c.imag)?).into_object(),
        UnaryOp::Invert => py.not_implemented(),
    })
}

fn complex_conjugate(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("conjugate", 0, 0)?;
    let c = as_complex(this);
    Ok(complex_obj(py, (c.real, -c.imag)))
}

fn complex_real(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyFloat::new(py, as_complex(this).real).into_object())
}

fn complex_imag(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyFloat::new(py, as_complex(this).imag).into_object())
}

fn complex_getnewargs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__getnewargs__", 0, 0)?;
    let c = as_complex(this);
    Ok(crate::objects::tuple::PyTuple::from_array(
        py,
        [
            PyFloat::new(py, c.real).into_object(),
            PyFloat::new(py, c.imag).into_object(),
        ],
    )
    .into_object())
}

fn complex_format_slot(py: Python<'_>, obj: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    if spec.is_empty() {
        return crate::object::protocol::str_(py, obj);
    }
    let c = as_complex(obj);
    let s = crate::objects::number_format::format_complex(c.real, c.imag, &spec.to_string_lossy())?;
    Ok(PyStr::new(py, &s))
}

fn complex_format_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__format__", 1, 1)?;
    let spec = crate::object::protocol::expect_type::<PyStr>(
        py,
        &a[0],
        "__format__() argument must be str",
    )?;
    Ok(complex_format_slot(py, this, spec)?.into_object())
}

/// The longest prefix of `s` that `strtod` accepts: `(value, length)`.
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let negative = s.first() == Some(&b'-');
    let lower: Vec<u8> = s[i..].iter().take(8).map(u8::to_ascii_lowercase).collect();
    for (word, v) in [
        (&b"infinity"[..], f64::INFINITY),
        (b"inf", f64::INFINITY),
        (b"nan", f64::NAN),
    ] {
        if lower.starts_with(word) {
            return Some((if negative { -v } else { v }, i + word.len()));
        }
    }
    let start = i;
    let before = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += before;
    let mut after = 0;
    if s.get(i) == Some(&b'.') {
        after = s[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if before + after > 0 {
            i += 1 + after;
        }
    }
    if before + after == 0 {
        return None;
    }
    let _ = start;
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let n = s[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n > 0 {
            i = j + n;
        }
    }
    let text = std::str::from_utf8(&s[..i]).ok()?;
    text.parse::<f64>().ok().map(|v| (v, i))
}

fn parse_complex(s: &[u8]) -> Option<(f64, f64)> {
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while s.get(*i).is_some_and(|c| c.is_ascii_whitespace()) {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    let bracket = s.get(i) == Some(&b'(');
    if bracket {
        i += 1;
        skip_ws(&mut i);
    }
    let (mut x, mut y) = (0.0, 0.0);
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    if let Some((z, n)) = float_prefix(&s[i..]) {
        i += n;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            x = z;
            if let Some((w, m)) = float_prefix(&s[i..]) {
                y = w;
                i += m;
            } else {
                y = if s[i] == b'+' { 1.0 } else { -1.0 };
                i += 1;
            }
            if !is_j(s.get(i)) {
                return None;
            }
            i += 1;
        } else if is_j(s.get(i)) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if matches!(s.get(i), Some(b'+' | b'-')) {
            y = if s[i] == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(s.get(i)) {
            return None;
        }
        i += 1;
    }
    skip_ws(&mut i);
    if bracket {
        if s.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
        skip_ws(&mut i);
    }
    (i == s.len()).then_some((x, y))
}

/// `complex(text)`: `ValueError: complex() arg is a malformed string` on bad input.
pub fn complex_from_str(py: Python<'_>, text: &str) -> PyResult<PyRef> {
    let ascii = ascii_number_text(text);
    let Some(plain) = strip_digit_underscores(&ascii, |c| c.is_ascii_digit()) else {
        return Err(PyErr::value_error(format!(
            "could not convert string to complex: {}",
            crate::objects::str::repr_string(&PyStr::new(py, text))
        )));
    };
    parse_complex(plain.as_bytes())
        .map(|v| complex_obj(py, v))
        .ok_or_else(|| PyErr::value_error("complex() arg is a malformed string"))
}
