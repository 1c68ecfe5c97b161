//! Print `ast.dump(ast.parse(FILE), include_attributes=True)` as oxpy sees it, or the
//! `SyntaxError` as `ERR <class> <msg> <lineno> <offset> <end_lineno> <end_offset>`.
//!
//! usage: ast_dump FILE [exec|eval|single] [TOKENS]
//!
//! TOKENS (optional, for checking the grammar independently of the lexer) is a file
//! of `Kind line col offset end_line end_col end_offset` lines.

use oxpy_lexer::{Pos, TokKind, Token};
use oxpy_parser::{Mode, parse, parse_tokens};

fn kind(name: &str) -> Option<TokKind> {
    use TokKind::*;
    let all = [
        Name,
        Number,
        String,
        Newline,
        Nl,
        Comment,
        Indent,
        Dedent,
        EndMarker,
        False,
        None,
        True,
        And,
        As,
        Assert,
        Async,
        Await,
        Break,
        Class,
        Continue,
        Def,
        Del,
        Elif,
        Else,
        Except,
        Finally,
        For,
        From,
        Global,
        If,
        Import,
        In,
        Is,
        Lambda,
        Nonlocal,
        Not,
        Or,
        Pass,
        Raise,
        Return,
        Try,
        While,
        With,
        Yield,
        Lpar,
        Rpar,
        Lsqb,
        Rsqb,
        Lbrace,
        Rbrace,
        Colon,
        Comma,
        Semi,
        Plus,
        Minus,
        Star,
        Slash,
        Vbar,
        Amper,
        Less,
        Greater,
        Equal,
        Dot,
        Percent,
        EqEqual,
        NotEqual,
        LessEqual,
        GreaterEqual,
        Tilde,
        Circumflex,
        LeftShift,
        RightShift,
        DoubleStar,
        PlusEqual,
        MinEqual,
        StarEqual,
        SlashEqual,
        PercentEqual,
        AmperEqual,
        VbarEqual,
        CircumflexEqual,
        LeftShiftEqual,
        RightShiftEqual,
        DoubleStarEqual,
        DoubleSlash,
        DoubleSlashEqual,
        At,
        AtEqual,
        Rarrow,
        Ellipsis,
        ColonEqual,
        Exclamation,
    ];
    all.into_iter().find(|k| format!("{k:?}") == name)
}

fn read_tokens(path: &str) -> Vec<Token> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(' ').collect();
            let n = |i: usize| f.get(i).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
            Some(Token {
                kind: kind(f.first()?)?,
                start: Pos {
                    line: n(1),
                    col: n(2),
                    offset: n(3),
                },
                end: Pos {
                    line: n(4),
                    col: n(5),
                    offset: n(6),
                },
            })
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: ast_dump FILE [exec|eval|single] [TOKENS]");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let mode = match args.get(2).map(String::as_str) {
        Some("eval") => Mode::Eval,
        Some("single") => Mode::Single,
        _ => Mode::Exec,
    };
    let result = match args.get(3) {
        Some(tokens) => parse_tokens(&source, &read_tokens(tokens), mode),
        None => parse(&source, mode),
    };
    match result {
        Ok(module) => println!("{}", oxpy_ast::dump(&module, None, true)),
        Err(e) => println!(
            "ERR {} {:?} {} {} {} {}",
            e.kind.name(),
            e.msg,
            e.lineno,
            e.offset,
            e.end_lineno,
            e.end_offset
        ),
    }
}
