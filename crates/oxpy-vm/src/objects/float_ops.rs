//! `float` arithmetic (CPython's `Objects/floatobject.c` number slots) and `float(str)`.

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::complex::complex_pow_values;
use crate::objects::float::PyFloat;
use crate::objects::int::PyInt;
use crate::objects::int_ops::int_to_f64;
use crate::objects::str::PyStr;
use crate::ops::{BinOp, UnaryOp};

/// `float(x)` of a float or int operand; `Ok(None)` for other types (`CONVERT_TO_DOUBLE`).
pub fn to_f64_operand(py: Python<'_>, obj: &PyObject) -> PyResult<Option<f64>> {
    if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        Ok(Some(f.value()))
    } else if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        int_to_f64(i.value()).map(Some)
    } else if obj.ob_type().is_heap() {
        crate::objects::number_new::float_from_dunders(py, obj)
    } else {
        Ok(None)
    }
}

fn float_obj(py: Python<'_>, v: f64) -> PyRef {
    PyFloat::new(py, v).into_object()
}

/// `divmod` of two floats (`float_divmod`): `(floor quotient, remainder)`, `b != 0`.
pub fn float_divmod_values(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a % b` for floats (`float_rem`), `b != 0`.
pub fn float_mod_value(vx: f64, wx: f64) -> f64 {
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    m
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `iv ** iw` for floats (`float_pow`); a negative base with a fractional exponent gives a
/// complex result, as in CPython.
pub fn float_pow(py: Python<'_>, iv: f64, iw: f64) -> PyResult<PyRef> {
    if iw == 0.0 {
        return Ok(float_obj(py, 1.0));
    }
    if iv.is_nan() {
        return Ok(float_obj(py, iv));
    }
    if iw.is_nan() {
        return Ok(float_obj(py, if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let a = iv.abs();
        let r = if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        };
        return Ok(float_obj(py, r));
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        let r = if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        };
        return Ok(float_obj(py, r));
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(PyErr::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(float_obj(py, if odd { iv } else { 0.0 }));
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            let (re, im) = complex_pow_values((iv, 0.0), (iw, 0.0))?;
            return Ok(crate::objects::complex::PyComplex::new(py, re, im).into_object());
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(float_obj(py, if negate { -1.0 } else { 1.0 }));
    }
    let mut ix = base.powf(iw);
    if negate {
        ix = -ix;
    }
    if ix.is_infinite() {
        return Err(PyErr::overflow_error(
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(float_obj(py, ix))
}

/// Apply a float operator to two doubles (the slot body once both operands are converted).
pub fn float_arith(py: Python<'_>, op: BinOp, a: f64, b: f64) -> PyResult<PyRef> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Subtract => a - b,
        BinOp::Multiply => a * b,
        BinOp::TrueDivide => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDivide => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float floor division by zero"));
            }
            float_divmod_values(a, b).0
        }
        BinOp::Remainder => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float modulo"));
            }
            float_mod_value(a, b)
        }
        BinOp::Power => return float_pow(py, a, b),
        _ => return Ok(py.not_implemented()),
    };
    Ok(float_obj(py, r))
}

/// The `float` binary-operator slot: float or int operands on both sides.
pub fn float_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !matches!(
        op,
        BinOp::Add
            | BinOp::Subtract
            | BinOp::Multiply
            | BinOp::TrueDivide
            | BinOp::FloorDivide
            | BinOp::Remainder
            | BinOp::Power
    ) {
        return Ok(py.not_implemented());
    }
    let Some(x) = to_f64_operand(py, a)? else {
        return Ok(py.not_implemented());
    };
    let Some(y) = to_f64_operand(py, b)? else {
        return Ok(py.not_implemented());
    };
    float_arith(py, op, x, y)
}

/// `float(x)` for a float-layout object: itself if exactly `float`, else a new float.
pub fn float_exact(py: Python<'_>, obj: &PyObject, v: f64) -> PyRef {
    if std::ptr::eq(obj.ob_type(), py.types().float()) {
        obj.to_owned_ref()
    } else {
        float_obj(py, v)
    }
}

/// The `float` unary-operator slot (`~` is not supported).
pub fn float_unary(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    let Some(x) = a.downcast_ref::<PyFloat>(py).map(PyFloat::value) else {
        return Ok(py.not_implemented());
    };
    Ok(match op {
        UnaryOp::Negative => float_obj(py, -x),
        UnaryOp::Positive => float_exact(py, a, x),
        UnaryOp::Absolute => float_obj(py, x.abs()),
        UnaryOp::Invert => py.not_implemented(),
    })
}

/// `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Decimal value of a Unicode decimal digit (category Nd), as `str.isdecimal()`/`int()` see it.
pub fn decimal_value(c: char) -> Option<u32> {
    use unicode_general_category::{GeneralCategory, get_general_category};
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    if c.is_ascii() || get_general_category(c) != GeneralCategory::DecimalNumber {
        return None;
    }
    // Nd characters come in complete runs of ten starting at zero.
    let mut start = c as u32;
    while let Some(p) = start.checked_sub(1).and_then(char::from_u32) {
        if get_general_category(p) != GeneralCategory::DecimalNumber {
            break;
        }
        start -= 1;
    }
    Some((c as u32 - start) % 10)
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII` followed by stripping: Unicode digits become
/// ASCII digits, Unicode spaces become `' '`, and the text ends with `?` at the first other
/// non-ASCII character (which never parses).
pub fn ascii_number_text(text: &str) -> String {
    let trimmed = text.trim_matches(is_py_space);
    if trimmed.is_ascii() {
        // CPython returns an all-ASCII string unchanged (even with DEL in it).
        return trimmed.to_owned();
    }
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if (c as u32) < 127 {
            out.push(c);
        } else if is_py_space(c) {
            out.push(' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(char::from(b'0' + d as u8));
        } else {
            out.push('?');
            break;
        }
    }
    out
}

/// Remove underscores that sit between two digits; `None` if any underscore is elsewhere
/// (`_Py_string_to_number_with_underscores`).
pub fn strip_digit_underscores(s: &str, is_digit: impl Fn(u8) -> bool) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let prev_ok = i > 0 && is_digit(b[i - 1]);
            let next_ok = b.get(i + 1).is_some_and(|&n| is_digit(n));
            if !prev_ok || !next_ok {
                return None;
            }
        } else {
            out.push(char::from(c));
        }
    }
    Some(out)
}

/// Parse the decimal float grammar of `float()` (sign, digits, point, exponent, inf/nan).
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &s[i..];
    let lower = rest.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" || lower == "nan" {
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if b.first() == Some(&b'-') { -v } else { v });
    }
    let digits_before = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += digits_before;
    let mut digits_after = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        digits_after = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += digits_after;
    }
    if digits_before + digits_after == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        i += n;
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok()
}

fn repr_of(py: Python<'_>, text: &str) -> String {
    crate::objects::str::repr_string(&PyStr::new(py, text))
}

/// `float(text)`: whitespace, underscores between digits, `inf`/`nan`, Unicode digits;
/// `ValueError: could not convert string to float: '…'` otherwise.
pub fn float_from_str(py: Python<'_>, text: &str) -> PyResult<PyRef> {
    float_from_text(py, text, &|| repr_of(py, text))
}

/// `float(text)` where `shown` renders the argument for the error message (`'x'`, `b'x'`).
pub(crate) fn float_from_text(
    py: Python<'_>,
    text: &str,
    shown: &dyn Fn() -> String,
) -> PyResult<PyRef> {
    let ascii = ascii_number_text(text);
    let parsed = strip_digit_underscores(&ascii, |c| c.is_ascii_digit())
        .and_then(|s| parse_float_literal(&s));
    match parsed {
        Some(v) => Ok(float_obj(py, v)),
        None => Err(PyErr::value_error(format!(
            "could not convert string to float: {}",
            shown()
        ))),
    }
}
