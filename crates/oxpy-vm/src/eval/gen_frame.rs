//! What generators need from frames beyond [`run_frame`](super::run_frame): running a
//! generator function's prologue without entering the instruction loop.

use oxpy_bytecode::Opcode;

use super::Frame;
use crate::error::PyResult;
use crate::gil::Python;
use crate::objects::cell::PyCell;

/// Run the prologue of a fresh generator-function frame (`MAKE_CELL`s, `COPY_FREE_VARS`, up to
/// and including `RETURN_GENERATOR`) directly, as the instruction loop would, and leave the
/// frame ready to resume after `RETURN_GENERATOR`. Returns `Ok(false)`, having changed
/// nothing, if the prologue holds any other instruction (the caller then runs the frame).
///
/// Like entering the frame in the loop, this counts one level of recursion (CPython's
/// `start_frame` check), so a too-deep call raises `RecursionError` here.
pub(crate) fn run_generator_prologue(py: Python<'_>, frame: &mut Frame) -> PyResult<bool> {
    // SAFETY: the frame holds its code for its whole life and never replaces it
    // (`Frame::code`), so the code outlives this function, which only reads it.
    let code: &crate::objects::code::PyCode = unsafe { &*(&*frame.code as *const _) };
    let instrs = &code.instrs;
    let mut end = frame.ip;
    loop {
        let Some(i) = instrs.get(end) else {
            return Ok(false);
        };
        match i.op {
            Opcode::RETURN_GENERATOR => break,
            Opcode::NOP | Opcode::RESUME | Opcode::CACHE | Opcode::MAKE_CELL => {}
            Opcode::COPY_FREE_VARS => {}
            _ => return Ok(false),
        }
        end += i.skip as usize;
    }
    let _guard = super::enter_recursive_call("")?;
    let mut ip = frame.ip;
    while ip < end {
        let Some(&instr) = instrs.get(ip) else {
            break;
        };
        match instr.op {
            Opcode::MAKE_CELL => {
                let i = instr.arg as usize;
                let init = frame.fast_mut().get_mut(i).and_then(Option::take);
                let cell = PyCell::new(py, init);
                if let Some(slot) = frame.fast_mut().get_mut(i) {
                    *slot = Some(cell.into_object());
                }
            }
            Opcode::COPY_FREE_VARS => {
                let n = instr.arg as usize;
                let nlocals = frame.slots.nlocals();
                if let Some(func) = &frame.func
                    && let Some(closure) = &func.closure
                {
                    let start = nlocals.saturating_sub(n);
                    let fast = frame.slots.locals_mut().get_mut(start..).unwrap_or(&mut []);
                    for (slot, c) in fast.iter_mut().zip(closure.as_slice()) {
                        *slot = Some(c.clone());
                    }
                }
            }
            _ => {}
        }
        ip += instr.skip as usize;
    }
    // `RETURN_GENERATOR` itself: the frame resumes after it.
    frame.lasti = end;
    frame.ip = end + instrs.get(end).map_or(1, |i| i.skip as usize);
    Ok(true)
}
