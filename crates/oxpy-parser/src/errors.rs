//! The error adapter: LALRPOP's errors in, CPython's `SyntaxError` out.
//!
//! LALRPOP reports "unrecognized token X, expected one of ...". CPython reports what
//! the user got wrong: "expected ':'", "unexpected indent", "expected an indented
//! block after 'if' statement on line 3", "invalid syntax. Perhaps you forgot a
//! comma?". This module looks at the failing token, its neighbours and the expected
//! set to pick the message and the range CPython would show.

use crate::tokens::{Spanned, Tok};
use lalrpop_util::ParseError;
use oxpy_lexer::{ErrorKind, Pos, SyntaxError, TokKind};

/// An error on its way out of the parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErr {
    /// Columns are UTF-8 byte columns + 1; [`finish`] turns them into characters.
    Bytes(SyntaxError),
    /// Already in CPython's terms (from the lexer or the literal parser).
    Final(SyntaxError),
    /// The input ended where the grammar wanted more (byte columns, as `Bytes`).
    AtEof(SyntaxError),
    /// An error CPython raises from its tokenizer's end-of-input state (a block
    /// missing at the end): [`finish`] places it on the last line of the source,
    /// just past its end, where string input leaves the tokenizer.
    EndOfInput(SyntaxError),
}

/// Convert a parser error to the `SyntaxError` CPython would raise for `source`.
pub fn finish(source: &str, err: ParseErr) -> SyntaxError {
    match err {
        ParseErr::Final(e) => e,
        ParseErr::EndOfInput(mut e) => {
            let lines = source.split('\n').count();
            // A final newline ends the last line rather than starting one.
            let (lineno, last) = match source.strip_suffix('\n') {
                Some(rest) => (lines - 1, rest.rsplit('\n').next().unwrap_or("")),
                None => (lines, source.rsplit('\n').next().unwrap_or("")),
            };
            let last = last.strip_suffix('\r').unwrap_or(last);
            e.lineno = u32::try_from(lineno.max(1)).unwrap_or(u32::MAX);
            e.end_lineno = e.lineno;
            e.offset = u32::try_from(last.chars().count() + 1).unwrap_or(u32::MAX);
            e.end_offset = 0;
            e
        }
        ParseErr::Bytes(mut e) | ParseErr::AtEof(mut e) => {
            e.offset = char_offset(source, e.lineno, e.offset);
            e.end_offset = char_offset(source, e.end_lineno, e.end_offset);
            e
        }
    }
}

/// 1-based byte column `offset` on line `lineno` as a 1-based character column.
fn char_offset(source: &str, lineno: u32, offset: u32) -> u32 {
    if offset == 0 {
        return 0;
    }
    let Some(line) = source.split('\n').nth(lineno.saturating_sub(1) as usize) else {
        return offset;
    };
    let byte = offset.saturating_sub(1) as usize;
    let chars = match line.get(..byte.min(line.len())) {
        Some(prefix) => prefix.chars().count(),
        None => line.char_indices().take_while(|(i, _)| *i < byte).count(),
    };
    let beyond = byte.saturating_sub(line.len());
    (chars + beyond + 1) as u32
}

fn at(kind: ErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> ParseErr {
    ParseErr::Bytes(SyntaxError {
        kind,
        msg: msg.into(),
        lineno: start.line,
        offset: start.col + 1,
        end_lineno: end.line,
        end_offset: end.col + 1,
    })
}

fn invalid_syntax(start: Pos, end: Pos) -> ParseErr {
    at(ErrorKind::SyntaxError, "invalid syntax", start, end)
}

/// Map a LALRPOP error over `toks` to our error.
/// `toks` is the adapted stream, `fed` the same with layout tokens moved (what the
/// parser saw; its positions identify the failing token).
pub fn adapt(
    toks: &[Spanned<'_>],
    fed: &[Spanned<'_>],
    err: ParseError<Pos, Tok<'_>, ParseErr>,
) -> ParseErr {
    match err {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => invalid_syntax(location, location),
        ParseError::ExtraToken { token: (s, _, e) } => invalid_syntax(s, e),
        ParseError::UnrecognizedEof { location, .. } => match invalid_syntax(location, location) {
            ParseErr::Bytes(e) => ParseErr::AtEof(e),
            other => other,
        },
        ParseError::UnrecognizedToken {
            token: (s, tok, e),
            expected,
        } => {
            let index = fed
                .partition_point(|t| t.0.offset < s.offset)
                .min(fed.len().saturating_sub(1));
            let index = (index..fed.len())
                .find(|&i| fed[i].1 == tok && fed[i].0 == s)
                .unwrap_or(index);
            let (s, _, e) = toks.get(index).copied().unwrap_or((s, tok, e));
            crate::error_rules::unexpected(toks, index, &expected)
                .unwrap_or_else(|| invalid_syntax(s, e))
        }
    }
}

/// Is this the plain "invalid syntax" (which a later tokenizer error replaces)?
pub fn is_generic(err: &ParseErr) -> bool {
    match err {
        ParseErr::AtEof(_) => true,
        ParseErr::Bytes(e) | ParseErr::Final(e) | ParseErr::EndOfInput(e) => {
            e.msg == "invalid syntax"
        }
    }
}

/// Helper for the rules module: an error with CPython's kind and range.
pub(crate) fn error_between(
    kind: ErrorKind,
    msg: impl Into<String>,
    start: Pos,
    end: Pos,
) -> ParseErr {
    at(kind, msg, start, end)
}

/// The token's kind if it is a fixed token.
pub(crate) fn op(tok: &Tok<'_>) -> Option<TokKind> {
    match tok {
        Tok::Op(k) => Some(*k),
        _ => None,
    }
}
