//! `traceback`: one entry of an exception's traceback (`PyTracebackObject`).

use std::ops::ControlFlow;

use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A traceback entry: where in which code the exception passed.
#[repr(C)]
pub struct PyTraceback {
    ob_base: PyObject,
    /// `tb_next` (towards the frame that raised).
    pub next: Option<PyRef>,
    /// The code of the frame.
    pub code: PyRef<PyCode>,
    /// `tb_lasti` in code units.
    pub lasti: u32,
    /// `tb_frame`: the frame's object (entries made without one show a detached view).
    pub frame: std::cell::RefCell<Option<PyRef>>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyTraceback {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().traceback()
    }
}

/// `traceback`'s spec (basicsize 40).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "traceback",
        basicsize: 40,
        itemsize: 0,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(tb_traverse),
            clear: Some(tb_clear),
            attr: Some(tb_attr),
            ..TypeSlots::new(dealloc_object::<PyTraceback>)
        },
    }
}

fn as_tb(obj: &PyObject) -> &PyTraceback {
    // SAFETY: only installed on traceback objects.
    unsafe { &*(obj as *const PyObject as *const PyTraceback) }
}

fn tb_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let t = as_tb(obj);
    if let Some(n) = &t.next {
        visit(n)?;
    }
    if let Ok(f) = t.frame.try_borrow()
        && let Some(f) = f.as_ref()
    {
        visit(f)?;
    }
    visit(t.code.as_object())
}

fn tb_clear(_py: Python<'_>, obj: &PyObject) {
    let f = as_tb(obj).frame.take();
    drop(f);
}

fn tb_attr(py: Python<'_>, obj: &PyObject, name: &str) -> crate::PyResult<Option<PyRef>> {
    let t = as_tb(obj);
    Ok(match name {
        "tb_next" => Some(t.next.clone().unwrap_or_else(|| py.none())),
        "tb_frame" => Some(match t.frame.borrow().clone() {
            Some(f) => f,
            None => crate::objects::frame::frame_view(py, t.code.clone(), t.lasti),
        }),
        "tb_lasti" => {
            Some(crate::objects::int::PyInt::new(py, i64::from(t.lasti) * 2).into_object())
        }
        "tb_lineno" => Some(
            crate::objects::int::PyInt::new(py, i64::from(t.code.line_at(t.lasti).unwrap_or(0)))
                .into_object(),
        ),
        _ => None,
    })
}

impl PyTraceback {
    /// A new entry in front of `next`.
    pub fn new(
        py: Python<'_>,
        next: Option<PyRef>,
        code: PyRef<PyCode>,
        lasti: u32,
    ) -> PyRef<PyTraceback> {
        let t = new_object(py, py.types().traceback(), |ob_base| PyTraceback {
            ob_base,
            next,
            code,
            lasti,
            frame: std::cell::RefCell::new(None),
        });
        crate::gc::track(py, &t.ob_base);
        t
    }
}
