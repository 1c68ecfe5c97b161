//! `int` arithmetic (CPython's `Objects/longobject.c` number slots): an `i64` fast path with
//! overflow checks, `BigInt` beyond; exact true division and int→float conversion.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::float::PyFloat;
use crate::objects::float_ops::float_pow;
use crate::objects::int::{IntValue, PyInt};
use crate::ops::{BinOp, UnaryOp};

/// Largest shift (in bits) we agree to allocate for; beyond it CPython would run out of memory.
const MAX_RESULT_BITS: u64 = 1 << 34;

/// The int value of `obj` if it is an `int` (or `bool`, or an int subclass).
#[inline]
pub fn int_value<'a>(py: Python<'_>, obj: &'a PyObject) -> Option<&'a IntValue> {
    obj.downcast_ref::<PyInt>(py).map(PyInt::value)
}

/// A new int object holding `v` (small ints from the cache).
#[inline]
pub fn int_object(py: Python<'_>, v: IntValue) -> PyRef {
    match v {
        IntValue::Small(i) => PyInt::new(py, i).into_object(),
        IntValue::Big(b) => PyInt::from_bigint(py, *b).into_object(),
    }
}

fn big(v: &IntValue) -> BigInt {
    v.to_bigint()
}

/// The value as a `BigInt`, borrowed when it is already one (no copy of the digits).
fn big_ref(v: &IntValue) -> std::borrow::Cow<'_, BigInt> {
    match v {
        IntValue::Small(i) => std::borrow::Cow::Owned(BigInt::from(*i)),
        IntValue::Big(b) => std::borrow::Cow::Borrowed(&**b),
    }
}

/// `a + b`.
pub fn int_add(a: &IntValue, b: &IntValue) -> IntValue {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b)
        && let Some(r) = x.checked_add(*y)
    {
        return IntValue::Small(r);
    }
    match (a, b) {
        (IntValue::Big(x), IntValue::Big(y)) => IntValue::from_bigint(&**x + &**y),
        (IntValue::Big(x), IntValue::Small(y)) | (IntValue::Small(y), IntValue::Big(x)) => {
            IntValue::from_bigint(&**x + *y)
        }
        (IntValue::Small(x), IntValue::Small(y)) => IntValue::from_bigint(BigInt::from(*x) + *y),
    }
}

/// `a - b`.
pub fn int_sub(a: &IntValue, b: &IntValue) -> IntValue {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b)
        && let Some(r) = x.checked_sub(*y)
    {
        return IntValue::Small(r);
    }
    match (a, b) {
        (IntValue::Big(x), IntValue::Big(y)) => IntValue::from_bigint(&**x - &**y),
        (IntValue::Big(x), IntValue::Small(y)) => IntValue::from_bigint(&**x - *y),
        (IntValue::Small(x), IntValue::Big(y)) => IntValue::from_bigint(*x - &**y),
        (IntValue::Small(x), IntValue::Small(y)) => IntValue::from_bigint(BigInt::from(*x) - *y),
    }
}

/// `a * b`.
pub fn int_mul(a: &IntValue, b: &IntValue) -> IntValue {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b)
        && let Some(r) = x.checked_mul(*y)
    {
        return IntValue::Small(r);
    }
    match (a, b) {
        (IntValue::Big(x), IntValue::Big(y)) => IntValue::from_bigint(&**x * &**y),
        (IntValue::Big(x), IntValue::Small(y)) | (IntValue::Small(y), IntValue::Big(x)) => {
            IntValue::from_bigint(&**x * *y)
        }
        (IntValue::Small(x), IntValue::Small(y)) => IntValue::from_bigint(BigInt::from(*x) * *y),
    }
}

/// Floor division and modulo of big ints (`b != 0`): the remainder takes the divisor's sign.
pub fn big_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let q = a / b;
    let r = a - &q * b;
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        (q - 1, r + b)
    } else {
        (q, r)
    }
}

fn small_divmod(x: i64, y: i64) -> Option<(i64, i64)> {
    let q = x.checked_div(y)?;
    let r = x.checked_rem(y)?;
    if r != 0 && ((r < 0) != (y < 0)) {
        Some((q - 1, r + y))
    } else {
        Some((q, r))
    }
}

