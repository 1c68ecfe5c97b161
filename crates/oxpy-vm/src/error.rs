//! Raised exceptions: `PyErr` and the builtin exception classes (`ExcKind`).
//!
//! Native code raises with a class and CPython's exact message (`PyErr::new(ExcKind::X, msg)`,
//! or the shorthands); the message is turned into an exception object only when Python code
//! looks at it (CPython's "lazy" `PyErr_SetString` + normalisation). An exception raised by Python
//! code (`raise X(...)`) is carried as its object.

use crate::object::PyRef;

macro_rules! exception_kinds {
    ($($variant:ident $(: $parent:ident)?),* $(,)?) => {
        /// The builtin exception classes of CPython 3.11, each with its base class.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum ExcKind {
            $(
                #[doc = concat!("`", stringify!($variant), "`")]
                $variant,
            )*
        }

        impl ExcKind {
            /// Every builtin exception class, bases before subclasses.
            pub const ALL: &'static [ExcKind] = &[$(ExcKind::$variant),*];

            /// The class name (`__name__`).
            pub fn name(self) -> &'static str {
                match self {
                    $(ExcKind::$variant => stringify!($variant),)*
                }
            }

            /// The base class (`None` only for `BaseException`).
            pub fn base(self) -> Option<ExcKind> {
                match self {
                    $(ExcKind::$variant => exception_kinds!(@parent $($parent)?),)*
                }
            }
        }
    };
    (@parent) => { None };
    (@parent $p:ident) => { Some(ExcKind::$p) };
}

exception_kinds! {
    BaseException,
    BaseExceptionGroup: BaseException,
    GeneratorExit: BaseException,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
    Exception: BaseException,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ExceptionGroup: BaseExceptionGroup,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    StopAsyncIteration: Exception,
    StopIteration: Exception,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    UnicodeTranslateError: UnicodeError,
    Warning: Exception,
    BytesWarning: Warning,
    DeprecationWarning: Warning,
    EncodingWarning: Warning,
    FutureWarning: Warning,
    ImportWarning: Warning,
    PendingDeprecationWarning: Warning,
    ResourceWarning: Warning,
    RuntimeWarning: Warning,
    SyntaxWarning: Warning,
    UnicodeWarning: Warning,
    UserWarning: Warning,
}

impl ExcKind {
    /// True if `self` is `other` or derives from it.
    pub fn is_subclass_of(self, other: ExcKind) -> bool {
        let mut k = Some(self);
        while let Some(c) = k {
            if c == other {
                return true;
            }
            k = c.base();
        }
        false
    }
}

/// What was raised.
#[derive(Clone, Debug)]
pub enum ErrState {
    /// A builtin class and its message, not yet an object (`PyErr_SetString`).
    Lazy {
        /// Exception class.
        kind: ExcKind,
        /// `str(exc)`, worded exactly as CPython.
        message: String,
    },
    /// A builtin class and its argument objects, not yet an exception object
    /// (`KeyError(key)`, `StopIteration(value)`).
    Args {
        /// Exception class.
        kind: ExcKind,
        /// `args`.
        args: Vec<PyRef>,
    },
    /// An exception instance.
    Object(PyRef),
}

/// A raised exception.
#[derive(Clone, Debug)]
pub struct PyErr {
    /// The exception, lazy or as an object.
    pub state: ErrState,
}

impl PyErr {
    /// A new exception of class `kind` with `message` as its only argument.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr {
            state: ErrState::Lazy {
                kind,
                message: message.into(),
            },
        }
    }

    /// An exception already made into an object (`raise obj`).
    pub fn from_object(obj: PyRef) -> PyErr {
        PyErr {
            state: ErrState::Object(obj),
        }
    }

    /// An exception of class `kind` with argument objects (`KeyError(key)`).
    pub fn with_args(kind: ExcKind, args: Vec<PyRef>) -> PyErr {
        PyErr {
            state: ErrState::Args { kind, args },
        }
    }

    /// `KeyError(key)`: its `str` is the key's repr.
    pub fn key_error(key: PyRef) -> PyErr {
        PyErr::with_args(ExcKind::KeyError, vec![key])
    }

    /// `TypeError(message)`.
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }

    /// `ValueError(message)`.
    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, message)
    }

    /// `IndexError(message)`.
    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, message)
    }

    /// `OverflowError(message)`.
    pub fn overflow_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::OverflowError, message)
    }

    /// `ZeroDivisionError(message)`.
    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, message)
    }

    /// `MemoryError()` (CPython raises it without a message).
    pub fn memory_error() -> PyErr {
        PyErr::new(ExcKind::MemoryError, "")
    }

    /// The builtin class of a lazy exception (`None` once it is an object).
    pub fn kind(&self) -> Option<ExcKind> {
        match &self.state {
            ErrState::Lazy { kind, .. } | ErrState::Args { kind, .. } => Some(*kind),
            ErrState::Object(_) => None,
        }
    }

    /// The message of a lazy exception (`None` once it is an object).
    pub fn message(&self) -> Option<&str> {
        match &self.state {
            ErrState::Lazy { message, .. } => Some(message),
            ErrState::Args { .. } | ErrState::Object(_) => None,
        }
    }

    /// True if this exception is of builtin class `kind` or a subclass (lazy or object).
    pub fn is_kind(&self, kind: ExcKind) -> bool {
        match &self.state {
            ErrState::Object(o) => {
                // SAFETY: exception objects only exist on threads holding the GIL.
                let py = unsafe { crate::gil::Python::assume_gil_acquired() };
                o.ob_type().is_subtype(py.types().exception(kind))
            }
            _ => self.kind().is_some_and(|k| k.is_subclass_of(kind)),
        }
    }
}

impl std::fmt::Display for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.state {
            ErrState::Lazy { kind, message } if message.is_empty() => write!(f, "{}", kind.name()),
            ErrState::Lazy { kind, message } => write!(f, "{}: {message}", kind.name()),
            ErrState::Args { kind, .. } => write!(f, "{}(...)", kind.name()),
            ErrState::Object(obj) => write!(f, "{obj:?}"),
        }
    }
}

/// Result of an operation that may raise.
pub type PyResult<T> = Result<T, PyErr>;
