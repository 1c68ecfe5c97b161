//! Decoding source bytes against python3: `data/decode.tsv` is recorded by
//! `record_decode.py` (each source run as `python3 x.py`; decoded text from python3's
//! own universal-newline reading).

mod common;

use common::unescape;

fn from_hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn decoding_matches_python() {
    let mut failures = Vec::new();
    for row in include_str!("data/decode.tsv").lines() {
        let cols: Vec<&str> = row.splitn(3, '\t').collect();
        let bytes = from_hex(cols[0]);
        let got = oxpy_lexer::decode_file(&bytes, "x.py");
        match (cols[1], got) {
            ("OK", Ok(text)) if text == unescape(cols[2]) => {}
            // CPython raises these from its parser while decoding a string literal
            // (the file claimed UTF-8 via BOM or declaration): not a decoding error.
            ("ERR", Err(_)) if cols[2].starts_with("(unicode error)") => {}
            ("ERR", Err(e)) if e.msg == cols[2] => {}
            (_, got) => failures.push(format!(
                "{}: want {} {:?}, got {got:?}",
                cols[0], cols[1], cols[2]
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tokenize_encoding_names() {
    // What python3's tokenize.detect_encoding returns for these first lines
    // (ENCODING shows "utf-8" for "utf-8-sig").
    let cases: &[(&[u8], &str)] = &[
        (b"x = 1\n", "utf-8"),
        (b"# coding: latin-1\n", "iso-8859-1"),
        (b"# coding: latin1\n", "latin1"),
        (b"#!python\n# coding=cp1252\n", "cp1252"),
        (b"\xef\xbb\xbfx = 1\n", "utf-8"),
        (b"# -*- coding: UTF_8 -*-\n", "utf-8"),
    ];
    for (bytes, want) in cases {
        let got = oxpy_lexer::detect_encoding(bytes).map(|(name, _)| name);
        assert_eq!(got.as_deref(), Ok(*want), "{bytes:?}");
    }
}
