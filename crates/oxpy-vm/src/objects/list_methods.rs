//! `list`'s protocol slots (indexing, slicing, `+`, `*`, `in`, `iter`) and its methods
//! (`listobject.c`'s `list_methods` table), with CPython 3.11's messages and capacity effects.

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::int::PyInt;
use crate::objects::list::{PyList, list_sizeof_value};
use crate::objects::seq_iter;
use crate::objects::slice::{
    self, PySlice, as_ssize, index_of, is_index, slice_index_not_none, slice_indices, ssize_arg,
};
use crate::objects::type_::CompareOp;
use crate::ops::BinOp;

/// `list`'s methods.
pub static LIST_METHODS: [MethodDef; 16] = [
    MethodDef::new("append", list_append),
    MethodDef::new("extend", list_extend),
    MethodDef::new("insert", list_insert),
    MethodDef::new("pop", list_pop),
    MethodDef::new("remove", list_remove),
    MethodDef::new("index", list_index),
    MethodDef::new("count", list_count),
    MethodDef::new("reverse", list_reverse),
    MethodDef::new("sort", crate::objects::list_sort::list_sort),
    MethodDef::new("copy", list_copy),
    MethodDef::new("clear", list_clear),
    MethodDef::new("__sizeof__", list_sizeof_method),
    MethodDef::new("__reversed__", list_reversed),
    MethodDef::new("__init__", list_init),
    MethodDef::new("__iadd__", list_iadd_method),
    MethodDef::new("__imul__", list_imul_method),
];

fn as_list<'a>(py: Python<'_>, obj: &'a PyObject) -> PyResult<&'a PyList> {
    obj.downcast_ref::<PyList>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// `len(list)`.
pub fn list_len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_list(py, obj)?.len())
}

/// `list[key]` (`list_subscript`): int (negative from the end) or slice.
pub fn list_subscript(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let l = as_list(py, obj)?;
    if is_index(py, key) {
        let mut i = index_of(py, key)?;
        if i < 0 {
            i += l.len() as isize;
        }
        return usize::try_from(i)
            .ok()
            .and_then(|i| l.get(i))
            .ok_or_else(|| PyErr::index_error("list index out of range"));
    }
    if let Some(s) = key.downcast_ref::<PySlice>(py) {
        let (start, _stop, step, n) = slice_indices(py, s, l.len())?;
        if step == 1 {
            return Ok(l
                .slice(py, start as usize, start as usize + n)?
                .into_object());
        }
        let out = PyList::with_capacity(py, n)?;
        for k in 0..n {
            if let Some(x) = l.get(slice::slice_pos(start, step, k)) {
                out.push_within_capacity(x);
            }
        }
        return Ok(out.into_object());
    }
    Err(PyErr::type_error(format!(
        "list indices must be integers or slices, not {}",
        key.ob_type().name()
    )))
}

/// `list[key] = value` / `del list[key]` (`list_ass_subscript`).
pub fn list_ass_subscript(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    let l = as_list(py, obj)?;
    if is_index(py, key) {
        let mut i = index_of(py, key)?;
        if i < 0 {
            i += l.len() as isize;
        }
        if i < 0 || i as usize >= l.len() {
            return Err(PyErr::index_error("list assignment index out of range"));
        }
        return match value {
            Some(v) => l.set(i as usize, v),
            None => l.ass_slice_items(i, i + 1, Vec::new()),
        };
    }
    let Some(s) = key.downcast_ref::<PySlice>(py) else {
        return Err(PyErr::type_error(format!(
            "list indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    };
    let (start, stop, step, n) = slice_indices(py, s, l.len())?;
    match value {
        None if step == 1 => l.ass_slice(py, start, stop, None),
        None => l.delete_extended(start, step, n),
        Some(v) if step == 1 => l.ass_slice(py, start, stop, Some(&v)),
        Some(v) => {
            let items = if v.is(obj) {
                l.to_vec()
            } else {
                crate::object::iter::sequence_fast(
                    py,
                    &v,
                    "must assign iterable to extended slice",
                )?
            };
            if items.len() != n {
                return Err(PyErr::value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {n}",
                    items.len()
                )));
            }
            // Store everything first, then drop the replaced items (CPython's garbage array).
            let mut garbage = Vec::with_capacity(n);
            for (k, item) in items.into_iter().enumerate() {
                let pos = slice::slice_pos(start, step, k);
                if pos < l.len() {
                    // SAFETY: `pos < len`: an initialised slot, replaced in place.
                    garbage.push(unsafe { std::ptr::replace(l.items_ptr().add(pos), item) });
                }
            }
            drop(garbage);
            Ok(())
        }
    }
}

/// `item in list` (`list_contains`: `item == x` with the list's item on the left).
pub fn list_contains(py: Python<'_>, obj: &PyObject, value: &PyObject) -> PyResult<bool> {
    let l = as_list(py, obj)?;
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if protocol::rich_compare_bool(py, &x, value, CompareOp::Eq)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// `iter(list)`.
pub fn list_iter(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(seq_iter::list_iter_new(_py, obj.to_owned_ref()))
}

/// `list + other` and `list * n` / `n * list` (`sq_concat`, `sq_repeat`). When the list is the
/// left operand the other operand's reflected slot is tried first, as CPython's `binary_op1`
/// does before falling back to the sequence methods.
pub fn list_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let a_is_list = a.is_instance_of::<PyList>(py);
    match op {
        BinOp::Add if a_is_list => {
            if let Some(bl) = b.downcast_ref::<PyList>(py) {
                return list_concat(py, as_list(py, a)?, bl);
            }
            if let Some(r) = try_other_slot(py, op, a, b)? {
                return Ok(r);
            }
            Err(PyErr::type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                b.ob_type().name()
            )))
        }
        BinOp::Multiply => {
            let (seq, n) = if a_is_list { (a, b) } else { (b, a) };
            if !is_index(py, n) {
                if a_is_list && let Some(r) = try_other_slot(py, op, a, b)? {
                    return Ok(r);
                }
                return Err(PyErr::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    n.ob_type().name()
                )));
            }
            let n = as_ssize(py, n, Some(ExcKind::OverflowError))?;
            Ok(as_list(py, seq)?.repeat(py, n)?.into_object())
        }
        _ => Ok(py.not_implemented()),
    }
}

