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
    /// A printable character with no token of its own (`$`, `?`, `` ` ``). CPython's
    /// tokenizer hands it to the parser as a generic OP; the parser then reports
    /// `invalid syntax` at it.
    Op,
}

impl TokKind {
    /// Kinds the parser never sees (`tokenize` shows them).
    pub fn is_trivia(self) -> bool {
        matches!(self, TokKind::Comment | TokKind::Nl)
    }

    /// A hard keyword (`tokenize` reports these as NAME).
    pub fn is_keyword(self) -> bool {
        matches!(
            self,
            TokKind::False
                | TokKind::None
                | TokKind::True
                | TokKind::And
                | TokKind::As
                | TokKind::Assert
                | TokKind::Async
                | TokKind::Await
                | TokKind::Break
                | TokKind::Class
                | TokKind::Continue
                | TokKind::Def
                | TokKind::Del
                | TokKind::Elif
                | TokKind::Else
                | TokKind::Except
                | TokKind::Finally
                | TokKind::For
                | TokKind::From
                | TokKind::Global
                | TokKind::If
                | TokKind::Import
                | TokKind::In
                | TokKind::Is
                | TokKind::Lambda
                | TokKind::Nonlocal
                | TokKind::Not
                | TokKind::Or
                | TokKind::Pass
                | TokKind::Raise
                | TokKind::Return
                | TokKind::Try
                | TokKind::While
                | TokKind::With
                | TokKind::Yield
        )
    }

    /// The name Python's `token` module gives this kind with exact operator types
    /// (`tokenize -e`): `NAME` for keywords, `LPAR` for `(`, ... `!` and [`TokKind::Op`]
    /// have no exact type in 3.11 and give `OP`.
    pub fn exact_name(self) -> &'static str {
        use TokKind::*;
        match self {
            Name => "NAME",
            Number => "NUMBER",
            String => "STRING",
            Newline => "NEWLINE",
            Nl => "NL",
            Comment => "COMMENT",
            Indent => "INDENT",
            Dedent => "DEDENT",
            EndMarker => "ENDMARKER",
            Lpar => "LPAR",
            Rpar => "RPAR",
            Lsqb => "LSQB",
            Rsqb => "RSQB",
            Lbrace => "LBRACE",
            Rbrace => "RBRACE",
            Colon => "COLON",
            Comma => "COMMA",
            Semi => "SEMI",
            Plus => "PLUS",
            Minus => "MINUS",
            Star => "STAR",
            Slash => "SLASH",
            Vbar => "VBAR",
            Amper => "AMPER",
            Less => "LESS",
            Greater => "GREATER",
            Equal => "EQUAL",
            Dot => "DOT",
            Percent => "PERCENT",
            EqEqual => "EQEQUAL",
            NotEqual => "NOTEQUAL",
            LessEqual => "LESSEQUAL",
            GreaterEqual => "GREATEREQUAL",
            Tilde => "TILDE",
            Circumflex => "CIRCUMFLEX",
            LeftShift => "LEFTSHIFT",
            RightShift => "RIGHTSHIFT",
            DoubleStar => "DOUBLESTAR",
            PlusEqual => "PLUSEQUAL",
            MinEqual => "MINEQUAL",
            StarEqual => "STAREQUAL",
            SlashEqual => "SLASHEQUAL",
            PercentEqual => "PERCENTEQUAL",
            AmperEqual => "AMPEREQUAL",
            VbarEqual => "VBAREQUAL",
            CircumflexEqual => "CIRCUMFLEXEQUAL",
            LeftShiftEqual => "LEFTSHIFTEQUAL",
            RightShiftEqual => "RIGHTSHIFTEQUAL",
            DoubleStarEqual => "DOUBLESTAREQUAL",
            DoubleSlash => "DOUBLESLASH",
            DoubleSlashEqual => "DOUBLESLASHEQUAL",
            At => "AT",
            AtEqual => "ATEQUAL",
            Rarrow => "RARROW",
            Ellipsis => "ELLIPSIS",
            ColonEqual => "COLONEQUAL",
            Exclamation | Op => "OP",
            _ => "NAME",
        }
    }

    /// `tokenize`'s (non-exact) name: every operator is `OP`.
    pub fn tokenize_name(self) -> &'static str {
        match self.exact_name() {
            name @ ("NAME" | "NUMBER" | "STRING" | "NEWLINE" | "NL" | "COMMENT" | "INDENT"
            | "DEDENT" | "ENDMARKER") => name,
            _ => "OP",
        }
    }
}
