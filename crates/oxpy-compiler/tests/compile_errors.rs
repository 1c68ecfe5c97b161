//! Compile-time SyntaxErrors (symbol table and codegen) against CPython 3.11's message
//! and position for each case in tests/data/errors.txt (recorded by
//! tests/support/record_errors.py from python3).

mod support;

#[test]
fn errors_match_cpython() {
    let data = include_str!("data/errors.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for case in data.split("=== case\n").skip(1) {
        let (src, rest) = case.split_once("--- ast\n").unwrap();
        let (ast, want) = rest.split_once("--- error\n").unwrap();
        let module = support::ast_reader::read_module(ast).unwrap();
        let got = match oxpy_compiler::compile(&module, "<test>") {
            Ok(_) => "OK".to_string(),
            Err(e) => format!(
                "{}|{}|{}|{}|{}",
                e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset
            ),
        };
        count += 1;
        if got != want.trim_end() {
            failures.push(format!("{src:?}\n  want {}\n  got  {got}", want.trim_end()));
        }
    }
    assert!(count > 20);
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
