//! The object header every oxpy object starts with (CPython's `PyObject` / `PyVarObject`).

use std::cell::Cell;
use std::ptr::NonNull;

use crate::gil::Python;
use crate::object::{PyPayload, PyRef};
use crate::objects::type_::PyType;

/// The two-word header at offset 0 of every object: `{ ob_refcnt, ob_type }`.
///
/// Counts are plain (non-atomic) cells: every access happens while the owning interpreter's GIL is
/// held, which the [`Python`] token proves.
#[repr(C)]
pub struct PyObject {
    ob_refcnt: Cell<isize>,
    ob_type: Cell<NonNull<PyType>>,
}

/// Header of variable-size objects (`tuple`, `bytes`, `int` in CPython): the object header plus
/// `ob_size`, the number of items.
#[repr(C)]
pub struct PyVarObject {
    /// The common object header.
    pub ob_base: PyObject,
    ob_size: Cell<isize>,
}

impl PyObject {
    /// A header with count 1 and the given type; written into fresh memory by the allocator.
    pub(crate) fn new_header(ty: NonNull<PyType>) -> PyObject {
        PyObject {
            ob_refcnt: Cell::new(1),
            ob_type: Cell::new(ty),
        }
    }

    /// The current reference count (what `sys.getrefcount` reports, minus its argument).
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.ob_refcnt.get()
    }

    /// Overwrite the count (used by the trashcan and the interning table, as in CPython).
    #[inline]
    pub(crate) fn set_refcnt(&self, n: isize) {
        self.ob_refcnt.set(n);
    }

    /// Overwrite the count from outside the object layer (finalizers temporarily resurrect
    /// a dying object to run Python code on it).
    #[inline]
    pub fn set_refcnt_pub(&self, n: isize) {
        self.ob_refcnt.set(n);
    }

    /// Increment the count by one without creating a handle (`Py_INCREF`).
    #[inline]
    pub(crate) fn incref(&self) {
        self.ob_refcnt.set(self.ob_refcnt.get() + 1);
    }

    /// The object's type (`Py_TYPE`).
    #[inline]
    pub fn ob_type(&self) -> &PyType {
        // SAFETY: a live object's type outlives it: builtin types live as long as their
        // interpreter, heap types are kept alive by a reference each instance owns.
        unsafe { self.ob_type.get().as_ref() }
    }

    /// Change the object's type (`Py_SET_TYPE`, for `__class__` assignment).
    ///
    /// # Safety
    /// Instances of `ty` must have exactly the layout of instances of the current type.
    pub(crate) unsafe fn set_ob_type(&self, ty: NonNull<PyType>) {
        self.ob_type.set(ty);
    }

    /// Raw pointer to the type object.
    #[inline]
    pub fn ob_type_ptr(&self) -> NonNull<PyType> {
        self.ob_type.get()
    }

    /// The object's address (what `id()` returns).
    #[inline]
    pub fn as_ptr(&self) -> *mut PyObject {
        self as *const PyObject as *mut PyObject
    }

    /// Identity comparison (`is`).
    #[inline]
    pub fn is(&self, other: &PyObject) -> bool {
        std::ptr::eq(self, other)
    }

    /// A new owning handle to this object (increments the count).
    #[inline]
    pub fn to_owned_ref(&self) -> PyRef {
        self.incref();
        // SAFETY: we just added the reference the new handle owns; `self` is a live object.
        unsafe { PyRef::from_raw(NonNull::from(self)) }
    }

    /// True if this object is an instance of `T`'s type (or a subtype).
    #[inline]
    pub fn is_instance_of<T: PyPayload>(&self, py: Python<'_>) -> bool {
        T::is_type_of(py, self)
    }

    /// Borrow this object as a `T` if its type is `T`'s type or a subtype.
    #[inline]
    pub fn downcast_ref<T: PyPayload>(&self, py: Python<'_>) -> Option<&T> {
        if T::is_type_of(py, self) {
            // SAFETY: the type check guarantees the memory has `T`'s layout (`PyPayload` contract).
            Some(unsafe { &*(self as *const PyObject as *const T) })
        } else {
            None
        }
    }

    /// The object viewed as a variable-size object. Only meaningful for types with an `ob_size`.
    ///
    /// # Safety
    /// The object's layout must start with [`PyVarObject`].
    #[inline]
    pub unsafe fn as_var(&self) -> &PyVarObject {
        // SAFETY: guaranteed by the caller.
        unsafe { &*(self as *const PyObject as *const PyVarObject) }
    }
}

impl PyVarObject {
    /// A variable-size header with count 1.
    pub(crate) fn new_header(ty: NonNull<PyType>, size: isize) -> PyVarObject {
        PyVarObject {
            ob_base: PyObject::new_header(ty),
            ob_size: Cell::new(size),
        }
    }

    /// `Py_SIZE`: the number of items.
    #[inline]
    pub fn ob_size(&self) -> isize {
        self.ob_size.get()
    }

    /// Set `Py_SIZE`.
    #[inline]
    pub(crate) fn set_ob_size(&self, n: isize) {
        self.ob_size.set(n);
    }
}

impl std::fmt::Debug for PyObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object at {:p}>", self.ob_type().name(), self)
    }
}

const _: () = assert!(
    size_of::<PyObject>() == 16,
    "the header is exactly two words"
);
const _: () = assert!(size_of::<PyVarObject>() == 24);
