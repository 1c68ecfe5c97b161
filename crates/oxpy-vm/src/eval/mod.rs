//! The eval loop (`Python/ceval.c` of 3.11): frames, the instruction dispatch, exception unwinding
//! through the exception table, tracebacks.

pub mod attr;
pub mod builtins;
pub mod cache;
pub mod call;
pub(crate) mod fast;
pub mod finalize;
mod frame;
mod frame_slots;
pub(crate) mod gen_frame;
pub mod import;
pub mod ops;
pub mod repl;
pub mod run;
pub mod slots;
pub mod suggestions;
pub mod sysmod;
pub mod traceback;
pub mod unraisable;

use std::cell::{Cell, RefCell};

use oxpy_bytecode::{CodeFlags, LocalKind, Opcode};

use crate::error::{ErrState, ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::cell::PyCell;
use crate::objects::code as code_instr;
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::exception::{PyBaseException, normalize};
use crate::objects::function::PyFunction;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::PyType;
use crate::ops::{BinOp, UnaryOp};

pub use frame::{Frame, fill_locals_dict, frame_object};

/// How a frame stopped running.
pub enum Exit {
    /// `return value`.
    Return(PyRef),
    /// `yield value` (the frame can be resumed).
    Yield(PyRef),
}

thread_local! {
    /// The exception being handled (`sys.exception()`), saved/restored by PUSH_EXC_INFO/POP_EXCEPT.
    static EXC_INFO: RefCell<Option<PyRef>> = const { RefCell::new(None) };
    /// What every call reads and writes, together so a call reaches it once.
    static TSTATE: ThreadState = const {
        ThreadState {
            depth: Cell::new(0),
            current_frame: Cell::new(std::ptr::null()),
            stack_limit: Cell::new(0),
        }
    };
}

/// The per-thread call state (the hot part of CPython's `PyThreadState`).
struct ThreadState {
    /// Python call depth of this thread.
    depth: Cell<u32>,
    /// The innermost frame running on this thread (for `super()`, `locals()`); each running
    /// frame's `FrameGuard` remembers the one it interrupted.
    current_frame: Cell<*const Frame>,
    /// Where this thread's native stack ends (lowest usable address + the 256 KiB reserve),
    /// 0 if unknown.
    stack_limit: Cell<usize>,
}

/// The recursion limit (`sys.getrecursionlimit()`).
static RECURSION_LIMIT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1000);

/// Native stack kept free below the deepest frame: Rust code run by the last frame (a repr,
/// a comparison, a destructor) must not overflow.
const STACK_RESERVE: usize = 256 * 1024;

