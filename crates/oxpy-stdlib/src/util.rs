//! Argument conversions and generic operations shared by the native modules.

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};
use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, arg_count_message};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::{IntValue, PyInt};
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::BinOpFn;
use oxpy_vm::ops::BinOp;
use oxpy_vm::{PyObject, PyRef, Python};

/// Positional-only arguments of a module function: keyword errors name `qualname()`
/// (`math.atan2() takes no keyword arguments`), count errors use `name` as Argument Clinic does
/// (`atan2 expected 2 arguments, got 1`), except METH_O functions (`min == max == 1`), whose
/// message names `qualname()`.
pub fn pos_args<'a>(
    args: Args<'a>,
    qualname: &str,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [PyRef]> {
    args.no_kwargs(qualname)?;
    let pos = args.pos();
    let n = pos.len();
    if n < min || n > max {
        let fname = if min == 1 && max == 1 { qualname } else { name };
        return Err(PyErr::type_error(arg_count_message(fname, min, max, n)));
    }
    Ok(pos)
}

/// The one argument of a METH_O function.
pub fn one_arg<'a>(args: Args<'a>, qualname: &str) -> PyResult<&'a PyRef> {
    let pos = pos_args(args, qualname, qualname, 1, 1)?;
    pos.first()
        .ok_or_else(|| PyErr::type_error(arg_count_message(qualname, 1, 1, 0)))
}

/// `PyLong_AsDouble`: correctly rounded (half-even), `OverflowError` beyond the float range.
pub fn int_to_f64(v: &IntValue) -> PyResult<f64> {
    match v {
        IntValue::Small(i) => Ok(*i as f64),
        IntValue::Big(b) => {
            let (m, e) = bigint_frexp(b);
            let r = ldexp(m, i32::try_from(e).unwrap_or(i32::MAX));
            if r.is_finite() {
                Ok(r)
            } else {
                Err(PyErr::overflow_error("int too large to convert to float"))
            }
        }
    }
}

/// `_PyLong_Frexp`: `(x, e)` with `0.5 <= |x| < 1` (or `x == 0`) and `n ≈ x * 2**e`, `x`
/// correctly rounded to 53 bits.
pub fn bigint_frexp(n: &BigInt) -> (f64, u64) {
    let bits = n.bits();
    if bits == 0 {
        return (0.0, 0);
    }
    let mag = n.magnitude();
    let top = if bits <= 64 {
        mag.to_u64().unwrap_or(0) << (64 - bits)
    } else {
        let shift = bits - 64;
        let hi = (mag >> shift).to_u64().unwrap_or(u64::MAX);
        // Sticky bit: any nonzero bit shifted out makes ties round away correctly.
        let lost = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        hi | u64::from(lost)
    };
    // `top` has its high bit set; `as f64` rounds half-even.
    let mut x = top as f64 / 18_446_744_073_709_551_616.0;
    let mut e = bits;
    if x == 1.0 {
        x = 0.5;
        e += 1;
    }
    if n.sign() == Sign::Minus {
        x = -x;
    }
    (x, e)
}

/// Any real number argument as a double (`PyFloat_AsDouble`): float, int or bool, else
/// `TypeError: must be real number, not str`.
pub fn to_f64(py: Python<'_>, obj: &PyObject) -> PyResult<f64> {
    if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        Ok(f.value())
    } else if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        int_to_f64(i.value())
    } else {
        Err(PyErr::type_error(format!(
            "must be real number, not {}",
            obj.ob_type().name()
        )))
    }
}

/// `PyNumber_Index`: the integer value of an int or bool.
pub fn index(py: Python<'_>, obj: &PyObject) -> PyResult<BigInt> {
    oxpy_vm::objects::slice::number_index(py, obj).map(|i| i.to_bigint())
}