/// `divmod(a, b)` for ints; `None` when `b` is zero.
pub fn int_divmod_values(a: &IntValue, b: &IntValue) -> Option<(IntValue, IntValue)> {
    if crate::objects::int::is_zero(b) {
        return None;
    }
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b)
        && let Some((q, r)) = small_divmod(*x, *y)
    {
        return Some((IntValue::Small(q), IntValue::Small(r)));
    }
    let (q, r) = big_divmod(&big_ref(a), &big_ref(b));
    Some((IntValue::from_bigint(q), IntValue::from_bigint(r)))
}

fn zero_div_or_mod() -> PyErr {
    PyErr::zero_division("integer division or modulo by zero")
}

/// `a // b`.
pub fn int_floordiv(a: &IntValue, b: &IntValue) -> PyResult<IntValue> {
    int_divmod_values(a, b)
        .map(|(q, _)| q)
        .ok_or_else(zero_div_or_mod)
}

/// `a % b`.
pub fn int_mod(a: &IntValue, b: &IntValue) -> PyResult<IntValue> {
    int_divmod_values(a, b)
        .map(|(_, r)| r)
        .ok_or_else(|| PyErr::zero_division("integer modulo by zero"))
}

/// `divmod(a, b)` for ints ("integer division or modulo by zero").
pub fn int_divmod(a: &IntValue, b: &IntValue) -> PyResult<(IntValue, IntValue)> {
    int_divmod_values(a, b).ok_or_else(zero_div_or_mod)
}

/// `2**e` as a float for `-1074 <= e <= 1023`, times `m` exactly when the product is representable.
fn ldexp(m: f64, e: i64) -> f64 {
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    if e < -1022 {
        m * pow2(e + 1022) * pow2(-1022)
    } else if e > 1023 {
        m * pow2(1023) * pow2(e - 1023)
    } else {
        m * pow2(e)
    }
}

/// `a / b` correctly rounded to a double (`long_true_divide`); `None` if the result overflows.
/// `b` must be non-zero.
pub fn ratio_to_f64(a: &BigInt, b: &BigInt) -> Option<f64> {
    let negative = a.is_negative() != b.is_negative();
    let sign = if negative { -1.0 } else { 1.0 };
    let (a, b) = (a.magnitude(), b.magnitude());
    if a.is_zero() {
        return Some(sign * 0.0);
    }
    let shift = a.bits() as i64 - b.bits() as i64 - 55;
    let (q, sticky) = if shift >= 0 {
        let bb: BigUint = b << (shift as u64);
        let q = a / &bb;
        let exact = &q * &bb == *a;
        (q, !exact)
    } else {
        let aa: BigUint = a << (shift.unsigned_abs());
        let q = &aa / b;
        let exact = &q * b == aa;
        (q, !exact)
    };
    // value = (q + sticky fraction) * 2**shift, q has 55 or 56 bits.
    let top = q.bits() as i64 + shift;
    let lsb = (top - 53).max(-1074);
    let drop = (lsb - shift) as u64;
    let mut mant: BigUint = &q >> drop;
    let rest: BigUint = &q - (&mant << drop);
    let half: BigUint = BigUint::one() << (drop - 1);
    let odd = mant.bit(0);
    if rest > half || (rest == half && (sticky || odd)) {
        mant += 1u32;
    }
    if mant.bits() as i64 + lsb > 1024 {
        return None;
    }
    let m = mant.to_u64().unwrap_or(0) as f64;
    Some(sign * ldexp(m, lsb))
}

/// `float(n)` for an int, correctly rounded; `OverflowError` if out of range.
pub fn int_to_f64(v: &IntValue) -> PyResult<f64> {
    match v {
        IntValue::Small(i) => Ok(*i as f64),
        IntValue::Big(b) => ratio_to_f64(b, &BigInt::one())
            .ok_or_else(|| PyErr::overflow_error("int too large to convert to float")),
    }
}

/// `a / b` for ints: always a float, correctly rounded.
pub fn int_true_divide(a: &IntValue, b: &IntValue) -> PyResult<f64> {
    const EXACT: u64 = 1 << 53;
    if crate::objects::int::is_zero(b) {
        return Err(PyErr::zero_division("division by zero"));
    }
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b)
        && x.unsigned_abs() <= EXACT
        && y.unsigned_abs() <= EXACT
    {
        return Ok(*x as f64 / *y as f64);
    }
    ratio_to_f64(&big(a), &big(b))
        .ok_or_else(|| PyErr::overflow_error("integer division result too large for a float"))
}

