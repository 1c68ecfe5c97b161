//! Errors raised by object operations, before exception objects exist.
//!
//! `PyErr` records the exception class and CPython's exact message; once exception types are
//! objects, it will carry the exception instance instead and this enum becomes a constructor
//! helper.

/// The builtin exception classes raised by the object layer so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExcKind {
    /// `TypeError`
    TypeError,
    /// `ValueError`
    ValueError,
    /// `OverflowError`
    OverflowError,
    /// `IndexError`
    IndexError,
    /// `MemoryError`
    MemoryError,
    /// `RecursionError`
    RecursionError,
}

/// A raised exception: class and message.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PyErr {
    /// Exception class.
    pub kind: ExcKind,
    /// `str(exc)`, worded exactly as CPython.
    pub message: String,
}

impl PyErr {
    /// A new exception of class `kind`.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr {
            kind,
            message: message.into(),
        }
    }

    /// `TypeError(message)`.
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }
}

impl std::fmt::Display for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

/// Result of an operation that may raise.
pub type PyResult<T> = Result<T, PyErr>;
