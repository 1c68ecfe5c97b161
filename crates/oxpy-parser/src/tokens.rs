//! The adapter between `oxpy-lexer` tokens and the LALRPOP grammar.
//!
//! One pass over the token vector that drops trivia, marks the start rule, resolves
//! the soft keywords `match`/`case` (like RustPython's SoftKeywordTransformer, by
//! looking at the logical line), marks the parentheses of parenthesised with-items,
//! and bounds how deep the AST can nest so that no later recursive walk can
//! overflow the native stack.

use crate::errors::ParseErr;
use oxpy_ast::TypeIgnore;
use oxpy_lexer::{ErrorKind, Pos, SyntaxError, TokKind, Token};

/// A token as the grammar sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A keyword, operator, delimiter or layout token.
    Op(TokKind),
    /// An identifier (not yet normalised).
    Name(&'a str),
    /// A numeric literal as written.
    Number(&'a str),
    /// A string literal as written, prefix and quotes included.
    String(&'a str),
    /// `# type: X` when type comments are on: the text after the prefix (`X`).
    TypeComment(&'a str),
    /// `match` in keyword position.
    Match,
    /// `case` in keyword position.
    Case,
    /// `(` opening parenthesised with-items.
    WithLpar,
    /// `)` closing parenthesised with-items.
    WithRpar,
    /// Start marker of `exec` mode.
    StartModule,
    /// Start marker of `single` mode.
    StartInteractive,
    /// Start marker of `eval` mode.
    StartExpression,
}

/// A token with its span, as LALRPOP's external lexer interface wants it.
pub type Spanned<'a> = (Pos, Tok<'a>, Pos);

/// How deep expressions may nest before the parser gives up, as CPython's
/// "maximum recursion depth exceeded during ast construction".
pub const MAX_DEPTH: u32 = 2500;
/// CPython's tokenizer limit on nested brackets (`MAXLEVEL`).
const MAX_BRACKETS: usize = 200;

/// The grammar's token stream and what the parser skips but the AST keeps.
pub struct Prepared<'a> {
    /// The tokens, the start marker first.
    pub toks: Vec<Spanned<'a>>,
    /// `# type: ignore` comments (only when type comments are on).
    pub type_ignores: Vec<TypeIgnore>,
}

/// Turn lexer output into the grammar's token stream, `start` first.
///
/// With `type_comments` (CPython's `PyCF_TYPE_COMMENTS`, `ast.parse(type_comments=True)`)
/// comments are read as the tokenizer does then: `# type: ignore...` is recorded and
/// skipped, any other `# type: ...` becomes a [`Tok::TypeComment`] that the grammar
/// accepts only where CPython's does. A type comment alone on a line at bracket depth
/// 0 ends a logical line of its own, as in CPython (its NL becomes a NEWLINE).
pub fn prepare<'a>(
    src: &'a str,
    tokens: &[Token],
    start: Tok<'a>,
    type_comments: bool,
) -> Result<Prepared<'a>, ParseErr> {
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(tokens.len() + 1);
    let mut type_ignores = Vec::new();
    let first = tokens.first().map(|t| t.start).unwrap_or_default();
    out.push((first, start, first));
    let mut depth = 0usize;
    let mut standalone_type_comment = false;
    for t in tokens {
        let text = src
            .get(t.start.offset as usize..t.end.offset as usize)
            .unwrap_or("");
        let tok = match t.kind {
            TokKind::Comment if type_comments => match classify_comment(text) {
                CommentKind::Plain => continue,
                CommentKind::Ignore(tag) => {
                    type_ignores.push(TypeIgnore {
                        lineno: i64::from(t.start.line),
                        tag: tag.to_string(),
                    });
                    continue;
                }
                CommentKind::Type(body) => {
                    // The token is the text after the prefix, as CPython's.
                    let skipped = (text.len() - body.len()) as u32;
                    let start = Pos {
                        offset: t.start.offset + skipped,
                        line: t.start.line,
                        col: t.start.col + skipped,
                    };
                    standalone_type_comment = depth == 0;
                    out.push((start, Tok::TypeComment(body), t.end));
                    continue;
                }
            },
            TokKind::Nl if standalone_type_comment => Tok::Op(TokKind::Newline),
            kind if kind.is_trivia() => continue,
            TokKind::Name => Tok::Name(text),
            TokKind::Number => Tok::Number(text),
            TokKind::String => Tok::String(text),
            kind => {
                match kind {
                    TokKind::Lpar | TokKind::Lsqb | TokKind::Lbrace => depth += 1,
                    TokKind::Rpar | TokKind::Rsqb | TokKind::Rbrace => {
                        depth = depth.saturating_sub(1)
                    }
                    _ => {}
                }
                Tok::Op(kind)
            }
        };
        standalone_type_comment = false;
        out.push((t.start, tok, t.end));
    }
    resolve_soft_keywords(&mut out);
    mark_with_parens(&mut out);
    check_depth(&out)?;
    Ok(Prepared {
        toks: out,
        type_ignores,
    })
}

