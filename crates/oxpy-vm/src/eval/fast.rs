//! Fast paths for the commonest operand types (exact small ints, exact floats), with results
//! identical to the generic slots: they return `None` whenever the general path is needed.

use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::float::PyFloat;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::list::PyList;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::CompareOp;
use crate::ops::BinOp;

#[inline]
fn small_int(py: Python<'_>, o: &PyObject) -> Option<i64> {
    if PyInt::is_exact_type_of(py, o) {
        // SAFETY: exact int checked just above.
        let i = unsafe { &*(o as *const PyObject as *const PyInt) };
        if let IntValue::Small(v) = i.value() {
            return Some(*v);
        }
    }
    None
}

#[inline]
fn exact_float(py: Python<'_>, o: &PyObject) -> Option<f64> {
    if PyFloat::is_exact_type_of(py, o) {
        // SAFETY: exact float checked just above.
        return Some(unsafe { &*(o as *const PyObject as *const PyFloat) }.value());
    }
    None
}

/// `a <op> b` for two small ints, or floats (with a small int), when no error or big result
/// is possible. `a` and `b` are the caller's own references (popped from the value stack): an
/// operand float whose only reference that is may be reused for the result.
#[inline]
pub fn binary_op(py: Python<'_>, op: BinOp, a: &PyRef, b: &PyRef) -> Option<PyRef> {
    if let (Some(x), Some(y)) = (small_int(py, a), small_int(py, b)) {
        let r = match op {
            BinOp::Add => x.checked_add(y)?,
            BinOp::Subtract => x.checked_sub(y)?,
            BinOp::Multiply => x.checked_mul(y)?,
            BinOp::FloorDivide if y != 0 => {
                let q = x.checked_div(y)?;
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            BinOp::Remainder if y != 0 => {
                let r = x.checked_rem(y)?;
                if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                }
            }
            BinOp::And => x & y,
            BinOp::Or => x | y,
            BinOp::Xor => x ^ y,
            _ => return None,
        };
        return Some(PyInt::new(py, r).into_object());
    }
    let (x, y) = float_operands(py, a, b)?;
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Subtract => x - y,
        BinOp::Multiply => x * y,
        BinOp::TrueDivide if y != 0.0 => x / y,
        // `float_pow` for a positive finite base and finite exponent is libm's `pow`; an
        // infinite result is CPython's OverflowError, left to the generic path.
        BinOp::Power if x > 0.0 && x.is_finite() && y.is_finite() => {
            let r = x.powf(y);
            if !r.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    };
    // An operand that is a temporary only the caller holds can carry the result in its box:
    // nothing else can reach it, and it would die right after this operation.
    for o in [&**a, &**b] {
        if o.refcnt() == 1 && PyFloat::is_exact_type_of(py, o) {
            // SAFETY: exact float checked just above.
            unsafe { &*(o as *const PyObject as *const PyFloat) }.set_value(r);
            return Some(o.to_owned_ref());
        }
    }
    Some(PyFloat::new(py, r).into_object())
}

/// Two floats, or a float and a small int that converts exactly (as `float_binop` converts it).
#[inline]
fn float_operands(py: Python<'_>, a: &PyObject, b: &PyObject) -> Option<(f64, f64)> {
    const EXACT: i64 = 1 << 53;
    match (exact_float(py, a), exact_float(py, b)) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) => {
            let y = small_int(py, b).filter(|v| v.unsigned_abs() <= EXACT as u64)?;
            Some((x, y as f64))
        }
        (None, Some(y)) => {
            let x = small_int(py, a).filter(|v| v.unsigned_abs() <= EXACT as u64)?;
            Some((x as f64, y))
        }
        (None, None) => None,
    }
}

/// `container[key]` for an exact list or tuple and an in-range small int.
#[inline]
pub fn subscr(py: Python<'_>, container: &PyObject, key: &PyObject) -> Option<PyRef> {
    let i = small_int(py, key)?;
    if PyList::is_exact_type_of(py, container) {
        // SAFETY: exact list checked just above.
        let l = unsafe { &*(container as *const PyObject as *const PyList) };
        let i = if i < 0 { i + l.len() as i64 } else { i };
        return l.get(usize::try_from(i).ok()?);
    }
    if PyTuple::is_exact_type_of(py, container) {
        // SAFETY: exact tuple checked just above.
        let t = unsafe { &*(container as *const PyObject as *const PyTuple) };
        let i = if i < 0 { i + t.len() as i64 } else { i };
        return t.get(usize::try_from(i).ok()?).cloned();
    }
    None
}

/// `container[key] = value` for an exact list and an in-range small int; gives the value
/// back when the generic path is needed.
#[inline]
pub fn store_subscr(
    py: Python<'_>,
    container: &PyObject,
    key: &PyObject,
    value: PyRef,
) -> Result<(), PyRef> {
    let Some(i) = small_int(py, key) else {
        return Err(value);
    };
    if !PyList::is_exact_type_of(py, container) {
        return Err(value);
    }
    // SAFETY: exact list checked just above.
    let l = unsafe { &*(container as *const PyObject as *const PyList) };
    let i = if i < 0 { i + l.len() as i64 } else { i };
    match usize::try_from(i) {
        Ok(i) if i < l.len() => {
            // In range: `set` cannot fail.
            let _ = l.set(i, value);
            Ok(())
        }
        _ => Err(value),
    }
}

/// The items of an exact tuple or list of exactly `n` items (`UNPACK_SEQUENCE_TUPLE`/`_LIST`),
/// pushed last first onto the frame's stack; false (nothing pushed) otherwise.
#[inline]
pub fn unpack(py: Python<'_>, seq: &PyObject, n: usize, frame: &mut super::Frame) -> bool {
    if PyTuple::is_exact_type_of(py, seq) {
        // SAFETY: exact tuple checked just above.
        let t = unsafe { &*(seq as *const PyObject as *const PyTuple) };
        if t.len() != n {
            return false;
        }
        for v in t.as_slice().iter().rev() {
            frame.stack_push(Some(v.clone()));
        }
        return true;
    }
    if PyList::is_exact_type_of(py, seq) {
        // SAFETY: exact list checked just above.
        let l = unsafe { &*(seq as *const PyObject as *const PyList) };
        if l.len() != n {
            return false;
        }
        for i in (0..n).rev() {
            frame.stack_push(l.get(i));
        }
        return true;
    }
    false
}

/// `a <cmp> b` for two small ints or two floats.
#[inline]
pub fn compare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> Option<PyRef> {
    let ord = if let (Some(x), Some(y)) = (small_int(py, a), small_int(py, b)) {
        x.cmp(&y)
    } else if let (Some(x), Some(y)) = (exact_float(py, a), exact_float(py, b)) {
        x.partial_cmp(&y)?
    } else {
        return None;
    };
    Some(py.bool(op.test(ord)).into_object())
}
