//! `PyRef`, the owning object handle, and the `PyPayload` trait that ties a Rust struct to its type.

use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::gil::Python;
use crate::object::PyObject;
use crate::objects::type_::PyType;

/// A Rust struct that is the memory layout of (the instances of) a Python type.
///
/// # Safety
/// The implementing struct must be `#[repr(C)]` and start with a [`PyObject`] header (directly or
/// as the first field of its first field), and `is_type_of` must only accept objects whose memory
/// has this layout.
pub unsafe trait PyPayload: Sized {
    /// The interpreter's type object for this payload (`&PyList_Type`).
    fn type_object(py: Python<'_>) -> &PyType;

    /// `PyX_Check`: true if `obj` is an instance of the type or a subtype.
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(Self::type_object(py))
    }

    /// `PyX_CheckExact`: true if `obj`'s type is exactly this type.
    #[inline]
    fn is_exact_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), Self::type_object(py))
    }
}

// SAFETY: every object starts with the header, so every object has this layout.
unsafe impl PyPayload for PyObject {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().object()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, _obj: &PyObject) -> bool {
        true
    }
}

/// An owning reference to a Python object of layout `T` (`PyObject *` that you must `Py_DECREF`).
///
/// `Clone` increments the count, `Drop` decrements it, and reaching zero runs the type's dealloc
/// immediately. One word; `!Send`/`!Sync` because the count is not atomic.
#[repr(transparent)]
pub struct PyRef<T: PyPayload = PyObject> {
    ptr: NonNull<T>,
    _not_send: PhantomData<*mut T>,
}

impl<T: PyPayload> PyRef<T> {
    /// Take over a reference the caller owns (`PyObject *` "new reference").
    ///
    /// # Safety
    /// `ptr` must point to a live object of layout `T` and the caller must own one count of it.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<T>) -> Self {
        PyRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// Give up the handle without decrementing; the caller now owns the count.
    #[inline]
    pub fn into_raw(self) -> NonNull<T> {
        ManuallyDrop::new(self).ptr
    }

    /// The raw pointer, still owned by this handle.
    #[inline]
    pub fn as_non_null(&self) -> NonNull<T> {
        self.ptr
    }

    /// The object as a plain header (a free upcast).
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        // SAFETY: `T` starts with the header (PyPayload contract) and the object is alive.
        unsafe { &*(self.ptr.as_ptr() as *const PyObject) }
    }

    /// Convert to an untyped handle (a free upcast).
    #[inline]
    pub fn into_object(self) -> PyRef {
        let ptr = self.into_raw().cast::<PyObject>();
        // SAFETY: the count owned by `self` moves to the new handle.
        unsafe { PyRef::from_raw(ptr) }
    }

    /// The object's reference count.
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.as_object().refcnt()
    }

    /// Identity comparison (`is`).
    #[inline]
    pub fn is(&self, other: &impl AsRef<PyObject>) -> bool {
        self.as_object().is(other.as_ref())
    }
}

impl PyRef {
    /// Checked downcast of an untyped handle; gives the handle back if the type does not match.
    #[inline]
    pub fn downcast<U: PyPayload>(self, py: Python<'_>) -> Result<PyRef<U>, PyRef> {
        if U::is_type_of(py, &self) {
            let ptr = self.into_raw().cast::<U>();
            // SAFETY: the type check proves the layout; the count moves to the new handle.
            Ok(unsafe { PyRef::from_raw(ptr) })
        } else {
            Err(self)
        }
    }

    /// Downcast when the caller already knows the type (e.g. right after a type check).
    ///
    /// # Safety
    /// The object must have layout `U`.
    #[inline]
    pub unsafe fn downcast_unchecked<U: PyPayload>(self) -> PyRef<U> {
        let ptr = self.into_raw().cast::<U>();
        // SAFETY: layout guaranteed by the caller; the count moves.
        unsafe { PyRef::from_raw(ptr) }
    }
}

impl<T: PyPayload> Deref for PyRef<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the handle owns a count, so the object is alive.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: PyPayload> AsRef<PyObject> for PyRef<T> {
    #[inline]
    fn as_ref(&self) -> &PyObject {
        self.as_object()
    }
}

impl AsRef<PyObject> for PyObject {
    #[inline]
    fn as_ref(&self) -> &PyObject {
        self
    }
}

impl<T: PyPayload> Clone for PyRef<T> {
    #[inline]
    fn clone(&self) -> Self {
        self.as_object().incref();
        PyRef {
            ptr: self.ptr,
            _not_send: PhantomData,
        }
    }
}

impl<T: PyPayload> Drop for PyRef<T> {
    #[inline]
    fn drop(&mut self) {
        let obj = self.as_object();
        let n = obj.refcnt() - 1;
        obj.set_refcnt(n);
        if n == 0 {
            // SAFETY: the count reached zero, so nobody else references the object; handles
            // exist only on threads holding the GIL (they are `!Send`), so the GIL is held.
            unsafe { dealloc_object(NonNull::from(obj)) }
        }
    }
}

impl<T: PyPayload> std::fmt::Debug for PyRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_object(), f)
    }
}

/// `_Py_Dealloc`: run the type's dealloc slot. Kept out of line so `Drop` stays small.
///
/// # Safety
/// The object's count is zero, and the GIL is held by this thread.
#[inline(never)]
pub(crate) unsafe fn dealloc_object(obj: NonNull<PyObject>) {
    // SAFETY: the caller holds the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    // SAFETY: `obj` is still a valid object (count 0, memory not yet freed).
    let dealloc = unsafe { obj.as_ref() }.ob_type().slots.dealloc;
    // SAFETY: forwarded from the caller: dead object, GIL held.
    unsafe { dealloc(py, obj) }
}

const _: () = assert!(
    size_of::<PyRef>() == size_of::<usize>(),
    "a handle is one word"
);
const _: () = assert!(size_of::<Option<PyRef>>() == size_of::<usize>());
const _: () = assert!(
    size_of::<Python<'static>>() == 0,
    "the GIL token is zero-sized"
);
