//! `bool`: an `int` subclass with exactly two instances.

use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::int::{IntValue, PyInt, int_slots, new_in as int_new_in};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec};

/// A `bool` object: the layout of an int whose value is 0 or 1.
#[repr(C)]
pub struct PyBool {
    int: PyInt,
}

// SAFETY: #[repr(C)] around a PyInt, so the header is first; only `bool` (which is final)
// passes the check.
unsafe impl PyPayload for PyBool {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().bool_()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().bool_())
    }
}

impl std::ops::Deref for PyBool {
    type Target = PyInt;
    fn deref(&self) -> &PyInt {
        &self.int
    }
}

impl PyBool {
    /// The truth value.
    pub fn value(&self) -> bool {
        self.int.as_i64() != Some(0)
    }
}

/// `bool`'s spec (basicsize 32, itemsize 4, `__flags__` 0x1401100: not a base type).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "bool",
        basicsize: 32,
        itemsize: 4,
        flags: 0x0140_1100,
        slots: TypeSlots {
            dealloc: bool_dealloc,
            repr: Some(bool_repr),
            binop: Some(crate::objects::int_ops::bool_binop),
            ..int_slots()
        },
    }
}

/// Allocate `True` or `False` during start-up.
pub(crate) fn new_in(ty: NonNull<PyType>, v: bool) -> PyRef<PyBool> {
    let r = int_new_in(None, ty, IntValue::Small(i64::from(v)));
    // SAFETY: allocated with bool's type and int layout, which is PyBool's layout.
    unsafe { r.into_object().downcast_unchecked::<PyBool>() }
}

/// `True`/`False` are owned by the interpreter and never freed (see `none.rs`).
unsafe fn bool_dealloc(_py: Python<'_>, _obj: NonNull<PyObject>) {}

fn bool_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let t = obj.is(py.interp().singletons.true_.as_object());
    Ok(PyStr::new(py, if t { "True" } else { "False" }))
}

impl<'py> Python<'py> {
    /// A new reference to `True`.
    #[inline]
    pub fn true_(self) -> PyRef<PyBool> {
        self.interp().singletons.true_.clone()
    }

    /// A new reference to `False`.
    #[inline]
    pub fn false_(self) -> PyRef<PyBool> {
        self.interp().singletons.false_.clone()
    }

    /// `True` or `False`.
    #[inline]
    pub fn bool(self, v: bool) -> PyRef<PyBool> {
        if v { self.true_() } else { self.false_() }
    }
}
