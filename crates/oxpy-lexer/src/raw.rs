//! The raw token rules, as one logos state machine.
//!
//! Everything context-free lives here: operators, keywords, names, comments, line
//! breaks, and the first bytes of numbers and strings. The layout pass
//! ([`crate::layout`]) finishes numbers and strings with CPython's exact scanning
//! rules ([`crate::scan`]) and does everything that depends on context.

use crate::token::TokKind;
use logos::Logos;

/// One raw token. Spans come from the logos lexer.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    /// Spaces, tabs and form feeds between tokens.
    #[regex(r"[ \t\x0c]+")]
    Whitespace,
    /// `# ...` up to (not including) the line break.
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    /// A line break: `\n`, `\r\n` or a lone `\r` (CPython reads all three as one).
    #[regex(r"\r\n|\n|\r")]
    Newline,
    /// `\`: a line continuation if a line break follows.
    #[token("\\")]
    Backslash,
    /// A potential identifier: ASCII letters, digits, `_` and any non-ASCII character,
    /// as CPython's `is_potential_identifier_*`. Non-ASCII names are checked later.
    #[regex(r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*")]
    Name,
    /// The first bytes of a number; [`crate::scan::number`] finds its end.
    #[regex(r"[0-9]|\.[0-9]")]
    Number,
    /// A string prefix (if any) and its opening quote; [`crate::scan::string`] finds
    /// the end.
    #[regex(r#"([rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?["']"#)]
    StringStart,
    /// A keyword or an operator with a fixed spelling.
    #[token("False", |_| TokKind::False)]
    #[token("None", |_| TokKind::None)]
    #[token("True", |_| TokKind::True)]
    #[token("and", |_| TokKind::And)]
    #[token("as", |_| TokKind::As)]
    #[token("assert", |_| TokKind::Assert)]
    #[token("async", |_| TokKind::Async)]
    #[token("await", |_| TokKind::Await)]
    #[token("break", |_| TokKind::Break)]
    #[token("class", |_| TokKind::Class)]
    #[token("continue", |_| TokKind::Continue)]
    #[token("def", |_| TokKind::Def)]
    #[token("del", |_| TokKind::Del)]
    #[token("elif", |_| TokKind::Elif)]
    #[token("else", |_| TokKind::Else)]
    #[token("except", |_| TokKind::Except)]
    #[token("finally", |_| TokKind::Finally)]
    #[token("for", |_| TokKind::For)]
    #[token("from", |_| TokKind::From)]
    #[token("global", |_| TokKind::Global)]
    #[token("if", |_| TokKind::If)]
    #[token("import", |_| TokKind::Import)]
    #[token("in", |_| TokKind::In)]
    #[token("is", |_| TokKind::Is)]
    #[token("lambda", |_| TokKind::Lambda)]
    #[token("nonlocal", |_| TokKind::Nonlocal)]
    #[token("not", |_| TokKind::Not)]
    #[token("or", |_| TokKind::Or)]
    #[token("pass", |_| TokKind::Pass)]
    #[token("raise", |_| TokKind::Raise)]
    #[token("return", |_| TokKind::Return)]
    #[token("try", |_| TokKind::Try)]
    #[token("while", |_| TokKind::While)]
    #[token("with", |_| TokKind::With)]
    #[token("yield", |_| TokKind::Yield)]
    #[token("(", |_| TokKind::Lpar)]
    #[token(")", |_| TokKind::Rpar)]
    #[token("[", |_| TokKind::Lsqb)]
    #[token("]", |_| TokKind::Rsqb)]
    #[token("{", |_| TokKind::Lbrace)]
    #[token("}", |_| TokKind::Rbrace)]
    #[token(":", |_| TokKind::Colon)]
    #[token(",", |_| TokKind::Comma)]
    #[token(";", |_| TokKind::Semi)]
    #[token("+", |_| TokKind::Plus)]
    #[token("-", |_| TokKind::Minus)]
    #[token("*", |_| TokKind::Star)]
    #[token("/", |_| TokKind::Slash)]
    #[token("|", |_| TokKind::Vbar)]
    #[token("&", |_| TokKind::Amper)]
    #[token("<", |_| TokKind::Less)]
    #[token(">", |_| TokKind::Greater)]
    #[token("=", |_| TokKind::Equal)]
    #[token(".", |_| TokKind::Dot)]
    #[token("%", |_| TokKind::Percent)]
    #[token("==", |_| TokKind::EqEqual)]
    #[token("!=", |_| TokKind::NotEqual)]
    #[token("<>", |_| TokKind::NotEqual)]
    #[token("<=", |_| TokKind::LessEqual)]
    #[token(">=", |_| TokKind::GreaterEqual)]
    #[token("~", |_| TokKind::Tilde)]
    #[token("^", |_| TokKind::Circumflex)]
    #[token("<<", |_| TokKind::LeftShift)]
    #[token(">>", |_| TokKind::RightShift)]
    #[token("**", |_| TokKind::DoubleStar)]
    #[token("+=", |_| TokKind::PlusEqual)]
    #[token("-=", |_| TokKind::MinEqual)]
    #[token("*=", |_| TokKind::StarEqual)]
    #[token("/=", |_| TokKind::SlashEqual)]
    #[token("%=", |_| TokKind::PercentEqual)]
    #[token("&=", |_| TokKind::AmperEqual)]
    #[token("|=", |_| TokKind::VbarEqual)]
    #[token("^=", |_| TokKind::CircumflexEqual)]
    #[token("<<=", |_| TokKind::LeftShiftEqual)]
    #[token(">>=", |_| TokKind::RightShiftEqual)]
    #[token("**=", |_| TokKind::DoubleStarEqual)]
    #[token("//", |_| TokKind::DoubleSlash)]
    #[token("//=", |_| TokKind::DoubleSlashEqual)]
    #[token("@", |_| TokKind::At)]
    #[token("@=", |_| TokKind::AtEqual)]
    #[token("->", |_| TokKind::Rarrow)]
    #[token("...", |_| TokKind::Ellipsis)]
    #[token(":=", |_| TokKind::ColonEqual)]
    #[token("!", |_| TokKind::Exclamation)]
    Fixed(TokKind),
}
