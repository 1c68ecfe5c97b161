//! `generator` and `coroutine`: suspended frames (`PyGenObject`, `PyCoroObject`).
//!
//! As in CPython 3.11 the frame is embedded in the generator object (`gi_iframe`), so making a
//! generator is one allocation, and a resume runs the frame in place: the frame's state
//! (`gi_frame_state`) says whether it is live and whether it is running.

use std::cell::{Cell, UnsafeCell};
use std::mem::MaybeUninit;
use std::ops::ControlFlow;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::{Exit, Frame, run_frame};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// The frame exists and never ran (`FRAME_CREATED`).
const CREATED: u8 = 0;
/// The frame exists and is suspended at a `yield` (`FRAME_SUSPENDED`).
const SUSPENDED: u8 = 1;
/// The frame is running (`FRAME_EXECUTING`): only the resume running it may touch it.
const RUNNING: u8 = 2;
/// The frame is gone (`FRAME_COMPLETED`/`FRAME_CLEARED`).
const CLEARED: u8 = 3;

/// A generator or coroutine.
#[repr(C)]
pub struct PyGenerator {
    ob_base: PyObject,
    /// The frame: initialised unless `state` is [`CLEARED`].
    frame: UnsafeCell<MaybeUninit<Frame>>,
    /// One of [`CREATED`], [`SUSPENDED`], [`RUNNING`], [`CLEARED`].
    state: Cell<u8>,
    /// `gi_code` (3.11 generators hold their code, beside the frame's).
    code: PyRef<crate::objects::code::PyCode>,
    /// `__name__`.
    pub name: PyRef<PyStr>,
    /// `__qualname__`.
    pub qualname: PyRef<PyStr>,
    frame_words: Cell<usize>,
}

impl Drop for PyGenerator {
    fn drop(&mut self) {
        if self.state.get() != CLEARED {
            self.state.set(CLEARED);
            // SAFETY: the frame is initialised in every state but CLEARED.
            unsafe { self.frame.get_mut().assume_init_drop() };
        }
    }
}

impl PyGenerator {
    /// The frame while it is live and not running.
    #[inline]
    fn frame(&self) -> Option<&Frame> {
        match self.state.get() {
            // SAFETY: initialised in these states, and no `&mut` to it exists (only a
            // running resume holds one).
            CREATED | SUSPENDED => Some(unsafe { (*self.frame.get()).assume_init_ref() }),
            _ => None,
        }
    }

    /// The frame, for the resume that runs it.
    ///
    /// # Safety
    /// The state is [`RUNNING`], set by the caller, which is the only user of the reference.
    #[inline]
    #[allow(clippy::mut_from_ref)] // Exclusive by the RUNNING state, as a `RefCell` borrow would be.
    unsafe fn running_frame(&self) -> &mut Frame {
        // SAFETY: initialised (not CLEARED); exclusive by the caller's contract.
        unsafe { (*self.frame.get()).assume_init_mut() }
    }

    /// Drop the frame (no-op once cleared); a running frame only by the resume that ran it,
    /// once it returned. The state is CLEARED before the frame's values are released (their
    /// finalizers may look at us).
    fn clear_frame(&self) {
        if self.state.get() == CLEARED {
            return;
        }
        self.state.set(CLEARED);
        // SAFETY: initialised until now; moved out once (the state says CLEARED from here on)
        // and no reference to it is left.
        drop(unsafe { (*self.frame.get()).assume_init_read() });
    }
}

// SAFETY: #[repr(C)], header first; generator and coroutine share the layout.
unsafe impl PyPayload for PyGenerator {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().generator()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = obj.ob_type();
        std::ptr::eq(t, py.types().generator())
            || std::ptr::eq(t, py.types().coroutine())
            || std::ptr::eq(t, py.types().async_generator())
    }
}

static GEN_METHODS: &[MethodDef] = &[
    MethodDef::new("send", gen_send_method),
    MethodDef::new("throw", gen_throw_method),
    MethodDef::new("close", gen_close_method),
];

fn spec_named(name: &'static str, iterable: bool) -> TypeSpec {
    TypeSpec {
        methods: GEN_METHODS,
        name,
        basicsize: 152,
        itemsize: 8,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(gen_traverse),
            repr: Some(gen_repr),
            iter: if iterable { Some(gen_iter) } else { None },
            iternext: if iterable { Some(gen_iternext) } else { None },
            sizeof: Some(gen_sizeof),
            attr: Some(gen_attr),
            ..TypeSlots::new(gen_dealloc)
        },
    }
}