/// `sys.getrecursionlimit()`.
pub fn recursion_limit() -> u32 {
    RECURSION_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// `sys.setrecursionlimit(n)`.
pub fn set_recursion_limit(n: u32) {
    RECURSION_LIMIT.store(n, std::sync::atomic::Ordering::Relaxed);
}

/// Record the lowest address this thread's stack may use (the VM thread sets it at start).
pub fn set_stack_limit(limit: usize) {
    let guarded = if limit == 0 {
        0
    } else {
        limit.saturating_add(STACK_RESERVE)
    };
    TSTATE.with(|t| t.stack_limit.set(guarded));
}

/// Native stack guard: true if less than [`STACK_RESERVE`] of stack remain.
#[inline]
fn stack_exhausted(ts: &ThreadState) -> bool {
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    // An unknown limit is 0, which no address is below.
    here < ts.stack_limit.get()
}

/// Enter one level of Python recursion (`_Py_EnterRecursiveCall`).
#[inline]
pub fn enter_recursive_call(what: &str) -> PyResult<RecursionGuard> {
    TSTATE.with(|ts| enter_recursive_call_in(ts, what))
}

#[inline]
fn enter_recursive_call_in(ts: &ThreadState, what: &str) -> PyResult<RecursionGuard> {
    let depth = ts.depth.get() + 1;
    ts.depth.set(depth);
    let guard = RecursionGuard;
    if depth > recursion_limit() || stack_exhausted(ts) {
        return Err(recursion_error(what));
    }
    Ok(guard)
}

#[cold]
#[inline(never)]
fn recursion_error(what: &str) -> PyErr {
    PyErr::new(
        ExcKind::RecursionError,
        format!("maximum recursion depth exceeded{what}"),
    )
}

/// Leaves one level of recursion when dropped.
pub struct RecursionGuard;

impl Drop for RecursionGuard {
    #[inline]
    fn drop(&mut self) {
        TSTATE.with(|t| t.depth.set(t.depth.get().saturating_sub(1)));
    }
}

/// The exception currently being handled, if any.
pub fn current_exception() -> Option<PyRef> {
    EXC_INFO.with(|e| e.borrow().clone())
}

/// This thread's handled-exception cell, for a caller that saves it before running a frame
/// and restores it after (one thread-local access instead of two). Valid while the thread
/// lives; only the thread that asked may use it.
#[inline]
pub(crate) fn exc_info_cell() -> *const RefCell<Option<PyRef>> {
    EXC_INFO.with(|e| e as *const RefCell<Option<PyRef>>)
}

/// Replace the handled exception (`sys.exc_info` state), returning the old one.
pub fn set_current_exception(exc: Option<PyRef>) -> Option<PyRef> {
    EXC_INFO.with(|e| e.replace(exc))
}

/// The innermost running frame, if any.
pub fn with_current_frame<R>(f: impl FnOnce(Option<&Frame>) -> R) -> R {
    let p = TSTATE.with(|t| t.current_frame.get());
    // SAFETY: the current frame is alive while it runs (`FrameGuard` unsets it before the
    // frame's `run_frame` returns).
    f(unsafe { p.as_ref() })
}

/// While a frame runs: it is the current one and counts one level of recursion; dropping the
/// guard restores the interrupted frame and the depth.
struct FrameGuard(*const Frame);

impl FrameGuard {
    /// Enter `frame` (`_Py_EnterRecursiveCallTstate` + linking `frame->previous`).
    #[inline]
    fn enter(frame: &Frame) -> PyResult<FrameGuard> {
        TSTATE.with(|ts| {
            let guard = enter_recursive_call_in(ts, "")?;
            // The depth is given back by `FrameGuard`'s drop.
            std::mem::forget(guard);
            let prev = ts.current_frame.replace(frame);
            frame.previous.set(prev);
            Ok(FrameGuard(prev))
        })
    }
}

/// The running frames of this thread, innermost first (`sys._getframe`).
pub fn with_frames<R>(f: impl FnOnce(&[&Frame]) -> R) -> R {
    let mut frames: Vec<&Frame> = Vec::new();
    let mut p = TSTATE.with(|t| t.current_frame.get());
    // SAFETY: the current frame and the frames it interrupted (its `previous` chain) are alive
    // while it runs: each is suspended inside its own `run_frame` below this one.
    while let Some(fr) = unsafe { p.as_ref() } {
        frames.push(fr);
        p = fr.previous.get();
    }
    f(&frames)
}

impl Drop for FrameGuard {
    #[inline]
    fn drop(&mut self) {
        TSTATE.with(|ts| {
            ts.current_frame.set(self.0);
            ts.depth.set(ts.depth.get().saturating_sub(1));
        });
    }
}

/// The text of a `NameError` for `name`.
pub(crate) fn name_error(name: &PyStr) -> PyErr {
    let n = name.to_string_lossy();
    PyErr::with_name(ExcKind::NameError, format!("name '{n}' is not defined"), n)
}

impl PyErr {
    /// A `NameError`/`AttributeError`-like error remembering the missing name (for the
    /// "Did you mean" suggestion printed with the traceback).
    pub fn with_name(kind: ExcKind, message: String, name: String) -> PyErr {
        crate::objects::exception_attrs::error_with_name(kind, message, name)
    }
}

pub(super) fn self_none() -> PyRef {
    // SAFETY: only called while a frame runs with the GIL held.
    let py = unsafe { Python::assume_gil_acquired() };
    py.none()
}

/// Run `frame` until it returns or yields.
pub fn run_frame(py: Python<'_>, frame: &mut Frame) -> PyResult<Exit> {
    run_frame_inline(py, frame)
}

/// [`run_frame`], inlined into the call paths.
#[inline(always)]
fn run_frame_inline(py: Python<'_>, frame: &mut Frame) -> PyResult<Exit> {
    let _fg = FrameGuard::enter(frame)?;
    let mut kwnames: Option<PyRef<PyTuple>> = None;
    loop {
        let result = step_loop(py, frame, &mut kwnames);
        match result {
            Ok(exit) => {
                if frame.frame_obj.get().is_some() && matches!(exit, Exit::Return(_)) {
                    frame.frame_object_take_ownership(py);
                }
                return Ok(exit);
            }
            Err(Raised {
                err,
                add_traceback,
                restore_lasti,
            }) => {
                // Turn the error into an object, chain it, add this frame to its traceback.
                let fresh = !matches!(err.state, ErrState::Object(_));
                let exc = normalize(py, err);
                if add_traceback {
                    if fresh {
                        set_context(py, &exc);
                    }
                    traceback::add_entry(py, &exc, frame);
                }
                // The handler is found from the failing instruction, before RERAISE restores
                // an older `f_lasti`.
                let h = frame.code.handler_for(frame.lasti as u32);
                if let Some(l) = restore_lasti {
                    frame.lasti = l;
                }
                let Some(h) = h else {
                    if frame.frame_obj.get().is_some() {
                        frame.frame_object_take_ownership(py);
                    }
                    return Err(PyErr::from_object(exc));
                };
                frame.stack_truncate(h.depth as usize);
                if h.lasti {
                    let lasti = crate::objects::int::PyInt::new(py, frame.lasti as i64);
                    frame.push(lasti.into_object());
                }
                frame.push(exc);
                frame.ip = h.target as usize;
                kwnames = None;
            }
        }
    }
}

/// Set `__context__` of a newly raised exception to the one being handled.
pub(crate) fn set_context(py: Python<'_>, exc: &PyObject) {
    let Some(cur) = current_exception() else {
        return;
    };
    if cur.is(exc) {
        return;
    }
    let Some(e) = exc.downcast_ref::<PyBaseException>(py) else {
        return;
    };
    if e.context.borrow().is_some() {
        return;
    }
    // Avoid creating a cycle: cut the chain where `exc` already appears (as CPython).
    let mut o = cur.clone();
    loop {
        let next = o
            .downcast_ref::<PyBaseException>(py)
            .and_then(|x| x.context.borrow().clone());
        match next {
            Some(n) if n.is(exc) => {
                if let Some(x) = o.downcast_ref::<PyBaseException>(py) {
                    *x.context.borrow_mut() = None;
                }
                break;
            }
            Some(n) => o = n,
            None => break,
        }
    }
    *e.context.borrow_mut() = Some(cur);
}

/// What `CALL` made of its callable: a Python function's frame, ready to run once the
/// caller's references are gone, or the result of any other callable.
enum Callee {
    Frame(Frame),
    Returned(PyRef),
}

/// An error leaving `step_loop`: whether this frame must add itself to the traceback
/// (`goto error`) or not (`goto exception_unwind`, for re-raises).
struct Raised {
    err: PyErr,
    add_traceback: bool,
    /// `RERAISE` with an operand: the `lasti` to restore once the handler is found (CPython
    /// finds the handler from the current instruction, not the restored `f_lasti`).
    restore_lasti: Option<usize>,
}

impl From<PyErr> for Raised {
    fn from(err: PyErr) -> Raised {
        Raised {
            err,
            add_traceback: true,
            restore_lasti: None,
        }
    }
}

fn unbound_local(frame: &Frame, i: usize) -> PyErr {
    let name = frame.local_name(i);
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn unbound_free(frame: &Frame, i: usize) -> PyErr {
    let name = frame.local_name(i);
    let kind = frame
        .code
        .code
        .co_localspluskinds
        .get(i)
        .copied()
        .unwrap_or(0);
    if kind & LocalKind::FREE != 0 {
        PyErr::new(
            ExcKind::NameError,
            format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ),
        )
    } else {
        unbound_local(frame, i)
    }
}

#[inline]
pub(super) fn jump_forward(ip: &mut usize, arg: u32) {
    *ip += arg as usize;
}

#[inline]
pub(super) fn jump_backward(py: Python<'_>, ip: &mut usize, arg: u32) -> PyResult<()> {
    *ip = ip.saturating_sub(arg as usize);
    if py.eval_breaker() {
        py.handle_pending()?;
    }
    Ok(())
}

/// The instruction loop; returns on return/yield or on the first error.
fn step_loop(
    py: Python<'_>,
    frame: &mut Frame,
    kwnames: &mut Option<PyRef<PyTuple>>,
) -> Result<Exit, Raised> {
    // SAFETY: the frame holds its code for its whole life and never replaces it
    // (`Frame::code`), so the code outlives this loop, which only reads it.
    let code: &PyCode = unsafe { &*(&*frame.code as *const PyCode) };
    let instrs: &[code_instr::Instr] = &code.instrs;
    if let Some(err) = frame.pending_throw.take() {
        return Err((*err).into());
    }
    // The next instruction, kept out of the frame while it runs: it is stored back only
    // where the frame can be resumed (yields); errors resume at their handler.
    let mut ip = frame.ip;
    loop {
        let Some(&instr) = instrs.get(ip) else {
            return Err(PyErr::new(ExcKind::SystemError, "frame ran past its code").into());
        };
        frame.lasti = ip;
        ip += instr.skip as usize;
        let arg = instr.arg;
        match instr.op {
            Opcode::NOP | Opcode::RESUME | Opcode::CACHE | Opcode::EXTENDED_ARG => {}
            Opcode::POP_TOP => drop(frame.slots.pop_hot()),
            Opcode::PUSH_NULL => frame.stack_push(None),
            Opcode::LOAD_CONST => fast::load_const(py, frame, code, arg),
            Opcode::LOAD_FAST => fast::load_fast(frame, arg)?,
            Opcode::STORE_FAST => fast::store_fast(frame, arg),
            Opcode::LOAD_FAST__LOAD_FAST => {
                fast::load_fast(frame, arg)?;
                let next = fast::second(instrs, ip)?;
                fast::load_fast(frame, next.arg).map_err(|e| fast::at(frame, ip, e))?;
                ip += next.skip as usize;
            }
            Opcode::LOAD_FAST__LOAD_CONST => {
                fast::load_fast(frame, arg)?;
                let next = fast::second(instrs, ip)?;
                ip += next.skip as usize;
                fast::load_const(py, frame, code, next.arg);
            }
            Opcode::LOAD_CONST__LOAD_FAST => {
                fast::load_const(py, frame, code, arg);
                let next = fast::second(instrs, ip)?;
                fast::load_fast(frame, next.arg).map_err(|e| fast::at(frame, ip, e))?;
                ip += next.skip as usize;
            }
            Opcode::STORE_FAST__LOAD_FAST => {
                fast::store_fast(frame, arg);
                let next = fast::second(instrs, ip)?;
                fast::load_fast(frame, next.arg).map_err(|e| fast::at(frame, ip, e))?;
                ip += next.skip as usize;
            }
            Opcode::STORE_FAST__STORE_FAST => {
                fast::store_fast(frame, arg);
                let next = fast::second(instrs, ip)?;
                // The old value's destructor sees the second instruction running.
                frame.lasti = ip;
                fast::store_fast(frame, next.arg);
                ip += next.skip as usize;
            }
            Opcode::IS_OP__POP_JUMP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                let t = lhs.is(&rhs) ^ (arg == 1);
                drop(lhs);
                drop(rhs);
                let next = fast::second(instrs, ip)?;
                let jump_at = ip;
                ip += next.skip as usize;
                fast::pop_jump(py, frame, &mut ip, next, jump_at, t)?;
            }
            Opcode::SWAP__SWAP__STORE_SUBSCR => {
                // Stack: container, key, value (the two swaps only reorder them).
                let second_at = ip;
                let Some(second_swap) = instrs.get(second_at) else {
                    return Err(PyErr::new(ExcKind::SystemError, "frame ran past its code").into());
                };
                let store_at = second_at + second_swap.skip as usize;
                let store = fast::second(instrs, store_at)?;
                ip = store_at + store.skip as usize;
                // Whatever the store runs (a destructor, `__setitem__`) sees the store running.
                frame.lasti = store_at;
                let v = frame.pop_hot();
                let key = frame.pop_hot();
                let container = frame.pop_hot();
                if let Err(v) = fast::store_subscr(py, &container, &key, v) {
                    ops::setitem(py, &container, &key, v)?;
                }
            }
            Opcode::COPY__COPY__BINARY_SUBSCR => {
                // Stack: container, key; both stay, `container[key]` goes on top.
                let Some(second_copy) = instrs.get(ip) else {
                    return Err(PyErr::new(ExcKind::SystemError, "frame ran past its code").into());
                };
                let subscr_at = ip + second_copy.skip as usize;
                let subscr = fast::second(instrs, subscr_at)?;
                ip = subscr_at + subscr.skip as usize;
                let quick = match (frame.peek(2), frame.peek(1)) {
                    (Some(c), Some(k)) => fast::subscr(py, c, k),
                    _ => None,
                };
                let v = match quick {
                    Some(v) => v,
                    None => {
                        // The copies the separate instructions hold while `__getitem__` runs.
                        let container = frame.peek(2).cloned();
                        let key = frame.peek(1).cloned();
                        let container = container.unwrap_or_else(|| frame.null_fallback());
                        let key = key.unwrap_or_else(|| frame.null_fallback());
                        frame.lasti = subscr_at;
                        ops::getitem(py, &container, &key)?
                    }
                };
                frame.push(v);
            }
            Opcode::COMPARE_OP__POP_JUMP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                let op = fast::compare_op(arg);
                let next = fast::second(instrs, ip)?;
                let jump_at = ip;
                ip += next.skip as usize;
                let t = match fast::compare_bool(py, &lhs, &rhs, op) {
                    Some(t) => t,
                    None => {
                        let r = ops::compare(py, &lhs, &rhs, op)?;
                        // As the separate instructions: the operands go, then the jump tests
                        // (and drops) the result.
                        drop(lhs);
                        drop(rhs);
                        frame.lasti = jump_at;
                        fast::truthy(py, &r)?
                    }
                };
                fast::pop_jump(py, frame, &mut ip, next, jump_at, t)?;
            }
            Opcode::DELETE_FAST => {
                let i = arg as usize;
                match frame.fast_mut().get_mut(i).and_then(Option::take) {
                    Some(old) => drop(old),
                    None => return Err(unbound_local(frame, i).into()),
                }
            }
            Opcode::MAKE_CELL => {
                let i = arg as usize;
                let init = frame.fast_mut().get_mut(i).and_then(Option::take);
                let cell = PyCell::new(py, init);
                if let Some(slot) = frame.fast_mut().get_mut(i) {
                    *slot = Some(cell.into_object());
                }
            }
            Opcode::COPY_FREE_VARS => {
                let n = arg as usize;
                let nlocals = frame.slots.nlocals();
                if let Some(func) = &frame.func
                    && let Some(closure) = &func.closure
                {
                    let start = nlocals.saturating_sub(n);
                    let fast = frame.slots.locals_mut().get_mut(start..).unwrap_or(&mut []);
                    for (slot, c) in fast.iter_mut().zip(closure.as_slice()) {
                        {
                            *slot = Some(c.clone());
                        }
                    }
                }
            }
            Opcode::LOAD_CLOSURE => {
                let v = frame.fast().get(arg as usize).cloned().flatten();
                frame.push(v.unwrap_or_else(|| py.none()));
            }
            Opcode::LOAD_DEREF => {
                let i = arg as usize;
                let v = frame
                    .fast()
                    .get(i)
                    .and_then(Option::as_ref)
                    .and_then(|c| c.downcast_ref::<PyCell>(py))
                    .and_then(PyCell::get);
                match v {
                    Some(v) => frame.push(v),
                    None => return Err(unbound_free(frame, i).into()),
                }
            }
            Opcode::LOAD_CLASSDEREF => {
                let i = arg as usize;
                let name = code.localsplusnames.get(i).cloned();
                let mut found = None;
                if let (Some(locals), Some(name)) = (&frame.locals, &name) {
                    found = ops::mapping_get(py, locals, name.as_object())?;
                }
                if found.is_none() {
                    found = frame
                        .fast()
                        .get(i)
                        .cloned()
                        .flatten()
                        .and_then(|c| c.downcast_ref::<PyCell>(py).and_then(PyCell::get));
                }
                match found {
                    Some(v) => frame.push(v),
                    None => return Err(unbound_free(frame, i).into()),
                }
            }
            Opcode::STORE_DEREF => {
                let v = frame.pop();
                if let Some(c) = frame.fast().get(arg as usize).and_then(|c| c.as_ref())
                    && let Some(cell) = c.downcast_ref::<PyCell>(py)
                {
                    cell.set(Some(v));
                }
            }
            Opcode::DELETE_DEREF => {
                let i = arg as usize;
                let cell = frame.fast().get(i).cloned().flatten();
                match cell.as_ref().and_then(|c| c.downcast_ref::<PyCell>(py)) {
                    Some(c) if c.get().is_some() => c.set(None),
                    _ => return Err(unbound_free(frame, i).into()),
                }
            }
            Opcode::LOAD_GLOBAL => {
                let name = &code.names[(arg >> 1) as usize];
                if arg & 1 != 0 {
                    frame.stack_push(None);
                }
                let entry = code.caches.entry(instrs, frame.lasti);
                let v = cache::load_global(py, &frame.globals, &frame.builtins, name, entry)?;
                frame.push(v);
            }
            Opcode::STORE_GLOBAL => {
                let v = frame.pop();
                let name = code.names[arg as usize].clone();
                frame.globals.set_item(py, name.into_object(), v)?;
            }
            Opcode::DELETE_GLOBAL => {
                let name = &code.names[arg as usize];
                if frame.globals.get_item(py, name.as_object())?.is_none() {
                    return Err(name_error(name).into());
                }
                frame.globals.del_item(py, name.as_object())?;
            }
            Opcode::LOAD_NAME => {
                let name = &code.names[arg as usize];
                let mut v = None;
                if let Some(locals) = &frame.locals {
                    v = match locals.downcast_ref::<PyDict>(py) {
                        Some(d) if PyDict::is_exact_type_of(py, locals) => {
                            let entry = code.caches.name_entry(arg);
                            cache::load_name(py, d, &frame.globals, &frame.builtins, name, entry)?
                        }
                        _ => ops::mapping_get(py, locals, name.as_object())?,
                    };
                }
                let v = match v {
                    Some(v) => v,
                    None => load_global(py, frame, name)?,
                };
                frame.push(v);
            }
            Opcode::STORE_NAME => {
                let v = frame.pop();
                let name = &code.names[arg as usize];
                match &frame.locals {
                    Some(l) if PyDict::is_exact_type_of(py, l) => {
                        match l.downcast_ref::<PyDict>(py) {
                            Some(d) => {
                                cache::store_name(py, d, name, v, code.caches.name_entry(arg))?
                            }
                            None => ops::setitem(py, l, name.as_object(), v)?,
                        }
                    }
                    Some(l) => ops::setitem(py, l, name.as_object(), v)?,
                    None => {
                        return Err(PyErr::new(
                            ExcKind::SystemError,
                            "no locals found when storing a name",
                        )
                        .into());
                    }
                }
            }
            Opcode::DELETE_NAME => {
                let name = &code.names[arg as usize];
                if let Some(l) = &frame.locals {
                    if PyDict::is_exact_type_of(py, l)
                        && let Some(d) = l.downcast_ref::<PyDict>(py)
                    {
                        // `PyObject_DelItem` on an exact dict: one lookup.
                        match d.pop_item(py, name.as_object())? {
                            Some(old) => drop(old),
                            None => return Err(name_error(name).into()),
                        }
                        continue;
                    }
                    if ops::mapping_get(py, l, name.as_object())?.is_none() {
                        return Err(name_error(name).into());
                    }
                    ops::delitem(py, l, name.as_object())?;
                }
            }
            Opcode::LOAD_ATTR => {
                let owner = frame.pop();
                let name = &code.names[arg as usize];
                let entry = code.caches.entry(instrs, frame.lasti);
                if let Some(e) = entry
                    && let Some(hit) = cache::load_attr_hit(py, &owner, name, e, false)
                {
                    match hit? {
                        cache::Hit::Value(v) | cache::Hit::Method(v) => frame.push(v),
                    }
                    continue;
                }
                let v = attr::getattr(py, &owner, name)?;
                if let Some(e) = entry {
                    cache::specialize_load(py, &owner, name, e);
                }
                frame.push(v);
            }
            Opcode::LOAD_METHOD => {
                let owner = frame.pop();
                let name = &code.names[arg as usize];
                let entry = code.caches.entry(instrs, frame.lasti);
                if let Some(e) = entry
                    && let Some(hit) = cache::load_attr_hit(py, &owner, name, e, true)
                {
                    match hit? {
                        cache::Hit::Method(f) => {
                            frame.push(f);
                            frame.push(owner);
                        }
                        cache::Hit::Value(v) => {
                            frame.stack_push(None);
                            frame.push(v);
                        }
                    }
                    continue;
                }
                let found = attr::load_method(py, &owner, name)?;
                if let Some(e) = entry {
                    cache::specialize_load(py, &owner, name, e);
                }
                match found {
                    attr::Method::Unbound(f) => {
                        frame.push(f);
                        frame.push(owner);
                    }
                    attr::Method::Attr(v) => {
                        frame.stack_push(None);
                        frame.push(v);
                    }
                }
            }
            Opcode::STORE_ATTR => {
                let owner = frame.pop();
                let v = frame.pop();
                let name = &code.names[arg as usize];
                let entry = code.caches.entry(instrs, frame.lasti);
                let v = match entry {
                    Some(e) => match cache::store_attr_hit(py, &owner, name, v, e)? {
                        Some(v) => v,
                        None => continue,
                    },
                    None => v,
                };
                attr::setattr(py, &owner, name, Some(v))?;
                if let Some(e) = entry {
                    cache::specialize_store(py, &owner, name, e);
                }
            }
            Opcode::DELETE_ATTR => {
                let owner = frame.pop();
                attr::setattr(py, &owner, &code.names[arg as usize], None)?;
            }
            Opcode::UNARY_NEGATIVE | Opcode::UNARY_POSITIVE | Opcode::UNARY_INVERT => {
                let v = frame.pop_hot();
                let op = match instr.op {
                    Opcode::UNARY_NEGATIVE => UnaryOp::Negative,
                    Opcode::UNARY_POSITIVE => UnaryOp::Positive,
                    _ => UnaryOp::Invert,
                };
                frame.push(ops::unary_op(py, op, &v)?);
            }
            Opcode::UNARY_NOT => {
                let v = frame.pop_hot();
                let t = ops::truthy(py, &v)?;
                frame.push(py.bool(!t).into_object());
            }
            Opcode::BINARY_OP_ADD => fast::binary_op_known(py, frame, BinOp::Add, arg)?,
            Opcode::BINARY_OP_SUBTRACT => fast::binary_op_known(py, frame, BinOp::Subtract, arg)?,
            Opcode::BINARY_OP_MULTIPLY => fast::binary_op_known(py, frame, BinOp::Multiply, arg)?,
            Opcode::BINARY_OP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                let Some((op, inplace)) = BinOp::from_arg(arg) else {
                    return Err(PyErr::new(ExcKind::SystemError, "bad BINARY_OP").into());
                };
                if let Some(r) = fast::binary_op(py, op, &lhs, &rhs) {
                    frame.push(r);
                    continue;
                }
                let r = if inplace {
                    ops::inplace_op(py, op, lhs, &rhs)?
                } else {
                    ops::binary_op(py, op, &lhs, &rhs)?
                };
                frame.push(r);
            }
            Opcode::COMPARE_OP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                let op = fast::compare_op(arg);
                match fast::compare(py, &lhs, &rhs, op) {
                    Some(r) => frame.push(r),
                    None => frame.push(ops::compare(py, &lhs, &rhs, op)?),
                }
            }
            Opcode::IS_OP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                frame.push(py.bool(lhs.is(&rhs) ^ (arg == 1)).into_object());
            }
            Opcode::CONTAINS_OP => {
                let rhs = frame.pop_hot();
                let lhs = frame.pop_hot();
                let r = ops::contains(py, &rhs, &lhs)?;
                frame.push(py.bool(r ^ (arg == 1)).into_object());
            }
            Opcode::BINARY_SUBSCR => {
                let key = frame.pop_hot();
                let container = frame.pop_hot();
                match fast::subscr(py, &container, &key) {
                    Some(v) => frame.push(v),
                    None => frame.push(ops::getitem(py, &container, &key)?),
                }
            }
            Opcode::STORE_SUBSCR => {
                let key = frame.pop_hot();
                let container = frame.pop_hot();
                let v = frame.pop_hot();
                if let Err(v) = fast::store_subscr(py, &container, &key, v) {
                    ops::setitem(py, &container, &key, v)?;
                }
            }
            Opcode::DELETE_SUBSCR => {
                let key = frame.pop_hot();
                let container = frame.pop_hot();
                ops::delitem(py, &container, &key)?;
            }
            Opcode::GET_ITER | Opcode::GET_YIELD_FROM_ITER => {
                let v = frame.pop();
                if instr.op == Opcode::GET_YIELD_FROM_ITER && ops::is_generator_like(py, &v) {
                    frame.push(v);
                } else {
                    frame.push(ops::get_iter(py, &v)?);
                }
            }
            Opcode::FOR_ITER => {
                // The iterator stays on the stack (so alive) while it is borrowed.
                let next = match frame.peek(1) {
                    // An exact generator resumes without the `tp_iternext` dispatch.
                    Some(it) if std::ptr::eq(it.ob_type(), py.types().generator()) => {
                        crate::objects::generator::gen_next(py, it)?
                    }
                    Some(it) => ops::iter_next(py, it)?,
                    None => ops::iter_next(py, &frame.null_fallback())?,
                };
                match next {
                    Some(v) => frame.push(v),
                    None => {
                        frame.stack_pop();
                        jump_forward(&mut ip, arg);
                    }
                }
            }
            Opcode::UNPACK_SEQUENCE => {
                let seq = frame.pop_hot();
                if fast::unpack(py, &seq, arg as usize, frame) {
                    continue;
                }
                let items = ops::unpack(py, &seq, arg as usize, None)?;
                for v in items.into_iter().rev() {
                    frame.push(v);
                }
            }
            Opcode::UNPACK_EX => {
                let seq = frame.pop();
                let before = (arg & 0xFF) as usize;
                let after = (arg >> 8) as usize;
                let items = ops::unpack(py, &seq, before, Some(after))?;
                for v in items.into_iter().rev() {
                    frame.push(v);
                }
            }
            Opcode::BUILD_TUPLE => {
                let items = frame.pop_n(arg as usize);
                frame.push(PyTuple::new(py, items).into_object());
            }
            Opcode::BUILD_LIST => {
                let items = frame.pop_n(arg as usize);
                frame.push(PyList::from_vec(py, items)?.into_object());
            }
            Opcode::BUILD_SET => {
                let items = frame.pop_n(arg as usize);
                frame.push(ops::new_set(py, items)?);
            }
            Opcode::BUILD_MAP => {
                let items = frame.pop_n(2 * arg as usize);
                let d = PyDict::new(py);
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    d.set_item(py, k, v)?;
                }
                frame.push(d.into_object());
            }
            Opcode::BUILD_CONST_KEY_MAP => {
                let keys = frame.pop();
                let values = frame.pop_n(arg as usize);
                let d = PyDict::new(py);
                if let Some(keys) = keys.downcast_ref::<PyTuple>(py) {
                    for (k, v) in keys.as_slice().iter().zip(values) {
                        d.set_item(py, k.clone(), v)?;
                    }
                }
                frame.push(d.into_object());
            }
            Opcode::BUILD_STRING => {
                let parts = frame.pop_n(arg as usize);
                let mut s = String::new();
                let mut cps: Option<Vec<u32>> = None;
                for p in &parts {
                    if let Some(ps) = p.downcast_ref::<PyStr>(py) {
                        ops::push_str_parts(ps, &mut s, &mut cps);
                    }
                }
                frame.push(ops::finish_str(py, s, cps));
            }
            Opcode::BUILD_SLICE => {
                let step = if arg == 3 { Some(frame.pop()) } else { None };
                let stop = frame.pop();
                let start = frame.pop();
                frame.push(ops::new_slice(py, start, stop, step)?);
            }
            Opcode::LIST_APPEND => {
                let v = frame.pop();
                if let Some(l) = frame
                    .peek(arg as usize)
                    .and_then(|l| l.downcast_ref::<PyList>(py))
                {
                    l.append(v)?;
                }
            }
            Opcode::SET_ADD => {
                let v = frame.pop();
                if let Some(s) = frame.peek(arg as usize).cloned() {
                    ops::set_add(py, &s, v)?;
                }
            }
            Opcode::MAP_ADD => {
                let v = frame.pop();
                let k = frame.pop();
                if let Some(d) = frame
                    .peek(arg as usize)
                    .and_then(|d| d.downcast_ref::<PyDict>(py))
                {
                    d.set_item(py, k, v)?;
                }
            }
            Opcode::LIST_EXTEND => {
                let iterable = frame.pop();
                if let Some(l) = frame.peek(arg as usize).cloned() {
                    ops::list_extend(py, &l, &iterable)?;
                }
            }
            Opcode::SET_UPDATE => {
                let iterable = frame.pop();
                if let Some(s) = frame.peek(arg as usize).cloned() {
                    ops::set_update(py, &s, &iterable)?;
                }
            }
            Opcode::DICT_UPDATE | Opcode::DICT_MERGE => {
                let other = frame.pop();
                if let Some(d) = frame.peek(arg as usize).cloned() {
                    let check_dup = instr.op == Opcode::DICT_MERGE;
                    let func = if check_dup {
                        frame.peek(arg as usize + 2).cloned()
                    } else {
                        None
                    };
                    ops::dict_update(py, &d, &other, check_dup, func.as_deref())?;
                }
            }
            Opcode::LIST_TO_TUPLE => {
                let l = frame.pop();
                let items = l
                    .downcast_ref::<PyList>(py)
                    .map(PyList::to_vec)
                    .unwrap_or_default();
                frame.push(PyTuple::new(py, items).into_object());
            }
            Opcode::FORMAT_VALUE => {
                let spec = if arg & 4 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let v = frame.pop();
                let v = match arg & 3 {
                    1 => crate::object::protocol::str_(py, &v)?.into_object(),
                    2 => crate::object::protocol::repr(py, &v)?.into_object(),
                    3 => builtins::ascii_of(py, &v)?.into_object(),
                    _ => v,
                };
                let empty = py.interp().singletons.empty_str.clone();
                let spec_str = match &spec {
                    Some(s) => s.downcast_ref::<PyStr>(py).map_or(empty.clone(), |s| {
                        s.as_object()
                            .to_owned_ref()
                            .downcast::<PyStr>(py)
                            .unwrap_or(empty.clone())
                    }),
                    None => empty,
                };
                if spec.is_none() && PyStr::is_exact_type_of(py, &v) {
                    frame.push(v);
                } else {
                    frame.push(ops::format(py, &v, &spec_str)?.into_object());
                }
            }
            Opcode::COPY => {
                let v = frame.peek(arg as usize).cloned();
                frame.stack_push(v);
            }
            Opcode::SWAP => {
                let stack = frame.stack_mut();
                let n = stack.len();
                let i = arg as usize;
                if i >= 1 && i <= n {
                    stack.swap(n - 1, n - i);
                }
            }
            Opcode::JUMP_FORWARD => jump_forward(&mut ip, arg),
            Opcode::JUMP_BACKWARD => jump_backward(py, &mut ip, arg)?,
            Opcode::JUMP_BACKWARD_NO_INTERRUPT => {
                ip = ip.saturating_sub(arg as usize);
            }
            Opcode::POP_JUMP_FORWARD_IF_FALSE
            | Opcode::POP_JUMP_FORWARD_IF_TRUE
            | Opcode::POP_JUMP_BACKWARD_IF_FALSE
            | Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
                let v = frame.pop_hot();
                let want = matches!(
                    instr.op,
                    Opcode::POP_JUMP_FORWARD_IF_TRUE | Opcode::POP_JUMP_BACKWARD_IF_TRUE
                );
                if fast::truthy(py, &v)? == want {
                    if instr.op.is_backward() {
                        jump_backward(py, &mut ip, arg)?;
                    } else {
                        jump_forward(&mut ip, arg);
                    }
                }
            }
            Opcode::POP_JUMP_FORWARD_IF_NONE
            | Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
            | Opcode::POP_JUMP_BACKWARD_IF_NONE
            | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                let v = frame.pop_hot();
                let want_none = matches!(
                    instr.op,
                    Opcode::POP_JUMP_FORWARD_IF_NONE | Opcode::POP_JUMP_BACKWARD_IF_NONE
                );
                if py.is_none(&v) == want_none {
                    if instr.op.is_backward() {
                        jump_backward(py, &mut ip, arg)?;
                    } else {
                        jump_forward(&mut ip, arg);
                    }
                }
            }
            Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                let v = frame.top();
                let want = instr.op == Opcode::JUMP_IF_TRUE_OR_POP;
                if ops::truthy(py, &v)? == want {
                    jump_forward(&mut ip, arg);
                } else {
                    frame.stack_pop();
                }
            }
            Opcode::RETURN_VALUE => {
                let v = frame.pop();
                return Ok(Exit::Return(v));
            }
            Opcode::RETURN_GENERATOR => {
                // The caller (`call::call_function`) wraps the frame; resuming continues here.
                frame.ip = ip;
                return Ok(Exit::Yield(py.none()));
            }
            Opcode::YIELD_VALUE => {
                let v = frame.pop();
                frame.ip = ip;
                return Ok(Exit::Yield(v));
            }
            Opcode::SEND => {
                let v = frame.pop();
                // The receiver stays on the stack (so alive) while it is borrowed.
                let sent = match frame.peek(1) {
                    // An exact generator or coroutine resumes directly (3.11 `SEND`'s
                    // `gen_send_ex2` path).
                    Some(receiver)
                        if std::ptr::eq(receiver.ob_type(), py.types().generator())
                            || std::ptr::eq(receiver.ob_type(), py.types().coroutine()) =>
                    {
                        use crate::objects::generator::{Resumed, resume};
                        match resume(py, receiver, v, None)? {
                            Resumed::Yielded(y) => ops::SendResult::Yielded(y),
                            Resumed::Returned(r) => ops::SendResult::Returned(r),
                        }
                    }
                    Some(receiver) => ops::send(py, receiver, v)?,
                    None => ops::send(py, &frame.null_fallback(), v)?,
                };
                match sent {
                    ops::SendResult::Yielded(y) => frame.push(y),
                    ops::SendResult::Returned(r) => {
                        frame.stack_pop();
                        frame.push(r);
                        jump_forward(&mut ip, arg);
                    }
                }
            }
            Opcode::GET_AWAITABLE => {
                let v = frame.pop();
                frame.push(ops::get_awaitable(py, v)?);
            }
            Opcode::LOAD_ASSERTION_ERROR => {
                frame.push(
                    py.types()
                        .exception(ExcKind::AssertionError)
                        .to_owned_ref()
                        .into_object(),
                );
            }
            Opcode::LOAD_BUILD_CLASS => {
                frame.push(builtins::build_class_object(py));
            }
            Opcode::SETUP_ANNOTATIONS => {
                if let Some(l) = &frame.locals {
                    let key = crate::objects::str::intern_str(py, "__annotations__");
                    if ops::mapping_get(py, l, key.as_object())?.is_none() {
                        ops::setitem(py, l, key.as_object(), PyDict::new(py).into_object())?;
                    }
                }
            }
            Opcode::RAISE_VARARGS => {
                return Err(do_raise(py, frame, arg));
            }
            Opcode::RERAISE => {
                let exc = frame.pop();
                let mut restore_lasti = None;
                if arg != 0
                    && let Some(lasti) = frame.peek(arg as usize)
                    && let Some(i) = lasti
                        .downcast_ref::<crate::objects::int::PyInt>(py)
                        .and_then(|i| i.as_i64())
                {
                    restore_lasti = Some(usize::try_from(i).unwrap_or(0));
                }
                return Err(Raised {
                    err: PyErr::from_object(exc),
                    add_traceback: false,
                    restore_lasti,
                });
            }
            Opcode::PUSH_EXC_INFO => {
                let v = frame.pop();
                let old = set_current_exception(Some(v.clone()));
                frame.push(old.unwrap_or_else(|| py.none()));
                frame.push(v);
            }
            Opcode::POP_EXCEPT => {
                let v = frame.pop();
                let new = if py.is_none(&v) { None } else { Some(v) };
                drop(set_current_exception(new));
            }
            Opcode::CHECK_EXC_MATCH => {
                let right = frame.pop();
                let left = frame.top();
                ops::check_except_type(py, &right)?;
                let m = ops::exception_matches(py, &left, &right)?;
                frame.push(py.bool(m).into_object());
            }
            Opcode::CHECK_EG_MATCH => {
                let match_type = frame.pop();
                let exc_value = frame.pop();
                use crate::objects::exception_group::check_eg_match;
                match check_eg_match(py, &exc_value, &match_type)? {
                    None => {
                        frame.push(exc_value);
                        frame.push(py.none());
                    }
                    Some((rest, matched)) => {
                        frame.push(rest);
                        frame.push(matched.clone());
                        drop(set_current_exception(Some(matched)));
                    }
                }
            }
            Opcode::PREP_RERAISE_STAR => {
                let excs = frame.pop();
                let orig = frame.pop();
                let val = crate::objects::exception_group::prep_reraise_star(py, &orig, &excs)?;
                frame.push(val);
            }
            Opcode::BEFORE_WITH => {
                let mgr = frame.pop();
                let (exit, res) = ops::before_with(py, &mgr)?;
                frame.push(exit);
                frame.push(res);
            }
            Opcode::WITH_EXCEPT_START => {
                // Stack: exit_func, lasti, prev_exc, exc
                let exc = frame.top();
                let exit = frame.peek(4).cloned().unwrap_or_else(|| py.none());
                let res = ops::with_exit(py, &exit, &exc)?;
                frame.push(res);
            }
            Opcode::PRECALL => {
                let n = arg as usize;
                // Unpack a bound method into function + self (same observable behaviour).
                if frame.peek(n + 2).is_none()
                    && let Some(callable) = frame.peek(n + 1)
                    && crate::objects::method::PyMethod::is_exact_type_of(py, callable)
                    && let Some(m) = callable.downcast_ref::<crate::objects::method::PyMethod>(py)
                {
                    let func = m.func.clone();
                    let this = m.this.clone();
                    let stack = frame.stack_mut();
                    let len = stack.len();
                    stack[len - n - 1] = Some(this);
                    stack[len - n - 2] = Some(func);
                }
            }
            Opcode::KW_NAMES => {
                *kwnames = code
                    .consts
                    .get(arg as usize)
                    .and_then(|c| c.clone().downcast::<PyTuple>(py).ok());
            }
            Opcode::CALL => {
                let n = arg as usize;
                if kwnames.is_none()
                    && let Some(r) = call::try_simple_call(py, frame, n)
                {
                    frame.push(r?);
                    if py.eval_breaker() {
                        py.yield_gil();
                    }
                    continue;
                }
                let is_meth = frame.peek(n + 2).is_some();
                let total = n + usize::from(is_meth);
                let len = frame.stack_len();
                let Some(start) = len.checked_sub(total).filter(|&s| s >= 1) else {
                    return Err(PyErr::new(ExcKind::SystemError, "CALL: stack underflow").into());
                };
                let kw_tuple = kwnames.take();
                let kw_vec: Vec<PyRef<PyStr>>;
                let names: &[PyRef<PyStr>] = match &kw_tuple {
                    None => &[],
                    Some(t) if t.as_slice().iter().all(|n| n.is_instance_of::<PyStr>(py)) => {
                        // SAFETY: every item is a `str` (or subclass), and `PyRef<T>` is a
                        // transparent pointer whatever `T`, so the slice may be re-typed.
                        unsafe { &*(t.as_slice() as *const [PyRef] as *const [PyRef<PyStr>]) }
                    }
                    Some(t) => {
                        kw_vec = t
                            .as_slice()
                            .iter()
                            .filter_map(|n| n.clone().downcast::<PyStr>(py).ok())
                            .collect();
                        &kw_vec
                    }
                };
                // The arguments are passed in place from the value stack (as CPython's
                // vectorcall does); they and the callable stay there until the call returns.
                let new_depth = (start - 1).saturating_sub(usize::from(!is_meth));
                let callee = {
                    let stack = frame.stack();
                    let Some(callable) = stack[start - 1].as_ref() else {
                        return Err(PyErr::new(ExcKind::SystemError, "CALL: NULL callable").into());
                    };
                    let arg_slots = &stack[start..];
                    if !arg_slots.iter().all(Option::is_some) {
                        return Err(PyErr::new(ExcKind::SystemError, "CALL: NULL argument").into());
                    }
                    // SAFETY: every slot is `Some`, and `Option<PyRef>` has `PyRef`'s layout
                    // (`PyRef` is a transparent non-null pointer), so the slots are `PyRef`s.
                    let values: &[PyRef] =
                        unsafe { &*(arg_slots as *const [Option<PyRef>] as *const [PyRef]) };
                    let args = Args {
                        values,
                        kwnames: names,
                    };
                    match callable.downcast_ref::<PyFunction>(py) {
                        Some(f) => Callee::Frame(call::function_frame(py, f, args)?),
                        None => Callee::Returned(call::call(py, callable, args)?),
                    }
                };
                let r = match callee {
                    // A Python function: its frame consumes the function and the arguments
                    // (`_PyEvalFramePushAndInit`), so the caller's references go before it
                    // runs and `sys.getrefcount` inside sees CPython's counts.
                    Callee::Frame(callee) => {
                        frame.stack_truncate(new_depth);
                        call::run_function_frame(py, callee)?
                    }
                    Callee::Returned(r) => {
                        frame.stack_truncate(new_depth);
                        r
                    }
                };
                frame.push(r);
                if py.eval_breaker() {
                    py.handle_pending()?;
                }
            }
            Opcode::CALL_FUNCTION_EX => {
                let kwargs = if arg & 1 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let callargs = frame.pop();
                let func = frame.pop();
                frame.stack_pop();
                let r = call::call_ex(py, &func, &callargs, kwargs.as_deref())?;
                frame.push(r);
            }
            Opcode::MAKE_FUNCTION => {
                let codeobj = frame.pop();
                let closure = if arg & 8 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let annotations = if arg & 4 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let kwdefaults = if arg & 2 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let defaults = if arg & 1 != 0 {
                    Some(frame.pop())
                } else {
                    None
                };
                let code_ref = codeobj
                    .downcast::<PyCode>(py)
                    .map_err(|_| PyErr::new(ExcKind::SystemError, "MAKE_FUNCTION without code"))?;
                let f = PyFunction::new(
                    py,
                    code_ref,
                    frame.globals.clone(),
                    frame.builtins.clone(),
                    closure.and_then(|c| c.downcast::<PyTuple>(py).ok()),
                );
                *f.defaults.borrow_mut() = defaults.and_then(|d| d.downcast::<PyTuple>(py).ok());
                *f.kwdefaults.borrow_mut() = kwdefaults.and_then(|d| d.downcast::<PyDict>(py).ok());
                *f.annotations.borrow_mut() = annotations;
                frame.push(f.into_object());
            }
            Opcode::IMPORT_NAME => {
                let fromlist = frame.pop();
                let level = frame.pop();
                let name = &code.names[arg as usize];
                let m = import::import_name(py, frame, name, &fromlist, &level)?;
                frame.push(m);
            }
            Opcode::IMPORT_FROM => {
                let module = frame.top();
                let v = import::import_from(py, &module, &code.names[arg as usize])?;
                frame.push(v);
            }
            Opcode::IMPORT_STAR => {
                let module = frame.pop();
                import::import_star(py, frame, &module)?;
            }
            Opcode::GET_LEN => {
                let v = frame.top();
                let n = ops::len(py, &v)?;
                frame.push(crate::objects::int::PyInt::new(py, n as i64).into_object());
            }
            Opcode::MATCH_MAPPING | Opcode::MATCH_SEQUENCE => {
                let v = frame.top();
                let r = if instr.op == Opcode::MATCH_MAPPING {
                    ops::is_mapping(py, &v)
                } else {
                    ops::is_sequence(py, &v)
                };
                frame.push(py.bool(r).into_object());
            }
            Opcode::MATCH_KEYS => {
                let keys = frame.top();
                let subject = frame.peek(2).cloned().unwrap_or_else(|| py.none());
                let r = ops::match_keys(py, &subject, &keys)?;
                frame.push(r);
            }
            Opcode::MATCH_CLASS => {
                let names = frame.pop();
                let cls = frame.pop();
                let subject = frame.pop();
                let r = ops::match_class(py, &subject, &cls, arg as usize, &names)?;
                frame.push(r);
            }
            Opcode::PRINT_EXPR => {
                let v = frame.pop();
                builtins::display_hook(py, &v)?;
            }
            Opcode::ASYNC_GEN_WRAP => {
                let v = frame.pop();
                frame.push(crate::objects::async_gen::wrap_value(py, v));
            }
            Opcode::BEFORE_ASYNC_WITH => {
                let mgr = frame.pop();
                let (exit, res) = ops::before_async_with(py, &mgr)?;
                frame.push(exit);
                frame.push(res);
            }
            Opcode::GET_AITER => {
                let obj = frame.pop();
                frame.push(ops::get_aiter(py, &obj)?);
            }
            Opcode::GET_ANEXT => {
                let aiter = frame.top();
                frame.push(ops::get_anext(py, &aiter)?);
            }
            Opcode::END_ASYNC_FOR => {
                let exc = frame.pop();
                if exc
                    .ob_type()
                    .is_subtype(py.types().exception(ExcKind::StopAsyncIteration))
                {
                    frame.pop();
                } else {
                    return Err(Raised {
                        err: PyErr::from_object(exc),
                        add_traceback: false,
                        restore_lasti: None,
                    });
                }
            }
            other => {
                return Err(PyErr::new(
                    ExcKind::SystemError,
                    format!("oxpy: opcode {} is not implemented", other.name()),
                )
                .into());
            }
        }
    }
}

