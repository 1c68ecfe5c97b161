//! Compile-time `SyntaxError`s, positioned like CPython's `compiler_error`:
//! `offset = col_offset + 1`, `end_offset = end_col_offset + 1`.

use oxpy_ast::Loc;
use oxpy_lexer::{ErrorKind, SyntaxError};

/// A `SyntaxError` with message `msg` covering the node at `loc`.
pub fn error_at(msg: &str, loc: Loc) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: loc.lineno,
        offset: loc.col_offset + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset + 1,
    }
}