/// `generator`'s spec (basicsize 152, itemsize 8: `sys.getsizeof` grows with the frame).
pub(crate) fn generator_spec() -> TypeSpec {
    spec_named("generator", true)
}

/// `coroutine`'s spec.
pub(crate) fn coroutine_spec() -> TypeSpec {
    spec_named("coroutine", false)
}

/// `async_generator`'s spec: the generator layout with the async methods (`async_gen.rs`).
pub(crate) fn async_generator_spec() -> TypeSpec {
    TypeSpec {
        methods: crate::objects::async_gen::ASYNC_GEN_METHODS,
        ..spec_named("async_generator", false)
    }
}

/// `gi_*`/`cr_*`/`ag_*` members and `__name__`/`__qualname__` (`gen_getsetlist`).
fn gen_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let g = as_gen(obj);
    let field = match name {
        "__name__" => return Ok(Some(g.name.clone().into_object())),
        "__qualname__" => return Ok(Some(g.qualname.clone().into_object())),
        _ => match name.split_once('_') {
            Some(("gi" | "cr" | "ag", f)) => f,
            _ => return Ok(None),
        },
    };
    let frame = g.frame();
    Ok(Some(match field {
        "frame" => match frame {
            Some(f) => crate::eval::frame_object(py, f).into_object(),
            None => py.none(),
        },
        "running" => py.bool(g.state.get() == RUNNING).into_object(),
        "origin" if name == "cr_origin" => py.none(),
        "suspended" => py.bool(g.state.get() == SUSPENDED).into_object(),
        "code" => g.code.clone().into_object(),
        _ => return Ok(None),
    }))
}

fn as_gen(obj: &PyObject) -> &PyGenerator {
    // SAFETY: only installed on generator/coroutine.
    unsafe { &*(obj as *const PyObject as *const PyGenerator) }
}

fn gen_sizeof(obj: &PyObject) -> usize {
    let g = as_gen(obj);
    // CPython's `gen_sizeof`: `offsetof(PyGenObject, gi_iframe) +
    // offsetof(_PyInterpreterFrame, localsplus)` (152, the frame header included) plus one
    // word per local and stack slot.
    let words = g.frame_words.get();
    152 + 8 * words
}

impl PyGenerator {
    fn frame_words_for(frame: &Frame) -> usize {
        frame.code.code.co_nlocalsplus() + frame.code.code.co_stacksize as usize
    }
}

fn gen_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // A running frame is visited by nobody (CPython: "already traversed on the stack").
    if let Some(f) = as_gen(obj).frame() {
        for v in f.values() {
            visit(v)?;
        }
        f.visit_locals_snapshot(visit)?;
        // The frame's counted references (`_PyFrame_Traverse`); its globals are borrowed.
        if let Some(func) = &f.func {
            visit(func.as_object())?;
        }
    }
    ControlFlow::Continue(())
}

unsafe fn gen_dealloc(py: Python<'_>, obj: NonNullObj) {
    // SAFETY: forwarded dealloc contract.
    unsafe {
        let g = &*(obj.as_ptr() as *const PyGenerator);
        // `gen_dealloc` kills the weak references before finalizing.
        crate::objects::weakref::clear_weakrefs(py, obj.as_ref());
        // Close a suspended generator (runs its `finally` blocks) unless it never started.
        if g.state.get() == SUSPENDED {
            let o = obj.as_ref();
            o.set_refcnt_pub(1);
            if let Err(e) = gen_close(py, o) {
                // `_PyGen_Finalize`: `PyErr_WriteUnraisable(self)`.
                crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(o));
            }
            o.set_refcnt_pub(0);
        } else if g.state.get() == CREATED
            && std::ptr::eq(obj.as_ref().ob_type(), py.types().coroutine())
        {
            // `_PyGen_Finalize`: a coroutine freed before it ever ran was never awaited.
            let o = obj.as_ref();
            o.set_refcnt_pub(1);
            warn_unawaited_coroutine(py, o);
            o.set_refcnt_pub(0);
        }
        dealloc_object::<PyGenerator>(py, obj);
    }
}

type NonNullObj = std::ptr::NonNull<PyObject>;

