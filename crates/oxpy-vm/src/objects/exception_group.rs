//! `BaseExceptionGroup`/`ExceptionGroup` (`Objects/exceptions.c`) and the `except*` opcodes'
//! logic (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR`).

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, PyRef};
use crate::objects::exception::PyBaseException;
use crate::objects::type_::PyType;

/// True if `ty` is `BaseExceptionGroup` or a subclass.
pub fn is_group_type(py: Python<'_>, ty: &PyType) -> bool {
    ty.is_subtype(py.types().exception(ExcKind::BaseExceptionGroup))
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
pub fn construct(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    let _ = (py, ty, args);
    Err(PyErr::new(ExcKind::NotImplementedError, "exception groups"))
}

/// Keep the type checker honest about the module's users.
pub fn _unused(_e: &PyBaseException) {}
