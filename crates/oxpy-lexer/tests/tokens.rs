//! Token streams against python3's `tokenize` (exact types): `data/tokens.txt` is
//! recorded by `record_tokens.py`. This checks every token's kind, text and position
//! through [`oxpy_lexer::tokenize_py`], the same view `oxpy -m tokenize` prints.

mod common;

use common::unescape;

#[test]
fn token_streams_match_python_tokenize() {
    let data = include_str!("data/tokens.txt");
    let mut cases: Vec<(String, Vec<String>)> = Vec::new();
    for line in data.lines() {
        if let Some(src) = line.strip_prefix("=== ") {
            cases.push((unescape(src), Vec::new()));
        } else if let Some((_, want)) = cases.last_mut() {
            want.push(line.to_string());
        }
    }
    assert!(cases.len() > 50, "data file read");
    let mut failures = Vec::new();
    for (src, want) in &cases {
        let got: Vec<String> = match oxpy_lexer::tokenize_py::tokens(src, true) {
            Ok(tokens) => tokens
                .iter()
                .map(|t| {
                    format!(
                        "{}\t{},{}\t{},{}\t{}",
                        t.kind,
                        t.start.0,
                        t.start.1,
                        t.end.0,
                        t.end.1,
                        escape(t.text)
                    )
                })
                .collect(),
            Err(e) => vec![format!("error: {e:?}")],
        };
        if &got != want {
            failures.push(format!("{src:?}\n  want {want:#?}\n  got  {got:#?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `record_errors.py`'s `esc`.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\x7f' || ('\u{80}'..'\u{a0}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}
