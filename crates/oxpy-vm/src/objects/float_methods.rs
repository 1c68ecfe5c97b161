//! Methods of `float` (`is_integer`, `as_integer_ratio`, `hex`, `fromhex`, `__round__`, …) and
//! the float ↔ int conversions they share with `int()` and `round()`.

use num_bigint::{BigInt, BigUint};
use num_traits::{One, Zero};

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::float::PyFloat;
use crate::objects::float_ops::float_exact;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::int_ops::{int_object, ratio_to_f64};
use crate::objects::number_format::{dtoa, format_float};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;

/// The methods of `float` (`real`/`imag` are methods until the getset descriptors exist;
/// `fromhex` is a class method: see [`float_fromhex`]).
pub const FLOAT_METHODS: &[MethodDef] = &[
    MethodDef::new("conjugate", float_conjugate),
    MethodDef::new("is_integer", float_is_integer),
    MethodDef::new("as_integer_ratio", float_as_integer_ratio),
    MethodDef::new("hex", float_hex_method),
    MethodDef::new("__round__", float_round_method),
    MethodDef::new("__trunc__", float_trunc),
    MethodDef::new("__int__", float_trunc),
    MethodDef::new("__floor__", float_floor),
    MethodDef::new("__ceil__", float_ceil),
    MethodDef::new("__format__", float_format_method),
    MethodDef::new("__getnewargs__", float_getnewargs),
    MethodDef::new("real", float_real),
    MethodDef::new("imag", float_imag),
];

fn value(this: &PyObject) -> f64 {
    // SAFETY: float methods are only bound to float instances (and subclasses, same layout).
    unsafe { &*(this as *const PyObject as *const PyFloat) }.value()
}

/// The exact value of a finite `x` as `numerator / denominator` (denominator a power of two,
/// the fraction in lowest terms).
pub fn f64_ratio(x: f64) -> (BigInt, BigInt) {
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if m == 0 {
        return (BigInt::zero(), BigInt::one());
    }
    let tz = i64::from(m.trailing_zeros());
    m >>= tz;
    e += tz;
    let mut num = BigInt::from(m);
    if negative {
        num = -num;
    }
    if e >= 0 {
        (num << (e as u64), BigInt::one())
    } else {
        (num, BigInt::one() << (e.unsigned_abs()))
    }
}

/// `int(x)` for a float: truncates; NaN → `ValueError`, infinities → `OverflowError`.
pub fn int_from_f64(py: Python<'_>, x: f64) -> PyResult<PyRef> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() < 2f64.powi(63) {
        return Ok(PyInt::new(py, t as i64).into_object());
    }
    let (num, _) = f64_ratio(t);
    Ok(int_object(py, IntValue::from_bigint(num)))
}

/// `ndigits` as `PyNumber_AsSsize_t(o, NULL)`: must be an int; clipped to the `isize` range.
pub fn ndigits_value(py: Python<'_>, nd: &PyObject) -> PyResult<i64> {
    let Some(v) = nd.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            nd.ob_type().name()
        )));
    };
    Ok(match v.value() {
        IntValue::Small(i) => *i,
        IntValue::Big(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
        IntValue::Big(_) => i64::MAX,
    })
}

/// `round(x)` / `round(x, ndigits)` for a float (`float___round___impl`): half to even on the
/// exact binary value, via a correctly rounded decimal string as CPython's `double_round`.
pub fn float_round(py: Python<'_>, x: f64, ndigits: Option<&PyObject>) -> PyResult<PyRef> {
    let Some(nd) = ndigits.filter(|o| !py.is_none(o)) else {
        let mut r = x.round();
        if (x - r).abs() == 0.5 {
            r = 2.0 * (x / 2.0).round();
        }
        return int_from_f64(py, r);
    };
    let nd = ndigits_value(py, nd)?;
    if !x.is_finite() || nd > 323 {
        return Ok(PyFloat::new(py, x).into_object());
    }
    if nd < -308 {
        return Ok(PyFloat::new(py, 0.0 * x).into_object());
    }
    let (digits, decpt) = dtoa(x.abs(), 3, nd);
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = format!("{sign}0{digits}e{}", decpt - digits.len() as i64);
    let rounded: f64 = text.parse().unwrap_or(f64::NAN);
    if rounded.is_infinite() {
        return Err(PyErr::overflow_error(
            "rounded value too large to represent",
        ));
    }
    Ok(PyFloat::new(py, rounded).into_object())
}

