//! Assignment and deletion targets: set `Store`/`Del` context through tuples, lists
//! and starred items, and report the first invalid target as CPython does.

use super::{Res, error};
use oxpy_ast::{Constant, Expr, ExprContext, ExprKind};

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

/// Does `e` begin with a `bitwise_or` (what CPython's `invalid_named_expression` looks for)?
fn starts_with_bitwise_or(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BoolOp { values, .. } => values.first().is_some_and(starts_with_bitwise_or),
        ExprKind::Compare { left, .. } => starts_with_bitwise_or(left),
        ExprKind::IfExp { body, .. } => starts_with_bitwise_or(body),
        ExprKind::Tuple { elts, .. } if !elts.is_empty() => starts_with_bitwise_or(&elts[0]),
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

/// The targets of `t1 = t2 = ... = value`, checked and set to `Store`.
pub fn assign_targets(targets: Vec<Expr>, value: &Expr) -> Res<Vec<Expr>> {
    let single = targets.len() == 1;
    let mut out = Vec::with_capacity(targets.len());
    for t in targets {
        if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
            return Err(error("assignment to yield expression not possible", t.loc));
        }
        if let Some(bad) = invalid_target(&t, false) {
            let name = expr_name(bad);
            if single && std::ptr::eq(bad, &t) && is_bitwise_or(&t) && starts_with_bitwise_or(value)
            {
                let msg =
                    format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?");
                return Err(error(msg, t.loc));
            }
            return Err(error(format!("cannot assign to {name}"), bad.loc));
        }
        out.push(store(t)?);
    }
    Ok(out)
}
