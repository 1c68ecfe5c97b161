//! Expression nodes: atoms, operators, displays, comprehensions, calls, lambdas.

use super::{Res, arguments, error, targets};
use crate::helpers::{CallArg, Param};
use oxpy_ast::{
    Boolop, Cmpop, Comprehension, Constant, Expr, ExprContext, ExprKind, Loc, Operator, Unaryop,
};
use oxpy_lexer::Pos;

fn node(kind: ExprKind, loc: Loc) -> Expr {
    Expr { kind, loc }
}

/// An identifier as CPython stores it: NFKC-normalised.
pub fn identifier(text: &str) -> String {
    oxpy_lexer::normalize_name(text).into_owned()
}

/// `v` with `last` appended.
pub fn push<T>(mut v: Vec<T>, last: T) -> Vec<T> {
    v.push(last);
    v
}

/// `v` with `last` appended if present.
pub fn push_opt<T>(mut v: Vec<T>, last: Option<T>) -> Vec<T> {
    v.extend(last);
    v
}

/// `first` followed by `rest`.
pub fn prepend<T>(first: T, rest: Vec<T>) -> Vec<T> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend(rest);
    v
}

/// `ast.Name` in load context.
pub fn name(id: String, loc: Loc) -> Expr {
    node(
        ExprKind::Name {
            id,
            ctx: ExprContext::Load,
        },
        loc,
    )
}

fn constant(value: Constant, loc: Loc) -> Expr {
    node(ExprKind::Constant { value, kind: None }, loc)
}

/// `True` / `False`.
pub fn bool_(value: bool, loc: Loc) -> Expr {
    constant(Constant::Bool(value), loc)
}

/// `None`.
pub fn none(loc: Loc) -> Expr {
    constant(Constant::None, loc)
}

/// `...`.
pub fn ellipsis(loc: Loc) -> Expr {
    constant(Constant::Ellipsis, loc)
}

/// A numeric literal.
pub fn number(text: &str, start: Pos, end: Pos) -> Res<Expr> {
    let value =
        crate::literals::parse_number(text, start, end).map_err(crate::errors::ParseErr::Final)?;
    Ok(constant(value, super::loc(start, end)))
}

/// `ast.Tuple` in load context.
pub fn tuple(elts: Vec<Expr>, loc: Loc) -> Expr {
    node(
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        },
        loc,
    )
}

/// `ast.List` in load context.
pub fn list(elts: Vec<Expr>, loc: Loc) -> Expr {
    node(
        ExprKind::List {
            elts,
            ctx: ExprContext::Load,
        },
        loc,
    )
}

/// `ast.Set`.
pub fn set(elts: Vec<Expr>, loc: Loc) -> Expr {
    node(ExprKind::Set { elts }, loc)
}

/// `ast.Dict` from `(key, value)` pairs, `None` keys for `**mapping`.
// The items arrive boxed to keep the parser's stack slots small.
#[allow(clippy::vec_box)]
pub fn dict(items: Vec<Box<(Option<Expr>, Expr)>>, loc: Loc) -> Expr {
    let (keys, values) = items.into_iter().map(|item| *item).unzip();
    node(ExprKind::Dict { keys, values }, loc)
}

/// `*value` in load context.
pub fn starred(value: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::Starred {
            value: Box::new(value),
            ctx: ExprContext::Load,
        },
        loc,
    )
}

/// `( expr )`: the expression itself; a lone starred expression is an error.
pub fn group(e: Expr, _loc: Loc) -> Res<Expr> {
    if matches!(e.kind, ExprKind::Starred { .. }) {
        return Err(error("cannot use starred expression here", e.loc));
    }
    Ok(e)
}

/// `(elt for ...)`.
pub fn generator(elt: Expr, generators: Vec<Comprehension>, loc: Loc) -> Expr {
    node(
        ExprKind::GeneratorExp {
            elt: Box::new(elt),
            generators,
        },
        loc,
    )
}

/// `[elt for ...]`.
pub fn list_comp(elt: Expr, generators: Vec<Comprehension>, loc: Loc) -> Expr {
    node(
        ExprKind::ListComp {
            elt: Box::new(elt),
            generators,
        },
        loc,
    )
}

/// `{elt for ...}`.
pub fn set_comp(elt: Expr, generators: Vec<Comprehension>, loc: Loc) -> Expr {
    node(
        ExprKind::SetComp {
            elt: Box::new(elt),
            generators,
        },
        loc,
    )
}

