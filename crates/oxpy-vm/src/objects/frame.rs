//! `frame` objects (`PyFrameObject`): the Python-visible face of an executing frame.
//!
//! oxpy's frames live in the eval loop (`eval::Frame`) and are not objects. A frame object is
//! made only when one is asked for — a traceback entry (`PyTraceBack_Here`), `gi_frame` — and
//! is then the frame's one object (`tb.tb_frame is tb.tb_frame`). While the frame runs the
//! object reads it through the running-frame chain; when it ends, the frame moves its locals
//! into the object (CPython's `take_ownership`), so a traceback keeps the locals alive — the
//! cycle exception → traceback → frame → locals → exception that only the GC frees.

use std::cell::{Cell, RefCell};
use std::ops::ControlFlow;

use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A frame object: the code, globals and locals mapping of its frame, plus the fast locals
/// and the caller's frame object once the frame has ended.
#[repr(C)]
pub struct PyFrameObject {
    ob_base: PyObject,
    code: PyRef<PyCode>,
    globals: Option<PyRef<PyDict>>,
    /// The locals mapping of module and class frames.
    locals_map: Option<PyRef>,
    /// The instruction reached (updated at traceback entries and when the frame ends).
    lasti: Cell<u32>,
    /// Whether the frame has ended (its locals, if any, are in `owned`).
    ended: Cell<bool>,
    /// The fast locals taken over when the frame ended.
    owned: RefCell<Vec<Option<PyRef>>>,
    /// `f_back` of an ended frame.
    back: RefCell<Option<PyRef>>,
    /// The `f_locals` dict of an ended optimised frame, made on first access.
    locals_dict: RefCell<Option<PyRef<PyDict>>>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyFrameObject {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().frame()
    }
}

/// `frame`'s spec (CPython 3.11: basicsize 72, GC).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "frame",
        basicsize: 72,
        itemsize: 0,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(frame_traverse),
            clear: Some(frame_clear),
            repr: Some(frame_repr),
            attr: Some(frame_attr),
            ..TypeSlots::new(dealloc_object::<PyFrameObject>)
        },
    }
}

impl PyFrameObject {
    /// The frame object of a running frame of `code` (its locals are read from the frame
    /// while it runs, taken over by [`PyFrameObject::take_ownership`] when it ends).
    pub fn new(
        py: Python<'_>,
        code: PyRef<PyCode>,
        globals: Option<PyRef<PyDict>>,
        locals_map: Option<PyRef>,
        lasti: u32,
    ) -> PyRef<PyFrameObject> {
        let f = new_object(py, py.types().frame(), |ob_base| PyFrameObject {
            ob_base,
            code,
            globals,
            locals_map,
            lasti: Cell::new(lasti),
            ended: Cell::new(false),
            owned: RefCell::new(Vec::new()),
            back: RefCell::new(None),
            locals_dict: RefCell::new(None),
        });
        // Untracked while its frame runs; tracked when it takes the locals over (3.11).
        f
    }

    /// Record the instruction the frame reached.
    pub fn set_lasti(&self, lasti: u32) {
        self.lasti.set(lasti);
    }

    /// The frame ended: keep its fast locals and its caller's frame object
    /// (`take_ownership`), and join the GC.
    pub fn take_ownership(
        &self,
        py: Python<'_>,
        lasti: u32,
        locals: Vec<Option<PyRef>>,
        back: Option<PyRef>,
    ) {
        self.lasti.set(lasti);
        self.ended.set(true);
        let old = self.owned.replace(locals);
        let old_back = self.back.replace(back);
        drop((old, old_back));
        crate::gc::track(py, &self.ob_base);
    }
}

/// A detached frame object of `code` stopped at instruction `lasti` (no locals).
pub fn frame_view(py: Python<'_>, code: PyRef<PyCode>, lasti: u32) -> PyRef {
    let f = PyFrameObject::new(py, code, None, None, lasti);
    f.ended.set(true);
    f.into_object()
}

fn as_frame(obj: &PyObject) -> &PyFrameObject {
    // SAFETY: only installed on `frame`, whose instances are `PyFrameObject`s.
    unsafe { &*(obj as *const PyObject as *const PyFrameObject) }
}

