//! Compiles every tests/dis/NAME.py (from the AST CPython exported into NAME.ast) and
//! compares oxpy's `dis` listing with python3's recorded NAME.dis (addresses masked).
//! Re-record with `scripts/dis-parity --record`.

mod support;

use std::path::PathBuf;

fn mask(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find("0x") {
        out.push_str(&rest[..p]);
        out.push_str("0x?");
        rest = rest[p + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit() || c == '?');
    }
    out.push_str(rest);
    out
}

/// tests/dis, or the directory named by `DIS_PARITY_DIR` (for ad-hoc runs over other
/// recorded programs; the floors below only apply to tests/dis).
fn dis_dir() -> PathBuf {
    match std::env::var("DIS_PARITY_DIR") {
        Ok(d) => PathBuf::from(d),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/dis"),
    }
}

fn floor(n: usize) -> usize {
    if std::env::var("DIS_PARITY_DIR").is_ok() {
        0
    } else {
        n
    }
}

/// oxpy's listing of tests/dis/NAME.py.
pub fn oxpy_dis(name: &str) -> String {
    let ast = std::fs::read_to_string(dis_dir().join(format!("{name}.ast"))).unwrap();
    let module = support::ast_reader::read_module(&ast).unwrap();
    match oxpy_compiler::compile(&module, &format!("tests/dis/{name}.py")) {
        Ok(code) => oxpy_bytecode::dis::dis(&code),
        Err(e) => format!("SyntaxError: {} (line {})\n", e.msg, e.lineno),
    }
}

#[test]
fn dis_parity() {
    let mut names: Vec<String> = std::fs::read_dir(dis_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".py")
                .map(String::from)
        })
        .collect();
    names.sort();
    let mut same = 0;
    let mut differing = Vec::new();
    for name in &names {
        let want = std::fs::read_to_string(dis_dir().join(format!("{name}.dis"))).unwrap();
        let got = oxpy_dis(name);
        if mask(&want) == mask(&got) {
            same += 1;
        } else {
            differing.push(name.clone());
            if std::env::var("DIS_DIFF").is_ok_and(|v| v == *name || v == "all") {
                let dir = std::env::temp_dir();
                std::fs::write(dir.join(format!("{name}.want")), mask(&want)).unwrap();
                std::fs::write(dir.join(format!("{name}.got")), mask(&got)).unwrap();
            }
        }
    }
    println!(
        "dis parity: {same}/{} files identical; differing: {differing:?}",
        names.len()
    );
    // Raise this floor as coverage grows; it guards against regressions.
    assert!(
        same >= MIN_IDENTICAL,
        "dis parity fell to {same}/{}",
        names.len()
    );
}

const MIN_IDENTICAL: usize = 19;

fn tuple(items: &[&str]) -> String {
    match items {
        [] => "()".into(),
        [one] => format!("('{one}',)"),
        _ => format!(
            "({})",
            items
                .iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn attrs(code: &oxpy_bytecode::CodeObject, out: &mut String) {
    let names: Vec<&str> = code.co_names.iter().map(String::as_str).collect();
    out.push_str(&format!(
        "{} {} {} {} {} {} {} {} {} {} {} {} {} {}\n",
        code.co_name,
        code.co_argcount,
        code.co_posonlyargcount,
        code.co_kwonlyargcount,
        code.co_stacksize,
        code.co_flags.0,
        code.co_firstlineno,
        code.co_nlocals(),
        tuple(&code.co_varnames()),
        tuple(&code.co_cellvars()),
        tuple(&code.co_freevars()),
        tuple(&names),
        hex(&code.co_linetable),
        hex(&code.co_exceptiontable),
    ));
    for c in &code.co_consts {
        if let oxpy_bytecode::Const::Code(inner) = c {
            attrs(inner, out);
        }
    }
}

/// Code-object attributes `dis` does not show (stack size, flags, local names, the
/// location and exception tables) against python3's, per code object.
#[test]
fn code_attributes_match() {
    let mut names: Vec<String> = std::fs::read_dir(dis_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".py")
                .map(String::from)
        })
        .collect();
    names.sort();
    let mut bad = Vec::new();
    let mut total = 0;
    for name in &names {
        let want = std::fs::read_to_string(dis_dir().join(format!("{name}.attrs"))).unwrap();
        let ast = std::fs::read_to_string(dis_dir().join(format!("{name}.ast"))).unwrap();
        let module = support::ast_reader::read_module(&ast).unwrap();
        let Ok(code) = oxpy_compiler::compile(&module, &format!("tests/dis/{name}.py")) else {
            bad.push(format!("{name}: compile error"));
            continue;
        };
        let mut got = String::new();
        attrs(&code, &mut got);
        for (w, g) in want.lines().zip(got.lines()) {
            total += 1;
            if w != g {
                bad.push(format!("{name}:\n  want {w}\n  got  {g}"));
            }
        }
    }
    println!(
        "code attributes: {}/{total} code objects identical",
        total - bad.len()
    );
    if std::env::var("ATTRS_DIFF").is_ok() {
        println!("{}", bad.join("\n"));
    }
    assert!(
        total - bad.len() >= floor(MIN_ATTRS_IDENTICAL),
        "{}",
        bad.join("\n")
    );
}

const MIN_ATTRS_IDENTICAL: usize = 98;
