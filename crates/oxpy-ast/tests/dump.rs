//! `ast.dump` layouts (one line, indented, attributes) of a hand-built tree against
//! python3's dumps of the same source, recorded by `tests/data/gen-dump-cases.py`.

use oxpy_ast::*;

fn loc(lineno: u32, col_offset: u32, end_lineno: u32, end_col_offset: u32) -> Loc {
    Loc {
        lineno,
        col_offset,
        end_lineno,
        end_col_offset,
    }
}

/// The tree of `f"{x!r:>3}"\n1.5`.
fn tree() -> Mod {
    let whole = loc(1, 0, 1, 11);
    let expr = |kind: ExprKind, loc: Loc| Expr { kind, loc };
    let spec = expr(
        ExprKind::JoinedStr {
            values: vec![expr(
                ExprKind::Constant {
                    value: Constant::Str(PyStr::from(">3")),
                    kind: None,
                },
                whole,
            )],
        },
        whole,
    );
    let name = expr(
        ExprKind::Name {
            id: "x".into(),
            ctx: ExprContext::Load,
        },
        loc(1, 3, 1, 4),
    );
    let fv = expr(
        ExprKind::FormattedValue {
            value: Box::new(name),
            conversion: 114,
            format_spec: Some(Box::new(spec)),
        },
        whole,
    );
    let joined = expr(ExprKind::JoinedStr { values: vec![fv] }, whole);
    let float = expr(
        ExprKind::Constant {
            value: Constant::Float(1.5),
            kind: None,
        },
        loc(2, 0, 2, 3),
    );
    Mod::Module {
        body: vec![
            Stmt {
                kind: StmtKind::Expr {
                    value: Box::new(joined),
                },
                loc: whole,
            },
            Stmt {
                kind: StmtKind::Expr {
                    value: Box::new(float),
                },
                loc: loc(2, 0, 2, 3),
            },
        ],
        type_ignores: vec![],
    }
}

/// The string value of `"key": "..."` in the recorded JSON (ASCII, `\n` and `\"`
/// escapes only, as `json.dump` writes these dumps).
fn json_cases(text: &str) -> Vec<(Option<usize>, bool, String)> {
    let mut out = Vec::new();
    for obj in text.split('{').skip(1) {
        let field = |key: &str| {
            let at = obj.find(&format!("\"{key}\": ")).expect("key") + key.len() + 4;
            &obj[at..]
        };
        let indent = field("indent");
        let indent = if indent.starts_with("null") {
            None
        } else {
            Some(
                indent[..indent.find(',').expect("comma")]
                    .parse()
                    .expect("int"),
            )
        };
        let attrs = field("attributes").starts_with("true");
        let dump = field("dump");
        let mut s = String::new();
        let mut chars = dump[1..].chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some(other) => s.push(other),
                    None => break,
                },
                c => s.push(c),
            }
        }
        out.push((indent, attrs, s));
    }
    out
}

#[test]
fn dump_layouts_match_python3() {
    let cases = json_cases(include_str!("data/dump_cases.json"));
    assert_eq!(cases.len(), 5);
    let tree = tree();
    for (indent, attrs, want) in cases {
        let pad = indent.map(|n| " ".repeat(n));
        assert_eq!(
            dump(&tree, pad.as_deref(), attrs),
            want,
            "indent={indent:?} attributes={attrs}"
        );
    }
}