/// Try `b`'s binary slot for `a op b` when `b` is of another type; `None` if it declines.
pub(crate) fn try_other_slot(
    py: Python<'_>,
    op: BinOp,
    a: &PyObject,
    b: &PyObject,
) -> PyResult<Option<PyRef>> {
    if std::ptr::eq(a.ob_type(), b.ob_type()) {
        return Ok(None);
    }
    let Some(f) = b.ob_type().slots.binop else {
        return Ok(None);
    };
    let r = f(py, op, a, b)?;
    Ok((!r.is(&py.interp().singletons.not_implemented)).then_some(r))
}

/// `list_concat`: a new list of exactly `len(a) + len(b)` slots.
fn list_concat(py: Python<'_>, a: &PyList, b: &PyList) -> PyResult<PyRef> {
    let out = PyList::with_capacity(py, a.len() + b.len())?;
    // Neither loop runs user code, so the lengths cannot change under us.
    for l in [a, b] {
        for i in 0..l.len() {
            if let Some(x) = l.get(i) {
                out.push_within_capacity(x);
            }
        }
    }
    Ok(out.into_object())
}

/// `list += iterable` (`list_inplace_concat`): extend with any iterable, return the list.
pub fn list_inplace_concat(py: Python<'_>, list: &PyObject, other: &PyObject) -> PyResult<PyRef> {
    as_list(py, list)?.extend(py, other)?;
    Ok(list.to_owned_ref())
}

/// `list *= n` (`list_inplace_repeat`): return the list.
pub fn list_inplace_repeat(py: Python<'_>, list: &PyObject, n: &PyObject) -> PyResult<PyRef> {
    if !is_index(py, n) {
        return Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.ob_type().name()
        )));
    }
    let n = as_ssize(py, n, Some(ExcKind::OverflowError))?;
    as_list(py, list)?.inplace_repeat(n)?;
    Ok(list.to_owned_ref())
}

/// `list.__iadd__(iterable)` (the in-place slot as a method, for `+=` dispatch).
pub fn list_iadd_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let other = wrapper_arg(args, "__iadd__")?;
    list_inplace_concat(py, this, other)
}

/// `list.__imul__(n)` (`wrap_indexargfunc`: the count must be an index).
pub fn list_imul_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = as_ssize(
        py,
        wrapper_arg(args, "__imul__")?,
        Some(ExcKind::OverflowError),
    )?;
    as_list(py, this)?.inplace_repeat(n)?;
    Ok(this.to_owned_ref())
}

/// The single argument of a slot wrapper (`expected 1 argument, got N`).
fn wrapper_arg<'a>(args: Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    args.no_kwargs(&format!("wrapper {name}"))?;
    match args.pos() {
        [x] => Ok(x),
        pos => Err(PyErr::type_error(format!(
            "expected 1 argument, got {}",
            pos.len()
        ))),
    }
}

/// `list(iterable=())` (`list_vectorcall`).
pub fn list_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("list")?;
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "list expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    match pos.first() {
        Some(it) => Ok(PyList::from_iterable(py, it)?.into_object()),
        None => Ok(PyList::new_empty(py).into_object()),
    }
}

