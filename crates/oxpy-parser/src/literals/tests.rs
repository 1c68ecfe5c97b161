//! String and f-string literals against python3: each snippet of
//! `testdata/cases.txt` parsed whole, dumped with attributes, compared with
//! `testdata/cases.expected` (recorded by `scripts/record-ast-dumps`), and each line
//! of `testdata/errors.txt` compared with python3's message and position.

use crate::{Mode, parse};

fn cases(text: &str) -> Vec<&str> {
    text.split("\n====\n").collect()
}

#[test]
fn literal_dumps_match_python3() {
    let inputs = cases(include_str!("testdata/cases.txt"));
    let expected: Vec<&str> = include_str!("testdata/cases.expected").lines().collect();
    assert_eq!(
        inputs.len(),
        expected.len(),
        "re-record testdata/cases.expected"
    );
    let mut failures = Vec::new();
    for (case, want) in inputs.iter().zip(&expected) {
        let got = match parse(case, Mode::Exec) {
            Ok(tree) => oxpy_ast::dump(&tree, None, true),
            Err(e) => format!("SyntaxError: {}", e.msg),
        };
        if got != *want {
            failures.push(format!("{case:?}\n  got:  {got}\n  want: {want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

#[test]
fn literal_errors_match_python3() {
    let mut failures = Vec::new();
    let text = include_str!("testdata/errors.txt");
    let mut total = 0;
    for line in text.lines() {
        let Some((case, want)) = line.split_once(" => ") else {
            continue;
        };
        total += 1;
        let got = match parse(case, Mode::Exec) {
            Ok(_) => "OK".to_string(),
            Err(e) => format!("{} @{}:{}", e.msg, e.lineno, e.offset),
        };
        if got != want {
            failures.push(format!("{case}\n  got:  {got}\n  want: {want}"));
        }
    }
    assert!(total > 20);
    assert!(
        failures.is_empty(),
        "{} of {total} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