/// What a comment is when type comments are on.
enum CommentKind<'a> {
    /// An ordinary comment.
    Plain,
    /// `# type: ignore` and its tag (the rest of the comment).
    Ignore(&'a str),
    /// `# type: X`: the text `X`.
    Type(&'a str),
}

/// CPython's tokenizer test (`tok_get`): the comment must match `# type: ` where
/// each space stands for any run of spaces and tabs; it is an ignore if `ignore`
/// follows, itself followed by the end or by an ASCII non-alphanumeric character.
fn classify_comment(comment: &str) -> CommentKind<'_> {
    let Some(rest) = comment.strip_prefix('#') else {
        return CommentKind::Plain;
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix("type:") else {
        return CommentKind::Plain;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    match rest.strip_prefix("ignore") {
        Some(tag)
            if !tag
                .bytes()
                .next()
                .is_some_and(|b| b >= 128 || b.is_ascii_alphanumeric()) =>
        {
            CommentKind::Ignore(tag)
        }
        _ => CommentKind::Type(rest),
    }
}

/// The token stream as the grammar gets it: NEWLINE, INDENT and DEDENT are moved to
/// the end of the token before them, so that a rule's end (`@R`) is that of its last
/// non-whitespace token, as CPython computes node end positions.
pub fn layout_at_previous_end<'a>(toks: &[Spanned<'a>]) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut prev_end: Option<Pos> = None;
    for &(start, tok, end) in toks {
        let layout = matches!(
            tok,
            Tok::Op(TokKind::Newline | TokKind::Indent | TokKind::Dedent)
        );
        match (layout, prev_end) {
            (true, Some(at)) => out.push((at, tok, at)),
            _ => {
                out.push((start, tok, end));
                if !layout {
                    prev_end = Some(end);
                }
            }
        }
    }
    out
}

/// Can this token begin an expression or a pattern?
fn starts_expression(tok: &Tok<'_>) -> bool {
    match tok {
        Tok::Name(_) | Tok::Number(_) | Tok::String(_) => true,
        Tok::Op(k) => matches!(
            k,
            TokKind::Lpar
                | TokKind::Lsqb
                | TokKind::Lbrace
                | TokKind::Minus
                | TokKind::Plus
                | TokKind::Tilde
                | TokKind::Star
                | TokKind::None
                | TokKind::True
                | TokKind::False
                | TokKind::Not
                | TokKind::Lambda
                | TokKind::Await
                | TokKind::Ellipsis
        ),
        _ => false,
    }
}

fn is_open(tok: &Tok<'_>) -> bool {
    matches!(
        tok,
        Tok::Op(TokKind::Lpar | TokKind::Lsqb | TokKind::Lbrace) | Tok::WithLpar
    )
}

fn is_close(tok: &Tok<'_>) -> bool {
    matches!(
        tok,
        Tok::Op(TokKind::Rpar | TokKind::Rsqb | TokKind::Rbrace) | Tok::WithRpar
    )
}

/// Index of the NEWLINE (or end) closing the logical line that starts at `i`.
fn logical_line_end(toks: &[Spanned<'_>], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while let Some((_, tok, _)) = toks.get(j) {
        if is_open(tok) {
            depth += 1;
        } else if is_close(tok) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(tok, Tok::Op(TokKind::Newline | TokKind::EndMarker)) {
            return j;
        }
        j += 1;
    }
    j
}