/// `_PyErr_WarnUnawaitedCoroutine`: `warnings._warn_unawaited_coroutine(coro)`; a failure
/// is reported as unraisable, with the coroutine as the object.
fn warn_unawaited_coroutine(py: Python<'_>, coro: &PyObject) {
    let result = crate::eval::import::import_absolute(py, "warnings").and_then(|m| {
        let f = m.getattr(
            py,
            &crate::objects::str::intern_str(py, "_warn_unawaited_coroutine"),
        )?;
        crate::eval::call::call1(py, &f, &[coro.to_owned_ref()])
    });
    if let Err(e) = result {
        crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(coro));
    }
}

fn gen_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let g = as_gen(obj);
    Ok(PyStr::new(
        py,
        &format!(
            "<{} object {} at {:#x}>",
            obj.ob_type().name(),
            g.qualname.to_string_lossy(),
            obj.as_ptr() as usize
        ),
    ))
}

fn gen_iter(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

fn gen_iternext(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    gen_next(py, obj)
}

/// `next(gen)` of a generator (`gen_iternext`: exhaustion is `Ok(None)`, no StopIteration is
/// made), inlined into `FOR_ITER` for an exact generator.
#[inline(always)]
pub(crate) fn gen_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    match resume(py, obj, py.none(), None)? {
        Resumed::Yielded(v) => Ok(Some(v)),
        Resumed::Returned(_) => Ok(None),
    }
}

/// Outcome of resuming a generator.
pub enum Resumed {
    /// It yielded a value.
    Yielded(PyRef),
    /// It returned (or was already exhausted): the return value.
    Returned(PyRef),
}

/// Wrap a fresh frame of a generator function: run its prologue up to `RETURN_GENERATOR`.
pub fn start(py: Python<'_>, mut frame: Frame) -> PyResult<PyRef> {
    if !crate::eval::gen_frame::run_generator_prologue(py, &mut frame)? {
        run_frame(py, &mut frame)?;
    }
    let code = frame.code.clone();
    let ty = if code.code.co_flags.has(oxpy_bytecode::CodeFlags::COROUTINE) {
        py.types().coroutine()
    } else if code
        .code
        .co_flags
        .has(oxpy_bytecode::CodeFlags::ASYNC_GENERATOR)
    {
        py.types().async_generator()
    } else {
        py.types().generator()
    };
    let words = PyGenerator::frame_words_for(&frame);
    let name = code.name.clone();
    let qualname = frame
        .func
        .as_ref()
        .map_or_else(|| code.qualname.clone(), |f| f.qualname.borrow().clone());
    let g = new_object(py, ty, |ob_base| PyGenerator {
        ob_base,
        frame: UnsafeCell::new(MaybeUninit::new(frame)),
        code,
        state: Cell::new(CREATED),
        name,
        qualname,
        frame_words: Cell::new(words),
    });
    crate::gc::track(py, &g.ob_base);
    Ok(g.into_object())
}

/// "generator" or "coroutine", for messages.
fn kind_name(py: Python<'_>, obj: &PyObject) -> &'static str {
    if std::ptr::eq(obj.ob_type(), py.types().coroutine()) {
        "coroutine"
    } else {
        "generator"
    }
}

/// `gen.send(value)` or `gen.throw(exc)`: run the frame until its next yield or its end.
#[inline]
pub fn resume(
    py: Python<'_>,
    obj: &PyObject,
    value: PyRef,
    throw: Option<PyErr>,
) -> PyResult<Resumed> {
    let g = as_gen(obj);
    let state = g.state.get();
    if throw.is_none() && (state == SUSPENDED || (state == CREATED && py.is_none(&value))) {
        // The common case (`next()`, `send()`, `SEND` in `yield from`).
        g.state.set(RUNNING);
        // SAFETY: RUNNING was just set by this resume.
        unsafe { g.running_frame() }.stack_push(Some(value));
        return run(py, obj);
    }
    resume_slow(py, obj, value, throw)
}

/// [`resume`] of a generator that is not simply suspended, or with an exception to throw.
#[inline(never)]
fn resume_slow(
    py: Python<'_>,
    obj: &PyObject,
    value: PyRef,
    throw: Option<PyErr>,
) -> PyResult<Resumed> {
    let g = as_gen(obj);
    let kind = kind_name(py, obj);
    match g.state.get() {
        RUNNING => return Err(PyErr::value_error(format!("{kind} already executing"))),
        CLEARED => {
            if let Some(err) = throw {
                return Err(err);
            }
            if kind == "coroutine" {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited coroutine",
                ));
            }
            return Ok(Resumed::Returned(py.none()));
        }
        CREATED if throw.is_none() && !py.is_none(&value) => {
            return Err(PyErr::type_error(format!(
                "can't send non-None value to a just-started {kind}"
            )));
        }
        _ => {}
    }
    // Running from here on: throwing into a delegated sub-iterator may run code that sees us
    // (CPython marks the frame executing around `_gen_throw`'s delegation too).
    g.state.set(RUNNING);
    // SAFETY: RUNNING was just set by this resume.
    let frame = unsafe { g.running_frame() };
    if let Some(err) = throw {
        // Suspended in `yield from`/`await`: throw into the sub-iterator first (`_gen_throw`).
        match delegate_throw(py, frame, err) {
            Delegated::Yielded(v) => {
                g.state.set(SUSPENDED);
                return Ok(Resumed::Yielded(v));
            }
            Delegated::Finished(v) => frame.stack_push(Some(v)),
            Delegated::Raise(e) => frame.pending_throw = Some(Box::new(e)),
        }
    } else {
        frame.stack_push(Some(value));
    }
    run(py, obj)
}

