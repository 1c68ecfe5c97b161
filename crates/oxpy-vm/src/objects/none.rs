//! `None`, `NotImplemented` and `Ellipsis`: header-only singletons.

use std::ptr::NonNull;

use crate::gil::Python;
use crate::object::alloc::alloc_object_in;
use crate::object::{PyObject, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec};

fn singleton_spec(name: &'static str, flags: u64, repr: crate::objects::type_::ReprFn) -> TypeSpec {
    TypeSpec {
        methods: &[],
        name,
        basicsize: 16,
        itemsize: 0,
        flags,
        slots: TypeSlots {
            repr: Some(repr),
            ..TypeSlots::new(singleton_dealloc)
        },
    }
}

/// `NoneType`.
pub(crate) fn none_spec() -> TypeSpec {
    singleton_spec("NoneType", 0x1100, |py, _| Ok(PyStr::new(py, "None")))
}

/// `NotImplementedType`.
pub(crate) fn not_implemented_spec() -> TypeSpec {
    singleton_spec("NotImplementedType", 0x1100, |py, _| {
        Ok(PyStr::new(py, "NotImplemented"))
    })
}

/// `ellipsis`.
pub(crate) fn ellipsis_spec() -> TypeSpec {
    singleton_spec("ellipsis", 0x1100, |py, _| Ok(PyStr::new(py, "Ellipsis")))
}

/// Allocate a singleton of `ty` during interpreter start-up.
pub(crate) fn new_singleton(ty: NonNull<PyType>) -> PyRef {
    // SAFETY: header-only object; not a GC type, so no GC state is needed.
    unsafe { PyRef::from_raw(alloc_object_in(None, ty, size_of::<PyObject>())) }
}

/// The interpreter owns one reference to each singleton, so this runs only after a refcount bug;
/// leaking is the safe answer (CPython aborts with "deallocating None").
unsafe fn singleton_dealloc(_py: Python<'_>, _obj: NonNull<PyObject>) {}

impl<'py> Python<'py> {
    /// A new reference to `None`.
    #[inline]
    pub fn none(self) -> PyRef {
        self.interp().singletons.none.clone()
    }

    /// A new reference to `NotImplemented`.
    #[inline]
    pub fn not_implemented(self) -> PyRef {
        self.interp().singletons.not_implemented.clone()
    }

    /// A new reference to `Ellipsis`.
    #[inline]
    pub fn ellipsis(self) -> PyRef {
        self.interp().singletons.ellipsis.clone()
    }

    /// True if `obj` is `None`.
    #[inline]
    pub fn is_none(self, obj: &PyObject) -> bool {
        obj.is(&self.interp().singletons.none)
    }
}
