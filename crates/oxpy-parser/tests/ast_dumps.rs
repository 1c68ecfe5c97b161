//! Table-driven check of the AST, node locations included, against CPython.
//!
//! `data/ast_cases.txt` holds the snippets; `data/ast_cases.expected` holds
//! `ast.dump(tree, include_attributes=True)` for each, recorded from CPython 3.11 by
//! `scripts/record-ast-dumps`.

use oxpy_parser::{Mode, parse};

fn mode_of(src: &str) -> Mode {
    match src.lines().next() {
        Some("#mode: eval") => Mode::Eval,
        Some("#mode: single") => Mode::Single,
        _ => Mode::Exec,
    }
}

#[test]
fn ast_dumps_match_cpython() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let cases = std::fs::read_to_string(format!("{dir}ast_cases.txt")).unwrap_or_default();
    let expected = std::fs::read_to_string(format!("{dir}ast_cases.expected")).unwrap_or_default();
    let cases: Vec<&str> = cases.split("\n====\n").collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(
        cases.len(),
        expected.len(),
        "re-run scripts/record-ast-dumps"
    );
    let mut failures = Vec::new();
    for (src, want) in cases.iter().zip(&expected) {
        let got = match parse(src, mode_of(src)) {
            Ok(tree) => oxpy_ast::dump(&tree, None, true),
            Err(e) => format!("{e:?}"),
        };
        if got != *want {
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
