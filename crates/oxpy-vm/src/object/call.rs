//! Calling objects (`PyObject_Call` / `PyObject_Vectorcall`).

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, PyObject, PyRef};

/// `callable(*args, **kwargs)`: dispatch to the type's `call` slot; `TypeError: 'X' object is
/// not callable` when it has none.
pub fn call(py: Python<'_>, callable: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match callable.ob_type().slots.call {
        Some(f) => f(py, callable, args),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            callable.ob_type().name()
        ))),
    }
}

/// `callable(arg)`: a one-argument positional call.
pub fn call1(py: Python<'_>, callable: &PyObject, arg: PyRef) -> PyResult<PyRef> {
    let values = [arg];
    call(py, callable, Args::positional(&values))
}
