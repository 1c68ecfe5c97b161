//! f-strings, ported from CPython 3.11's `Parser/string_parser.c`
//! (`fstring_find_literal`, `fstring_find_expr`, `FstringParser_*`).
//!
//! Locations follow 3.11: every `Constant` and `FormattedValue` piece carries the
//! location of the whole implicitly concatenated string, a format spec's
//! `JoinedStr` that of its own STRING token, and the expressions their real
//! positions in the file.

use super::{Ctx, Pieces, escapes};
use oxpy_ast::{Expr, ExprKind, PyStr};
use oxpy_lexer::SyntaxError;

/// One f-string token being scanned: its body and where it sits in the file.
pub(super) struct Scan<'a> {
    /// The body (between the quotes).
    pub body: &'a str,
    /// Raw (`rf`/`fr`): no escapes in literal parts.
    pub raw: bool,
    /// Offset of the body within the token text.
    pub body_offset: usize,
}

/// `FstringParser_ConcatFstring`: scan `scan.body` from `*i` at nesting `level`
/// (0 for the string itself, 1+ inside a format spec), appending to `pieces`.
/// Stops at the end of the body or, in a format spec, at its closing `}`.
pub(super) fn concat_fstring(
    ctx: &Ctx<'_>,
    scan: &Scan<'_>,
    i: &mut usize,
    level: u32,
    pieces: &mut Pieces,
) -> Result<(), SyntaxError> {
    pieces.fmode = true;
    let bytes = scan.body.as_bytes();
    loop {
        let (literal, doubled) = find_literal(ctx, scan, i, level)?;
        if let Some(lit) = literal {
            pieces.push_str(&lit);
        }
        if doubled {
            continue;
        }
        match bytes.get(*i) {
            None | Some(b'}') => break,
            Some(_) => {}
        }
        let (expr_text, value) = find_expr(ctx, scan, i, level)?;
        if let Some(text) = expr_text {
            pieces.push_str(&PyStr::from(text));
        }
        pieces.push_expr(ctx, value);
    }
    if level != 0 && bytes.get(*i) != Some(&b'}') {
        return Err(ctx.error("f-string: expecting '}'"));
    }
    Ok(())
}

/// `fstring_find_literal`: the literal text up to the next replacement field. The
/// flag is true when it ended at a doubled brace (scanning goes on after it).
fn find_literal(
    ctx: &Ctx<'_>,
    scan: &Scan<'_>,
    i: &mut usize,
    level: u32,
) -> Result<(Option<PyStr>, bool), SyntaxError> {
    let bytes = scan.body.as_bytes();
    let start = *i;
    let mut s = *i;
    let mut doubled = false;
    while let Some(&b) = bytes.get(s) {
        s += 1;
        let mut ch = b;
        if !scan.raw && ch == b'\\' && s < bytes.len() {
            ch = bytes[s];
            s += 1;
            if ch == b'N' {
                if bytes.get(s) == Some(&b'{') {
                    s += 1;
                    while let Some(&c) = bytes.get(s) {
                        s += 1;
                        if c == b'}' {
                            break;
                        }
                    }
                } else if s < bytes.len() {
                    s += 1;
                }
                continue;
            }
        }
        if ch == b'{' || ch == b'}' {
            if level == 0 {
                if bytes.get(s) == Some(&ch) {
                    doubled = true;
                    break;
                }
                if ch == b'}' {
                    *i = s - 1;
                    return Err(ctx.error("f-string: single '}' is not allowed"));
                }
            }
            s -= 1;
            break;
        }
    }
    let literal = &scan.body[start..s];
    *i = if doubled { s + 1 } else { s };
    if literal.is_empty() {
        return Ok((None, doubled));
    }
    let value = if scan.raw {
        PyStr::from(literal)
    } else {
        escapes::decode_str(literal).map_err(|m| ctx.error(&format!("(unicode error) {m}")))?
    };
    Ok((Some(value), doubled))
}

