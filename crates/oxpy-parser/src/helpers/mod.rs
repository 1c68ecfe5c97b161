//! Small AST-building functions called from the grammar's actions, one module per
//! concept. They also hold the checks that CPython's grammar makes with its
//! `invalid_*` rules, so each failure carries CPython's message.

pub mod arguments;
pub mod expressions;
pub mod patterns;
pub mod statements;
pub mod strings;
pub mod targets;

use crate::errors::ParseErr;
use crate::tokens::Tok;
use lalrpop_util::ParseError;
use oxpy_ast::{Arg, Comprehension, Expr, Loc, Pattern};
use oxpy_lexer::{ErrorKind, Pos, SyntaxError};

/// The location from `start` to `end`.
pub fn loc(start: Pos, end: Pos) -> Loc {
    Loc {
        lineno: start.line,
        col_offset: start.col,
        end_lineno: end.line,
        end_col_offset: end.col,
    }
}

/// Hand a helper's error to LALRPOP.
pub fn lift<'a>(err: ParseErr) -> ParseError<Pos, Tok<'a>, ParseErr> {
    ParseError::User { error: err }
}

/// A `SyntaxError` over `loc` (byte columns; converted to characters on the way out).
pub fn error(msg: impl Into<String>, loc: Loc) -> ParseErr {
    ParseErr::Bytes(SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: loc.lineno,
        offset: loc.col_offset + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset + 1,
    })
}

/// Result of a helper.
pub type Res<T> = Result<T, ParseErr>;

/// One item of a parameter list, before the order checks.
// The default is boxed: every parser stack slot is as large as the largest symbol.
#[allow(clippy::large_enum_variant)]
pub enum Param {
    /// `name[: ann][= default]`
    Plain(Arg, Option<Box<Expr>>),
    /// `/`
    Slash(Loc),
    /// `*` or `*name`
    Star(Loc, Option<Arg>),
    /// `*name=default` (always an error; the span is the `=`)
    StarDefault(Loc),
    /// `**name`
    DoubleStar(Loc, Arg),
    /// `**name=default` (always an error; the span is the `=`)
    DoubleStarDefault(Loc),
}

/// One item of a call's argument list, before the order checks.
// Short-lived parse items, moved once into the AST: boxing would only add allocations.
#[allow(clippy::large_enum_variant)]
pub enum CallArg {
    /// A positional argument (possibly `*starred`).
    Positional(Expr),
    /// An unparenthesised generator expression argument, its span, and where its
    /// first `for` (or `async`) keyword starts.
    Generator(Box<(Expr, Vec<Comprehension>)>, Loc, Pos),
    /// `key=value` (the key is checked to be a name), the span from the key to
    /// the `=`, and the whole span.
    Keyword(Box<(Expr, Expr)>, Loc, Loc),
    /// `**mapping`
    DoubleStar(Expr, Loc),
}

/// One argument of a class pattern.
pub enum ClassPatternArg {
    /// A positional sub-pattern.
    Positional(Pattern),
    /// `name=pattern`
    Keyword(String, Pattern),
}

/// One item of a mapping pattern (boxed: parser stack slots are as large as the
/// largest symbol).
pub enum MappingItem {
    /// `key: pattern`
    Pair(Box<(Expr, Pattern)>),
    /// `**rest`
    Rest(String, Loc),
}