/// `a ** b` for ints without modulus: a negative exponent gives a float (`float_pow`).
pub fn int_pow(py: Python<'_>, a: &IntValue, b: &IntValue) -> PyResult<PyRef> {
    if crate::objects::int::is_negative(b) {
        let (x, y) = (int_to_f64(a)?, int_to_f64(b)?);
        return float_pow(py, x, y);
    }
    Ok(int_object(py, int_pow_value(a, b)?))
}

/// `a ** b` for a non-negative exponent.
pub fn int_pow_value(a: &IntValue, b: &IntValue) -> PyResult<IntValue> {
    if let IntValue::Small(x) = a {
        match x {
            0 => {
                return Ok(IntValue::Small(i64::from(crate::objects::int::is_zero(b))));
            }
            1 => return Ok(IntValue::Small(1)),
            -1 => {
                let odd = match b {
                    IntValue::Small(e) => e & 1 == 1,
                    IntValue::Big(e) => e.bit(0),
                };
                return Ok(IntValue::Small(if odd { -1 } else { 1 }));
            }
            _ => {}
        }
    }
    let e = match b {
        IntValue::Small(e) => u64::try_from(*e).unwrap_or(0),
        IntValue::Big(_) => return Err(PyErr::memory_error()),
    };
    if a.bit_length().saturating_mul(e) > MAX_RESULT_BITS {
        return Err(PyErr::memory_error());
    }
    if let IntValue::Small(x) = a
        && let Ok(e32) = u32::try_from(e)
        && let Some(r) = x.checked_pow(e32)
    {
        return Ok(IntValue::Small(r));
    }
    let e32 = u32::try_from(e).map_err(|_| PyErr::memory_error())?;
    Ok(IntValue::from_bigint(big(a).pow(e32)))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    // Extended Euclid on (a mod m, m), m > 0.
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r.is_one() {
        Some(big_divmod(&old_s, m).1)
    } else {
        None
    }
}