/// `PyNumber_Index` without converting to a `BigInt`.
pub fn index_value<'a>(py: Python<'_>, obj: &'a PyObject) -> PyResult<&'a IntValue> {
    match obj.downcast_ref::<PyInt>(py) {
        Some(i) => Ok(i.value()),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        ))),
    }
}

/// A new int object.
pub fn new_int(py: Python<'_>, v: BigInt) -> PyRef {
    match v.to_i64() {
        Some(i) => PyInt::new(py, i).into_object(),
        None => PyInt::from_bigint(py, v).into_object(),
    }
}

/// A new float object.
pub fn new_float(py: Python<'_>, v: f64) -> PyRef {
    PyFloat::new(py, v).into_object()
}

/// `PyLong_FromDouble`: the integer part of `v`.
pub fn int_from_f64(py: Python<'_>, v: f64) -> PyResult<PyRef> {
    if v.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if v.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = v.trunc();
    if t.abs() < 9.2e18 {
        return Ok(PyInt::new(py, t as i64).into_object());
    }
    let (m, e) = frexp(t);
    // t = m * 2**e exactly, with 53 significant bits in m.
    let mant = BigInt::from(ldexp(m, 53) as i64);
    let shift = u32::try_from(e - 53).unwrap_or(0);
    Ok(new_int(py, mant << shift))
}

/// C's `frexp`: `(m, e)` with `0.5 <= |m| < 1` and `x = m * 2**e` (zero, inf, nan unchanged).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * 18_446_744_073_709_551_616.0, -64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + adj)
}

/// C's `ldexp`/`scalbn`: `x * 2**n`, correctly rounded (musl's algorithm).
pub fn ldexp(x: f64, n: i32) -> f64 {
    let two1023 = f64::from_bits(0x7fe << 52);
    let tiny = f64::from_bits(1 << 52) * 9_007_199_254_740_992.0; // 2**-1022 * 2**53
    let mut y = x;
    let mut n = n;
    if n > 1023 {
        y *= two1023;
        n -= 1023;
        if n > 1023 {
            y *= two1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= tiny;
        n += 1022 - 53;
        if n < -1022 {
            y *= tiny;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + i64::from(n)) as u64) << 52)
}

/// The items of an iterable (`list(obj)`): the type's `iter`/`iternext` slots, else the
/// builtin sequences directly; `TypeError: 'int' object is not iterable` otherwise.
pub fn collect_iter(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    let ty = obj.ob_type();
    if let Some(iter) = ty.slots.iter {
        let it = iter(py, obj)?;
        let Some(next) = it.ob_type().slots.iternext else {
            return Err(PyErr::type_error(format!(
                "iter() returned non-iterator of type '{}'",
                it.ob_type().name()
            )));
        };
        let mut out = Vec::new();
        while let Some(item) = next(py, &it)? {
            out.push(item);
        }
        return Ok(out);
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        return Ok(t.as_slice().to_vec());
    }
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return Ok(l.to_vec());
    }
    if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        return s
            .code_points()
            .map(|c| {
                PyStr::from_code_points(py, &[c])
                    .map(PyRef::into_object)
                    .ok_or_else(PyErr::memory_error)
            })
            .collect();
    }
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        return Ok(b
            .as_bytes()
            .iter()
            .map(|&x| PyInt::new(py, i64::from(x)).into_object())
            .collect());
    }
    Err(not_iterable(obj))
}

fn not_iterable(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", obj.ob_type().name()))
}