/// Run the frame of `obj`, whose state the caller set to RUNNING, to its next yield or its
/// end; the handled exception of the caller is restored afterwards.
#[inline]
fn run(py: Python<'_>, obj: &PyObject) -> PyResult<Resumed> {
    let g = as_gen(obj);
    // SAFETY: the caller set RUNNING for this run.
    let frame = unsafe { g.running_frame() };
    // SAFETY: this thread's cell, used by this thread within this call.
    let exc_info = unsafe { &*crate::eval::exc_info_cell() };
    let saved_exc = exc_info.borrow().clone();
    let result = run_frame(py, frame);
    drop(exc_info.replace(saved_exc));
    match result {
        Ok(Exit::Yield(v)) => {
            g.state.set(SUSPENDED);
            Ok(Resumed::Yielded(v))
        }
        Ok(Exit::Return(v)) => {
            g.clear_frame();
            Ok(Resumed::Returned(v))
        }
        Err(e) => Err(run_failed(py, obj, e)),
    }
}

/// The end of [`run`] when the frame raised: PEP 479, then the frame is dropped.
#[cold]
#[inline(never)]
fn run_failed(py: Python<'_>, obj: &PyObject, e: PyErr) -> PyErr {
    let e = if e.is_kind(ExcKind::StopIteration) {
        stop_iteration_escaped(py, obj, e)
    } else {
        e
    };
    as_gen(obj).clear_frame();
    e
}

/// StopIteration escaping a generator becomes RuntimeError (PEP 479).
#[cold]
fn stop_iteration_escaped(py: Python<'_>, obj: &PyObject, e: PyErr) -> PyErr {
    let kind = kind_name(py, obj);
    let exc = crate::objects::exception::normalize(py, e);
    let new = crate::objects::exception::normalize(
        py,
        PyErr::new(
            ExcKind::RuntimeError,
            format!("{kind} raised StopIteration"),
        ),
    );
    if let Some(n) = new.downcast_ref::<crate::objects::exception::PyBaseException>(py) {
        *n.cause.borrow_mut() = Some(exc.clone());
        *n.context.borrow_mut() = Some(exc);
        n.suppress_context.set(true);
    }
    PyErr::from_object(new)
}

/// What throwing into a delegated sub-iterator produced.
enum Delegated {
    /// The sub-iterator yielded: the outer generator stays suspended.
    Yielded(PyRef),
    /// The sub-iterator returned: resume the outer frame after its `SEND` with this value.
    Finished(PyRef),
    /// Raise this in the outer frame.
    Raise(PyErr),
}

