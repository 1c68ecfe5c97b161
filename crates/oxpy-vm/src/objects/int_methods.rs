//! Methods of `int` (`bit_length`, `to_bytes`, `__round__`, …), `int(str, base)`,
//! `int.from_bytes` and the `divmod()`/`round()` helpers shared by the numeric types.

use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, Zero};
use std::sync::atomic::Ordering;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::bytes::PyBytes;
use crate::objects::float::PyFloat;
use crate::objects::float_methods::float_round;
use crate::objects::float_ops::{ascii_number_text, float_divmod_values, to_f64_operand};
use crate::objects::int::{INT_MAX_STR_DIGITS, IntValue, PyInt};
use crate::objects::int_ops::{big_divmod, int_divmod, int_exact, int_object, int_to_f64};
use crate::objects::number_format::format_int;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;

/// The methods of `int` (and `bool`). `real`, `imag`, `numerator`, `denominator` are methods
/// until the getset descriptors exist; `from_bytes` is a class method: see [`int_from_bytes`].
pub const INT_METHODS: &[MethodDef] = &[
    MethodDef::new("conjugate", int_conjugate),
    MethodDef::new("bit_length", int_bit_length),
    MethodDef::new("bit_count", int_bit_count),
    MethodDef::new("to_bytes", int_to_bytes),
    MethodDef::new("as_integer_ratio", int_as_integer_ratio),
    MethodDef::new("__trunc__", int_conjugate),
    MethodDef::new("__floor__", int_conjugate),
    MethodDef::new("__ceil__", int_conjugate),
    MethodDef::new("__index__", int_conjugate),
    MethodDef::new("__int__", int_conjugate),
    MethodDef::new("__float__", int_float),
    MethodDef::new("__round__", int_round_method),
    MethodDef::new("__getnewargs__", int_getnewargs),
    MethodDef::new("__format__", int_format_method),
    MethodDef::new("real", int_conjugate),
    MethodDef::new("imag", int_zero),
    MethodDef::new("numerator", int_conjugate),
    MethodDef::new("denominator", int_one),
];

fn value(this: &PyObject) -> &IntValue {
    // SAFETY: int methods are only bound to ints (bool and int subclasses share the layout).
    unsafe { &*(this as *const PyObject as *const PyInt) }.value()
}

fn repr_truncated(py: Python<'_>, text: &str) -> String {
    let r = crate::objects::str::repr_string(&PyStr::new(py, text));
    r.chars().take(200).collect()
}

fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'z' => u32::from(c - b'a') + 10,
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 99,
    }
}

/// `int(text, base)` (`PyLong_FromUnicodeObject`): whitespace, sign, `0x`/`0o`/`0b` prefixes
/// (base 0 infers the base and rejects `010`), single underscores between digits, Unicode
/// digits, and the 3.11 limit of 4300 digits for non-power-of-two bases.
pub fn int_from_str(py: Python<'_>, text: &str, base: u32) -> PyResult<PyRef> {
    int_from_text(py, text, base, &|| repr_truncated(py, text))
}

/// `int(text, base)` where `shown` renders the argument for the error message (`'x'`, `b'x'`).
pub(crate) fn int_from_text(
    py: Python<'_>,
    text: &str,
    base: u32,
    shown: &dyn Fn() -> String,
) -> PyResult<PyRef> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyErr::value_error(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    let invalid = || {
        PyErr::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            shown()
        ))
    };
    let ascii = ascii_number_text(text);
    let s = ascii.as_bytes();
    let mut i = 0;
    let negative = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut b = base;
    let mut error_if_nonzero = false;
    let prefix = |c: u8| match s.get(i + 1).map(u8::to_ascii_lowercase) {
        Some(p) if c == b'0' => match p {
            b'x' => Some(16),
            b'o' => Some(8),
            b'b' => Some(2),
            _ => None,
        },
        _ => None,
    };
    let first = s.get(i).copied().unwrap_or(0);
    if b == 0 {
        match prefix(first) {
            Some(p) => b = p,
            None if first == b'0' => {
                error_if_nonzero = true;
                b = 10;
            }
            None => b = 10,
        }
    }
    if prefix(first) == Some(b) && first == b'0' {
        i += 2;
        if s.get(i) == Some(&b'_') {
            i += 1;
        }
    }
    if s.get(i) == Some(&b'_') {
        return Err(invalid());
    }
    let mut digits = Vec::with_capacity(s.len());
    let mut prev = 0u8;
    while let Some(&c) = s.get(i) {
        if c == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else if digit_value(c) < b {
            digits.push(c);
        } else {
            break;
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(invalid());
    }
    if !b.is_power_of_two() {
        let limit = INT_MAX_STR_DIGITS.load(Ordering::Relaxed);
        if limit > 0 && digits.len() > limit {
            return Err(PyErr::value_error(format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has {} \
                 digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            )));
        }
    }
    if i != s.len() {
        return Err(invalid());
    }
    let mut v = BigInt::parse_bytes(&digits, b).ok_or_else(invalid)?;
    if error_if_nonzero && !v.is_zero() {
        return Err(invalid());
    }
    if negative {
        v = -v;
    }
    Ok(int_object(py, IntValue::from_bigint(v)))
}

