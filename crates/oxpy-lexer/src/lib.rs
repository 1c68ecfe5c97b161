//! The Python 3.11 lexer: logos token rules plus one hand-written layout pass.
//!
//! [`decode_source`] turns file bytes into text (BOM, PEP 263 coding declarations,
//! line breaks normalised); [`lex`] or [`Lexer`] turn text into [`Token`]s with
//! CPython's rules and error messages.

mod codecs;
mod decode;
pub mod error;
mod ident;
mod layout;
mod raw;
mod scan;
pub mod token;
pub mod tokenize_py;

pub use decode::{decode_as, decode_file, decode_source, detect_encoding};
pub use error::{ErrorKind, SyntaxError};
pub use ident::{is_alnum, is_printable, normalize_name};
pub use layout::Lexer;
pub use token::{Pos, TokKind, Token};

/// Tokenize `src` completely: every token (COMMENT and NL included) through
/// ENDMARKER, or the first error.
pub fn lex(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut tokens = Vec::with_capacity(src.len() / 4 + 8);
    for token in Lexer::new(src) {
        tokens.push(token?);
    }
    Ok(tokens)
}

/// Tokenize `src` up to the first error: the tokens before it and the error, if any.
/// CPython's parser reports a tokenizer error only when it reaches that token, and
/// replaces a generic `invalid syntax` by a later tokenizer error; this gives the
/// parser both pieces.
pub fn lex_until_error(src: &str) -> (Vec<Token>, Option<SyntaxError>) {
    let mut tokens = Vec::with_capacity(src.len() / 4 + 8);
    for token in Lexer::new(src) {
        match token {
            Ok(token) => tokens.push(token),
            Err(err) => return (tokens, Some(err)),
        }
    }
    (tokens, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns are UTF-8 bytes and multi-line strings end on their last line, as
    /// CPython's `col_offset`: python3's `ast.parse` of this source gives the name
    /// `é` cols 0..2, the value `1` col 5, the string 3:8..4:4 and `z` 4:7.
    #[test]
    fn positions_are_cpython_col_offsets() {
        let src = "é = 1\nif x:\n    y = \"\"\"a\nb\"\"\" + z\n";
        let tokens = lex(src).expect("lexes");
        let find = |kind: TokKind, n: usize| {
            *tokens
                .iter()
                .filter(|t| t.kind == kind)
                .nth(n)
                .expect("token")
        };
        let name = find(TokKind::Name, 0);
        assert_eq!((name.start.col, name.end.col), (0, 2));
        assert_eq!(find(TokKind::Number, 0).start.col, 5);
        let string = find(TokKind::String, 0);
        assert_eq!(
            (
                string.start.line,
                string.start.col,
                string.end.line,
                string.end.col
            ),
            (3, 8, 4, 4)
        );
        let z = find(TokKind::Name, 3);
        assert_eq!((z.start.line, z.start.col), (4, 7));
        assert_eq!(&src[z.start.offset as usize..z.end.offset as usize], "z");
    }

    #[test]
    fn stops_at_first_error() {
        let (tokens, err) = lex_until_error("x = (1,\ny = 2]\n");
        assert!(tokens.iter().any(|t| t.kind == TokKind::Lpar));
        let err = err.expect("error");
        // Message from python3 for this source (see tests/data/errors.tsv for more).
        assert!(
            err.msg
                .starts_with("closing parenthesis ']' does not match")
        );
        assert_eq!(err.lineno, 2);
    }
}