/// `_gen_throw`'s delegation: if `frame` is suspended at a `yield from`/`await` (the next
/// instruction is `RESUME` with oparg >= 2), throw into the sub-iterator on top of its stack.
fn delegate_throw(py: Python<'_>, frame: &mut Frame, err: PyErr) -> Delegated {
    use oxpy_bytecode::Opcode;
    let at_yield_from = frame
        .code
        .instrs
        .get(frame.ip)
        .is_some_and(|i| i.op == Opcode::RESUME && i.arg >= 2);
    let Some(Some(yf)) = frame.stack_last().cloned().filter(|_| at_yield_from) else {
        return Delegated::Raise(err);
    };
    let is_exit = err.is_kind(ExcKind::GeneratorExit);
    let result: PyResult<Resumed> = if is_exit {
        // Close the sub-iterator, then raise GeneratorExit here.
        let closed = if yf.is_instance_of::<PyGenerator>(py) {
            gen_close(py, &yf).map(|_| ())
        } else {
            match crate::eval::attr::getattr_opt(
                py,
                &yf,
                &crate::objects::str::intern_str(py, "close"),
            ) {
                Ok(Some(c)) => crate::eval::call::call1(py, &c, &[]).map(|_| ()),
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            }
        };
        return match closed {
            Ok(()) => Delegated::Raise(err),
            Err(e) => Delegated::Raise(e),
        };
    } else if yf.is_instance_of::<PyGenerator>(py) {
        resume(py, &yf, py.none(), Some(err))
    } else {
        match crate::eval::attr::getattr_opt(py, &yf, &crate::objects::str::intern_str(py, "throw"))
        {
            Ok(Some(t)) => {
                let exc = crate::objects::exception::normalize(py, err);
                match crate::eval::call::call1(py, &t, &[exc]) {
                    Ok(v) => Ok(Resumed::Yielded(v)),
                    Err(e) if e.is_kind(ExcKind::StopIteration) => {
                        let e = crate::objects::exception::normalize(py, e);
                        let v = crate::eval::attr::getattr_str(py, &e, "value")
                            .unwrap_or_else(|_| py.none());
                        Ok(Resumed::Returned(v))
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(None) => return Delegated::Raise(err),
            Err(e) => Err(e),
        }
    };
    match result {
        Ok(Resumed::Yielded(v)) => Delegated::Yielded(v),
        Ok(Resumed::Returned(v)) => {
            // Pop the sub-iterator and continue after the SEND loop.
            frame.stack_pop();
            let send_at = frame.lasti.saturating_sub(1);
            if let Some(send) = frame.code.instrs.get(send_at)
                && send.op == Opcode::SEND
            {
                frame.ip = send_at + 1 + send.arg as usize;
            }
            Delegated::Finished(v)
        }
        Err(e) => Delegated::Raise(e),
    }
}

/// `StopIteration(value)` for a return from `send`.
fn stop_iteration(value: PyRef) -> PyErr {
    PyErr::with_args(ExcKind::StopIteration, vec![value])
}

fn gen_send_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("send", 1, 1)?;
    match resume(py, this, a[0].clone(), None)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(if py.is_none(&v) {
            PyErr::with_args(ExcKind::StopIteration, Vec::new())
        } else {
            stop_iteration(v)
        }),
    }
}

/// The exception `throw(typ[, val[, tb]])` raises (`_gen_throw`): `typ(val)` unless `val` is
/// already an exception, else `typ` made into an exception.
pub(crate) fn throw_error(py: Python<'_>, a: &[PyRef]) -> PyResult<PyErr> {
    let exc = match a {
        [t, v, ..] if !py.is_none(v) && t.is_instance_of::<PyType>(py) => {
            if v.is_instance_of::<crate::objects::exception::PyBaseException>(py) {
                v.clone()
            } else {
                crate::eval::call::call1(py, t, std::slice::from_ref(v))?
            }
        }
        [t, ..] => crate::eval::make_exception(py, t.clone())?,
        [] => {
            return Err(PyErr::type_error(
                "throw expected at least 1 argument, got 0",
            ));
        }
    };
    Ok(PyErr::from_object(exc))
}

fn gen_throw_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("throw", 1, 3)?;
    let err = throw_error(py, a)?;
    match resume(py, this, py.none(), Some(err))? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

/// `gen.close()`.
pub fn gen_close(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let g = as_gen(obj);
    match g.state.get() {
        CLEARED | RUNNING => return Ok(py.none()),
        CREATED => {
            g.clear_frame();
            return Ok(py.none());
        }
        _ => {}
    }
    let exit = PyErr::new(ExcKind::GeneratorExit, "");
    match resume(py, obj, py.none(), Some(exit)) {
        Ok(Resumed::Yielded(_)) => Err(PyErr::new(
            ExcKind::RuntimeError,
            "generator ignored GeneratorExit",
        )),
        Ok(Resumed::Returned(_)) => Ok(py.none()),
        Err(e) => {
            let ignorable = e.is_kind(ExcKind::GeneratorExit) || e.is_kind(ExcKind::StopIteration);
            if ignorable { Ok(py.none()) } else { Err(e) }
        }
    }
}

fn gen_close_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("close", 0, 0)?;
    gen_close(py, this)
}
