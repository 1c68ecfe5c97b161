//! `SyntaxError` and its subclasses, carrying what CPython prints for them.
//!
//! Defined here, in the lowest front-end crate, so the lexer, the parser, the compiler
//! and the VM all report one type.

/// Which exception class CPython raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`
    SyntaxError,
    /// `IndentationError`
    IndentationError,
    /// `TabError`
    TabError,
}

impl ErrorKind {
    /// The Python class name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error with CPython's attributes: `msg`, `lineno`, `offset` (1-based column
/// in characters), `end_lineno`, `end_offset` — what the caret line is drawn from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, word for word as CPython's.
    pub msg: String,
    /// 1-based line.
    pub lineno: u32,
    /// 1-based column in characters (CPython's `offset`).
    pub offset: u32,
    /// Line of the end of the highlighted range.
    pub end_lineno: u32,
    /// 1-based column just past the highlighted range (`offset + 1` for one caret).
    pub end_offset: u32,
}

impl SyntaxError {
    /// An error with a one-character range at `lineno`/`offset`.
    pub fn new(kind: ErrorKind, msg: impl Into<String>, lineno: u32, offset: u32) -> Self {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno,
            offset,
            end_lineno: lineno,
            end_offset: offset + 1,
        }
    }
}
