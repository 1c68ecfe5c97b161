//! Sequence access for native modules: `len(x)`, `x[i]`, `x[i] = v` through the builtin types
//! directly or the type's slots.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyObject, PyRef, Python};

/// `len(obj)`: the type's slot (so subclasses' overrides apply), else the builtin sequences.
pub fn len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    if let Some(f) = obj.ob_type().slots.len {
        return f(py, obj);
    }
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
    Err(PyErr::type_error(format!(
        "object of type '{}' has no len()",
        obj.ob_type().name()
    )))
}

/// `obj[i]` for `0 <= i < len(obj)`: the type's slot, else the builtin sequences.
pub fn getitem(py: Python<'_>, obj: &PyObject, i: usize) -> PyResult<PyRef> {
    if let Some(f) = obj.ob_type().slots.getitem {
        let key = PyInt::new(py, i64::try_from(i).unwrap_or(i64::MAX)).into_object();
        return f(py, obj, &key);
    }
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
    Err(PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        obj.ob_type().name()
    )))
}

/// `obj[i] = value`: the type's slot, else list assignment.
pub fn setitem(py: Python<'_>, obj: &PyObject, i: usize, value: PyRef) -> PyResult<()> {
    if let Some(f) = obj.ob_type().slots.setitem {
        let key = PyInt::new(py, i64::try_from(i).unwrap_or(i64::MAX)).into_object();
        return f(py, obj, &key, Some(value));
    }
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return l.set(i, value);
    }
    Err(PyErr::type_error(format!(
        "'{}' object does not support item assignment",
        obj.ob_type().name()
    )))
}

/// A list/tuple/str index from an int key, negative counting from the end (`None` if out of
/// range).
fn resolve(py: Python<'_>, key: &PyObject, len: usize) -> PyResult<Option<usize>> {
    let i = match crate::util::index_value(py, key) {
        Ok(oxpy_vm::objects::int::IntValue::Small(i)) => *i,
        Ok(_) => {
            return Err(PyErr::index_error(
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        Err(_) => return Err(PyErr::type_error("indices must be integers")),
    };
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let i = if i < 0 { i + len } else { i };
    Ok(usize::try_from(i).ok().filter(|&i| (i as i64) < len))
}

/// `obj[key]` (`PyObject_GetItem`): the type's slot, else integer indexing of the builtin
/// sequences.
pub fn getitem_obj(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(f) = obj.ob_type().slots.getitem {
        return f(py, obj, key);
    }
    let what = if obj.downcast_ref::<PyList>(py).is_some() {
        "list"
    } else if obj.downcast_ref::<PyTuple>(py).is_some() {
        "tuple"
    } else if obj.downcast_ref::<PyStr>(py).is_some() {
        "string"
    } else if obj.downcast_ref::<PyBytes>(py).is_some() {
        "index"
    } else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            obj.ob_type().name()
        )));
    };
    let n = len(py, obj)?;
    let i = resolve(py, key, n).map_err(|e| match e.message() {
        Some("indices must be integers") if what == "string" => PyErr::type_error(format!(
            "string indices must be integers, not '{}'",
            key.ob_type().name()
        )),
        Some("indices must be integers") => PyErr::type_error(format!(
            "{} indices must be integers or slices, not {}",
            if what == "index" { "byte" } else { what },
            key.ob_type().name()
        )),
        _ => e,
    })?;
    match i {
        Some(i) => getitem(py, obj, i),
        None if what == "index" => Err(PyErr::index_error("index out of range")),
        None => Err(PyErr::index_error(format!("{what} index out of range"))),
    }
}

/// `obj[key] = value`, or `del obj[key]` when `value` is `None` (`PyObject_SetItem`/`DelItem`).
pub fn setitem_obj(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    if let Some(f) = obj.ob_type().slots.setitem {
        return f(py, obj, key, value);
    }
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        let i = resolve(py, key, l.len()).map_err(|_| {
            PyErr::type_error(format!(
                "list indices must be integers or slices, not {}",
                key.ob_type().name()
            ))
        })?;
        let Some(i) = i else {
            return Err(PyErr::index_error("list assignment index out of range"));
        };
        return match value {
            Some(v) => l.set(i, v),
            None => l.pop(i).map(drop),
        };
    }
    let what = if value.is_some() {
        "does not support item assignment"
    } else {
        "does not support item deletion"
    };
    Err(PyErr::type_error(format!(
        "'{}' object {what}",
        obj.ob_type().name()
    )))
}