/// `int.from_bytes(data, byteorder, *, signed)` (a class method in Python; the lead binds it and
/// converts the arguments).
pub fn int_from_bytes(py: Python<'_>, data: &[u8], little: bool, signed: bool) -> PyRef {
    let v = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(data),
        (false, true) => BigInt::from_signed_bytes_be(data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, data),
    };
    int_object(py, IntValue::from_bigint(v))
}

/// Parse a `byteorder` argument: `'little'` → true, `'big'` → false.
pub fn parse_byteorder(py: Python<'_>, fname: &str, obj: &PyObject) -> PyResult<bool> {
    let Some(s) = obj.downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {}",
            obj.ob_type().name()
        )));
    };
    match s.to_string_lossy().as_str() {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(PyErr::value_error(
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// `int.to_bytes(length, byteorder, *, signed)` on a value.
pub fn int_to_bytes_value(
    v: &IntValue,
    length: usize,
    little: bool,
    signed: bool,
) -> PyResult<Vec<u8>> {
    let big = v.to_bigint();
    if !signed && big.is_negative() {
        return Err(PyErr::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    let mut bytes = if signed {
        big.to_signed_bytes_le()
    } else {
        big.to_bytes_le().1
    };
    if big.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(PyErr::overflow_error("int too big to convert"));
    }
    let pad = if big.is_negative() { 0xff } else { 0 };
    bytes.resize(length, pad);
    if !little {
        bytes.reverse();
    }
    Ok(bytes)
}

fn index_value(py: Python<'_>, obj: &PyObject) -> PyResult<IntValue> {
    obj.downcast_ref::<PyInt>(py)
        .map(|i| i.value().clone())
        .ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                obj.ob_type().name()
            ))
        })
}

fn int_to_bytes(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let mut slots: [Option<&PyRef>; 3] = [pos.first(), pos.get(1), None];
    for (name, v) in args.kwargs() {
        let key = name.to_string_lossy();
        let i = match key.as_str() {
            "length" => 0,
            "byteorder" => 1,
            "signed" => 2,
            _ => {
                return Err(PyErr::type_error(format!(
                    "'{key}' is an invalid keyword argument for to_bytes()"
                )));
            }
        };
        if slots[i].is_some() {
            return Err(PyErr::type_error(format!(
                "argument for to_bytes() given by name ('{key}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v);
    }
    let length = match slots[0] {
        Some(o) => match index_value(py, o)? {
            IntValue::Small(n) if n >= 0 => usize::try_from(n).unwrap_or(usize::MAX),
            IntValue::Small(_) => {
                return Err(PyErr::value_error("length argument must be non-negative"));
            }
            IntValue::Big(_) => {
                return Err(PyErr::overflow_error(
                    "Python int too large to convert to C ssize_t",
                ));
            }
        },
        None => 1,
    };
    let little = match slots[1] {
        Some(o) => parse_byteorder(py, "to_bytes", o)?,
        None => false,
    };
    let signed = slots[2].is_some_and(|o| crate::object::protocol::is_true(py, o));
    let bytes = int_to_bytes_value(value(this), length, little, signed)?;
    Ok(PyBytes::new(py, &bytes).into_object())
}

fn int_conjugate(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(int_exact(py, this, value(this)))
}

fn int_zero(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyInt::new(py, 0).into_object())
}

fn int_one(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyInt::new(py, 1).into_object())
}

fn int_float(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__float__", 0, 0)?;
    Ok(PyFloat::new(py, int_to_f64(value(this))?).into_object())
}

fn int_bit_length(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bit_length", 0, 0)?;
    let n = value(this).bit_length();
    Ok(PyInt::new(py, i64::try_from(n).unwrap_or(i64::MAX)).into_object())
}

fn int_bit_count(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bit_count", 0, 0)?;
    let n = match value(this) {
        IntValue::Small(x) => u64::from(x.unsigned_abs().count_ones()),
        IntValue::Big(b) => b.magnitude().count_ones(),
    };
    Ok(PyInt::new(py, i64::try_from(n).unwrap_or(i64::MAX)).into_object())
}

fn int_as_integer_ratio(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("as_integer_ratio", 0, 0)?;
    let n = int_exact(py, this, value(this));
    Ok(PyTuple::from_array(py, [n, PyInt::new(py, 1).into_object()]).into_object())
}

fn int_getnewargs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__getnewargs__", 0, 0)?;
    let n = int_object(py, value(this).clone());
    Ok(PyTuple::from_array(py, [n]).into_object())
}

/// `round(n, ndigits)` for an int (`long_round`): unchanged for `ndigits >= 0`, else rounded
/// half to even to a multiple of `10**-ndigits`.
pub fn int_round(py: Python<'_>, obj: &PyObject, ndigits: Option<&PyObject>) -> PyResult<PyRef> {
    let v = value(obj);
    let Some(nd) = ndigits.filter(|o| !py.is_none(o)) else {
        return Ok(int_exact(py, obj, v));
    };
    let nd = index_value(py, nd)?;
    if !crate::objects::int::is_negative(&nd) {
        return Ok(int_exact(py, obj, v));
    }
    let k = nd.to_bigint().magnitude().clone();
    // 10**k > 2*|v| makes the result 0 (and avoids building a huge power).
    let bound = BigInt::from(v.bit_length() / 3 + 2);
    if BigInt::from(k.clone()) > bound {
        return Ok(PyInt::new(py, 0).into_object());
    }
    let k = u32::try_from(&k).unwrap_or(u32::MAX);
    let p = num_traits::pow(BigInt::from(10u32), k as usize);
    let a = v.to_bigint();
    let (q, r) = big_divmod(&a, &p);
    let twice = &r * 2u32;
    let q = if twice > p || (twice == p && q.bit(0)) {
        q + BigInt::one()
    } else {
        q
    };
    Ok(int_object(py, IntValue::from_bigint(q * p)))
}

fn int_round_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("__round__", 0, 1)?;
    int_round(py, this, pos.first().map(|o| &**o))
}