/// `PyNumber_Add`, `PyNumber_Multiply`, … (`binary_op1`): the right operand's slot first if
/// its type is a proper subtype of the left's and has a different slot, then the left's, then
/// the right's; then, as `PyNumber_Add`/`PyNumber_Multiply` do, concatenation and repetition
/// of the builtin sequences; `TypeError: unsupported operand type(s) for +: 'int' and 'str'`
/// if all decline.
pub fn binary_op(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slota = ta.slots.binop;
    let mut slotb = tb.slots.binop;
    if std::ptr::eq(ta, tb) || same_fn(slota, slotb) {
        slotb = None;
    }
    let not_impl = |r: &PyRef| r.is(&py.interp().singletons.not_implemented);
    if let Some(fa) = slota {
        if let Some(fb) = slotb
            && tb.is_subtype(ta)
        {
            let r = fb(py, op, a, b)?;
            if !not_impl(&r) {
                return Ok(r);
            }
            slotb = None;
        }
        let r = fa(py, op, a, b)?;
        if !not_impl(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slotb {
        let r = fb(py, op, a, b)?;
        if !not_impl(&r) {
            return Ok(r);
        }
    }
    match op {
        BinOp::Add if seq_kind(py, a).is_some() => return sequence_concat(py, a, b),
        BinOp::Multiply if seq_kind(py, a).is_some() => return sequence_repeat(py, a, b),
        BinOp::Multiply if seq_kind(py, b).is_some() => return sequence_repeat(py, b, a),
        _ => {}
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

/// The builtin sequences with `sq_concat`/`sq_repeat`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Str,
    Bytes,
}

fn seq_kind(py: Python<'_>, obj: &PyObject) -> Option<SeqKind> {
    if obj.downcast_ref::<PyList>(py).is_some() {
        Some(SeqKind::List)
    } else if obj.downcast_ref::<PyTuple>(py).is_some() {
        Some(SeqKind::Tuple)
    } else if obj.downcast_ref::<PyStr>(py).is_some() {
        Some(SeqKind::Str)
    } else if obj.downcast_ref::<PyBytes>(py).is_some() {
        Some(SeqKind::Bytes)
    } else {
        None
    }
}

/// The items of a builtin sequence as a generic list of parts to rebuild from.
enum Parts {
    Objs(Vec<PyRef>),
    Chars(Vec<u32>),
    Bytes(Vec<u8>),
}

fn parts(py: Python<'_>, obj: &PyObject) -> Parts {
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        Parts::Objs(l.to_vec())
    } else if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        Parts::Objs(t.as_slice().to_vec())
    } else if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        Parts::Chars(s.code_points().collect())
    } else if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        Parts::Bytes(b.as_bytes().to_vec())
    } else {
        Parts::Objs(Vec::new())
    }
}

fn build(py: Python<'_>, kind: SeqKind, p: Parts) -> PyResult<PyRef> {
    Ok(match (kind, p) {
        (SeqKind::List, Parts::Objs(v)) => PyList::from_vec(py, v)?.into_object(),
        (SeqKind::Tuple, Parts::Objs(v)) => PyTuple::new(py, v).into_object(),
        (SeqKind::Str, Parts::Chars(c)) => PyStr::from_code_points(py, &c)
            .ok_or_else(PyErr::memory_error)?
            .into_object(),
        (SeqKind::Bytes, Parts::Bytes(b)) => PyBytes::new(py, &b).into_object(),
        _ => return Err(PyErr::memory_error()),
    })
}

/// `sq_concat` of list, tuple, str and bytes (`PyNumber_Add`'s sequence fallback).
fn sequence_concat(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(kind) = seq_kind(py, a) else {
        return Err(PyErr::memory_error());
    };
    if seq_kind(py, b) != Some(kind) {
        let (an, bn) = (a.ob_type().name(), b.ob_type().name());
        return Err(PyErr::type_error(if kind == SeqKind::Bytes {
            format!("can't concat {bn} to {an}")
        } else {
            format!("can only concatenate {an} (not \"{bn}\") to {an}")
        }));
    }
    let joined = match (parts(py, a), parts(py, b)) {
        (Parts::Objs(mut x), Parts::Objs(y)) => {
            x.extend(y);
            Parts::Objs(x)
        }
        (Parts::Chars(mut x), Parts::Chars(y)) => {
            x.extend(y);
            Parts::Chars(x)
        }
        (Parts::Bytes(mut x), Parts::Bytes(y)) => {
            x.extend(y);
            Parts::Bytes(x)
        }
        _ => return Err(PyErr::memory_error()),
    };
    build(py, kind, joined)
}

