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

/// How deep the AST may nest before the parser gives up, as CPython's
/// "maximum recursion depth exceeded during ast construction".
///
/// Enforced in two steps: the tokens give an upper bound of the depth (cheap, and
/// nothing is built past [`MAX_DEPTH_BOUND`], so no recursive drop can overflow);
/// only a tree whose bound exceeds [`EXACT_DEPTH_CHECK`] is measured exactly (the
/// margin covers constructs the bound may undercount).
pub const MAX_DEPTH: u32 = 2500;
/// Trees whose depth bound exceeds this are measured exactly.
pub const EXACT_DEPTH_CHECK: u32 = MAX_DEPTH / 2;
/// The largest depth bound for which the parser builds a tree at all.
pub const MAX_DEPTH_BOUND: u32 = 6_000;
/// CPython's tokenizer limit on nested brackets (`MAXLEVEL`).
const MAX_BRACKETS: usize = 200;

/// The grammar's token stream and what the parser skips but the AST keeps.
pub struct Prepared<'a> {
    /// The tokens, the start marker first.
    pub toks: Vec<Spanned<'a>>,
    /// `# type: ignore` comments (only when type comments are on).
    pub type_ignores: Vec<TypeIgnore>,
    /// An upper bound of the AST's depth (see [`MAX_DEPTH`]).
    pub depth_bound: u32,
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
    let depth_bound = check_depth(&out)?;
    Ok(Prepared {
        toks: out,
        type_ignores,
        depth_bound,
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

/// The binary-operator levels the depth bound folds, loosest first; every other
/// token counts one level in the innermost segment, [`OTHER`].
const LEVELS: usize = 10;
/// The segment of tokens that are not binary operators.
const OTHER: usize = LEVELS - 1;

/// The level of `tok` as a binary operator (after an operand), if it is one.
fn binary_level(tok: &Tok<'_>) -> Option<usize> {
    let Tok::Op(kind) = tok else { return None };
    Some(match kind {
        TokKind::Or => 0,
        TokKind::And => 1,
        TokKind::Less
        | TokKind::Greater
        | TokKind::EqEqual
        | TokKind::NotEqual
        | TokKind::LessEqual
        | TokKind::GreaterEqual
        | TokKind::In
        | TokKind::Is
        | TokKind::Not => 2,
        TokKind::Vbar => 3,
        TokKind::Circumflex => 4,
        TokKind::Amper => 5,
        TokKind::LeftShift | TokKind::RightShift => 6,
        TokKind::Plus | TokKind::Minus => 7,
        TokKind::Star | TokKind::Slash | TokKind::DoubleSlash | TokKind::Percent | TokKind::At => 8,
        _ => return None,
    })
}

/// Does `tok` end an operand (so that an operator after it is binary)?
fn ends_operand(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::Name(_) | Tok::Number(_) | Tok::String(_))
        || matches!(
            tok,
            Tok::Op(
                TokKind::Rpar
                    | TokKind::Rsqb
                    | TokKind::Rbrace
                    | TokKind::True
                    | TokKind::False
                    | TokKind::None
                    | TokKind::Ellipsis
            )
        )
}

/// One bracket level (between two commas) of the depth bound: per operator level,
/// how many operators the current chain has and the deepest operand it has had.
/// A chain of `n` operators is `n` levels deep (left-nested BinOps), except `or`,
/// `and` and comparisons, whose chains are one flat node.
#[derive(Clone, Copy, Default)]
struct Frame {
    chain: [u32; LEVELS],
    deepest: [u32; LEVELS],
}

impl Frame {
    fn chain_depth(&self, level: usize) -> u32 {
        let n = self.chain[level];
        if level <= 2 { n.min(1) } else { n }
    }

    /// The bound of the expression so far, as if it ended here.
    fn value(&self) -> u32 {
        let mut v = self.chain[OTHER];
        for level in (0..OTHER).rev() {
            v = self.chain_depth(level) + self.deepest[level].max(v);
        }
        v
    }

    /// A binary operator of `level`: the operand before it is complete at every
    /// tighter level.
    fn binary(&mut self, level: usize) {
        let mut v = self.chain[OTHER];
        self.chain[OTHER] = 0;
        for tighter in (level + 1..OTHER).rev() {
            v = self.chain_depth(tighter) + self.deepest[tighter].max(v);
            self.chain[tighter] = 0;
            self.deepest[tighter] = 0;
        }
        self.deepest[level] = self.deepest[level].max(v);
        self.chain[level] += 1;
    }
}

/// An upper bound of the depth of the AST of `toks`, or the error if it exceeds
/// [`MAX_DEPTH_BOUND`]. Every level of a root-to-leaf path owns a token of the
/// expression it is in, so counting tokens bounds the depth; binary operator chains
/// are folded by precedence (operands of one chain are siblings, not nested), and a
/// closed bracket adds its contents' bound to the operand it is part of.
fn check_depth(toks: &[Spanned<'_>]) -> Result<u32, ParseErr> {
    let mut frames: Vec<(Frame, u32)> = vec![(Frame::default(), 0)];
    let mut indent: u32 = 0;
    let mut bound: u32 = 0;
    let mut after_operand = false;
    for (start, tok, _) in toks {
        let Some((top, outer)) = frames.last_mut() else {
            break;
        };
        match tok {
            t if is_open(t) => {
                top.chain[OTHER] += 1;
                let outer = *outer + top.value();
                frames.push((Frame::default(), outer));
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
                if frames.len() > 1
                    && let Some((inner, _)) = frames.pop()
                    && let Some((top, _)) = frames.last_mut()
                {
                    top.chain[OTHER] += inner.value();
                }
            }
            Tok::Op(TokKind::Comma) => *top = Frame::default(),
            Tok::Op(TokKind::Newline | TokKind::Semi) => {
                frames.truncate(1);
                frames[0] = (Frame::default(), 0);
            }
            Tok::Op(TokKind::Indent) => indent += 1,
            Tok::Op(TokKind::Dedent) => indent = indent.saturating_sub(1),
            Tok::Name(_) | Tok::Number(_) | Tok::String(_) | Tok::TypeComment(_) => {}
            t => match binary_level(t).filter(|_| after_operand) {
                Some(level) => top.binary(level),
                None => top.chain[OTHER] += 1,
            },
        }
        after_operand = ends_operand(tok);
        if let Some((top, outer)) = frames.last() {
            bound = bound.max(outer + top.value() + 2 * indent);
        }
        if bound > MAX_DEPTH_BOUND {
            return Err(too_deep(*start));
        }
    }
    Ok(bound)
}

/// CPython's error for an AST deeper than [`MAX_DEPTH`], at `at`.
pub fn too_deep(at: Pos) -> ParseErr {
    ParseErr::Final(SyntaxError::new(
        ErrorKind::SyntaxError,
        "maximum recursion depth exceeded during ast construction",
        at.line,
        at.col + 1,
    ))
}