/// `list.__init__(self, iterable=())`.
pub fn list_init(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("list")?;
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "list expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let l = as_list(py, this)?;
    match pos.first() {
        Some(it) => l.init_from(py, it)?,
        None => l.clear(),
    }
    Ok(py.none())
}

/// `list.append(object)`.
pub fn list_append(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("list.append", 1, 1)?;
    as_list(py, this)?.append(pos[0].clone())?;
    Ok(py.none())
}

/// `list.extend(iterable)`.
pub fn list_extend(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("list.extend", 1, 1)?;
    as_list(py, this)?.extend(py, &pos[0])?;
    Ok(py.none())
}

/// `list.insert(index, object)`: the index is clamped to `[0, len]`.
pub fn list_insert(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("insert", 2, 2)?;
    let l = as_list(py, this)?;
    let mut i = ssize_arg(py, &pos[0])?;
    let n = l.len() as isize;
    if i < 0 {
        i = (i + n).max(0);
    }
    l.insert(i.min(n) as usize, pos[1].clone())?;
    Ok(py.none())
}

/// `list.pop(index=-1)`.
pub fn list_pop(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("pop", 0, 1)?;
    let l = as_list(py, this)?;
    let mut i = match pos.first() {
        Some(x) => ssize_arg(py, x)?,
        None => -1,
    };
    let n = l.len();
    if n == 0 {
        return Err(PyErr::index_error("pop from empty list"));
    }
    if i < 0 {
        i += n as isize;
    }
    if i < 0 || i as usize >= n {
        return Err(PyErr::index_error("pop index out of range"));
    }
    l.pop(i as usize)
}

/// `list.remove(value)`: first item equal to `value` (`item == value`, item on the left).
pub fn list_remove(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("list.remove", 1, 1)?;
    let l = as_list(py, this)?;
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if protocol::rich_compare_bool(py, &x, &pos[0], CompareOp::Eq)? {
            l.ass_slice_items(i as isize, i as isize + 1, Vec::new())?;
            return Ok(py.none());
        }
        i += 1;
    }
    Err(PyErr::value_error("list.remove(x): x not in list"))
}

/// `list.index(value, start=0, stop=sys.maxsize)`.
pub fn list_index(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("index", 1, 3)?;
    let l = as_list(py, this)?;
    let (start, stop) = index_bounds(py, pos, l.len())?;
    let mut i = start;
    while i < stop {
        let Some(x) = l.get(i) else { break };
        if protocol::rich_compare_bool(py, &x, &pos[0], CompareOp::Eq)? {
            return Ok(PyInt::new(py, i as i64).into_object());
        }
        i += 1;
    }
    Err(PyErr::value_error(format!(
        "{} is not in list",
        protocol::repr(py, &pos[0])?.to_string_lossy()
    )))
}

/// The `start`/`stop` arguments of `list.index`/`tuple.index`, made non-negative.
pub(crate) fn index_bounds(py: Python<'_>, pos: &[PyRef], len: usize) -> PyResult<(usize, usize)> {
    let norm = |v: isize| -> usize {
        if v < 0 {
            (v + len as isize).max(0) as usize
        } else {
            v as usize
        }
    };
    let start = match pos.get(1) {
        Some(x) => norm(slice_index_not_none(py, x)?),
        None => 0,
    };
    let stop = match pos.get(2) {
        Some(x) => norm(slice_index_not_none(py, x)?),
        None => usize::MAX,
    };
    Ok((start, stop))
}

/// `list.count(value)`.
pub fn list_count(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("list.count", 1, 1)?;
    let l = as_list(py, this)?;
    let mut count = 0i64;
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if x.is(&pos[0]) || protocol::rich_compare_bool(py, &x, &pos[0], CompareOp::Eq)? {
            count += 1;
        }
        i += 1;
    }
    Ok(PyInt::new(py, count).into_object())
}

/// `list.reverse()`.
pub fn list_reverse(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("list.reverse", 0, 0)?;
    as_list(py, this)?.reverse();
    Ok(py.none())
}

/// `list.copy()`: exact capacity.
pub fn list_copy(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("list.copy", 0, 0)?;
    let l = as_list(py, this)?;
    Ok(l.slice(py, 0, l.len())?.into_object())
}

/// `list.clear()`: frees the buffer.
pub fn list_clear(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("list.clear", 0, 0)?;
    as_list(py, this)?.clear();
    Ok(py.none())
}

/// `list.__sizeof__()`: 40 + 8 × capacity.
pub fn list_sizeof_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("list.__sizeof__", 0, 0)?;
    let n = list_sizeof_value(as_list(py, this)?);
    Ok(PyInt::new(py, n as i64).into_object())
}

/// `list.__reversed__()`.
pub fn list_reversed(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("list.__reversed__", 0, 0)?;
    as_list(py, this)?;
    Ok(seq_iter::list_reviter_new(py, this.to_owned_ref()))
}