fn frame_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let f = as_frame(obj);
    visit(f.code.as_object())?;
    if let Some(g) = &f.globals {
        visit(g.as_object())?;
    }
    if let Some(l) = &f.locals_map {
        visit(l)?;
    }
    if let Ok(owned) = f.owned.try_borrow() {
        for v in owned.iter().flatten() {
            visit(v)?;
        }
    }
    if let Ok(b) = f.back.try_borrow()
        && let Some(b) = b.as_ref()
    {
        visit(b)?;
    }
    if let Ok(d) = f.locals_dict.try_borrow()
        && let Some(d) = d.as_ref()
    {
        visit(d.as_object())?;
    }
    ControlFlow::Continue(())
}

fn frame_clear(_py: Python<'_>, obj: &PyObject) {
    let f = as_frame(obj);
    let owned = f.owned.take();
    let back = f.back.take();
    let d = f.locals_dict.take();
    drop((owned, back, d));
}

fn lineno(f: &PyFrameObject) -> i64 {
    i64::from(f.code.line_at(current_lasti(f)).unwrap_or(0))
}

/// Whether `fr` is the running frame whose object is `f`.
fn is_frame_of(fr: &crate::eval::Frame, f: &PyFrameObject) -> bool {
    std::ptr::eq(fr.frame_object_ptr(), f)
}

fn current_lasti(f: &PyFrameObject) -> u32 {
    if f.ended.get() {
        return f.lasti.get();
    }
    crate::eval::with_frames(|frames| {
        frames
            .iter()
            .find(|fr| is_frame_of(fr, f))
            .map_or(f.lasti.get(), |fr| fr.lasti as u32)
    })
}

fn frame_repr(py: Python<'_>, obj: &PyObject) -> crate::PyResult<PyRef<PyStr>> {
    let f = as_frame(obj);
    Ok(PyStr::new(
        py,
        &format!(
            "<frame at {obj:p}, file '{}', line {}, code {}>",
            f.code.filename.to_string_lossy(),
            lineno(f),
            f.code.name.to_string_lossy()
        ),
    ))
}

/// `f_locals`: the locals mapping, or a dict of the fast locals.
fn f_locals(py: Python<'_>, f: &PyFrameObject) -> crate::PyResult<PyRef> {
    if let Some(l) = &f.locals_map {
        return Ok(l.clone());
    }
    if !f.ended.get() {
        let live = crate::eval::with_frames(|frames| {
            frames
                .iter()
                .find(|fr| is_frame_of(fr, f))
                .map(|fr| fr.fast_to_locals(py))
        });
        if let Some(d) = live {
            return d;
        }
    }
    let existing = f.locals_dict.borrow().clone();
    let d = match existing {
        Some(d) => d,
        None => {
            let d = PyDict::new(py);
            *f.locals_dict.borrow_mut() = Some(d.clone());
            d
        }
    };
    let owned = f.owned.borrow().clone();
    crate::eval::fill_locals_dict(py, &f.code, &owned, &d)?;
    Ok(d.into_object())
}

/// `f_back`: the caller's frame object (running frames: made on demand).
fn f_back(py: Python<'_>, f: &PyFrameObject) -> PyRef {
    if f.ended.get() {
        return f.back.borrow().clone().unwrap_or_else(|| py.none());
    }
    crate::eval::with_frames(|frames| {
        let i = frames.iter().position(|fr| is_frame_of(fr, f))?;
        let caller = frames.get(i + 1)?;
        Some(crate::eval::frame_object(py, caller).into_object())
    })
    .unwrap_or_else(|| py.none())
}

fn frame_attr(py: Python<'_>, obj: &PyObject, name: &str) -> crate::PyResult<Option<PyRef>> {
    let f = as_frame(obj);
    Ok(match name {
        "f_code" => Some(f.code.clone().into_object()),
        "f_lineno" => Some(crate::objects::int::PyInt::new(py, lineno(f)).into_object()),
        "f_lasti" => {
            Some(crate::objects::int::PyInt::new(py, i64::from(current_lasti(f)) * 2).into_object())
        }
        "f_globals" => Some(match &f.globals {
            Some(g) => g.clone().into_object(),
            None => PyDict::new(py).into_object(),
        }),
        "f_builtins" => Some(crate::eval::run::builtins_dict(py).into_object()),
        "f_locals" => Some(f_locals(py, f)?),
        "f_back" => Some(f_back(py, f)),
        "f_trace" => Some(py.none()),
        _ => None,
    })
}
