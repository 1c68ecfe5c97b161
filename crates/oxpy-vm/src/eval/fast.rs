//! Fast paths for the commonest operand types (exact small ints, exact floats), with results
//! identical to the generic slots: they return `None` whenever the general path is needed.

use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::float::PyFloat;
use crate::objects::int::{IntValue, PyInt};
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

/// `a <op> b` for two small ints or two floats, when no error or big result is possible.
#[inline]
pub fn binary_op(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> Option<PyRef> {
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
    if let (Some(x), Some(y)) = (exact_float(py, a), exact_float(py, b)) {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Subtract => x - y,
            BinOp::Multiply => x * y,
            BinOp::TrueDivide if y != 0.0 => x / y,
            _ => return None,
        };
        return Some(PyFloat::new(py, r).into_object());
    }
    None
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
