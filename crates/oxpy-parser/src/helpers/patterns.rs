//! `match` statements: subjects, cases and every pattern kind.

use super::{ClassPatternArg, MappingItem, Res, error};
use oxpy_ast::{Constant, Expr, ExprKind, Loc, MatchCase, Operator, Pattern, PatternKind, Stmt};

fn node(kind: PatternKind, loc: Loc) -> Pattern {
    Pattern { kind, loc }
}

/// The subject of `match`: a lone starred expression is not allowed.
pub fn subject(e: Expr, _loc: Loc) -> Res<Expr> {
    if matches!(e.kind, ExprKind::Starred { .. }) {
        return Err(error("invalid syntax", e.loc));
    }
    Ok(e)
}

/// One `case pattern [if guard]: body`.
pub fn case(pattern: Pattern, guard: Option<Expr>, body: Vec<Stmt>) -> MatchCase {
    MatchCase {
        pattern: Box::new(pattern),
        guard: guard.map(Box::new),
        body,
    }
}

/// `[a, b]`, `(a, b)`, `a, b`.
pub fn sequence(patterns: Vec<Pattern>, loc: Loc) -> Pattern {
    node(PatternKind::MatchSequence { patterns }, loc)
}

/// `pattern as name`.
pub fn as_pattern(pattern: Pattern, name: String, loc: Loc) -> Res<Pattern> {
    if name == "_" {
        let at = Loc {
            lineno: loc.end_lineno,
            col_offset: loc.end_col_offset.saturating_sub(1),
            ..loc
        };
        return Err(error("cannot use '_' as a target", at));
    }
    Ok(node(
        PatternKind::MatchAs {
            pattern: Some(Box::new(pattern)),
            name: Some(name),
        },
        loc,
    ))
}

/// `a | b | c`.
pub fn or_pattern(first: Pattern, rest: Vec<Pattern>, loc: Loc) -> Pattern {
    let patterns = super::expressions::prepend(first, rest);
    node(PatternKind::MatchOr { patterns }, loc)
}

/// A literal: `None`/`True`/`False` are singletons, the rest values.
pub fn literal(value: Expr, loc: Loc) -> Pattern {
    match value.kind {
        ExprKind::Constant {
            value: v @ (Constant::None | Constant::Bool(_)),
            ..
        } => node(PatternKind::MatchSingleton { value: v }, loc),
        _ => node(
            PatternKind::MatchValue {
                value: Box::new(value),
            },
            loc,
        ),
    }
}

/// A capture pattern `name`, or the wildcard `_`.
pub fn capture(name: String, loc: Loc) -> Pattern {
    let name = (name != "_").then_some(name);
    node(
        PatternKind::MatchAs {
            pattern: None,
            name,
        },
        loc,
    )
}

/// A value pattern `a.b.c`.
pub fn value(value: Expr, loc: Loc) -> Pattern {
    node(
        PatternKind::MatchValue {
            value: Box::new(value),
        },
        loc,
    )
}

/// `*name` / `*_` in a sequence pattern.
pub fn star(name: String, loc: Loc) -> Pattern {
    let name = (name != "_").then_some(name);
    node(PatternKind::MatchStar { name }, loc)
}

/// `{key: pattern, ..., **rest}`.
pub fn mapping(items: Vec<MappingItem>, loc: Loc) -> Res<Pattern> {
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut rest = None;
    for item in items {
        if rest.is_some() {
            return Err(error("invalid syntax", loc));
        }
        match item {
            MappingItem::Pair(pair) => {
                let (k, p) = *pair;
                keys.push(k);
                patterns.push(p);
            }
            MappingItem::Rest(name, at) => {
                if name == "_" {
                    return Err(error("invalid syntax", at));
                }
                rest = Some(name);
            }
        }
    }
    Ok(node(
        PatternKind::MatchMapping {
            keys,
            patterns,
            rest,
        },
        loc,
    ))
}

/// `Cls(p1, p2, kw=p3)`.
pub fn class(cls: Expr, args: Vec<ClassPatternArg>, loc: Loc) -> Res<Pattern> {
    let mut patterns = Vec::new();
    let mut kwd_attrs = Vec::new();
    let mut kwd_patterns = Vec::new();
    for arg in args {
        match arg {
            ClassPatternArg::Positional(p) => {
                if !kwd_attrs.is_empty() {
                    return Err(error("positional patterns follow keyword patterns", p.loc));
                }
                patterns.push(p);
            }
            ClassPatternArg::Keyword(name, p) => {
                kwd_attrs.push(name);
                kwd_patterns.push(p);
            }
        }
    }
    Ok(node(
        PatternKind::MatchClass {
            cls: Box::new(cls),
            patterns,
            kwd_attrs,
            kwd_patterns,
        },
        loc,
    ))
}

fn is_imaginary(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Constant {
            value: Constant::Complex { .. },
            ..
        }
    )
}

/// `real ± imag` in a pattern: the left must be real, the right imaginary.
pub fn complex(real: Expr, op: Operator, imag: Expr, loc: Loc) -> Res<Expr> {
    let real_part = match &real.kind {
        ExprKind::UnaryOp { operand, .. } => operand,
        _ => &real,
    };
    if is_imaginary(real_part) {
        return Err(error("real number required in complex literal", real.loc));
    }
    if !is_imaginary(&imag) {
        return Err(error(
            "imaginary number required in complex literal",
            imag.loc,
        ));
    }
    Ok(super::expressions::bin_op(real, op, imag, loc))
}
