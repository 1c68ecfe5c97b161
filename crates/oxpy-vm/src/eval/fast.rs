//! Fast paths for the commonest operand types (exact small ints, exact floats), with results
//! identical to the generic slots: they return `None` whenever the general path is needed.

use oxpy_bytecode::Opcode;

use super::{Frame, Raised};
use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::code::Instr;
use crate::objects::code::PyCode;
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

/// `PyInt::new(r)` with the small-int cache lookup inlined into the loop (the commonest
/// result of the int fast paths).
#[inline(always)]
fn int_result(py: Python<'_>, r: i64) -> PyRef {
    let i = r.wrapping_sub(crate::objects::int::SMALL_INT_MIN) as u64;
    if let Some(v) = usize::try_from(i)
        .ok()
        .and_then(|i| py.interp().singletons.small_ints.get(i))
    {
        return v.clone().into_object();
    }
    PyInt::new(py, r).into_object()
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
#[inline(always)]
pub fn binary_op(py: Python<'_>, op: BinOp, a: &PyRef, b: &PyRef) -> Option<PyRef> {
    if let Some(x) = small_int(py, a)
        && let Some(y) = small_int(py, b)
    {
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
        return Some(int_result(py, r));
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
    let r = compare_bool(py, a, b, op)?;
    Some(py.bool(r).into_object())
}

/// `a <cmp> b` as a Rust bool for two small ints or two floats (no NaN: a NaN makes every
/// comparison but `!=` false, which the generic path computes).
#[inline]
pub fn compare_bool(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> Option<bool> {
    let ord = if let Some(x) = small_int(py, a)
        && let Some(y) = small_int(py, b)
    {
        x.cmp(&y)
    } else if let Some(x) = exact_float(py, a)
        && let Some(y) = exact_float(py, b)
    {
        x.partial_cmp(&y)?
    } else {
        return None;
    };
    Some(op.test(ord))
}

/// The truth value of `v` (`PyObject_IsTrue`), with the singletons and exact ints decided
/// inline; everything else goes to `ops::truthy`.
#[inline(always)]
pub fn truthy(py: Python<'_>, v: &PyObject) -> crate::error::PyResult<bool> {
    let s = &py.interp().singletons;
    if v.is(s.true_.as_object()) {
        return Ok(true);
    }
    if v.is(s.false_.as_object()) || v.is(&s.none) {
        return Ok(false);
    }
    if let Some(i) = small_int(py, v) {
        return Ok(i != 0);
    }
    super::ops::truthy(py, v)
}

/// `COMPARE_OP`'s argument as the comparison.
#[inline]
pub fn compare_op(arg: u32) -> CompareOp {
    match arg {
        0 => CompareOp::Lt,
        1 => CompareOp::Le,
        2 => CompareOp::Eq,
        3 => CompareOp::Ne,
        4 => CompareOp::Gt,
        _ => CompareOp::Ge,
    }
}

/// Rewrite the decoded instruction stream with the specialised forms (CPython's quickening,
/// done once when the code object is made): a pair of instructions that always runs together
/// becomes one dispatch. Only the first instruction's opcode changes; the second keeps its
/// place, opcode, argument and `skip`, so a jump to it, `dis`, `co_code` and the inline caches
/// see the original stream. A second instruction with an `EXTENDED_ARG` prefix is a `NOP` unit
/// here and is never fused.
pub fn quicken(instrs: &mut [Instr]) {
    for i in 0..instrs.len() {
        let a = instrs[i];
        // BINARY_OP by operator (argument: `NB_ADD`/`NB_INPLACE_ADD`, ...).
        let by_operator = match (a.op, a.arg) {
            (Opcode::BINARY_OP, 0 | 13) => Some(Opcode::BINARY_OP_ADD),
            (Opcode::BINARY_OP, 10 | 23) => Some(Opcode::BINARY_OP_SUBTRACT),
            (Opcode::BINARY_OP, 5 | 18) => Some(Opcode::BINARY_OP_MULTIPLY),
            _ => None,
        };
        if let Some(op) = by_operator {
            instrs[i].op = op;
            continue;
        }
        let j = i + a.skip as usize;
        let Some(&b_instr) = instrs.get(j) else {
            continue;
        };
        let b = b_instr.op;
        if (a.op, a.arg, b, b_instr.arg) == (Opcode::SWAP, 3, Opcode::SWAP, 2)
            && instrs.get(j + b_instr.skip as usize).map(|c| c.op) == Some(Opcode::STORE_SUBSCR)
        {
            instrs[i].op = Opcode::SWAP__SWAP__STORE_SUBSCR;
            continue;
        }
        if (a.op, a.arg, b, b_instr.arg) == (Opcode::COPY, 2, Opcode::COPY, 2)
            && instrs.get(j + b_instr.skip as usize).map(|c| c.op) == Some(Opcode::BINARY_SUBSCR)
        {
            instrs[i].op = Opcode::COPY__COPY__BINARY_SUBSCR;
            continue;
        }
        let fused = match (a.op, b) {
            (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => Opcode::LOAD_FAST__LOAD_FAST,
            (Opcode::LOAD_FAST, Opcode::LOAD_CONST) => Opcode::LOAD_FAST__LOAD_CONST,
            (Opcode::LOAD_CONST, Opcode::LOAD_FAST) => Opcode::LOAD_CONST__LOAD_FAST,
            (Opcode::STORE_FAST, Opcode::LOAD_FAST) => Opcode::STORE_FAST__LOAD_FAST,
            (Opcode::STORE_FAST, Opcode::STORE_FAST) => Opcode::STORE_FAST__STORE_FAST,
            (
                Opcode::COMPARE_OP,
                Opcode::POP_JUMP_FORWARD_IF_FALSE
                | Opcode::POP_JUMP_FORWARD_IF_TRUE
                | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                | Opcode::POP_JUMP_BACKWARD_IF_TRUE,
            ) => Opcode::COMPARE_OP__POP_JUMP,
            (
                Opcode::IS_OP,
                Opcode::POP_JUMP_FORWARD_IF_FALSE
                | Opcode::POP_JUMP_FORWARD_IF_TRUE
                | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                | Opcode::POP_JUMP_BACKWARD_IF_TRUE,
            ) => Opcode::IS_OP__POP_JUMP,
            _ => continue,
        };
        instrs[i].op = fused;
    }
}

// The instruction loop's shared arm bodies (kept here so `eval/mod.rs` stays the dispatch).

/// `BINARY_OP` whose operator `op` is known at compile time (so the fast path's operator
/// match folds away); `arg` says whether it is the in-place form.
#[inline(always)]
pub(super) fn binary_op_known(
    py: Python<'_>,
    frame: &mut Frame,
    op: BinOp,
    arg: u32,
) -> Result<(), Raised> {
    let rhs = frame.pop_hot();
    let lhs = frame.pop_hot();
    if let Some(r) = binary_op(py, op, &lhs, &rhs) {
        frame.push(r);
        return Ok(());
    }
    let r = if arg >= 13 {
        super::ops::inplace_op(py, op, lhs, &rhs)?
    } else {
        super::ops::binary_op(py, op, &lhs, &rhs)?
    };
    frame.push(r);
    Ok(())
}

/// `LOAD_FAST`.
#[inline(always)]
pub(super) fn load_fast(frame: &mut Frame, arg: u32) -> Result<(), Raised> {
    let i = arg as usize;
    match frame.fast().get(i) {
        Some(Some(v)) => {
            let v = v.clone();
            frame.push(v);
            Ok(())
        }
        _ => Err(super::unbound_local(frame, i).into()),
    }
}

/// `STORE_FAST` (the old value, if any, is dropped after the slot holds the new one).
#[inline(always)]
pub(super) fn store_fast(frame: &mut Frame, arg: u32) {
    let v = frame.pop_hot();
    if let Some(slot) = frame.fast_mut().get_mut(arg as usize) {
        let old = slot.replace(v);
        drop(old);
    }
}

/// `LOAD_CONST`.
#[inline(always)]
pub(super) fn load_const(py: Python<'_>, frame: &mut Frame, code: &PyCode, arg: u32) {
    let c = match code.consts.get(arg as usize) {
        Some(c) => c.clone(),
        None => py.none(),
    };
    frame.push(c);
}

/// The second instruction of a specialised pair at `ip` (`fast::quicken` fuses only pairs
/// whose second instruction exists).
#[inline(always)]
pub(super) fn second(instrs: &[Instr], ip: usize) -> Result<Instr, Raised> {
    match instrs.get(ip) {
        Some(&i) => Ok(i),
        None => Err(PyErr::new(ExcKind::SystemError, "frame ran past its code").into()),
    }
}

/// The `POP_JUMP_*_IF_FALSE`/`_TRUE` instruction `jump` (at `jump_at`) of a specialised pair,
/// given its operand's truth `t`; `ip` is already past it.
#[inline(always)]
pub(super) fn pop_jump(
    py: Python<'_>,
    frame: &mut Frame,
    ip: &mut usize,
    jump: Instr,
    jump_at: usize,
    t: bool,
) -> PyResult<()> {
    let want = matches!(
        jump.op,
        Opcode::POP_JUMP_FORWARD_IF_TRUE | Opcode::POP_JUMP_BACKWARD_IF_TRUE
    );
    if t == want {
        if matches!(
            jump.op,
            Opcode::POP_JUMP_BACKWARD_IF_FALSE | Opcode::POP_JUMP_BACKWARD_IF_TRUE
        ) {
            // Another thread may look at this frame while the GIL is released.
            frame.lasti = jump_at;
            super::jump_backward(py, ip, jump.arg)?;
        } else {
            super::jump_forward(ip, jump.arg);
        }
    }
    Ok(())
}

/// An error raised by the second instruction of a specialised pair: the traceback and the
/// handler lookup see that instruction.
#[cold]
pub(super) fn at(frame: &mut Frame, second_at: usize, e: Raised) -> Raised {
    frame.lasti = second_at;
    e
}
