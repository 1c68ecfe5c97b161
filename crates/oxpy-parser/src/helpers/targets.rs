//! Assignment and deletion targets: set `Store`/`Del` context through tuples, lists
//! and starred items, and report the first invalid target as CPython does.

use super::{Res, error};
use oxpy_ast::{Constant, Expr, ExprContext, ExprKind};
use oxpy_lexer::Pos;

/// How CPython names an expression in "cannot assign to X" messages.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first sub-expression of `e` that cannot be a target (for `del` when `del`).
pub fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Starred { value, .. } if !del => invalid_target(value, del),
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, del))
        }
        _ => Some(e),
    }
}

fn set_ctx(e: &mut Expr, ctx: ExprContext) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { ctx: c, value } => {
            *c = ctx;
            set_ctx(value, ctx);
        }
        ExprKind::Tuple { ctx: c, elts } | ExprKind::List { ctx: c, elts } => {
            *c = ctx;
            elts.iter_mut().for_each(|x| set_ctx(x, ctx));
        }
        _ => {}
    }
}

/// `e` as an assignment target (`for`, `with ... as`, comprehensions).
pub fn store(mut e: Expr) -> Res<Expr> {
    if let Some(bad) = invalid_target(&e, false) {
        return Err(error(
            format!("cannot assign to {}", expr_name(bad)),
            bad.loc,
        ));
    }
    set_ctx(&mut e, ExprContext::Store);
    Ok(e)
}

/// `e` as a `del` target.
pub fn delete(mut e: Expr) -> Res<Expr> {
    if let Some(bad) = invalid_target(&e, true) {
        return Err(error(format!("cannot delete {}", expr_name(bad)), bad.loc));
    }
    set_ctx(&mut e, ExprContext::Del);
    Ok(e)
}

/// Does `e`, whose source begins at `start`, begin with a `bitwise_or` (what CPython's
/// `invalid_named_expression` looks for)?
fn starts_with_bitwise_or(e: &Expr, start: Pos) -> bool {
    if parenthesised(e, start) {
        return true;
    }
    match &e.kind {
        ExprKind::BoolOp { values, .. } => values
            .first()
            .is_some_and(|v| starts_with_bitwise_or(v, start)),
        ExprKind::Compare { left, .. } => starts_with_bitwise_or(left, start),
        ExprKind::IfExp { body, .. } => starts_with_bitwise_or(body, start),
        ExprKind::Tuple { elts, .. } if !elts.is_empty() => starts_with_bitwise_or(&elts[0], start),
        ExprKind::Starred { .. }
        | ExprKind::Yield { .. }
        | ExprKind::YieldFrom { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::NamedExpr { .. } => false,
        ExprKind::UnaryOp { op, .. } => *op != oxpy_ast::Unaryop::Not,
        _ => true,
    }
}

/// Is `e` a `bitwise_or`-level expression (no boolean, comparison, conditional ...)?
fn is_bitwise_or(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BoolOp { .. }
        | ExprKind::Compare { .. }
        | ExprKind::IfExp { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::NamedExpr { .. }
        | ExprKind::Starred { .. }
        | ExprKind::Yield { .. }
        | ExprKind::YieldFrom { .. }
        | ExprKind::Tuple { .. }
        | ExprKind::List { .. }
        | ExprKind::GeneratorExp { .. } => false,
        ExprKind::UnaryOp { op, .. } => *op != oxpy_ast::Unaryop::Not,
        ExprKind::Constant { value, .. } => !matches!(value, Constant::None | Constant::Bool(_)),
        _ => true,
    }
}

/// Is `e`, whose source begins at `start` (before any opening parentheses), written
/// in parentheses? Then it is an atom whatever its kind. CPython's nodes start at
/// their first token, so a node starting later than its source is parenthesised.
fn parenthesised(e: &Expr, start: Pos) -> bool {
    (e.loc.lineno, e.loc.col_offset) != (start.line, start.col)
}

/// The targets of `t1 = t2 = ... = value`, checked and set to `Store`. `first_start`
/// and `value_start` are where the first target and the value begin in the source.
pub fn assign_targets(
    targets: Vec<Expr>,
    first_start: Pos,
    value: &Expr,
    value_start: Pos,
) -> Res<Vec<Expr>> {
    // CPython's `invalid_named_expression`: `bitwise_or '=' bitwise_or !('='|':=')`
    // where the target is not a list, tuple, genexp, True, None or False token.
    if let [t] = targets.as_slice()
        && (invalid_target(t, false).is_some() || is_yield(t))
        && starts_with_bitwise_or(value, value_start)
    {
        let hint = if parenthesised(t, first_start) {
            Some(t)
        } else {
            invalid_target(t, false).filter(|bad| std::ptr::eq(*bad, t) && is_bitwise_or(t))
        };
        if let Some(t) = hint {
            let name = expr_name(t);
            let msg = format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?");
            return Err(error(msg, t.loc));
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for t in targets {
        if is_yield(&t) {
            return Err(error("assignment to yield expression not possible", t.loc));
        }
        if let Some(bad) = invalid_target(&t, false) {
            let name = expr_name(bad);
            return Err(error(format!("cannot assign to {name}"), bad.loc));
        }
        out.push(store(t)?);
    }
    Ok(out)
}

fn is_yield(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. })
}
