//! Instances of class-statement types whose layout is plain `object`: the header, with the
//! `__dict__` in the managed-dict pre-header (3.11's layout, so `sys.getsizeof` matches).

use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object, managed_dict_header};
use crate::object::{PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::exception::PyBaseException;
use crate::objects::heap_type::SolidBase;
use crate::objects::type_::{PyType, TypeFlags};

/// Allocate an instance of heap type `ty` (`object.__new__`), tracked by the GC.
pub fn new_instance(py: Python<'_>, ty: &PyType) -> PyResult<PyRef> {
    let solid = ty.heap.as_ref().map_or(SolidBase::Object, |h| h.solid);
    let obj = match solid {
        SolidBase::Object => {
            // SAFETY: the body is just the header, written by `alloc_object`; the pre-header
            // (managed dict + GC head) is zeroed.
            unsafe { PyRef::from_raw(alloc_object(py, ty, size_of::<PyObject>())) }
        }
        SolidBase::Exception => PyBaseException::new_of_type(py, ty, Vec::new()).into_object(),
    };
    crate::gc::track(py, &obj);
    Ok(obj)
}

/// The instance `__dict__`, created on first use. `None` if the object has none.
pub fn instance_dict(py: Python<'_>, obj: &PyObject) -> Option<PyRef<PyDict>> {
    let ty = obj.ob_type();
    if ty.flags().contains(TypeFlags::MANAGED_DICT) {
        // SAFETY: MANAGED_DICT types have the pre-header.
        let header = unsafe { managed_dict_header(obj) };
        let p = header.dict.get();
        if p.is_null() {
            let d = PyDict::new(py);
            header.dict.set(d.into_raw().as_ptr().cast());
        }
        let p = header.dict.get();
        // SAFETY: the pre-header owns one reference to a live dict; we add one for the caller.
        return Some(unsafe { (*p).to_owned_ref().downcast_unchecked::<PyDict>() });
    }
    if let Some(e) = obj.downcast_ref::<PyBaseException>(py) {
        return Some(e.dict(py));
    }
    if let Some(f) = obj.downcast_ref::<crate::objects::function::PyFunction>(py) {
        let mut d = f.dict.borrow_mut();
        return Some(d.get_or_insert_with(|| PyDict::new(py)).clone());
    }
    None
}

/// Take the managed dict out of an instance (dealloc / clear).
fn take_managed_dict(obj: &PyObject) -> Option<PyRef> {
    // SAFETY: only called for MANAGED_DICT instances.
    let header = unsafe { managed_dict_header(obj) };
    let p = header.dict.replace(std::ptr::null_mut());
    // SAFETY: the pre-header owned this reference.
    NonNull::new(p).map(|p| unsafe { PyRef::from_raw(p) })
}

/// `tp_dealloc` of heap-type instances: `__del__`, then release the dict, free.
///
/// # Safety
/// As any dealloc slot.
pub unsafe fn heap_instance_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: the object is still intact (count 0).
    let o = unsafe { obj.as_ref() };
    if crate::eval::slots::call_finalizer(py, o) {
        // Resurrected by `__del__`.
        return;
    }
    let ty = o.ob_type();
    match ty.heap.as_ref().map_or(SolidBase::Object, |h| h.solid) {
        SolidBase::Object => {
            crate::gc::untrack(py, o);
            drop(take_managed_dict(o));
            // SAFETY: allocated by `new_instance` with a header-only body.
            unsafe { free_object(py, obj, size_of::<PyObject>()) };
        }
        // SAFETY: forwarded.
        SolidBase::Exception => unsafe {
            crate::object::alloc::dealloc_object::<PyBaseException>(py, obj)
        },
    }
}

/// `tp_traverse` of heap-type instances.
pub fn heap_instance_traverse(
    obj: &PyObject,
    visit: crate::objects::type_::Visit<'_>,
) -> std::ops::ControlFlow<()> {
    visit(obj.ob_type().as_object())?;
    if obj.ob_type().flags().contains(TypeFlags::MANAGED_DICT) {
        // SAFETY: MANAGED_DICT types have the pre-header.
        let p = unsafe { managed_dict_header(obj) }.dict.get();
        if !p.is_null() {
            // SAFETY: owned by the pre-header, alive.
            visit(unsafe { &*p })?;
        }
        return std::ops::ControlFlow::Continue(());
    }
    crate::objects::exception::exception_traverse(obj, visit)
}

/// `tp_clear` of heap-type instances.
pub fn heap_instance_clear(py: Python<'_>, obj: &PyObject) {
    if obj.ob_type().flags().contains(TypeFlags::MANAGED_DICT) {
        drop(take_managed_dict(obj));
    } else {
        crate::objects::exception::exception_clear(py, obj);
    }
}