/// `match` at the start of a logical line that ends in `:`, followed by something
/// that can start a subject, is a keyword; `case` is one at the start of a line
/// directly inside a match block. Elsewhere both are names.
fn resolve_soft_keywords(toks: &mut [Spanned<'_>]) {
    let mut line_start = true;
    let mut in_match_block: Vec<bool> = Vec::new();
    let mut pending_match = false;
    for i in 0..toks.len() {
        let tok = toks[i].1;
        let next_ok = toks.get(i + 1).is_some_and(|t| starts_expression(&t.1));
        match tok {
            Tok::Name("match") if line_start && next_ok => {
                let end = logical_line_end(toks, i);
                let colon_last = end > i + 1
                    && toks
                        .get(end - 1)
                        .is_some_and(|t| t.1 == Tok::Op(TokKind::Colon));
                if colon_last {
                    toks[i].1 = Tok::Match;
                    pending_match = true;
                }
            }
            Tok::Name("case") if line_start && next_ok && in_match_block.last() == Some(&true) => {
                toks[i].1 = Tok::Case;
            }
            Tok::Op(TokKind::Indent) => {
                in_match_block.push(pending_match);
                pending_match = false;
            }
            Tok::Op(TokKind::Dedent) => {
                in_match_block.pop();
            }
            _ => {}
        }
        line_start = matches!(
            tok,
            Tok::Op(TokKind::Newline | TokKind::Indent | TokKind::Dedent)
                | Tok::StartModule
                | Tok::StartInteractive
                | Tok::StartExpression
        );
    }
}

/// `with (` whose matching `)` is followed by `:` encloses with-items when its
/// contents could be items (CPython tries that alternative first).
fn mark_with_parens(toks: &mut [Spanned<'_>]) {
    for i in 0..toks.len() {
        if toks[i].1 != Tok::Op(TokKind::With) {
            continue;
        }
        if toks.get(i + 1).map(|t| t.1) != Some(Tok::Op(TokKind::Lpar)) {
            continue;
        }
        let mut depth = 0usize;
        let mut close = None;
        let mut items_like = true;
        let mut prev_was_sep = true;
        let mut has_as = false;
        for (j, (_, tok, _)) in toks.iter().enumerate().skip(i + 1) {
            if is_open(tok) {
                depth += 1;
            } else if is_close(tok) {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            } else if matches!(tok, Tok::Op(TokKind::Newline | TokKind::EndMarker)) {
                break;
            }
            if depth == 1 {
                match tok {
                    Tok::Op(
                        TokKind::Yield | TokKind::For | TokKind::ColonEqual | TokKind::Async,
                    ) => items_like = false,
                    Tok::Op(TokKind::Star | TokKind::DoubleStar) if prev_was_sep => {
                        items_like = false
                    }
                    Tok::Op(TokKind::As) => has_as = true,
                    _ => {}
                }
                prev_was_sep = matches!(tok, Tok::Op(TokKind::Lpar | TokKind::Comma));
            }
        }
        let Some(close) = close else { continue };
        if close == i + 2 || !items_like {
            continue;
        }
        // CPython's parenthesised form takes no type comment; with one, parentheses
        // that can be an expression are one (`with (a, b):  # type: T`).
        let typed = !has_as && matches!(toks.get(close + 2), Some((_, Tok::TypeComment(_), _)));
        if toks.get(close + 1).map(|t| t.1) == Some(Tok::Op(TokKind::Colon)) && !typed {
            toks[i + 1].1 = Tok::WithLpar;
            toks[close].1 = Tok::WithRpar;
        }
    }
}

/// Reject input whose AST would nest deeper than [`MAX_DEPTH`]: every level of a
/// root-to-leaf path owns a token between two commas of one bracket level, so the
/// running count of such tokens over the open brackets bounds the depth.
fn check_depth(toks: &[Spanned<'_>]) -> Result<(), ParseErr> {
    let mut frames: Vec<u32> = vec![0];
    let mut total: u32 = 0;
    let mut indent: u32 = 0;
    for (start, tok, _) in toks {
        match tok {
            t if is_open(t) => {
                if let Some(top) = frames.last_mut() {
                    *top += 1;
                }
                total += 1;
                frames.push(0);
                if frames.len() > MAX_BRACKETS + 1 {
                    return Err(ParseErr::Final(SyntaxError::new(
                        ErrorKind::SyntaxError,
                        "too many nested parentheses",
                        start.line,
                        start.col + 1,
                    )));
                }
            }
            t if is_close(t) => {
                if frames.len() > 1 {
                    total -= frames.pop().unwrap_or(0);
                }
            }
            Tok::Op(TokKind::Comma) => {
                if let Some(top) = frames.last_mut() {
                    total -= *top;
                    *top = 0;
                }
            }
            Tok::Op(TokKind::Newline | TokKind::Semi) => {
                frames.truncate(1);
                frames[0] = 0;
                total = 0;
            }
            Tok::Op(TokKind::Indent) => indent += 1,
            Tok::Op(TokKind::Dedent) => indent = indent.saturating_sub(1),
            Tok::Name(_) | Tok::Number(_) | Tok::String(_) | Tok::TypeComment(_) => {}
            _ => {
                if let Some(top) = frames.last_mut() {
                    *top += 1;
                }
                total += 1;
            }
        }
        if total + 2 * indent > MAX_DEPTH {
            return Err(ParseErr::Final(SyntaxError::new(
                ErrorKind::SyntaxError,
                "maximum recursion depth exceeded during ast construction",
                start.line,
                start.col + 1,
            )));
        }
    }
    Ok(())
}
