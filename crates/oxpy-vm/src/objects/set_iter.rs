//! `set_iterator`: walks a set's slots in order (`setiter_iternext` in `Objects/setobject.c`).

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::set::as_set;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `set_iterator` (`setiterobject`): 48 bytes + GC head.
#[repr(C)]
pub struct PySetIter {
    ob_base: PyObject,
    /// `si_set`; `None` once exhausted.
    set: Cell<Option<PyRef>>,
    /// `si_used`; −1 once a size change was reported.
    used: Cell<isize>,
    /// `si_pos`.
    pos: Cell<usize>,
    /// `len`.
    len: Cell<usize>,
}

// SAFETY: #[repr(C)], header first; only `set_iterator` objects have this type.
unsafe impl PyPayload for PySetIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().set_iterator()
    }
}

/// `set_iterator`'s spec (basicsize 48, `__flags__` 0x5180).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: SET_ITER_METHODS,
        name: "set_iterator",
        basicsize: 48,
        itemsize: 0,
        flags: 0x5180,
        slots: TypeSlots {
            traverse: Some(setiter_traverse),
            iter: Some(setiter_self),
            iternext: Some(setiter_iternext),
            ..TypeSlots::new(setiter_dealloc)
        },
    }
}

/// `iter(s)`: a tracked `set_iterator`.
pub fn new_set_iter(py: Python<'_>, set: &PyObject) -> PyRef {
    let n = as_set(set).len();
    // SAFETY: every field is written before the handle is used.
    let it = unsafe {
        let obj = alloc_object(py, py.types().set_iterator(), size_of::<PySetIter>());
        let p = obj.cast::<PySetIter>().as_ptr();
        std::ptr::addr_of_mut!((*p).set).write(Cell::new(Some(set.to_owned_ref())));
        std::ptr::addr_of_mut!((*p).used).write(Cell::new(n as isize));
        std::ptr::addr_of_mut!((*p).pos).write(Cell::new(0));
        std::ptr::addr_of_mut!((*p).len).write(Cell::new(n));
        PyRef::from_raw(obj)
    };
    gc::track(py, &it);
    it
}

fn as_setiter(obj: &PyObject) -> &PySetIter {
    // SAFETY: only called from set_iterator's own slots.
    unsafe { &*(obj as *const PyObject as *const PySetIter) }
}

unsafe fn setiter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead iterator: drop its set reference once, then free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let s = as_setiter(obj.as_ref()).set.take();
        drop(s);
        free_object(py, obj, size_of::<PySetIter>());
    }
}

fn setiter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let it = as_setiter(obj);
    let s = it.set.take();
    let r = match &s {
        Some(s) => visit(s),
        None => ControlFlow::Continue(()),
    };
    it.set.set(s);
    r
}

fn setiter_self(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

/// `setiter_iternext`: slot order; `RuntimeError: Set changed size during iteration` (sticky).
fn setiter_iternext(_py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_setiter(obj);
    let Some(sref) = it.set.take() else {
        return Ok(None);
    };
    let s = as_set(&sref);
    if it.used.get() != s.len() as isize {
        it.used.set(-1);
        it.set.set(Some(sref));
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "Set changed size during iteration",
        ));
    }
    let mut pos = it.pos.get();
    let next = s.next_entry(&mut pos);
    match next {
        Some((k, _)) => {
            it.pos.set(pos);
            it.len.set(it.len.get().saturating_sub(1));
            it.set.set(Some(sref));
            Ok(Some(k))
        }
        None => {
            let mask = s.table_state().2;
            it.pos.set(mask + 2);
            drop(sref);
            Ok(None)
        }
    }
}

/// `setiter.__length_hint__()`.
fn setiter_len(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    let n = match this.downcast_ref::<PySetIter>(py) {
        Some(it) => {
            let s = it.set.take();
            let n = match &s {
                Some(sr) if it.used.get() == as_set(sr).len() as isize => it.len.get(),
                _ => 0,
            };
            it.set.set(s);
            n
        }
        None => 0,
    };
    Ok(crate::objects::int::PyInt::new(py, n as i64).into_object())
}

static SET_ITER_METHODS: &[MethodDef] = &[MethodDef::new("__length_hint__", setiter_len)];
