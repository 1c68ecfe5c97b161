//! Sequence access for native modules: `len(x)`, `x[i]`, `x[i] = v` through the builtin types
//! directly or the type's slots.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyObject, PyRef, Python};

/// `len(obj)`.
pub fn len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return Ok(l.len());
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        return Ok(t.len());
    }
    if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        return Ok(s.len());
    }
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        return Ok(b.len());
    }
    match obj.ob_type().slots.len {
        Some(f) => f(py, obj),
        None => Err(PyErr::type_error(format!(
            "object of type '{}' has no len()",
            obj.ob_type().name()
        ))),
    }
}

/// `obj[i]` for `0 <= i < len(obj)`.
pub fn getitem(py: Python<'_>, obj: &PyObject, i: usize) -> PyResult<PyRef> {
    let out_of_range = |what: &str| PyErr::index_error(format!("{what} index out of range"));
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return l.get(i).ok_or_else(|| out_of_range("list"));
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        return t.get(i).cloned().ok_or_else(|| out_of_range("tuple"));
    }
    if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        let cp = s.code_point(i).ok_or_else(|| out_of_range("string"))?;
        return PyStr::from_code_points(py, &[cp])
            .map(PyRef::into_object)
            .ok_or_else(|| out_of_range("string"));
    }
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        let v = b.as_bytes().get(i).ok_or_else(|| out_of_range("index"))?;
        return Ok(PyInt::new(py, i64::from(*v)).into_object());
    }
    match obj.ob_type().slots.getitem {
        Some(f) => {
            let key = PyInt::new(py, i64::try_from(i).unwrap_or(i64::MAX)).into_object();
            f(py, obj, &key)
        }
        None => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            obj.ob_type().name()
        ))),
    }
}

/// `obj[i] = value`.
pub fn setitem(py: Python<'_>, obj: &PyObject, i: usize, value: PyRef) -> PyResult<()> {
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return l.set(i, value);
    }
    match obj.ob_type().slots.setitem {
        Some(f) => {
            let key = PyInt::new(py, i64::try_from(i).unwrap_or(i64::MAX)).into_object();
            f(py, obj, &key, Some(value))
        }
        None => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            obj.ob_type().name()
        ))),
    }
}