/// `fstring_find_expr`: one replacement field starting at the `{` at `*i`. Returns
/// the `=` debug text, if any, and the `FormattedValue`.
fn find_expr<'s>(
    ctx: &Ctx<'_>,
    scan: &Scan<'s>,
    i: &mut usize,
    level: u32,
) -> Result<(Option<&'s str>, ExprKind), SyntaxError> {
    if level >= 2 {
        return Err(ctx.error("f-string: expressions nested too deeply"));
    }
    let bytes = scan.body.as_bytes();
    let brace = *i;
    *i += 1;
    let expr_start = *i;
    let mut quote: u8 = 0;
    let mut triple = false;
    let mut parens: Vec<u8> = Vec::new();
    while let Some(&ch) = bytes.get(*i) {
        if ch == b'\\' {
            return Err(ctx.error("f-string expression part cannot include a backslash"));
        }
        if quote != 0 {
            if ch == quote {
                if triple {
                    if bytes.get(*i + 1) == Some(&ch) && bytes.get(*i + 2) == Some(&ch) {
                        *i += 2;
                        quote = 0;
                    }
                } else {
                    quote = 0;
                }
            }
        } else if ch == b'\'' || ch == b'"' {
            triple = bytes.get(*i + 1) == Some(&ch) && bytes.get(*i + 2) == Some(&ch);
            if triple {
                *i += 2;
            }
            quote = ch;
        } else if matches!(ch, b'[' | b'{' | b'(') {
            if parens.len() >= 200 {
                return Err(ctx.error("f-string: too many nested parenthesis"));
            }
            parens.push(ch);
        } else if ch == b'#' {
            return Err(ctx.error("f-string expression part cannot include '#'"));
        } else if parens.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
            if bytes.get(*i + 1) == Some(&b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                *i += 2;
                continue;
            }
            if ch != b'>' && ch != b'<' {
                break;
            }
        } else if matches!(ch, b']' | b'}' | b')') {
            let Some(opening) = parens.pop() else {
                return Err(ctx.error(&format!("f-string: unmatched '{}'", ch as char)));
            };
            let matching = matches!((opening, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
            if !matching {
                return Err(ctx.error(&format!(
                    "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                    ch as char, opening as char
                )));
            }
        }
        *i += 1;
    }
    let expr_end = *i;
    if quote != 0 {
        return Err(ctx.error("f-string: unterminated string"));
    }
    if let Some(&opening) = parens.last() {
        return Err(ctx.error(&format!("f-string: unmatched '{}'", opening as char)));
    }
    let Some(&stop) = bytes.get(*i) else {
        return Err(ctx.error("f-string: expecting '}'"));
    };
    let text = &scan.body[expr_start..expr_end];
    if text
        .bytes()
        .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c'))
    {
        return Err(ctx.error(&match stop {
            b'!' | b':' | b'=' => {
                format!("f-string: expression required before '{}'", stop as char)
            }
            _ => "f-string: empty expression not allowed".to_string(),
        }));
    }
    let value = compile_expr(ctx, scan, brace, text)?;

    let mut expr_text = None;
    if bytes.get(*i) == Some(&b'=') {
        *i += 1;
        while bytes
            .get(*i)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
        {
            *i += 1;
        }
        if *i >= bytes.len() {
            return Err(ctx.error("f-string: expecting '}'"));
        }
        expr_text = Some(&scan.body[expr_start..*i]);
    }
    let mut conversion: i64 = -1;
    if bytes.get(*i) == Some(&b'!') {
        *i += 1;
        let Some(&c) = bytes.get(*i) else {
            return Err(ctx.error("f-string: expecting '}'"));
        };
        *i += 1;
        if !matches!(c, b's' | b'r' | b'a') {
            return Err(
                ctx.error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
            );
        }
        conversion = i64::from(c);
    }
    let mut format_spec = None;
    if bytes.get(*i) == Some(&b':') {
        *i += 1;
        if *i >= bytes.len() {
            return Err(ctx.error("f-string: expecting '}'"));
        }
        let mut spec = Pieces::new(ctx.kind_u);
        concat_fstring(ctx, scan, i, level + 1, &mut spec)?;
        format_spec = Some(Box::new(Expr {
            kind: spec.finish(ctx),
            loc: ctx.part_loc,
        }));
    }
    if bytes.get(*i) != Some(&b'}') {
        return Err(ctx.error("f-string: expecting '}'"));
    }
    *i += 1;
    if expr_text.is_some() && format_spec.is_none() && conversion == -1 {
        conversion = i64::from(b'r');
    }
    let kind = ExprKind::FormattedValue {
        value: Box::new(value),
        conversion,
        format_spec,
    };
    Ok((expr_text, kind))
}

/// `fstring_compile_expr`: parse the expression text with the real parser, at its
/// position in the file (`fstring_find_expr_location`, quirk included: when only
/// whitespace separates the `{` from a newline, the implicit `(` is placed at the
/// token's column, or column 0 if the `{` is not on the token's first line).
fn compile_expr(
    ctx: &Ctx<'_>,
    scan: &Scan<'_>,
    brace: usize,
    text: &str,
) -> Result<Expr, SyntaxError> {
    let brace_pos = ctx.pos_at(scan.body_offset + brace);
    let mut start = ctx.pos_at(scan.body_offset + brace + 1);
    let after = text.trim_start_matches([' ', '\t', '\x0c']);
    if after.starts_with('\n') {
        let token_start = ctx.part.start;
        // `starting_col_offset`: where the `(` goes; the text starts one further.
        let paren_col = if brace_pos.line == token_start.line {
            token_start.col
        } else {
            0
        };
        start.col = paren_col + 1;
    }
    let paren_col = start.col - 1;
    crate::parse_fstring_expression(text, start).map_err(|mut err| {
        if !err.msg.starts_with("f-string") {
            err.msg = format!("f-string: {}", err.msg);
        }
        // CPython reports columns within the `(expression)` text it parsed.
        if err.lineno == brace_pos.line {
            err.offset = err.offset.saturating_sub(paren_col);
        }
        if err.end_lineno == brace_pos.line {
            err.end_offset = err.end_offset.saturating_sub(paren_col);
        }
        err
    })
}
