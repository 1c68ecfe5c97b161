//! The token stream as Python's `Lib/tokenize.py` reports it (what
//! `python3 -m tokenize` prints), derived from the C-rules token stream.
//!
//! tokenize.py differs from CPython's C tokenizer in presentation: operators are
//! `OP` unless exact types are asked for, keywords are `NAME`, columns count
//! characters, the implicit NEWLINE at end of input is one column wide, `$`, `?`,
//! `` ` `` and `!` are ERRORTOKENs, and its `\w+` name pattern splits identifiers at
//! characters that are not letters or digits (combining marks, ...). The ENCODING
//! token is the caller's (it depends on the file's bytes).

use crate::error::SyntaxError;
use crate::ident::is_alnum;
use crate::token::{Pos, TokKind};

/// One token as tokenize.py yields it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyToken<'src> {
    /// Token type name (`tok_name[type]`, or `tok_name[exact_type]` in exact mode).
    pub kind: &'static str,
    /// `TokenInfo.string`.
    pub text: &'src str,
    /// `(row, col)` of the start; col in characters.
    pub start: (u32, u32),
    /// `(row, col)` of the end.
    pub end: (u32, u32),
}

/// tokenize.py's view of `src` (decoded text, line breaks as in the file), without
/// the leading ENCODING token. `exact` selects exact operator types (`-e`).
pub fn tokens(src: &str, exact: bool) -> Result<Vec<PyToken<'_>>, SyntaxError> {
    let mut lexed = Vec::with_capacity(src.len() / 4 + 8);
    for token in crate::Lexer::lenient(src) {
        lexed.push(token?);
    }
    let mut out = Vec::with_capacity(lexed.len());
    let mut prev_end = 0usize;
    for token in &lexed {
        let after_prev = prev_end;
        prev_end = token.end.offset as usize;
        let text = src
            .get(token.start.offset as usize..token.end.offset as usize)
            .unwrap_or("");
        let start = (token.start.line, char_col(src, token.start));
        let mut end = (token.end.line, char_col(src, token.end));
        if token.kind == TokKind::Newline && text.is_empty() {
            end.1 += 1;
        }
        if token.kind == TokKind::Name && !text.is_ascii() {
            name_pieces(&mut out, text, start);
            continue;
        }
        if matches!(token.kind, TokKind::Op | TokKind::Exclamation) {
            error_whitespace(&mut out, src, token.start, after_prev);
        }
        if token.kind == TokKind::NotEqual && text == "<>" {
            let (less, greater) = text.split_at(1);
            let (row, col) = start;
            let kinds = if exact {
                ("LESS", "GREATER")
            } else {
                ("OP", "OP")
            };
            out.push(piece_token(kinds.0, less, row, col, col + 1));
            out.push(piece_token(kinds.1, greater, row, col + 1, col + 2));
            continue;
        }
        let kind = match token.kind {
            TokKind::Op | TokKind::Exclamation => "ERRORTOKEN",
            kind if exact => kind.exact_name(),
            kind => kind.tokenize_name(),
        };
        out.push(PyToken {
            kind,
            text,
            start,
            end,
        });
    }
    Ok(out)
}

/// Where tokenize.py's pattern fails (at `$`, `?`, `` ` ``, `!`), it reports each
/// whitespace character before the bad one as an ERRORTOKEN of its own: those
/// between the previous token (or the line's indentation) and `start`.
fn error_whitespace<'src>(
    out: &mut Vec<PyToken<'src>>,
    src: &'src str,
    start: Pos,
    prev_end: usize,
) {
    let offset = start.offset as usize;
    let line_start = offset.saturating_sub(start.col as usize);
    let bytes = src.as_bytes();
    let mut indent_end = line_start;
    while matches!(bytes.get(indent_end), Some(b' ' | b'\t' | b'\x0c')) {
        indent_end += 1;
    }
    let mut from = offset;
    while from > prev_end.max(indent_end)
        && matches!(bytes.get(from - 1), Some(b' ' | b'\t' | b'\x0c'))
    {
        from -= 1;
    }
    let col0 = char_col(
        src,
        Pos {
            offset: u32::try_from(from).unwrap_or(u32::MAX),
            line: start.line,
            col: u32::try_from(from - line_start).unwrap_or(u32::MAX),
        },
    );
    for (i, at) in (from..offset).enumerate() {
        let col = col0 + u32::try_from(i).unwrap_or(0);
        let text = src.get(at..at + 1).unwrap_or("");
        out.push(piece_token("ERRORTOKEN", text, start.line, col, col + 1));
    }
}

/// A position's column in characters.
fn char_col(src: &str, pos: Pos) -> u32 {
    let offset = pos.offset as usize;
    let line_start = offset.saturating_sub(pos.col as usize);
    let chars = src.get(line_start..offset).map_or(0, |s| s.chars().count());
    u32::try_from(chars).unwrap_or(u32::MAX)
}

/// A non-ASCII name split as tokenize.py's `\w+` does: runs of `_`/letters/digits
/// are NAMEs, each other character an ERRORTOKEN.
fn name_pieces<'src>(out: &mut Vec<PyToken<'src>>, text: &'src str, start: (u32, u32)) {
    let row = start.0;
    let mut col = start.1;
    let mut run: Option<(usize, u32)> = None;
    for (at, c) in text.char_indices() {
        if c == '_' || is_alnum(c) {
            run.get_or_insert((at, col));
        } else {
            if let Some((from, from_col)) = run.take() {
                let piece = text.get(from..at).unwrap_or("");
                out.push(piece_token("NAME", piece, row, from_col, col));
            }
            let piece = text.get(at..at + c.len_utf8()).unwrap_or("");
            out.push(piece_token("ERRORTOKEN", piece, row, col, col + 1));
        }
        col += 1;
    }
    if let Some((from, from_col)) = run {
        let piece = text.get(from..).unwrap_or("");
        out.push(piece_token("NAME", piece, row, from_col, col));
    }
}

fn piece_token<'src>(
    kind: &'static str,
    text: &'src str,
    row: u32,
    from: u32,
    to: u32,
) -> PyToken<'src> {
    PyToken {
        kind,
        text,
        start: (row, from),
        end: (row, to),
    }
}
