//! Calling objects (`PyObject_Call` / `PyObject_Vectorcall`): the eval loop's dispatcher, so
//! functions, types and objects with `__call__` all work from native code too.

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::{Args, PyObject, PyRef};

/// `callable(*args, **kwargs)`.
pub fn call(py: Python<'_>, callable: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    crate::eval::call::call(py, callable, args)
}

/// `callable(arg)`: a one-argument positional call.
pub fn call1(py: Python<'_>, callable: &PyObject, arg: PyRef) -> PyResult<PyRef> {
    let values = [arg];
    call(py, callable, Args::positional(&values))
}
