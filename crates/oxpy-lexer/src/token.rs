//! The token contract between the lexer, the parser and `-m tokenize`.
//!
//! A token is a kind plus a byte span into the source; its text is `&src[span]`.
//! The lexer emits every token `tokenize` shows (COMMENT, NL included); the parser
//! skips the trivia kinds (see [`TokKind::is_trivia`]).

/// A position in the source: 1-based line, 0-based column in UTF-8 bytes (CPython's
/// `col_offset` convention), and the absolute byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Absolute byte offset in the source.
    pub offset: u32,
    /// 1-based line number.
    pub line: u32,
    /// 0-based column, in UTF-8 bytes from the start of the line.
    pub col: u32,
}

/// One token: kind and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokKind,
    /// First byte.
    pub start: Pos,
    /// Just past the last byte.
    pub end: Pos,
}

/// Token kinds. Keywords are split out of NAME so the grammar can use them directly;
/// soft keywords (`match`, `case`, `_`) stay `Name` and are resolved by the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokKind {
    // --- tokenize's own kinds ---
    /// An identifier (not a hard keyword). Text may need NFKC normalisation.
    Name,
    /// Any numeric literal (int, float, imaginary), text as written.
    Number,
    /// One string literal including prefix and quotes (f-strings too, as in 3.11).
    String,
    /// End of a logical line.
    Newline,
    /// A line break that does not end a logical line (blank line, inside brackets).
    Nl,
    /// `# ...` (trivia).
    Comment,
    /// Indentation increased.
    Indent,
    /// Indentation decreased (one per level).
    Dedent,
    /// End of input.
    EndMarker,
    // --- hard keywords ---
    /// `False`
    False,
    /// `None`
    None,
    /// `True`
    True,
    /// `and`
    And,
    /// `as`
    As,
    /// `assert`
    Assert,
    /// `async`
    Async,
    /// `await`
    Await,
    /// `break`
    Break,
    /// `class`
    Class,
    /// `continue`
    Continue,
    /// `def`
    Def,
    /// `del`
    Del,
    /// `elif`
    Elif,
    /// `else`
    Else,
    /// `except`
    Except,
    /// `finally`
    Finally,
    /// `for`
    For,
    /// `from`
    From,
    /// `global`
    Global,
    /// `if`
    If,
    /// `import`
    Import,
    /// `in`
    In,
    /// `is`
    Is,
    /// `lambda`
    Lambda,
    /// `nonlocal`
    Nonlocal,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `pass`
    Pass,
    /// `raise`
    Raise,
    /// `return`
    Return,
    /// `try`
    Try,
    /// `while`
    While,
    /// `with`
    With,
    /// `yield`
    Yield,
    // --- operators and delimiters (tokenize calls them all OP) ---
    /// `(`
    Lpar,
    /// `)`
    Rpar,
    /// `[`
    Lsqb,
    /// `]`
    Rsqb,
    /// `{`
    Lbrace,
    /// `}`
    Rbrace,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `|`
    Vbar,
    /// `&`
    Amper,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `=`
    Equal,
    /// `.`
    Dot,
    /// `%`
    Percent,
    /// `==`
    EqEqual,
    /// `!=`
    NotEqual,
    /// `<=`
    LessEqual,
    /// `>=`
    GreaterEqual,
    /// `~`
    Tilde,
    /// `^`
    Circumflex,
    /// `<<`
    LeftShift,
    /// `>>`
    RightShift,
    /// `**`
    DoubleStar,
    /// `+=`
    PlusEqual,
    /// `-=`
    MinEqual,
    /// `*=`
    StarEqual,
    /// `/=`
    SlashEqual,
    /// `%=`
    PercentEqual,
    /// `&=`
    AmperEqual,
    /// `|=`
    VbarEqual,
    /// `^=`
    CircumflexEqual,
    /// `<<=`
    LeftShiftEqual,
    /// `>>=`
    RightShiftEqual,
    /// `**=`
    DoubleStarEqual,
    /// `//`
    DoubleSlash,
    /// `//=`
    DoubleSlashEqual,
    /// `@`
    At,
    /// `@=`
    AtEqual,
    /// `->`
    Rarrow,
    /// `...`
    Ellipsis,
    /// `:=`
    ColonEqual,
    /// `!` (only meaningful inside f-string replacement fields)
    Exclamation,
}

impl TokKind {
    /// Kinds the parser never sees (`tokenize` shows them).
    pub fn is_trivia(self) -> bool {
        matches!(self, TokKind::Comment | TokKind::Nl)
    }
}
