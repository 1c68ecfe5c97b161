//! Tokenizer errors against CPython: `data/errors.tsv` is recorded from python3 by
//! `record_errors.py` (each source run as a file). Tokenizer-level errors must match
//! exactly (message, kind, positions); sources CPython accepts must lex. (Parser-level
//! errors are the parser's to test: CPython may report them before reaching a
//! later tokenizer error.) CPython's `None` and `-1` positions are 0 here: the
//! `SyntaxError` fields are `u32`.

mod common;

use common::unescape;
use oxpy_lexer::{SyntaxError, lex};

/// Messages that come from CPython's tokenizer rather than its parser.
const TOKENIZER_MESSAGES: &[&str] = &[
    "unterminated",
    "was never closed",
    "unmatched",
    "closing parenthesis",
    "unindent does not match",
    "inconsistent use of tabs",
    "too many levels of indentation",
    "unexpected character after line continuation",
    "unexpected EOF while parsing",
    "invalid character",
    "invalid non-printable",
    "too many nested parentheses",
    "source code cannot contain null bytes",
    "literal",
];

fn clamp(n: &str) -> u32 {
    n.parse::<i64>().expect("number").max(0) as u32
}

#[test]
fn errors_match_cpython() {
    let data = include_str!("data/errors.tsv");
    let mut failures = Vec::new();
    for (i, row) in data.lines().enumerate() {
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 7, "row {i}");
        let src = unescape(cols[0]);
        let msg = cols[6];
        let tokenizer_error = cols[1] != "OK" && TOKENIZER_MESSAGES.iter().any(|m| msg.contains(m));
        let got = lex(&src);
        if tokenizer_error {
            let want = (
                cols[1].to_string(),
                msg.to_string(),
                clamp(cols[2]),
                clamp(cols[3]),
                clamp(cols[4]),
                clamp(cols[5]),
            );
            let got = got.err().map(|e: SyntaxError| {
                (
                    e.kind.name().to_string(),
                    e.msg,
                    e.lineno,
                    e.offset,
                    e.end_lineno,
                    e.end_offset,
                )
            });
            if got.as_ref() != Some(&want) {
                failures.push(format!("{:?}\n   want {want:?}\n   got  {got:?}", cols[0]));
            }
        } else if cols[1] == "OK"
            && let Err(e) = got
        {
            failures.push(format!("{:?}: want tokens, got {e:?}", cols[0]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
