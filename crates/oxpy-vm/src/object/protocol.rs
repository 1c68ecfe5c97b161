//! Generic object operations dispatched through the type slots (`PyObject_Hash`,
//! `PyObject_Repr`, `PyObject_RichCompare`, `sys.getsizeof`).

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::preheader_size;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::bool_::PyBool;
use crate::objects::bytes::PyBytes;
use crate::objects::float::PyFloat;
use crate::objects::int::{PyInt, is_zero};
use crate::objects::list::PyList;
use crate::objects::object::object_repr;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::CompareOp;

/// `hash(obj)`; `TypeError: unhashable type: 'X'` when the type has no hash slot.
pub fn hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    match obj.ob_type().slots.hash {
        Some(h) => h(py, obj),
        None => Err(PyErr::type_error(format!(
            "unhashable type: '{}'",
            obj.ob_type().name()
        ))),
    }
}

/// `repr(obj)`.
pub fn repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let _guard = crate::eval::enter_recursive_call(" while getting the repr of an object")?;
    match obj.ob_type().slots.repr {
        Some(r) => r(py, obj),
        None => object_repr(py, obj),
    }
}

/// `str(obj)` (`PyObject_Str`): an exact `str` is returned as is, else `tp_str`, else `repr`.
pub fn str_(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    if PyStr::is_exact_type_of(py, obj) {
        // SAFETY: exact `str` checked just above.
        return Ok(unsafe { obj.to_owned_ref().downcast_unchecked::<PyStr>() });
    }
    match obj.ob_type().slots.str {
        Some(f) => f(py, obj),
        None => repr(py, obj),
    }
}

/// `format(obj, spec)` (`PyObject_Format`): the type's `__format__`; `object.__format__` (which
/// accepts only an empty spec) when it has none.
pub fn format(py: Python<'_>, obj: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    match obj.ob_type().slots.format {
        Some(f) => f(py, obj, spec),
        None if spec.is_empty() => str_(py, obj),
        None => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            obj.ob_type().name()
        ))),
    }
}

thread_local! {
    /// `tstate->dict` of this thread (made at the first container repr, as in CPython) and the
    /// interpreter owning it. The reference is never given back: a thread's dict lives as long
    /// as the thread.
    static TSTATE_DICT: std::cell::Cell<Option<(usize, std::ptr::NonNull<PyObject>)>> =
        const { std::cell::Cell::new(None) };
}

/// `PyThreadState_GetDict` + `_PyDict_GetItem(dict, "Py_Repr")`: the list of containers whose
/// repr is running on this thread, made (with the thread-state dict) on first use, exactly the
/// objects CPython allocates there.
fn repr_list(py: Python<'_>) -> Option<PyRef<PyList>> {
    let tag = py.interp() as *const _ as usize;
    let dict = match TSTATE_DICT.with(|c| c.get()) {
        // SAFETY: the thread-local owns a reference to the dict.
        Some((t, d)) if t == tag => unsafe { d.as_ref() }.to_owned_ref(),
        _ => {
            let d = crate::objects::dict::PyDict::new(py).into_object();
            let keep = d.clone().into_raw();
            TSTATE_DICT.with(|c| c.set(Some((tag, keep))));
            d
        }
    };
    let dict = dict.downcast_ref::<crate::objects::dict::PyDict>(py)?;
    let key = crate::objects::str::intern_str(py, "Py_Repr");
    if let Ok(Some(l)) = dict.get_item(py, key.as_object())
        && let Ok(l) = l.downcast::<PyList>(py)
    {
        return Some(l);
    }
    let l = PyList::new_empty(py);
    dict.set_item(py, key.into_object(), l.clone().into_object())
        .ok()?;
    Some(l)
}

/// `Py_ReprEnter`/`Py_ReprLeave`: detects recursive containers (`[[...]]`) through the
/// thread's `Py_Repr` list, which holds a reference to each container being repr'd.
pub struct ReprGuard(usize);

impl ReprGuard {
    /// `None` if `obj`'s repr is already running on this thread.
    pub fn enter(obj: &PyObject) -> Option<ReprGuard> {
        // SAFETY: reprs run with the GIL held.
        let py = unsafe { Python::assume_gil_acquired() };
        let key = obj.as_ptr() as usize;
        let Some(list) = repr_list(py) else {
            return Some(ReprGuard(key));
        };
        let n = list.len();
        if (0..n).any(|i| list.get(i).is_some_and(|o| o.as_ptr() as usize == key)) {
            return None;
        }
        let _ = list.append(obj.to_owned_ref());
        Some(ReprGuard(key))
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        // SAFETY: the guard is dropped where it was made, with the GIL held.
        let py = unsafe { Python::assume_gil_acquired() };
        let Some(list) = repr_list(py) else {
            return;
        };
        let n = list.len();
        if let Some(i) = (0..n)
            .rev()
            .find(|&i| list.get(i).is_some_and(|o| o.as_ptr() as usize == self.0))
        {
            drop(list.pop(i));
        }
    }
}

