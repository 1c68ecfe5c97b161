//! The Python 3.11 parser: tokens from `oxpy-lexer`, grammar in `grammar/python.lalrpop`,
//! AST from `oxpy-ast`, and CPython's `SyntaxError` wording for every failure.
//!
//! Pipeline: [`tokens::prepare`] adapts the lexer's tokens (trivia dropped, soft
//! keywords resolved, nesting bounded), the generated LALRPOP parser builds the AST
//! through [`helpers`], and [`errors`] maps every failure to CPython's message.

mod error_rules;
pub mod errors;
mod helpers;
pub mod literals;
pub mod tokens;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused, missing_docs)]
    grammar,
    "/python.rs"
);

pub use oxpy_lexer::{ErrorKind, SyntaxError};

use errors::ParseErr;
use oxpy_ast::{Expr, Mod};
use oxpy_lexer::{Pos, Token};
use tokens::Tok;

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

/// Options of a parse: the `compile()` flags that change what is parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `PyCF_TYPE_COMMENTS` (`ast.parse(type_comments=True)`, on in `python -m ast`):
    /// `# type:` comments become `type_comment` fields and `Module.type_ignores`, and
    /// one where CPython's grammar takes none is a syntax error.
    pub type_comments: bool,
}

/// Parse `source` in `mode`. `source` is already decoded text.
///
/// A tokenizer error is reported where CPython reports it: when the parser gets to
/// it, or instead of a generic "invalid syntax" found earlier.
pub fn parse(source: &str, mode: Mode) -> Result<Mod, SyntaxError> {
    parse_with(source, mode, Options::default())
}

/// [`parse`] with `compile()`'s parser [`Options`].
pub fn parse_with(source: &str, mode: Mode, options: Options) -> Result<Mod, SyntaxError> {
    let (tokens, lex_error) = oxpy_lexer::lex_until_error(source);
    let Some(lex_error) = lex_error else {
        return run(source, &tokens, start_token(mode), options.type_comments)
            .map_err(|e| errors::finish(source, e));
    };
    let unclosed = lex_error.msg.ends_with("was never closed");
    match run(source, &tokens, start_token(mode), options.type_comments) {
        // An unclosed bracket loses only to an error ending on its line or before (CPython
        // reports it when its parser runs on to the end of the input).
        Err(ParseErr::Bytes(e)) if unclosed && e.end_lineno <= lex_error.lineno => {
            Err(errors::finish(source, ParseErr::Bytes(e)))
        }
        Err(e @ ParseErr::Bytes(_)) if !unclosed && !errors::is_generic(&e) => {
            Err(errors::finish(source, e))
        }
        _ => Err(lex_error),
    }
}

fn start_token(mode: Mode) -> Tok<'static> {
    match mode {
        Mode::Exec => Tok::StartModule,
        Mode::Eval => Tok::StartExpression,
        Mode::Single => Tok::StartInteractive,
    }
}

/// Parse already-lexed `tokens` of `source` in `mode`.
pub fn parse_tokens(source: &str, tokens: &[Token], mode: Mode) -> Result<Mod, SyntaxError> {
    run(source, tokens, start_token(mode), false).map_err(|e| errors::finish(source, e))
}

fn run(
    source: &str,
    tokens: &[Token],
    start: Tok<'_>,
    type_comments: bool,
) -> Result<Mod, ParseErr> {
    let tokens::Prepared {
        toks,
        type_ignores,
        depth_bound,
    } = tokens::prepare(source, tokens, start, type_comments)?;
    let fed = tokens::layout_at_previous_end(&toks);
    let parser = grammar::TopParser::new();
    let mut tree = parser
        .parse(source, fed.iter().copied().map(Ok::<_, ParseErr>))
        .map_err(|e| errors::adapt(&toks, &fed, e))?;
    if depth_bound > tokens::EXACT_DEPTH_CHECK
        && let Some(node) = oxpy_ast::node_deeper_than(&tree, tokens::MAX_DEPTH)
    {
        let at = node.loc().map_or(Pos::default(), |l| Pos {
            offset: 0,
            line: l.lineno,
            col: l.col_offset,
        });
        return Err(tokens::too_deep(at));
    }
    if let Mod::Module {
        type_ignores: slot, ..
    } = &mut tree
    {
        *slot = type_ignores;
    }
    Ok(tree)
}

/// Parse the expression of an f-string replacement field. `text` is the expression
/// source exactly as written between the braces (without `!conv`, `:spec`, `=`);
/// `start` is where `text` begins in the enclosing file, so node locations are
/// reported in file coordinates.
///
/// As CPython 3.11 does, the text is parsed as if enclosed in parentheses placed
/// just before and after it (so a tuple's location includes them).
pub fn parse_fstring_expression(text: &str, start: Pos) -> Result<Expr, SyntaxError> {
    let wrapped = format!("({text})");
    let tokens = oxpy_lexer::lex(&wrapped)?;
    let shift = |p: Pos| -> Pos {
        let col = if p.line == 1 {
            (p.col + start.col).saturating_sub(1)
        } else {
            p.col
        };
        Pos {
            offset: (p.offset + start.offset).saturating_sub(1),
            line: p.line + start.line.saturating_sub(1),
            col,
        }
    };
    let moved: Vec<Token> = tokens
        .iter()
        .map(|t| Token {
            kind: t.kind,
            start: shift(t.start),
            end: shift(t.end),
        })
        .collect();
    // The tokens now index the enclosing file, whose text we do not have: rebuild a
    // source where `wrapped` sits at the same offset.
    let pad = (start.offset as usize).saturating_sub(1);
    let mut source = String::with_capacity(pad + wrapped.len());
    source.extend(std::iter::repeat_n(' ', pad));
    source.push_str(&wrapped);
    match run(&source, &moved, Tok::StartExpression, false) {
        Ok(Mod::Expression { body }) => Ok(*body),
        Ok(_) => Err(SyntaxError::new(
            ErrorKind::SyntaxError,
            "invalid syntax",
            start.line,
            start.col + 1,
        )),
        Err(e) => Err(errors::finish(&source, e)),
    }
}