/// Three-argument `pow(a, b, m)` (`long_pow` with a modulus), all arguments ints.
///
/// Errors as CPython: `TypeError` if an argument is not an int, `ValueError` for `m == 0` and for a
/// negative exponent whose base has no inverse modulo `m`.
pub fn int_pow_mod(py: Python<'_>, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    let (Some(a), Some(b), Some(m)) = (int_value(py, a), int_value(py, b), int_value(py, m)) else {
        return Err(PyErr::type_error(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    let m = big(m);
    if m.is_zero() {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let negative_mod = m.is_negative();
    let modulus = m.abs();
    let mut base = big_divmod(&big(a), &modulus).1;
    let mut exp = big(b);
    if exp.is_negative() {
        base = mod_inverse(&base, &modulus)
            .ok_or_else(|| PyErr::value_error("base is not invertible for the given modulus"))?;
        exp = -exp;
    }
    let mut r = if modulus.is_one() {
        BigInt::zero()
    } else {
        base.modpow(&exp, &modulus)
    };
    if negative_mod && !r.is_zero() {
        r -= &modulus;
    }
    Ok(int_object(py, IntValue::from_bigint(r)))
}

/// `a << b` / `a >> b` ("negative shift count").
pub fn int_shift(a: &IntValue, b: &IntValue, left: bool) -> PyResult<IntValue> {
    if crate::objects::int::is_negative(b) {
        return Err(PyErr::value_error("negative shift count"));
    }
    if crate::objects::int::is_zero(a) {
        return Ok(IntValue::Small(0));
    }
    let count = match b {
        IntValue::Small(n) => n.unsigned_abs(),
        IntValue::Big(_) => u64::MAX,
    };
    if left {
        if let IntValue::Small(x) = a
            && count < 64
        {
            let r = x.checked_shl(count as u32).filter(|r| r >> count == *x);
            if let Some(r) = r {
                return Ok(IntValue::Small(r));
            }
        }
        if count.saturating_add(a.bit_length()) > MAX_RESULT_BITS {
            return Err(PyErr::memory_error());
        }
        Ok(IntValue::from_bigint(&*big_ref(a) << count))
    } else {
        if count >= a.bit_length() {
            let neg = crate::objects::int::is_negative(a);
            return Ok(IntValue::Small(if neg { -1 } else { 0 }));
        }
        match a {
            IntValue::Small(x) => Ok(IntValue::Small(x >> count)),
            IntValue::Big(x) => Ok(IntValue::from_bigint(&**x >> count)),
        }
    }
}

/// `a & b`, `a | b`, `a ^ b` with two's-complement semantics.
pub fn int_bitwise(op: BinOp, a: &IntValue, b: &IntValue) -> IntValue {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b) {
        return IntValue::Small(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        });
    }
    let (x, y) = (big_ref(a), big_ref(b));
    let (x, y) = (&*x, &*y);
    IntValue::from_bigint(match op {
        BinOp::And => x & y,
        BinOp::Or => x | y,
        _ => x ^ y,
    })
}

/// `-a`.
pub fn int_neg(a: &IntValue) -> IntValue {
    match a {
        IntValue::Small(x) => match x.checked_neg() {
            Some(r) => IntValue::Small(r),
            None => IntValue::from_bigint(-BigInt::from(*x)),
        },
        IntValue::Big(b) => IntValue::from_bigint(-(**b).clone()),
    }
}

/// `~a` = `-(a + 1)`.
pub fn int_invert(a: &IntValue) -> IntValue {
    match a {
        IntValue::Small(x) => IntValue::Small(!x),
        IntValue::Big(b) => IntValue::from_bigint(!(**b).clone()),
    }
}

/// The `int` binary-operator slot: both operands must be ints (or bools).
pub fn int_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (int_value(py, a), int_value(py, b)) else {
        return Ok(py.not_implemented());
    };
    let v = match op {
        BinOp::Add => int_add(x, y),
        BinOp::Subtract => int_sub(x, y),
        BinOp::Multiply => int_mul(x, y),
        BinOp::FloorDivide => int_floordiv(x, y)?,
        BinOp::Remainder => int_mod(x, y)?,
        BinOp::TrueDivide => return Ok(PyFloat::new(py, int_true_divide(x, y)?).into_object()),
        BinOp::Power => return int_pow(py, x, y),
        BinOp::Lshift => int_shift(x, y, true)?,
        BinOp::Rshift => int_shift(x, y, false)?,
        BinOp::And | BinOp::Or | BinOp::Xor => int_bitwise(op, x, y),
        BinOp::MatrixMultiply => return Ok(py.not_implemented()),
    };
    Ok(int_object(py, v))
}

/// `int(x)` for an int-layout object: the object itself for an exact int, else a new exact int
/// (`long_long`), as `+x` and `abs(x)` of a non-negative value return.
pub fn int_exact(py: Python<'_>, obj: &PyObject, v: &IntValue) -> PyRef {
    if std::ptr::eq(obj.ob_type(), py.types().int()) {
        obj.to_owned_ref()
    } else {
        int_object(py, v.clone())
    }
}

/// The `int` unary-operator slot.
pub fn int_unary(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    let Some(x) = int_value(py, a) else {
        return Ok(py.not_implemented());
    };
    Ok(match op {
        UnaryOp::Negative => int_object(py, int_neg(x)),
        UnaryOp::Positive => int_exact(py, a, x),
        UnaryOp::Absolute if crate::objects::int::is_negative(x) => int_object(py, int_neg(x)),
        UnaryOp::Absolute => int_exact(py, a, x),
        UnaryOp::Invert => int_object(py, int_invert(x)),
    })
}

/// `bool`'s binary slot: `&`, `|`, `^` of two bools give a bool; everything else is int's.
pub fn bool_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let bool_type = py.types().bool_();
    if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor)
        && std::ptr::eq(a.ob_type(), bool_type)
        && std::ptr::eq(b.ob_type(), bool_type)
    {
        let (x, y) = (a.is(py.true_().as_object()), b.is(py.true_().as_object()));
        let r = match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        };
        return Ok(py.bool(r).into_object());
    }
    int_binop(py, op, a, b)
}

/// Sign of a big value as CPython reports it (`_PyLong_Sign`).
pub fn int_sign(v: &IntValue) -> i32 {
    match v {
        IntValue::Small(x) => x.signum() as i32,
        IntValue::Big(b) => match b.sign() {
            Sign::Minus => -1,
            Sign::NoSign => 0,
            Sign::Plus => 1,
        },
    }
}
