//! `parse_fstring_expression` reports nodes in file coordinates, with CPython 3.11's
//! virtual parentheses around the field. Expected dumps come from python3:
//! `ast.dump(ast.parse('f"{a, b}"'), include_attributes=True)` and the like.

use oxpy_lexer::Pos;
use oxpy_parser::parse_fstring_expression;

#[test]
fn tuple_field_includes_the_virtual_parentheses() {
    // f"{a, b}": the field text starts at column 3.
    let start = Pos {
        offset: 3,
        line: 1,
        col: 3,
    };
    let expr = parse_fstring_expression("a, b", start).map_err(|e| e.msg);
    let dump = expr.map(|e| oxpy_ast::dump(&e, None, true));
    let want = "Tuple(elts=[Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), Name(id='b', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=8)";
    assert_eq!(dump.as_deref(), Ok(want));
}

#[test]
fn field_on_a_later_line() {
    // x = 1\nf"{a + b}": `a + b` starts at line 2, column 3.
    let start = Pos {
        offset: 9,
        line: 2,
        col: 3,
    };
    let expr = parse_fstring_expression("a + b", start).map_err(|e| e.msg);
    let dump = expr.map(|e| oxpy_ast::dump(&e, None, true));
    let want = "BinOp(left=Name(id='a', ctx=Load(), lineno=2, col_offset=3, end_lineno=2, end_col_offset=4), op=Add(), right=Name(id='b', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=8), lineno=2, col_offset=3, end_lineno=2, end_col_offset=8)";
    assert_eq!(dump.as_deref(), Ok(want));
}

#[test]
fn bad_field_is_a_syntax_error() {
    let start = Pos {
        offset: 3,
        line: 1,
        col: 3,
    };
    assert!(parse_fstring_expression("a b c)", start).is_err());
}