/// `float.hex()`: `0x1.8000000000000p+0`, `-0x0.0p+0`, `inf`, `nan`.
pub fn float_hex_string(x: f64) -> String {
    if !x.is_finite() {
        return crate::objects::float::float_repr_string(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if exp_bits == 0 {
        (0, -1022)
    } else {
        (1, exp_bits - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.unsigned_abs())
}

fn hex_error() -> PyErr {
    PyErr::value_error("invalid hexadecimal floating-point string")
}

/// `float.fromhex(text)` (a class method in Python; the lead binds it).
pub fn float_fromhex(py: Python<'_>, text: &str) -> PyResult<PyRef> {
    let s = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'));
    let b = s.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Ok(PyFloat::new(py, if negative { -v } else { v }).into_object());
    }
    if b.get(i) == Some(&b'0') && matches!(b.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
    }
    let mut mant = BigUint::zero();
    let (mut ndigits, mut fdigits) = (0i64, 0i64);
    while let Some(d) = b.get(i).and_then(|c| char::from(*c).to_digit(16)) {
        mant = (mant << 4u32) + d;
        ndigits += 1;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = b.get(i).and_then(|c| char::from(*c).to_digit(16)) {
            mant = (mant << 4u32) + d;
            ndigits += 1;
            fdigits += 1;
            i += 1;
        }
    }
    if ndigits == 0 {
        return Err(hex_error());
    }
    let mut exp: i64 = 0;
    if matches!(b.get(i), Some(b'p' | b'P')) {
        i += 1;
        let start = i;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(hex_error());
        }
        i += n;
        exp = s[start..i].parse::<i64>().unwrap_or(if b[start] == b'-' {
            i64::MIN / 4
        } else {
            i64::MAX / 4
        });
    }
    // As in CPython, overflow is reported before trailing garbage is looked at.
    let v = hex_value(mant, exp, fdigits, negative)?;
    if i != b.len() {
        return Err(hex_error());
    }
    Ok(PyFloat::new(py, v).into_object())
}

/// `mant * 2**(exp - 4*fdigits)` correctly rounded, with fromhex's overflow error.
fn hex_value(mant: BigUint, exp: i64, fdigits: i64, negative: bool) -> PyResult<f64> {
    let sign = if negative { -1.0 } else { 1.0 };
    if mant.is_zero() {
        return Ok(sign * 0.0);
    }
    let total = exp.saturating_sub(fdigits.saturating_mul(4));
    let top = (mant.bits() as i64).saturating_add(total);
    let too_large = || PyErr::overflow_error("hexadecimal value too large to represent as a float");
    if top > 1025 {
        return Err(too_large());
    }
    if top < -1080 {
        return Ok(sign * 0.0);
    }
    let m = BigInt::from(mant);
    let v = if total >= 0 {
        ratio_to_f64(&(m << (total as u64)), &BigInt::one())
    } else {
        ratio_to_f64(&m, &(BigInt::one() << total.unsigned_abs()))
    }
    .ok_or_else(too_large)?;
    Ok(sign * v)
}

fn float_conjugate(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("conjugate", 0, 0)?;
    Ok(float_exact(py, this, value(this)))
}

fn float_real(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(float_exact(py, this, value(this)))
}

fn float_imag(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyFloat::new(py, 0.0).into_object())
}

fn float_is_integer(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("is_integer", 0, 0)?;
    let x = value(this);
    Ok(py.bool(x.is_finite() && x.trunc() == x).into_object())
}

/// `float.as_integer_ratio()`.
pub fn float_as_integer_ratio_value(py: Python<'_>, x: f64) -> PyResult<PyRef> {
    if x.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    let (n, d) = f64_ratio(x);
    Ok(PyTuple::from_array(
        py,
        [
            int_object(py, IntValue::from_bigint(n)),
            int_object(py, IntValue::from_bigint(d)),
        ],
    )
    .into_object())
}

fn float_as_integer_ratio(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("as_integer_ratio", 0, 0)?;
    float_as_integer_ratio_value(py, value(this))
}

fn float_hex_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("hex", 0, 0)?;
    Ok(PyStr::new(py, &float_hex_string(value(this))).into_object())
}

fn float_round_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [nd] = args.parse("__round__", ["ndigits"], 0)?;
    float_round(py, value(this), nd.map(|o| &**o))
}

fn float_trunc(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__trunc__", 0, 0)?;
    int_from_f64(py, value(this))
}

fn float_floor(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__floor__", 0, 0)?;
    int_from_f64(py, value(this).floor())
}

fn float_ceil(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__ceil__", 0, 0)?;
    int_from_f64(py, value(this).ceil())
}

/// `float.__format__` (also the `format` slot).
pub fn float_format_slot(py: Python<'_>, obj: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    if spec.is_empty() {
        return crate::object::protocol::str_(py, obj);
    }
    Ok(PyStr::new(
        py,
        &format_float(value(obj), &spec.to_string_lossy())?,
    ))
}

fn float_format_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__format__", 1, 1)?;
    let spec = crate::object::protocol::expect_type::<PyStr>(
        py,
        &a[0],
        "__format__() argument must be str",
    )?;
    Ok(float_format_slot(py, this, spec)?.into_object())
}

fn float_getnewargs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__getnewargs__", 0, 0)?;
    Ok(PyTuple::from_array(py, [PyFloat::new(py, value(this)).into_object()]).into_object())
}
