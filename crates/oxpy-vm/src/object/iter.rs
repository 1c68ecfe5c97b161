//! The iterator protocol (`PyObject_GetIter`, `PyIter_Next`, `PyObject_LengthHint`) and the
//! conversions built on it (`PySequence_Fast`).

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::list::PyList;
use crate::objects::seq_iter;
use crate::objects::tuple::PyTuple;

/// `iter(obj)` (`PyObject_GetIter`): the type's `iter` slot; for a type with only `__getitem__`
/// the generic sequence `iterator`; else `TypeError: 'X' object is not iterable`.
pub fn get_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let ty = obj.ob_type();
    match ty.slots.iter {
        Some(f) => {
            let it = f(py, obj)?;
            if it.ob_type().slots.iternext.is_none() {
                return Err(PyErr::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    it.ob_type().name()
                )));
            }
            Ok(it)
        }
        None if ty.slots.getitem.is_some() && !is_mapping_only(obj) => {
            Ok(seq_iter::seq_iter_new(py, obj.to_owned_ref()))
        }
        None => Err(not_iterable(obj)),
    }
}

/// Mapping types without `__iter__` are not sequences (`PySequence_Check` is false for dicts).
fn is_mapping_only(obj: &PyObject) -> bool {
    obj.ob_type()
        .flags()
        .contains(crate::objects::type_::TypeFlags::DICT_SUBCLASS)
}

/// `TypeError: 'X' object is not iterable`.
pub fn not_iterable(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", obj.ob_type().name()))
}

/// `next(it)` without a default (`PyIter_Next`): `Ok(None)` when exhausted; `TypeError: 'X'
/// object is not an iterator` for objects without `__next__`.
#[inline]
pub fn iter_next(py: Python<'_>, it: &PyObject) -> PyResult<Option<PyRef>> {
    match it.ob_type().slots.iternext {
        Some(f) => f(py, it),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            it.ob_type().name()
        ))),
    }
}

/// True if `err` ends an iteration driven by `__getitem__` (`IndexError`/`StopIteration`).
pub(crate) fn ends_sequence(err: &PyErr) -> bool {
    err.is_kind(ExcKind::IndexError) || err.is_kind(ExcKind::StopIteration)
}

/// `PyObject_LengthHint(obj, default)`: `len(obj)` if the type has a length (a `TypeError`
/// from it is ignored), else the builtin iterators' `__length_hint__`, else `default`.
pub fn length_hint(py: Python<'_>, obj: &PyObject, default: usize) -> PyResult<usize> {
    if let Some(len) = obj.ob_type().slots.len {
        match len(py, obj) {
            Ok(n) => return Ok(n),
            Err(e) if e.is_kind(ExcKind::TypeError) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(seq_iter::builtin_length_hint(py, obj).unwrap_or(default))
}

/// `PySequence_Fast`: the items of a list or tuple, else of `list(obj)`; `message` is the
/// `TypeError` for objects that are not iterable.
pub fn sequence_fast(py: Python<'_>, obj: &PyObject, message: &str) -> PyResult<Vec<PyRef>> {
    if let Some(l) = obj
        .downcast_ref::<PyList>(py)
        .filter(|_| PyList::is_exact_type_of(py, obj))
    {
        return Ok(l.to_vec());
    }
    if let Some(t) = obj
        .downcast_ref::<PyTuple>(py)
        .filter(|_| PyTuple::is_exact_type_of(py, obj))
    {
        return Ok(t.as_slice().to_vec());
    }
    let it = match get_iter(py, obj) {
        Ok(it) => it,
        Err(e) if e.is_kind(ExcKind::TypeError) => return Err(PyErr::type_error(message)),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = iter_next(py, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// All items of an iterable, as `list(obj)` would collect them.
pub fn collect(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    if PyList::is_exact_type_of(py, obj) || PyTuple::is_exact_type_of(py, obj) {
        return sequence_fast(py, obj, "");
    }
    let it = get_iter(py, obj)?;
    let mut out = Vec::with_capacity(length_hint(py, obj, 0)?.min(1 << 16));
    while let Some(x) = iter_next(py, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// The builtin `iter(object)` / `iter(callable, sentinel)`.
pub fn iter_builtin(py: Python<'_>, args: crate::object::Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("iter", 1, 2)?;
    match pos {
        [obj] => get_iter(py, obj),
        [callable, sentinel] => {
            if callable.ob_type().slots.call.is_none() {
                return Err(PyErr::type_error("iter(v, w): v must be callable"));
            }
            Ok(seq_iter::callable_iter_new(
                py,
                callable.clone(),
                sentinel.clone(),
            ))
        }
        _ => Err(PyErr::type_error(
            "iter expected at least 1 argument, got 0",
        )),
    }
}

/// The builtin `next(iterator[, default])`: `StopIteration` (no message) when exhausted and no
/// default is given.
pub fn next_builtin(py: Python<'_>, args: crate::object::Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("next", 1, 2)?;
    let it = &pos[0];
    if it.ob_type().slots.iternext.is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            it.ob_type().name()
        )));
    }
    match (iter_next(py, it)?, pos.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(PyErr::new(ExcKind::StopIteration, "")),
    }
}
