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

/// `value in container` (`PySequence_Contains`): the `contains` slot, else a scan of
/// `iter(container)` comparing `item == value`; `TypeError: argument of type 'X' is not
/// iterable` when neither exists.
pub fn contains(py: Python<'_>, container: &PyObject, value: &PyObject) -> PyResult<bool> {
    if let Some(f) = container.ob_type().slots.contains {
        return f(py, container, value);
    }
    let it = match get_iter(py, container) {
        Ok(it) => it,
        Err(e) if e.is_kind(ExcKind::TypeError) => {
            return Err(PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                container.ob_type().name()
            )));
        }
        Err(e) => return Err(e),
    };
    while let Some(item) = iter_next(py, &it)? {
        if crate::object::protocol::rich_compare_bool(
            py,
            &item,
            value,
            crate::objects::type_::CompareOp::Eq,
        )? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `UNPACK_SEQUENCE n` (`after = None`) and `UNPACK_EX` (`before` targets, a starred list,
/// `after` targets): the values in target order, the starred part as one new list. CPython's
/// messages: "cannot unpack non-iterable X object", "not enough values to unpack (expected N,
/// got M)", "... (expected at least N, got M)", "too many values to unpack (expected N)".
pub fn unpack_iterable(
    py: Python<'_>,
    obj: &PyObject,
    before: usize,
    after: Option<usize>,
) -> PyResult<Vec<PyRef>> {
    if after.is_none() {
        let exact = if PyTuple::is_exact_type_of(py, obj) {
            obj.downcast_ref::<PyTuple>(py)
                .map(|t| t.as_slice().to_vec())
        } else if PyList::is_exact_type_of(py, obj) {
            obj.downcast_ref::<PyList>(py).map(PyList::to_vec)
        } else {
            None
        };
        if let Some(items) = exact
            && items.len() == before
        {
            return Ok(items);
        }
    }
    let it = match get_iter(py, obj) {
        Ok(it) => it,
        Err(e)
            if e.is_kind(ExcKind::TypeError)
                && obj.ob_type().slots.iter.is_none()
                && obj.ob_type().slots.getitem.is_none() =>
        {
            return Err(PyErr::type_error(format!(
                "cannot unpack non-iterable {} object",
                obj.ob_type().name()
            )));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(before + after.unwrap_or(0) + 1);
    for i in 0..before {
        match iter_next(py, &it)? {
            Some(v) => out.push(v),
            None => {
                return Err(PyErr::value_error(match after {
                    None => format!("not enough values to unpack (expected {before}, got {i})"),
                    Some(a) => format!(
                        "not enough values to unpack (expected at least {}, got {i})",
                        before + a
                    ),
                }));
            }
        }
    }
    let Some(after) = after else {
        if iter_next(py, &it)?.is_some() {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {before})"
            )));
        }
        return Ok(out);
    };
    // `PySequence_List(it)`: a new list extended by the rest of the iterator.
    let rest = PyList::new_empty(py);
    rest.extend(py, &it)?;
    let ll = rest.len();
    if ll < after {
        return Err(PyErr::value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            before + ll
        )));
    }
    // The trailing values move out; the starred list keeps its capacity (`Py_SET_SIZE`).
    let tail = rest.take_tail(after);
    out.push(rest.into_object());
    out.extend(tail);
    Ok(out)
}
