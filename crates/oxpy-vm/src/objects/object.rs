//! `object`: the base type, plain `object()` instances and the default slots.

use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{PyObject, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, TypeSlots, TypeSpec};

/// `object`'s spec (basicsize 16, `__flags__` 0x1500 without VALID_VERSION_TAG).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "object",
        basicsize: 16,
        itemsize: 0,
        flags: 0x1500,
        slots: TypeSlots {
            repr: Some(object_repr),
            ..TypeSlots::new(object_dealloc)
        },
    }
}

/// `object()`: a new bare instance.
pub fn new_object(py: Python<'_>) -> PyRef {
    let ty = py.types().object();
    // SAFETY: a bare object is just the header, which `alloc_object` writes.
    unsafe { PyRef::from_raw(alloc_object(py, ty, size_of::<PyObject>())) }
}

/// `object_dealloc`: free the header-only instance.
unsafe fn object_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: dead bare object allocated with the header size.
    unsafe { free_object(py, obj, size_of::<PyObject>()) }
}

/// `_Py_HashPointer`: the address rotated right by 4 bits; −1 becomes −2.
pub fn hash_pointer(p: *const PyObject) -> isize {
    crate::tables::hash::hash_pointer(p as usize) as isize
}

/// `object.__hash__`.
pub(crate) fn object_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(hash_pointer(obj))
}

/// `object.__repr__`: `<name object at 0x…>`.
pub(crate) fn object_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let ty = obj.ob_type();
    let name = match &ty.heap {
        Some(h) => {
            let module = crate::objects::heap_type::type_module(py, ty);
            let qual = h.qualname.borrow().to_string_lossy();
            if module == "builtins" {
                qual
            } else {
                format!("{module}.{qual}")
            }
        }
        None => ty.name().to_string(),
    };
    Ok(PyStr::new(py, &format!("<{name} object at {obj:p}>")))
}

/// `object_richcompare`: `==` is identity, `!=` its negation, everything else NotImplemented.
pub(crate) fn object_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<PyRef> {
    Ok(match op {
        CompareOp::Eq if a.is(b) => py.true_().into_object(),
        CompareOp::Ne if a.is(b) => py.false_().into_object(),
        _ => py.not_implemented(),
    })
}
