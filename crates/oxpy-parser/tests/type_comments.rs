//! Type comments (`PyCF_TYPE_COMMENTS`, on in `python -m ast`) against CPython.
//!
//! `data/type_comment_cases.txt` holds the snippets; `data/type_comment_cases.expected`
//! holds, for each, `ast.dump(tree, include_attributes=True)` or the SyntaxError,
//! recorded from CPython 3.11 by `scripts/record-ast-dumps --type-comments`.

use oxpy_parser::{Mode, Options, parse_with};

#[test]
fn type_comments_match_cpython() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let cases = std::fs::read_to_string(format!("{dir}type_comment_cases.txt")).unwrap_or_default();
    let expected =
        std::fs::read_to_string(format!("{dir}type_comment_cases.expected")).unwrap_or_default();
    let cases: Vec<&str> = cases.split("\n====\n").collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(
        cases.len(),
        expected.len(),
        "re-run scripts/record-ast-dumps --type-comments"
    );
    let options = Options {
        type_comments: true,
    };
    let mut failures = Vec::new();
    for (src, want) in cases.iter().zip(&expected) {
        let got = match parse_with(src, Mode::Exec, options) {
            Ok(tree) => oxpy_ast::dump(&tree, None, true),
            Err(e) => format!(
                "{}: {} ({}, {}, {}, {})",
                e.kind.name(),
                e.msg,
                e.lineno,
                e.offset,
                e.end_lineno,
                e.end_offset
            ),
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

/// Without the flag, type comments are ordinary comments.
#[test]
fn type_comments_off_by_default() {
    let src = "x = 1  # type: int\nimport os  # type: ignore\nprint(1)  # type: int\n";
    let tree = oxpy_parser::parse(src, Mode::Exec).map(|t| oxpy_ast::dump(&t, None, false));
    assert_eq!(
        tree.as_deref(),
        Ok(
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), \
            Import(names=[alias(name='os')]), Expr(value=Call(func=Name(id='print', ctx=Load()), \
            args=[Constant(value=1)], keywords=[]))], type_ignores=[])"
        )
    );
}
