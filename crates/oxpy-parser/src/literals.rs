//! Literal tokens to AST values: numbers, strings, bytes and f-strings, with
//! implicit concatenation, every escape (`\N{...}` included) and CPython's errors.
//!
//! A port of CPython 3.11's `Parser/string_parser.c` and
//! `_PyPegen_concatenate_strings`; see [`fstring`] for the f-string half.

mod escapes;
mod fstring;
mod number;

pub use number::parse_number;

use oxpy_ast::{Constant, Expr, ExprKind, Loc, PyStr};
use oxpy_lexer::{ErrorKind, Pos, SyntaxError};

/// One STRING token of an implicitly concatenated group.
pub struct StrPart<'a> {
    /// The token text, prefix and quotes included.
    pub text: &'a str,
    /// Where the token starts.
    pub start: Pos,
    /// Where the token ends.
    pub end: Pos,
}

/// The value of adjacent STRING tokens: one `Constant` (str or bytes), or a
/// `JoinedStr` when any of them is an f-string.
pub fn parse_strings(parts: &[StrPart<'_>]) -> Result<ExprKind, SyntaxError> {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return Ok(ExprKind::Constant {
            value: Constant::Str(PyStr::new()),
            kind: None,
        });
    };
    let whole = loc(first.start, last.end);
    let kind_u = first.text.starts_with('u');
    let error_at = last.end;
    let mut bytes_mode = None;
    let mut bytes = Vec::new();
    let mut pieces = Pieces::new(kind_u);
    for part in parts {
        let (prefix, body, body_offset) = split(part.text);
        let ctx = Ctx {
            part,
            whole,
            part_loc: loc(part.start, part.end),
            kind_u,
            error_at,
            last_text: last.text,
        };
        if prefix.bytes && !body.is_ascii() {
            let mut err = SyntaxError::new(
                ErrorKind::SyntaxError,
                "bytes can only contain ASCII literal characters",
                part.start.line,
                part.start.col + 1,
            );
            err.end_lineno = part.end.line;
            err.end_offset = part.end.col + 1;
            return Err(err);
        }
        let mixed = *bytes_mode.get_or_insert(prefix.bytes) != prefix.bytes;
        if prefix.bytes {
            if prefix.raw {
                bytes.extend_from_slice(body.as_bytes());
            } else {
                let value = escapes::decode_bytes(body)
                    .map_err(|m| ctx.error(&format!("(value error) {m}")))?;
                bytes.extend_from_slice(&value);
            }
        } else if prefix.fstring {
            let scan = fstring::Scan {
                body,
                raw: prefix.raw,
                body_offset,
            };
            let mut i = 0;
            fstring::concat_fstring(&ctx, &scan, &mut i, 0, &mut pieces)?;
        } else if prefix.raw {
            pieces.push_str(&PyStr::from(body));
        } else {
            let value = escapes::decode_str(body)
                .map_err(|m| ctx.error(&format!("(unicode error) {m}")))?;
            pieces.push_str(&value);
        }
        // CPython decodes the token first, so its own errors come first.
        if mixed {
            return Err(ctx.error("cannot mix bytes and nonbytes literals"));
        }
    }
    if bytes_mode == Some(true) {
        return Ok(ExprKind::Constant {
            value: Constant::Bytes(bytes),
            kind: None,
        });
    }
    let ctx = Ctx {
        part: first,
        whole,
        part_loc: whole,
        kind_u,
        error_at,
        last_text: last.text,
    };
    Ok(pieces.finish(&ctx))
}

/// A string prefix, decoded.
#[derive(Default)]
struct Prefix {
    bytes: bool,
    raw: bool,
    fstring: bool,
}

/// Split a STRING token into its prefix, body (between the quotes) and the offset
/// of the body in the token text.
fn split(text: &str) -> (Prefix, &str, usize) {
    let quote_at = text.find(['\'', '"']).unwrap_or(text.len());
    let mut prefix = Prefix::default();
    for c in text[..quote_at].chars() {
        match c.to_ascii_lowercase() {
            'b' => prefix.bytes = true,
            'r' => prefix.raw = true,
            'f' => prefix.fstring = true,
            _ => {}
        }
    }
    let rest = &text[quote_at..];
    let q = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = rest
        .get(q..rest.len().saturating_sub(q))
        .filter(|_| rest.len() >= 2 * q)
        .unwrap_or("");
    (prefix, body, quote_at + q)
}