fn load_global(py: Python<'_>, frame: &Frame, name: &PyStr) -> PyResult<PyRef> {
    if let Some(v) = frame.globals.get_item(py, name.as_object())? {
        return Ok(v);
    }
    if let Some(v) = frame.builtins.get_item(py, name.as_object())? {
        return Ok(v);
    }
    Err(name_error(name))
}

/// `RAISE_VARARGS` (`do_raise`).
fn do_raise(py: Python<'_>, frame: &mut Frame, argc: u32) -> Raised {
    match argc {
        0 => match current_exception() {
            Some(e) => Raised {
                err: PyErr::from_object(e),
                add_traceback: false,
                restore_lasti: None,
            },
            None => PyErr::new(ExcKind::RuntimeError, "No active exception to reraise").into(),
        },
        _ => {
            let cause = if argc == 2 { Some(frame.pop()) } else { None };
            let exc = frame.pop();
            match make_exception(py, exc) {
                Ok(e) => {
                    if let Some(cause) = cause
                        && let Err(err) = set_cause(py, &e, cause)
                    {
                        return err.into();
                    }
                    set_context(py, &e);
                    Raised {
                        err: PyErr::from_object(e),
                        add_traceback: true,
                        restore_lasti: None,
                    }
                }
                Err(err) => err.into(),
            }
        }
    }
}

