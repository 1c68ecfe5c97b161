//! The frame: what one running (or suspended) Python function holds — its code, namespaces,
//! fast locals and value stack (`_PyInterpreterFrame`) — and the `locals()` / frame-object views
//! of it. The instruction loop that runs frames is in `eval/mod.rs`.

use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::ops::Deref;

use oxpy_bytecode::LocalKind;

use super::frame_slots;
use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyPayload, PyRef};
use crate::objects::cell::PyCell;
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::frame::PyFrameObject;
use crate::objects::function::PyFunction;

/// A reference a frame holds without counting it (CPython's borrowed `f_globals` and
/// `f_builtins`): a copy of a `PyRef` that something outliving the frame keeps alive — the
/// frame's function, or the caller of [`Frame::with_namespace`].
pub struct Borrowed<T: PyPayload>(ManuallyDrop<PyRef<T>>);

impl<T: PyPayload> Borrowed<T> {
    /// Borrow `r` for a frame.
    ///
    /// # Safety
    /// The object must stay alive while the `Borrowed` is used (the frame's lifetime).
    #[inline]
    unsafe fn new(r: &PyRef<T>) -> Borrowed<T> {
        // SAFETY: a bitwise copy of the handle that is never dropped, so it takes no count
        // and gives none back; the caller keeps the object alive meanwhile.
        Borrowed(ManuallyDrop::new(unsafe { std::ptr::read(r) }))
    }
}

impl<T: PyPayload> Deref for Borrowed<T> {
    type Target = PyRef<T>;
    #[inline]
    fn deref(&self) -> &PyRef<T> {
        &self.0
    }
}

/// An executing (or suspended) Python frame (`_PyInterpreterFrame`).
///
/// The fields drop in CPython's `_PyFrame_Clear` order: locals and stack, the frame object,
/// the locals mapping, the function, the code.
pub struct Frame {
    /// `localsplus` (fast locals, cells, free variables) followed by the value stack (`None` =
    /// NULL), in one buffer as CPython's `_PyInterpreterFrame`: `slots[..nlocals]` are the
    /// locals, the rest is the stack. Buffers are recycled through a per-thread pool.
    pub(super) slots: frame_slots::Slots,
    /// The frame's `frame` object, once one was asked for (a traceback entry, `gi_frame`,
    /// `f_back`); it takes the locals over when the frame ends.
    pub(super) frame_obj: std::cell::OnceCell<PyRef<PyFrameObject>>,
    /// The dict `locals()` returns in an optimised frame (`f_locals`): made by the first
    /// call, refreshed by the next ones, kept while the frame lives (as CPython 3.11).
    pub(super) locals_snapshot: std::cell::OnceCell<PyRef<PyDict>>,
    /// The locals mapping of module and class frames (`None` for optimised function frames).
    pub locals: Option<PyRef>,
    /// The function being run (for its closure); it keeps `globals` and `builtins` alive.
    pub func: Option<PyRef<PyFunction>>,
    /// The code being run (never replaced while the frame lives: the loop borrows it).
    pub code: PyRef<PyCode>,
    /// Module globals (borrowed, as CPython's `f_globals`).
    pub globals: Borrowed<PyDict>,
    /// The builtins namespace (borrowed, as CPython's `f_builtins`).
    pub builtins: Borrowed<PyDict>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Index of the instruction being executed (`f_lasti`; RERAISE may restore an older one,
    /// which only affects the line reported).
    pub lasti: usize,
    /// An exception to raise at the current instruction when the frame resumes
    /// (`generator.throw`); boxed to keep the frame small (frames are moved on every call).
    pub pending_throw: Option<Box<PyErr>>,
    /// The frame this one interrupted while it runs (`f_back` of a running frame), for walking
    /// the running frames; meaningless while the frame is suspended.
    pub(super) previous: Cell<*const Frame>,
}

// Frames are moved by value on every call: at 128 bytes or less the compiler moves them
// with a few register stores instead of a `memcpy` call (a quarter of `fib`'s time at 152).
const _: () = assert!(std::mem::size_of::<Frame>() <= 128);

impl Frame {
    /// A frame running `func` (which it takes over) in `slots`: the code is counted, the
    /// globals and builtins are borrowed from the function (`_PyFrame_InitializeSpecials`).
    #[inline(always)]
    pub(super) fn for_function(func: PyRef<PyFunction>, slots: frame_slots::Slots) -> Frame {
        // SAFETY: the frame owns `func` until it drops, after everything that reads these
        // (fields drop in declaration order), and a function's globals and builtins are never
        // replaced.
        let (globals, builtins) =
            unsafe { (Borrowed::new(&func.globals), Borrowed::new(&func.builtins)) };
        Frame {
            slots,
            frame_obj: std::cell::OnceCell::new(),
            locals_snapshot: std::cell::OnceCell::new(),
            locals: None,
            code: func.code.clone(),
            globals,
            builtins,
            func: Some(func),
            ip: 0,
            lasti: 0,
            pending_throw: None,
            previous: Cell::new(std::ptr::null()),
        }
    }

