//! `filter(function or None, iterable)` (`bltinmodule.c`).

use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::call::call1;
use crate::object::iter::{get_iter, iter_next};
use crate::object::protocol;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::seq_iter::{alloc_with, self_iter};
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `filter` object (`filterobject`: function and iterator, 32 bytes + 16 GC head).
#[repr(C)]
pub struct PyFilter {
    ob_base: PyObject,
    func: PyRef,
    it: PyRef,
}

const _: () = assert!(size_of::<PyFilter>() == 32);

// SAFETY: #[repr(C)], header first; subtype check on `filter`.
unsafe impl PyPayload for PyFilter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().filter()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().filter())
    }
}

/// `filter`'s spec (basicsize 32, `__flags__` 0x5500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "filter",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(filter_traverse),
            iter: Some(self_iter),
            iternext: Some(filter_next),
            ..TypeSlots::new(filter_dealloc)
        },
    }
}

/// `filter(function or None, iterable)`.
pub fn filter_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("filter")?;
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "filter expected 2 arguments, got {}",
            pos.len()
        )));
    }
    let it = get_iter(py, &pos[1])?;
    let func = pos[0].clone();
    // SAFETY: both fields written; GC type tracked by `alloc_with`.
    let f = unsafe {
        alloc_with::<PyFilter>(py, py.types().filter(), |p| {
            std::ptr::addr_of_mut!((*p).func).write(func);
            std::ptr::addr_of_mut!((*p).it).write(it);
        })
    };
    Ok(f.into_object())
}

fn as_filter(obj: &PyObject) -> &PyFilter {
    // SAFETY: only called from filter's own slots.
    unsafe { &*(obj as *const PyObject as *const PyFilter) }
}

unsafe fn filter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead filter: untrack, drop its references, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyFilter>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).func));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).it));
        free_object(py, obj, size_of::<PyFilter>());
    }
}

fn filter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let f = as_filter(obj);
    visit(&f.func)?;
    visit(&f.it)
}

fn filter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let f = as_filter(obj);
    let check_true = py.is_none(&f.func) || f.func.is(py.types().bool_().as_object());
    while let Some(item) = iter_next(py, &f.it)? {
        let ok = if check_true {
            protocol::is_true(py, &item)
        } else {
            let good = call1(py, &f.func, item.clone())?;
            protocol::is_true(py, &good)
        };
        if ok {
            return Ok(Some(item));
        }
    }
    Ok(None)
}