fn loc(start: Pos, end: Pos) -> Loc {
    Loc {
        lineno: start.line,
        col_offset: start.col,
        end_lineno: end.line,
        end_col_offset: end.col,
    }
}

/// What the scanners need to know about the token and the whole group.
pub(crate) struct Ctx<'a> {
    part: &'a StrPart<'a>,
    /// Location of the whole concatenation (the pieces' location).
    whole: Loc,
    /// Location of this token (a format spec's `JoinedStr`).
    part_loc: Loc,
    /// The first token starts with `u`: constants get `kind='u'`.
    kind_u: bool,
    /// Where CPython reports errors found while decoding: just past the group
    /// (it uses the parser's last token).
    error_at: Pos,
    /// The text of the group's last token.
    last_text: &'a str,
}

impl Ctx<'_> {
    /// A `SyntaxError` with `msg` at the error position. CPython's offsets count
    /// characters: the last line of the token is converted (what precedes the
    /// token on its line is taken as ASCII).
    fn error(&self, msg: &str) -> SyntaxError {
        let text = self.last_text;
        let tail = &text[text.rfind('\n').map_or(0, |nl| nl + 1)..];
        let non_ascii_extra = tail.len() - tail.chars().count();
        let offset = (self.error_at.col + 1).saturating_sub(non_ascii_extra as u32);
        let mut err = SyntaxError::new(ErrorKind::SyntaxError, msg, self.error_at.line, offset);
        err.end_offset = offset;
        err
    }

    /// The file position of byte `index` of this token's text.
    fn pos_at(&self, index: usize) -> Pos {
        let text = self.part.text.get(..index).unwrap_or(self.part.text);
        let start = self.part.start;
        let offset = start.offset + text.len() as u32;
        match text.rfind('\n') {
            None => Pos {
                offset,
                line: start.line,
                col: start.col + text.len() as u32,
            },
            Some(nl) => Pos {
                offset,
                line: start.line + text.matches('\n').count() as u32,
                col: (text.len() - nl - 1) as u32,
            },
        }
    }
}

/// `FstringParser`: literal text accumulated since the last expression, and the
/// pieces so far.
pub(crate) struct Pieces {
    fmode: bool,
    last_str: PyStr,
    values: Vec<Expr>,
    kind_u: bool,
}

impl Pieces {
    fn new(kind_u: bool) -> Self {
        Pieces {
            fmode: false,
            last_str: PyStr::new(),
            values: Vec::new(),
            kind_u,
        }
    }

    fn push_str(&mut self, s: &PyStr) {
        self.last_str.push_pystr(s);
    }

    fn constant(&mut self, loc: Loc) -> Expr {
        Expr {
            kind: ExprKind::Constant {
                value: Constant::Str(std::mem::take(&mut self.last_str)),
                kind: self.kind_u.then(|| "u".to_string()),
            },
            loc,
        }
    }

    /// Flush pending literal text as a `Constant`, then add a `FormattedValue`.
    fn push_expr(&mut self, ctx: &Ctx<'_>, kind: ExprKind) {
        if !self.last_str.is_empty() {
            let constant = self.constant(ctx.whole);
            self.values.push(constant);
        }
        self.values.push(Expr {
            kind,
            loc: ctx.whole,
        });
    }

    /// `FstringParser_Finish`: a `Constant` if no f-string was seen, else a `JoinedStr`.
    fn finish(mut self, ctx: &Ctx<'_>) -> ExprKind {
        if !self.fmode {
            return self.constant(ctx.whole).kind;
        }
        if !self.last_str.is_empty() {
            let constant = self.constant(ctx.whole);
            self.values.push(constant);
        }
        ExprKind::JoinedStr {
            values: self.values,
        }
    }
}

#[cfg(test)]
mod tests;