    /// A frame running `func` (which it takes over) whose first `nargs` locals are the top
    /// `nargs` values of `caller`'s stack, moved (see `Slots::new_with_args`); built in place.
    #[inline(always)]
    pub(super) fn for_simple_call(
        func: PyRef<PyFunction>,
        shape: crate::objects::function::CallShape,
        caller: &mut frame_slots::Slots,
        nargs: usize,
    ) -> Frame {
        let slots = frame_slots::Slots::new_with_args(
            shape.nlocalsplus as usize,
            shape.stacksize as usize,
            caller,
            nargs,
        );
        Self::for_function(func, slots)
    }

    /// A frame for `f` with empty locals (suspendable frames go to the heap).
    #[inline]
    pub(super) fn new_function(func: PyRef<PyFunction>) -> Frame {
        let code = &func.code;
        let n = code.code.co_nlocalsplus();
        let stacksize = code.code.co_stacksize as usize;
        let slots = frame_slots::Slots::new(n, stacksize, super::is_generator_code(code));
        Frame::for_function(func, slots)
    }

    /// A module or class-body frame running `code` with `locals` as its namespace.
    ///
    /// # Safety
    /// `globals` and `builtins` must outlive the frame (the frame borrows them).
    pub(super) unsafe fn with_namespace(
        code: PyRef<PyCode>,
        globals: &PyRef<PyDict>,
        builtins: &PyRef<PyDict>,
        locals: PyRef,
        func: Option<PyRef<PyFunction>>,
    ) -> Frame {
        let n = code.code.co_nlocalsplus();
        let stacksize = code.code.co_stacksize as usize;
        let slots = frame_slots::Slots::new(n, stacksize, super::is_generator_code(&code));
        Frame {
            slots,
            frame_obj: std::cell::OnceCell::new(),
            locals_snapshot: std::cell::OnceCell::new(),
            locals: Some(locals),
            func,
            code,
            // SAFETY: the caller keeps both alive for the frame's lifetime.
            globals: unsafe { Borrowed::new(globals) },
            builtins: unsafe { Borrowed::new(builtins) },
            ip: 0,
            lasti: 0,
            pending_throw: None,
            previous: Cell::new(std::ptr::null()),
        }
    }

    /// Fast locals, cells and free variables (`localsplus`).
    #[inline]
    pub fn fast(&self) -> &[Option<PyRef>] {
        self.slots.locals()
    }

    /// Fast locals, cells and free variables, writable.
    #[inline]
    pub fn fast_mut(&mut self) -> &mut [Option<PyRef>] {
        self.slots.locals_mut()
    }

    /// The value stack, bottom first (`None` = NULL).
    #[inline]
    pub fn stack(&self) -> &[Option<PyRef>] {
        self.slots.stack()
    }

    /// The value stack, writable.
    #[inline]
    pub(super) fn stack_mut(&mut self) -> &mut [Option<PyRef>] {
        self.slots.stack_mut()
    }

    /// Every object the frame holds (locals and stack), for the GC's traversal.
    pub fn values(&self) -> impl Iterator<Item = &PyRef> {
        self.slots.all().iter().flatten()
    }

    /// Visit the `locals()` dict of an optimised frame, if one was made (GC traversal).
    pub fn visit_locals_snapshot(
        &self,
        visit: crate::objects::type_::Visit<'_>,
    ) -> std::ops::ControlFlow<()> {
        if let Some(fo) = self.frame_obj.get() {
            visit(fo.as_object())?;
        }
        match self.locals_snapshot.get() {
            Some(d) => visit(d.as_object()),
            None => std::ops::ControlFlow::Continue(()),
        }
    }

    /// The address of the frame's `frame` object (null if none was made).
    pub fn frame_object_ptr(&self) -> *const PyFrameObject {
        self.frame_obj
            .get()
            .map_or(std::ptr::null(), |f| &**f as *const PyFrameObject)
    }

    /// The frame ended: move its locals into its frame object, if it has one
    /// (`take_ownership`; nothing to do otherwise).
    #[cold]
    pub(super) fn frame_object_take_ownership(&mut self, py: Python<'_>) {
        let Some(fo) = self.frame_obj.take() else {
            return;
        };
        if fo.as_object().refcnt() <= 1 {
            // Only the frame held it (`_PyFrame_Clear`): it dies with the frame.
            return;
        }
        let locals: Vec<Option<PyRef>> = self.fast_mut().iter_mut().map(Option::take).collect();
        // SAFETY: the caller is suspended in its own `run_frame` below this one.
        let back = unsafe { self.previous.get().as_ref() }
            .map(|caller| frame_object(py, caller).into_object());
        fo.take_ownership(py, self.lasti as u32, locals, back);
    }

