//! insta snapshots of oxpy's `dis` listing for small programs (tests/dis/NAME.py,
//! compiled from CPython's exported AST so the snapshots do not move with the parser).

mod support;

fn listing(name: &str) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/dis");
    let ast = std::fs::read_to_string(dir.join(format!("{name}.ast"))).unwrap();
    let module = support::ast_reader::read_module(&ast).unwrap();
    let code = oxpy_compiler::compile(&module, &format!("tests/dis/{name}.py")).unwrap();
    let text = oxpy_bytecode::dis::dis(&code);
    // Code-object addresses vary from run to run.
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(p) = rest.find(" at 0x") {
        out.push_str(&rest[..p]);
        out.push_str(" at 0x?");
        rest = rest[p + 6..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[test]
fn dis_exceptions() {
    insta::assert_snapshot!(listing("exceptions"));
}

#[test]
fn dis_closures() {
    insta::assert_snapshot!(listing("closures"));
}

#[test]
fn dis_generators() {
    insta::assert_snapshot!(listing("generators"));
}

#[test]
fn dis_comprehensions() {
    insta::assert_snapshot!(listing("comprehensions"));
}

#[test]
fn dis_flow() {
    insta::assert_snapshot!(listing("flow"));
}