/// `{key: value for ...}`.
pub fn dict_comp(key: Expr, value: Expr, generators: Vec<Comprehension>, loc: Loc) -> Expr {
    node(
        ExprKind::DictComp {
            key: Box::new(key),
            value: Box::new(value),
            generators,
        },
        loc,
    )
}

/// One `[async] for target in iter if ...` clause (`target` is already a store target).
pub fn comprehension(
    is_async: bool,
    target: Expr,
    iter: Expr,
    ifs: Vec<Expr>,
) -> Res<Comprehension> {
    Ok(Comprehension {
        target: Box::new(target),
        iter: Box::new(iter),
        ifs,
        is_async: i64::from(is_async),
    })
}

/// `body if test else orelse`.
pub fn if_exp(test: Expr, body: Expr, orelse: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::IfExp {
            test: Box::new(test),
            body: Box::new(body),
            orelse: Box::new(orelse),
        },
        loc,
    )
}

/// `a or b or c` / `a and b and c` as one flat node.
pub fn bool_op(op: Boolop, first: Expr, rest: Vec<Expr>, loc: Loc) -> Expr {
    node(
        ExprKind::BoolOp {
            op,
            values: prepend(first, rest),
        },
        loc,
    )
}

/// A unary operation.
pub fn unary(op: Unaryop, operand: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
        loc,
    )
}

/// A binary operation.
pub fn bin_op(left: Expr, op: Operator, right: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
        loc,
    )
}

/// A comparison chain `a < b < c` as one node.
pub fn compare(left: Expr, rest: Vec<(Cmpop, Expr)>, loc: Loc) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    node(
        ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        },
        loc,
    )
}

/// `await value`.
pub fn await_(value: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::Await {
            value: Box::new(value),
        },
        loc,
    )
}

/// `yield [value]`.
pub fn yield_(value: Option<Expr>, loc: Loc) -> Expr {
    node(
        ExprKind::Yield {
            value: value.map(Box::new),
        },
        loc,
    )
}

/// `yield from value`.
pub fn yield_from(value: Expr, loc: Loc) -> Expr {
    node(
        ExprKind::YieldFrom {
            value: Box::new(value),
        },
        loc,
    )
}

/// `target := value`; the target must be a plain name.
pub fn named(target: Expr, value: Expr, loc: Loc) -> Res<Expr> {
    let target = match target.kind {
        ExprKind::Name { id, .. } => node(
            ExprKind::Name {
                id,
                ctx: ExprContext::Store,
            },
            target.loc,
        ),
        _ => {
            let msg = format!(
                "cannot use assignment expressions with {}",
                targets::expr_name(&target)
            );
            return Err(error(msg, target.loc));
        }
    };
    Ok(node(
        ExprKind::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
        },
        loc,
    ))
}

/// `value.attr`.
pub fn attribute(value: Expr, attr: String, loc: Loc) -> Expr {
    node(
        ExprKind::Attribute {
            value: Box::new(value),
            attr,
            ctx: ExprContext::Load,
        },
        loc,
    )
}

/// `value[slice]`.
pub fn subscript(value: Expr, slice: Expr, loc: Loc) -> Expr {
    let slice = match slice.kind {
        // `a[*b]` is a one-element tuple.
        ExprKind::Starred { .. } => tuple(vec![slice.clone()], slice.loc),
        _ => slice,
    };
    node(
        ExprKind::Subscript {
            value: Box::new(value),
            slice: Box::new(slice),
            ctx: ExprContext::Load,
        },
        loc,
    )
}

/// `lower:upper[:step]`.
pub fn slice(
    lower: Option<Expr>,
    upper: Option<Expr>,
    step: Option<Option<Expr>>,
    loc: Loc,
) -> Expr {
    node(
        ExprKind::Slice {
            lower: lower.map(Box::new),
            upper: upper.map(Box::new),
            step: step.flatten().map(Box::new),
        },
        loc,
    )
}

/// `func(args)`; `parens` spans the parentheses (a lone generator argument gets it).
pub fn call(func: Expr, items: Vec<CallArg>, parens: Loc, loc: Loc) -> Res<Expr> {
    let (args, keywords) = arguments::call_arguments(items, parens)?;
    Ok(node(
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
        loc,
    ))
}

/// `lambda params: body`.
pub fn lambda(params: Vec<Param>, body: Expr, loc: Loc) -> Res<Expr> {
    let args = Box::new(arguments::parameters(params)?);
    Ok(node(
        ExprKind::Lambda {
            args,
            body: Box::new(body),
        },
        loc,
    ))
}