/// `raise X`: instantiate a class, check it is an exception.
pub fn make_exception(py: Python<'_>, exc: PyRef) -> PyResult<PyRef> {
    if let Some(t) = exc.downcast_ref::<PyType>(py) {
        if t.flags()
            .contains(crate::objects::type_::TypeFlags::BASE_EXC_SUBCLASS)
        {
            let e = call::call(py, &exc, Args::positional(&[]))?;
            if !e.is_instance_of::<PyBaseException>(py) {
                return Err(PyErr::type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    crate::object::protocol::repr(py, &exc)?.to_string_lossy(),
                    e.ob_type().name()
                )));
            }
            return Ok(e);
        }
    } else if exc.is_instance_of::<PyBaseException>(py) {
        return Ok(exc);
    }
    Err(PyErr::type_error(
        "exceptions must derive from BaseException",
    ))
}

fn set_cause(py: Python<'_>, exc: &PyObject, cause: PyRef) -> PyResult<()> {
    let cause =
        if py.is_none(&cause) {
            None
        } else {
            Some(make_exception(py, cause).map_err(|_| {
                PyErr::type_error("exception causes must derive from BaseException")
            })?)
        };
    if let Some(e) = exc.downcast_ref::<PyBaseException>(py) {
        *e.cause.borrow_mut() = cause;
        e.suppress_context.set(true);
    }
    Ok(())
}

/// True if `code` makes generators/coroutines when called.
pub fn is_generator_code(code: &PyCode) -> bool {
    let f = code.code.co_flags;
    f.has(CodeFlags::GENERATOR) || f.has(CodeFlags::COROUTINE) || f.has(CodeFlags::ASYNC_GENERATOR)
}

/// Truth value with `__bool__`/`__len__` of user classes.
pub fn truthy(py: Python<'_>, v: &PyObject) -> PyResult<bool> {
    ops::truthy(py, v)
}
