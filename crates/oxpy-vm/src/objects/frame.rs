//! `frame` as seen from a traceback (`tb.tb_frame`): the code and the position it reached.
//!
//! oxpy's frames live in the eval loop and are not objects; a traceback entry keeps the code
//! and the instruction offset, and `tb_frame` exposes them as a read-only `frame` object with
//! `f_code`, `f_lineno` and `f_lasti`.

use std::ops::ControlFlow;

use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A frame view: its code and the offset (in code units) of the current instruction.
#[repr(C)]
pub struct PyFrameView {
    ob_base: PyObject,
    code: PyRef<PyCode>,
    lasti: u32,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyFrameView {
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
            repr: Some(frame_repr),
            attr: Some(frame_attr),
            ..TypeSlots::new(dealloc_object::<PyFrameView>)
        },
    }
}

/// A frame view of `code` stopped at instruction `lasti`.
pub fn frame_view(py: Python<'_>, code: PyRef<PyCode>, lasti: u32) -> PyRef {
    let f = new_object(py, py.types().frame(), |ob_base| PyFrameView {
        ob_base,
        code,
        lasti,
    });
    crate::gc::track(py, f.as_object());
    f.into_object()
}

fn as_frame(obj: &PyObject) -> &PyFrameView {
    // SAFETY: only installed on `frame`, whose instances are `PyFrameView`s.
    unsafe { &*(obj as *const PyObject as *const PyFrameView) }
}

fn frame_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    visit(as_frame(obj).code.as_object())
}

fn lineno(f: &PyFrameView) -> i64 {
    i64::from(f.code.line_at(f.lasti).unwrap_or(0))
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

fn frame_attr(py: Python<'_>, obj: &PyObject, name: &str) -> crate::PyResult<Option<PyRef>> {
    let f = as_frame(obj);
    Ok(match name {
        "f_code" => Some(f.code.clone().into_object()),
        "f_lineno" => Some(crate::objects::int::PyInt::new(py, lineno(f)).into_object()),
        "f_lasti" => {
            Some(crate::objects::int::PyInt::new(py, i64::from(f.lasti) * 2).into_object())
        }
        _ => None,
    })
}
