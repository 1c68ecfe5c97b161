//! `tuple`'s protocol slots (indexing, slicing, `+`, `*`, `in`, `iter`), its methods and the
//! `tuple(iterable)` constructor, with CPython 3.11's identity shortcuts (`t * 1 is t`,
//! `t + () is t`, `t[:] is t`, `tuple(t) is t` for exact tuples).

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::iter;
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::list_methods::{index_bounds, try_other_slot};
use crate::objects::seq_iter;
use crate::objects::slice::{self, PySlice, as_ssize, index_of, is_index, slice_indices};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::CompareOp;
use crate::ops::BinOp;

/// `tuple`'s methods.
pub static TUPLE_METHODS: [MethodDef; 2] = [
    MethodDef::new("index", tuple_index),
    MethodDef::new("count", tuple_count),
];

fn as_tuple<'a>(py: Python<'_>, obj: &'a PyObject) -> PyResult<&'a PyTuple> {
    obj.downcast_ref::<PyTuple>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'tuple' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// `len(tuple)`.
pub fn tuple_len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_tuple(py, obj)?.len())
}

/// `tuple[key]` (`tuplesubscript`).
pub fn tuple_subscript(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let t = as_tuple(py, obj)?;
    if is_index(py, key) {
        let mut i = index_of(py, key)?;
        if i < 0 {
            i += t.len() as isize;
        }
        return usize::try_from(i)
            .ok()
            .and_then(|i| t.get(i))
            .cloned()
            .ok_or_else(|| PyErr::index_error("tuple index out of range"));
    }
    if let Some(s) = key.downcast_ref::<PySlice>(py) {
        let (start, _stop, step, n) = slice_indices(py, s, t.len())?;
        if n == 0 {
            return Ok(py.interp().singletons.empty_tuple.clone().into_object());
        }
        if start == 0 && step == 1 && n == t.len() && PyTuple::is_exact_type_of(py, obj) {
            return Ok(obj.to_owned_ref());
        }
        let items = t.as_slice();
        let picked: Vec<PyRef> = (0..n)
            .filter_map(|k| items.get(slice::slice_pos(start, step, k)).cloned())
            .collect();
        return Ok(PyTuple::new(py, picked).into_object());
    }
    Err(PyErr::type_error(format!(
        "tuple indices must be integers or slices, not {}",
        key.ob_type().name()
    )))
}

/// `x in tuple` (item on the left of `==`).
pub fn tuple_contains(py: Python<'_>, obj: &PyObject, value: &PyObject) -> PyResult<bool> {
    for x in as_tuple(py, obj)?.as_slice() {
        if protocol::rich_compare_bool(py, x, value, CompareOp::Eq)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `iter(tuple)`.
pub fn tuple_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(seq_iter::tuple_iter_new(py, obj.to_owned_ref()))
}

/// `tuple + tuple`, `tuple * n`, `n * tuple` (`tupleconcat`, `tuplerepeat`).
pub fn tuple_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let a_is_tuple = a.is_instance_of::<PyTuple>(py);
    match op {
        BinOp::Add if a_is_tuple => {
            let Some(bt) = b.downcast_ref::<PyTuple>(py) else {
                if let Some(r) = try_other_slot(py, op, a, b)? {
                    return Ok(r);
                }
                return Err(PyErr::type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    b.ob_type().name()
                )));
            };
            let at = as_tuple(py, a)?;
            if bt.is_empty() && PyTuple::is_exact_type_of(py, a) {
                return Ok(a.to_owned_ref());
            }
            if at.is_empty() && PyTuple::is_exact_type_of(py, b) {
                return Ok(b.to_owned_ref());
            }
            let mut items = at.as_slice().to_vec();
            items.extend_from_slice(bt.as_slice());
            Ok(PyTuple::new(py, items).into_object())
        }
        BinOp::Multiply => {
            let (seq, n) = if a_is_tuple { (a, b) } else { (b, a) };
            if !is_index(py, n) {
                if a_is_tuple && let Some(r) = try_other_slot(py, op, a, b)? {
                    return Ok(r);
                }
                return Err(PyErr::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    n.ob_type().name()
                )));
            }
            let n = as_ssize(py, n, Some(ExcKind::OverflowError))?;
            tuple_repeat(py, seq, n)
        }
        _ => Ok(py.not_implemented()),
    }
}

/// `tuplerepeat`: `t * 1` is `t` for an exact tuple; empty results are `()`.
pub fn tuple_repeat(py: Python<'_>, obj: &PyObject, n: isize) -> PyResult<PyRef> {
    let t = as_tuple(py, obj)?;
    let len = t.len();
    if len == 0 || n <= 0 {
        return Ok(py.interp().singletons.empty_tuple.clone().into_object());
    }
    if n == 1 && PyTuple::is_exact_type_of(py, obj) {
        return Ok(obj.to_owned_ref());
    }
    let n = n as usize;
    // `PyTuple_New` refuses sizes whose byte size overflows.
    let size = len
        .checked_mul(n)
        .filter(|&s| s <= (isize::MAX as usize - 64) / 8)
        .ok_or_else(PyErr::memory_error)?;
    let mut items = Vec::new();
    items
        .try_reserve_exact(size)
        .map_err(|_| PyErr::memory_error())?;
    for _ in 0..n {
        items.extend_from_slice(t.as_slice());
    }
    Ok(PyTuple::new(py, items).into_object())
}

/// `tuple(iterable=())`: an exact tuple is returned as is.
pub fn tuple_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("tuple")?;
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "tuple expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    match pos.first() {
        Some(x) => sequence_tuple(py, x),
        None => Ok(py.interp().singletons.empty_tuple.clone().into_object()),
    }
}

/// `PySequence_Tuple(obj)`.
pub fn sequence_tuple(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    if PyTuple::is_exact_type_of(py, obj) {
        return Ok(obj.to_owned_ref());
    }
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return Ok(PyTuple::new(py, l.to_vec()).into_object());
    }
    Ok(PyTuple::new(py, iter::collect(py, obj)?).into_object())
}

/// `tuple.index(value, start=0, stop=sys.maxsize)`.
pub fn tuple_index(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("index", 1, 3)?;
    let t = as_tuple(py, this)?;
    let (start, stop) = index_bounds(py, pos, t.len())?;
    for (i, x) in t.as_slice().iter().enumerate().take(stop).skip(start) {
        if protocol::rich_compare_bool(py, x, &pos[0], CompareOp::Eq)? {
            return Ok(PyInt::new(py, i as i64).into_object());
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

/// `tuple.count(value)`.
pub fn tuple_count(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("tuple.count", 1, 1)?;
    let mut count = 0i64;
    for x in as_tuple(py, this)?.as_slice() {
        if protocol::rich_compare_bool(py, x, &pos[0], CompareOp::Eq)? {
            count += 1;
        }
    }
    Ok(PyInt::new(py, count).into_object())
}