/// `sq_repeat` of list, tuple, str and bytes (`PyNumber_Multiply`'s sequence fallback).
fn sequence_repeat(py: Python<'_>, seq: &PyObject, n: &PyObject) -> PyResult<PyRef> {
    let Some(kind) = seq_kind(py, seq) else {
        return Err(PyErr::memory_error());
    };
    let Some(count) = n.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.ob_type().name()
        )));
    };
    let count = match count.value() {
        IntValue::Small(v) => usize::try_from(*v).unwrap_or(0),
        IntValue::Big(b) if b.sign() == Sign::Minus => 0,
        IntValue::Big(_) => {
            return Err(PyErr::overflow_error(
                "cannot fit 'int' into an index-sized integer",
            ));
        }
    };
    let p = parts(py, seq);
    let len = match &p {
        Parts::Objs(v) => v.len(),
        Parts::Chars(v) => v.len(),
        Parts::Bytes(v) => v.len(),
    };
    if len != 0 && count > (isize::MAX as usize) / 8 / len {
        return Err(PyErr::memory_error());
    }
    let repeated = match p {
        Parts::Objs(v) => {
            let mut out = try_vec(v.len() * count)?;
            for _ in 0..count {
                out.extend(v.iter().cloned());
            }
            Parts::Objs(out)
        }
        Parts::Chars(v) => {
            let mut out = try_vec(v.len() * count)?;
            for _ in 0..count {
                out.extend_from_slice(&v);
            }
            Parts::Chars(out)
        }
        Parts::Bytes(v) => {
            let mut out = try_vec(v.len() * count)?;
            for _ in 0..count {
                out.extend_from_slice(&v);
            }
            Parts::Bytes(out)
        }
    };
    build(py, kind, repeated)
}

fn same_fn(a: Option<BinOpFn>, b: Option<BinOpFn>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if std::ptr::fn_addr_eq(x, y))
}

/// True if the int value is zero.
pub fn is_zero(v: &IntValue) -> bool {
    match v {
        IntValue::Small(i) => *i == 0,
        IntValue::Big(b) => b.is_zero(),
    }
}

/// `a + b`: ints and floats natively (exact ints, `float(int)` conversions), anything else
/// through [`binary_op`].
pub fn add_objects(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let ai = a.downcast_ref::<PyInt>(py);
    let bi = b.downcast_ref::<PyInt>(py);
    let af = a.downcast_ref::<PyFloat>(py);
    let bf = b.downcast_ref::<PyFloat>(py);
    match (ai, bi, af, bf) {
        (Some(x), Some(y), _, _) => Ok(new_int(py, x.to_bigint() + y.to_bigint())),
        (_, _, Some(x), Some(y)) => Ok(new_float(py, x.value() + y.value())),
        (Some(x), _, _, Some(y)) => Ok(new_float(py, int_to_f64(x.value())? + y.value())),
        (_, Some(y), Some(x), _) => Ok(new_float(py, x.value() + int_to_f64(y.value())?)),
        _ => binary_op(py, BinOp::Add, a, b),
    }
}

/// An empty vector with room for `cap` items, or `MemoryError` (never an abort) when that
/// much memory cannot be had.
pub fn try_vec<T>(cap: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(cap)
        .map_err(|_| PyErr::memory_error())?;
    Ok(v)
}

/// An index-sized integer argument (`Py_ssize_t`, the `"n"` format): `OverflowError: Python
/// int too large to convert to C ssize_t` beyond ±2**63.
pub fn ssize(py: Python<'_>, obj: &PyObject) -> PyResult<i64> {
    match index_value(py, obj)? {
        IntValue::Small(v) => Ok(*v),
        IntValue::Big(_) => Err(PyErr::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
    }
}
