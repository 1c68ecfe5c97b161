//! The Python 3.11 parser: tokens from `oxpy-lexer`, grammar in `grammar/python.lalrpop`,
//! AST from `oxpy-ast`, and CPython's `SyntaxError` wording for every failure.

pub mod literals;

pub use oxpy_lexer::{ErrorKind, SyntaxError};

use oxpy_ast::{Expr, Mod};
use oxpy_lexer::Pos;

/// How the source is to be read: `compile()`'s `mode` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (`exec`).
    Exec,
    /// A single expression (`eval`).
    Eval,
    /// One interactive statement (`single`).
    Single,
}

/// Parse `source` in `mode`. `source` is already decoded text.
pub fn parse(source: &str, mode: Mode) -> Result<Mod, SyntaxError> {
    let _ = (source, mode);
    Err(SyntaxError::new(
        ErrorKind::SyntaxError,
        "parser not built yet",
        1,
        1,
    ))
}

/// Parse the expression of an f-string replacement field. `text` is the expression
/// source exactly as written between the braces (without `!conv`, `:spec`, `=`);
/// `start` is where `text` begins in the enclosing file, so node locations are
/// reported in file coordinates.
pub fn parse_fstring_expression(text: &str, start: Pos) -> Result<Expr, SyntaxError> {
    let _ = (text, start);
    Err(SyntaxError::new(
        ErrorKind::SyntaxError,
        "parser not built yet",
        start.line,
        start.col + 1,
    ))
}
