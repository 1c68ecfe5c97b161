//! `method`: a function bound to an instance (`PyMethodObject`).

use std::ops::ControlFlow;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::new_object;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A bound method.
#[repr(C)]
pub struct PyMethod {
    ob_base: PyObject,
    /// `__func__`.
    pub func: PyRef,
    /// `__self__`.
    pub this: PyRef,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyMethod {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().method()
    }
}

/// `method`'s spec (basicsize 48, `__flags__` 0x5900).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "method",
        basicsize: 48,
        itemsize: 0,
        flags: 0x5900,
        slots: TypeSlots {
            traverse: Some(method_traverse),
            repr: Some(method_repr),
            call: Some(method_call),
            richcompare: Some(method_richcompare),
            hash: Some(method_hash),
            sizeof: Some(method_sizeof),
            ..TypeSlots::new(crate::objects::weakref::dealloc_weakrefable::<PyMethod>)
        },
    }
}

fn as_method(obj: &PyObject) -> &PyMethod {
    // SAFETY: only called from the type's own slots.
    unsafe { &*(obj as *const PyObject as *const PyMethod) }
}

fn method_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let m = as_method(obj);
    visit(&m.func)?;
    visit(&m.this)
}

fn method_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let m = as_method(obj);
    let name = crate::eval::attr::getattr_str(py, &m.func, "__qualname__")
        .and_then(|n| crate::object::protocol::str_(py, &n))
        .map(|s| s.to_string_lossy())
        .unwrap_or_else(|_| "?".into());
    let this = crate::object::protocol::repr(py, &m.this)?.to_string_lossy();
    Ok(PyStr::new(py, &format!("<bound method {name} of {this}>")))
}

/// Bound methods are equal when they wrap the same function and the same `self` (3.11 compares
/// `self` by identity).
fn method_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: crate::objects::type_::CompareOp,
) -> PyResult<PyRef> {
    use crate::objects::type_::CompareOp;
    let Some(mb) = b.downcast_ref::<PyMethod>(py) else {
        return Ok(py.not_implemented());
    };
    let ma = as_method(a);
    let eq = ma.func.is(&mb.func) && ma.this.is(&mb.this);
    match op {
        CompareOp::Eq => Ok(py.bool(eq).into_object()),
        CompareOp::Ne => Ok(py.bool(!eq).into_object()),
        _ => Ok(py.not_implemented()),
    }
}

fn method_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let m = as_method(obj);
    let a = crate::objects::object::hash_pointer(m.this.as_ptr());
    let b = crate::object::protocol::hash(py, &m.func)?;
    Ok(a ^ b)
}

fn method_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let m = as_method(obj);
    let mut values = Vec::with_capacity(args.values.len() + 1);
    values.push(m.this.clone());
    values.extend_from_slice(args.values);
    crate::eval::call::call(
        py,
        &m.func,
        Args {
            values: &values,
            kwnames: args.kwnames,
        },
    )
}

/// `__sizeof__`: 48 (`PyMethodObject`), or 32 for a slot wrapper bound to an instance, which
/// CPython represents as a `method-wrapper` (`wrapperobject`: header, descriptor, self).
fn method_sizeof(obj: &PyObject) -> usize {
    // SAFETY: only installed on `method`, whose instances have this layout.
    let m = unsafe { &*(obj as *const PyObject as *const PyMethod) };
    // SAFETY: objects are reachable only on a thread holding the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    if m.func
        .is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py)
    {
        32
    } else {
        obj.ob_type().basicsize
    }
}

impl PyMethod {
    /// Bind `func` to `this`.
    pub fn new(py: Python<'_>, func: PyRef, this: PyRef) -> PyRef<PyMethod> {
        let m = new_object(py, py.types().method(), |ob_base| PyMethod {
            ob_base,
            func,
            this,
        });
        crate::gc::track(py, m.as_object());
        m
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }
}