/// Truth value for the builtin types defined so far (`PyObject_IsTrue`; `__bool__`/`__len__`
/// of user classes come with the eval loop).
pub fn is_true(py: Python<'_>, obj: &PyObject) -> bool {
    if py.is_none(obj) {
        false
    } else if let Some(b) = obj.downcast_ref::<PyBool>(py) {
        b.value()
    } else if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        !is_zero(i.value())
    } else if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        f.value() != 0.0
    } else if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        !s.is_empty()
    } else if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        !b.is_empty()
    } else if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        !t.is_empty()
    } else if let Some(l) = obj.downcast_ref::<PyList>(py) {
        !l.is_empty()
    } else {
        true
    }
}

fn op_symbol(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    }
}

/// `PyObject_RichCompare` (`do_richcompare`): the reflected operation first if `b`'s type is a
/// proper subtype of `a`'s, then `a`'s slot, then `b`'s reflected slot, then identity for
/// `==`/`!=`, else `TypeError`.
pub fn rich_compare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let same = std::ptr::eq(ta, tb);
    let mut checked_reverse = false;
    if !same
        && tb.is_subtype(ta)
        && let Some(f) = tb.slots.richcompare
    {
        checked_reverse = true;
        let r = f(py, b, a, op.swapped())?;
        if !r.is(&py.interp().singletons.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(f) = ta.slots.richcompare {
        let r = f(py, a, b, op)?;
        if !r.is(&py.interp().singletons.not_implemented) {
            return Ok(r);
        }
    }
    if !checked_reverse && let Some(f) = tb.slots.richcompare {
        let r = f(py, b, a, op.swapped())?;
        if !r.is(&py.interp().singletons.not_implemented) {
            return Ok(r);
        }
    }
    match op {
        CompareOp::Eq => Ok(py.bool(a.is(b)).into_object()),
        CompareOp::Ne => Ok(py.bool(!a.is(b)).into_object()),
        _ => Err(PyErr::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op_symbol(op),
            ta.name(),
            tb.name()
        ))),
    }
}

/// `PyObject_RichCompareBool`: identity implies equality for `==`/`!=`.
pub fn rich_compare_bool(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<bool> {
    if a.is(b) {
        match op {
            CompareOp::Eq => return Ok(true),
            CompareOp::Ne => return Ok(false),
            _ => {}
        }
    }
    let r = rich_compare(py, a, b, op)?;
    Ok(is_true(py, &r))
}

/// Lexicographic comparison shared by `tuple` and `list` (`tuplerichcompare`/`list_richcompare`).
pub fn sequence_richcompare(
    py: Python<'_>,
    a: &[PyRef],
    b: &[PyRef],
    op: CompareOp,
) -> PyResult<PyRef> {
    if (op == CompareOp::Eq || op == CompareOp::Ne) && a.len() != b.len() {
        return Ok(py.bool(op == CompareOp::Ne).into_object());
    }
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if !rich_compare_bool(py, &a[i], &b[i], CompareOp::Eq)? {
            break;
        }
        i += 1;
    }
    match (a.get(i), b.get(i)) {
        (Some(x), Some(y)) => match op {
            CompareOp::Eq => Ok(py.false_().into_object()),
            CompareOp::Ne => Ok(py.true_().into_object()),
            _ => rich_compare(py, x, y, op),
        },
        _ => Ok(py.bool(op.test(a.len().cmp(&b.len()))).into_object()),
    }
}

/// `sys.getsizeof(obj)` = `__sizeof__` + the type's pre-header (cpython-rules 1.1).
pub fn getsizeof(obj: &PyObject) -> usize {
    let ty = obj.ob_type();
    ty.instance_sizeof(obj) + preheader_size(ty.flags())
}

/// Convenience: `type(obj).__name__`.
pub fn type_name(obj: &PyObject) -> &str {
    obj.ob_type().name()
}

/// Checked downcast helper returning a `TypeError` in CPython's wording for argument errors.
pub fn expect_type<'a, T: PyPayload>(
    py: Python<'_>,
    obj: &'a PyObject,
    what: &str,
) -> PyResult<&'a T> {
    obj.downcast_ref::<T>(py)
        .ok_or_else(|| PyErr::type_error(format!("{what}, not {}", obj.ob_type().name())))
}

/// `PyCallable_Check`: types, functions, instances of classes with `__call__`, and native
/// objects with a call slot.
pub fn is_callable(py: Python<'_>, v: &PyObject) -> bool {
    use crate::objects::function::PyFunction;
    use crate::objects::type_::PyType;
    let ty = v.ob_type();
    v.is_instance_of::<PyType>(py)
        || v.is_instance_of::<PyFunction>(py)
        || if ty.is_heap() {
            ty.lookup(
                py,
                crate::objects::str::intern_str(py, "__call__").as_object(),
            )
            .ok()
            .flatten()
            .is_some()
        } else {
            ty.slots.call.is_some()
        }
}