    /// `locals()` of an optimised (function) frame (`PyFrame_FastToLocalsWithError`): the
    /// frame's one dict, updated with the current values; unbound names are removed.
    pub fn fast_to_locals(&self, py: Python<'_>) -> PyResult<PyRef> {
        let d = self.locals_snapshot.get_or_init(|| PyDict::new(py)).clone();
        fill_locals_dict(py, &self.code, self.fast(), &d)?;
        Ok(d.into_object())
    }
}

/// The `frame` object of `frame` (made on first request, then the same one).
pub fn frame_object(py: Python<'_>, frame: &Frame) -> PyRef<PyFrameObject> {
    let fo = frame.frame_obj.get_or_init(|| {
        PyFrameObject::new(
            py,
            frame.code.clone(),
            Some(frame.globals.clone()),
            frame.locals.clone(),
            frame.lasti as u32,
        )
    });
    fo.set_lasti(frame.lasti as u32);
    fo.clone()
}

/// Update `d` with the values of fast locals `fast` of `code` (cells read through);
/// unbound names are removed (`PyFrame_FastToLocals`).
pub fn fill_locals_dict(
    py: Python<'_>,
    code: &PyCode,
    fast: &[Option<PyRef>],
    d: &PyDict,
) -> PyResult<()> {
    {
        let kinds = &code.code.co_localspluskinds;
        for (i, name) in code.localsplusnames.iter().enumerate() {
            let kind = kinds.get(i).copied().unwrap_or(0);
            let mut v = fast.get(i).cloned().flatten();
            if kind & (LocalKind::CELL | LocalKind::FREE) != 0 {
                v = match v {
                    Some(c) => match c.downcast_ref::<PyCell>(py) {
                        Some(cell) => cell.get(),
                        // A cell variable holding an argument before MAKE_CELL ran.
                        None => Some(c),
                    },
                    None => None,
                };
            }
            match v {
                Some(v) => d.set_item(py, name.clone().into_object(), v)?,
                None => {
                    if d.get_item(py, name.as_object())?.is_some() {
                        d.del_item(py, name.as_object())?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Frame {
    /// Number of values on the stack.
    #[inline]
    pub fn stack_len(&self) -> usize {
        self.slots.stack_len()
    }

    /// Push a value or NULL.
    #[inline(always)]
    pub fn stack_push(&mut self, v: Option<PyRef>) {
        self.slots.push(v);
    }

    /// Pop the top slot (`None` if the stack is empty).
    #[inline(always)]
    pub fn stack_pop(&mut self) -> Option<Option<PyRef>> {
        self.slots.pop()
    }

    /// The top slot, if the stack is not empty.
    #[inline(always)]
    pub fn stack_last(&self) -> Option<&Option<PyRef>> {
        self.stack().last()
    }

    /// Cut the stack down to `depth` values.
    #[inline]
    pub(super) fn stack_truncate(&mut self, depth: usize) {
        self.slots.truncate(depth);
    }

    #[inline(always)]
    pub(super) fn push(&mut self, v: PyRef) {
        self.slots.push(Some(v));
    }

    #[inline(always)]
    pub(super) fn pop(&mut self) -> PyRef {
        match self.stack_pop() {
            Some(Some(v)) => v,
            // NULL or underflow: the compiler never produces this; fail safe with None.
            _ => self.null_fallback(),
        }
    }

    #[cold]
    pub(super) fn null_fallback(&self) -> PyRef {
        // SAFETY: only reachable from a running frame, which holds the GIL.
        let py = unsafe { Python::assume_gil_acquired() };
        py.none()
    }

    #[inline(always)]
    pub(super) fn top(&self) -> PyRef {
        match self.stack_last() {
            Some(Some(v)) => v.clone(),
            _ => self.null_fallback(),
        }
    }

    #[inline(always)]
    pub(super) fn peek(&self, n: usize) -> Option<&PyRef> {
        let stack = self.stack();
        stack
            .len()
            .checked_sub(n)
            .and_then(|i| stack.get(i))
            .and_then(Option::as_ref)
    }

    pub(super) fn pop_n(&mut self, n: usize) -> Vec<PyRef> {
        self.slots
            .pop_n(n)
            .into_iter()
            .map(|v| v.unwrap_or_else(super::self_none))
            .collect()
    }

    pub(super) fn local_name(&self, i: usize) -> String {
        self.code
            .localsplusnames
            .get(i)
            .map_or_else(|| "?".into(), |s| s.to_string_lossy())
    }
}

/// The instruction loop's stack operations, always inlined into its arms.
impl Frame {
    /// Pop a value ([`Frame::pop`], always inlined; NULL or underflow gives `None` as there).
    #[inline(always)]
    pub(super) fn pop_hot(&mut self) -> PyRef {
        match self.slots.pop_hot() {
            Some(v) => v,
            None => self.null_fallback(),
        }
    }
}