/// `int.__format__` (also the `format` slot); an empty spec gives `str(self)` (`'True'`).
pub fn int_format_slot(py: Python<'_>, obj: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    if spec.is_empty() {
        return crate::object::protocol::str_(py, obj);
    }
    let s = format_int(
        value(obj),
        &spec.to_string_lossy(),
        "",
        obj.ob_type().name(),
    )?;
    Ok(PyStr::new(py, &s))
}

fn int_format_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__format__", 1, 1)?;
    let spec = crate::object::protocol::expect_type::<PyStr>(
        py,
        &a[0],
        "__format__() argument must be str",
    )?;
    Ok(int_format_slot(py, this, spec)?.into_object())
}

/// `divmod(a, b)` for the builtin numeric types (`int`, `bool`, `float`); `TypeError` in CPython's
/// wording for anything else (the caller tries `__divmod__`/`__rdivmod__` of other types first).
pub fn number_divmod(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let int_pair = (a.downcast_ref::<PyInt>(py), b.downcast_ref::<PyInt>(py));
    if let (Some(x), Some(y)) = int_pair {
        let (q, r) = int_divmod(x.value(), y.value())?;
        return Ok(PyTuple::from_array(py, [int_object(py, q), int_object(py, r)]).into_object());
    }
    let is_float = |o: &PyObject| o.downcast_ref::<PyFloat>(py).is_some();
    if (is_float(a) || is_float(b))
        && let (Some(x), Some(y)) = (to_f64_operand(py, a)?, to_f64_operand(py, b)?)
    {
        if y == 0.0 {
            return Err(PyErr::zero_division("float divmod()"));
        }
        let (q, r) = float_divmod_values(x, y);
        return Ok(PyTuple::from_array(
            py,
            [
                PyFloat::new(py, q).into_object(),
                PyFloat::new(py, r).into_object(),
            ],
        )
        .into_object());
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        a.ob_type().name(),
        b.ob_type().name()
    )))
}

/// `round(x, ndigits)` for the builtin numeric types (`ndigits` `None` = omitted);
/// `TypeError: type X doesn't define __round__ method` otherwise.
pub fn number_round(py: Python<'_>, x: &PyObject, ndigits: Option<&PyObject>) -> PyResult<PyRef> {
    let args: Vec<PyRef> = ndigits.map(PyObject::to_owned_ref).into_iter().collect();
    if let Some(r) = crate::objects::number_new::call_special(py, x, "__round__", &args)? {
        return Ok(r);
    }
    if x.downcast_ref::<PyInt>(py).is_some() {
        return int_round(py, x, ndigits);
    }
    if let Some(f) = x.downcast_ref::<PyFloat>(py) {
        return float_round(py, f.value(), ndigits);
    }
    Err(PyErr::type_error(format!(
        "type {} doesn't define __round__ method",
        x.ob_type().name()
    )))
}

/// `sys.get_int_max_str_digits()`.
pub fn sys_get_int_max_str_digits(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    args.exact_pos("get_int_max_str_digits", 0, 0)?;
    Ok(PyInt::new(py, INT_MAX_STR_DIGITS.load(Ordering::Relaxed) as i64).into_object())
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least 640.
pub fn sys_set_int_max_str_digits(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let [v] = args.parse("set_int_max_str_digits", ["maxdigits"], 1)?;
    let Some(v) = v else {
        return Err(PyErr::type_error(
            "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
        ));
    };
    let n = crate::objects::slice::ssize_arg(py, v)?;
    if n != 0 && n < 640 {
        return Err(PyErr::value_error("maxdigits must be 0 or larger than 640"));
    }
    INT_MAX_STR_DIGITS.store(n as usize, Ordering::Relaxed);
    Ok(py.none())
}
