//! Table-driven check of CPython's syntax-error messages and positions.
//!
//! `data/syntax_errors.txt` holds the snippets; `data/syntax_errors.expected` is what
//! CPython 3.11's parser said about each, recorded by `scripts/record-syntax-errors`.

use oxpy_parser::{Mode, parse};

fn actual(src: &str) -> String {
    match parse(src, Mode::Exec) {
        Ok(_) => "OK".to_string(),
        Err(e) => format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            e.kind.name(),
            e.msg,
            e.lineno,
            e.offset,
            e.end_lineno,
            e.end_offset
        ),
    }
}

/// CPython reports `end_offset == -1` for some errors; our field is unsigned and
/// holds 0 there.
fn expected_line(line: &str) -> String {
    let mut fields: Vec<&str> = line.split('\t').collect();
    if fields.len() == 6 && fields[5] == "-1" {
        fields[5] = "0";
    }
    fields.join("\t")
}

#[test]
fn syntax_errors_match_cpython() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let cases = std::fs::read_to_string(format!("{dir}syntax_errors.txt")).unwrap_or_default();
    let expected =
        std::fs::read_to_string(format!("{dir}syntax_errors.expected")).unwrap_or_default();
    let cases: Vec<&str> = cases.split("\n====\n").collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(
        cases.len(),
        expected.len(),
        "re-run scripts/record-syntax-errors"
    );
    let mut failures = Vec::new();
    for (src, want) in cases.iter().zip(&expected) {
        let want = expected_line(want);
        let got = actual(src);
        if got != want {
            failures.push(format!("{src:?}\n   want {want}\n   got  {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
