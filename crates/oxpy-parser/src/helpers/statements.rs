//! Statement nodes and the module-level results of each mode.

use super::{CallArg, Param, Res, arguments, error, targets};
use oxpy_ast::{
    Alias, Excepthandler, Expr, ExprKind, Loc, MatchCase, Mod, Operator, Stmt, StmtKind, Withitem,
};
use oxpy_lexer::Pos;

fn node(kind: StmtKind, loc: Loc) -> Stmt {
    Stmt { kind, loc }
}

/// `ast.Module`.
pub fn module(body: Vec<Stmt>) -> Mod {
    Mod::Module {
        body,
        type_ignores: Vec::new(),
    }
}

/// `ast.Interactive`: at most one statement line (`a; b` is one line).
pub fn interactive(lines: Vec<Vec<Stmt>>) -> Res<Mod> {
    let mut lines = lines.into_iter().filter(|l| !l.is_empty());
    let body = lines.next().unwrap_or_default();
    if lines.next().is_some() {
        let end = body.last().map(|s| s.loc).unwrap_or_default();
        let at = Loc {
            lineno: end.end_lineno,
            col_offset: end.end_col_offset,
            end_lineno: end.end_lineno,
            end_col_offset: end.end_col_offset,
        };
        let msg = "multiple statements found while compiling a single statement";
        return Err(error(msg, at));
    }
    Ok(Mod::Interactive { body })
}

/// `ast.Expression`.
pub fn expression(body: Expr) -> Mod {
    Mod::Expression {
        body: Box::new(body),
    }
}

/// Concatenate statement lines.
pub fn flatten(lines: Vec<Vec<Stmt>>) -> Vec<Stmt> {
    lines.into_iter().flatten().collect()
}

/// `a; b; c` on one line.
pub fn simple_line(first: Stmt, rest: Vec<Stmt>) -> Vec<Stmt> {
    super::expressions::prepend(first, rest)
}

/// An expression statement.
pub fn expr_stmt(value: Expr, loc: Loc) -> Stmt {
    node(
        StmtKind::Expr {
            value: Box::new(value),
        },
        loc,
    )
}

/// `pass`.
pub fn pass(loc: Loc) -> Stmt {
    node(StmtKind::Pass, loc)
}

/// `break`.
pub fn break_(loc: Loc) -> Stmt {
    node(StmtKind::Break, loc)
}

/// `continue`.
pub fn continue_(loc: Loc) -> Stmt {
    node(StmtKind::Continue, loc)
}

/// `target: annotation [= value]`.
pub fn ann_assign(target: Expr, annotation: Expr, value: Option<Expr>, loc: Loc) -> Res<Stmt> {
    let msg = match &target.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple { .. } => Some("only single target (not tuple) can be annotated"),
        ExprKind::List { .. } => Some("only single target (not list) can be annotated"),
        _ => Some("illegal target for annotation"),
    };
    if let Some(msg) = msg {
        return Err(error(msg, target.loc));
    }
    // `(x): int` is not simple: the name is not where the statement starts.
    let simple = matches!(target.kind, ExprKind::Name { .. })
        && target.loc.col_offset == loc.col_offset
        && target.loc.lineno == loc.lineno;
    Ok(node(
        StmtKind::AnnAssign {
            target: Box::new(targets::store(target)?),
            annotation: Box::new(annotation),
            value: value.map(Box::new),
            simple: i64::from(simple),
        },
        loc,
    ))
}

/// `t1 = t2 = value`; each right-hand side comes with where it starts (before any
/// parentheses around it).
pub fn assign(
    first: Expr,
    mut rest: Vec<(Pos, Expr)>,
    type_comment: Option<&str>,
    loc: Loc,
) -> Res<Stmt> {
    let Some((value_start, value)) = rest.pop() else {
        return Err(error("invalid syntax", loc));
    };
    let first_start = Pos {
        offset: 0,
        line: loc.lineno,
        col: loc.col_offset,
    };
    let targets = super::expressions::prepend(first, rest.into_iter().map(|(_, e)| e).collect());
    let targets = targets::assign_targets(targets, first_start, &value, value_start)?;
    Ok(node(
        StmtKind::Assign {
            targets,
            value: Box::new(value),
            type_comment: type_comment.map(str::to_string),
        },
        loc,
    ))
}

/// `target op= value`.
pub fn aug_assign(target: Expr, op: Operator, value: Expr, loc: Loc) -> Res<Stmt> {
    if !matches!(
        target.kind,
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    ) {
        let msg = format!(
            "'{}' is an illegal expression for augmented assignment",
            targets::expr_name(&target)
        );
        return Err(error(msg, target.loc));
    }
    Ok(node(
        StmtKind::AugAssign {
            target: Box::new(targets::store(target)?),
            op,
            value: Box::new(value),
        },
        loc,
    ))
}

/// `return [value]`.
pub fn return_(value: Option<Expr>, loc: Loc) -> Stmt {
    node(
        StmtKind::Return {
            value: value.map(Box::new),
        },
        loc,
    )
}

/// `raise [exc [from cause]]`.
pub fn raise(exc: Option<Expr>, cause: Option<Expr>, loc: Loc) -> Stmt {
    node(
        StmtKind::Raise {
            exc: exc.map(Box::new),
            cause: cause.map(Box::new),
        },
        loc,
    )
}

/// `global a, b`.
pub fn global(names: Vec<String>, loc: Loc) -> Stmt {
    node(StmtKind::Global { names }, loc)
}

/// `nonlocal a, b`.
pub fn nonlocal(names: Vec<String>, loc: Loc) -> Stmt {
    node(StmtKind::Nonlocal { names }, loc)
}

/// `del a, b[0]`.
pub fn delete(items: Vec<Expr>, loc: Loc) -> Res<Stmt> {
    let targets = items
        .into_iter()
        .map(targets::delete)
        .collect::<Res<Vec<_>>>()?;
    Ok(node(StmtKind::Delete { targets }, loc))
}

/// `assert test[, msg]`.
pub fn assert(test: Expr, msg: Option<Expr>, loc: Loc) -> Stmt {
    node(
        StmtKind::Assert {
            test: Box::new(test),
            msg: msg.map(Box::new),
        },
        loc,
    )
}

/// `import a.b as c, d`.
pub fn import(names: Vec<Alias>, loc: Loc) -> Stmt {
    node(StmtKind::Import { names }, loc)
}

/// `from ..module import names`; `import_at` is where `import` starts.
pub fn import_from(
    dots: Vec<i64>,
    module: Option<String>,
    import_at: Pos,
    names: Vec<Alias>,
    loc: Loc,
) -> Res<Stmt> {
    if dots.is_empty() && module.is_none() {
        return Err(error("invalid syntax", super::loc(import_at, import_at)));
    }
    Ok(node(
        StmtKind::ImportFrom {
            module,
            names,
            level: Some(dots.iter().sum()),
        },
        loc,
    ))
}

/// The `*` of `from m import *`.
pub fn star_alias(loc: Loc) -> Vec<Alias> {
    vec![Alias {
        name: "*".to_string(),
        asname: None,
        loc,
    }]
}

/// `name [as asname]`.
pub fn alias(name: String, asname: Option<String>, loc: Loc) -> Alias {
    Alias { name, asname, loc }
}

/// `a.b.c` as one string.
pub fn dotted_name(first: String, rest: Vec<String>) -> String {
    let mut name = first;
    for part in rest {
        name.push('.');
        name.push_str(&part);
    }
    name
}

/// Attach decorators to a function or class definition.
pub fn decorate(decorators: Vec<Expr>, mut def: Stmt) -> Stmt {
    match &mut def.kind {
        StmtKind::FunctionDef { decorator_list, .. }
        | StmtKind::AsyncFunctionDef { decorator_list, .. }
        | StmtKind::ClassDef { decorator_list, .. } => *decorator_list = decorators,
        _ => {}
    }
    def
}

/// `class name(args): body`.
pub fn class_def(name: String, args: Option<Vec<CallArg>>, body: Vec<Stmt>, loc: Loc) -> Res<Stmt> {
    // Only a call takes a bare generator expression as its sole argument (CPython's
    // `primary genexp`); class bases fail at its `for`.
    if let Some([CallArg::Generator(parts, _, at)]) = args.as_deref() {
        let keyword = if parts.1.first().is_some_and(|c| c.is_async != 0) {
            "async"
        } else {
            "for"
        };
        let end = Pos {
            col: at.col + keyword.len() as u32,
            ..*at
        };
        return Err(error("invalid syntax", super::loc(*at, end)));
    }
    let (bases, keywords) = match args {
        Some(items) => arguments::call_arguments(items, loc)?,
        None => (Vec::new(), Vec::new()),
    };
    Ok(node(
        StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list: Vec::new(),
        },
        loc,
    ))
}

/// `[async] def name(params) [-> returns]: body`.
pub fn function_def(
    is_async: bool,
    name: String,
    params: Vec<Param>,
    returns: Option<Expr>,
    type_comment: Option<&str>,
    body: Vec<Stmt>,
    loc: Loc,
) -> Res<Stmt> {
    let args = Box::new(arguments::parameters(params)?);
    let returns = returns.map(Box::new);
    let decorator_list = Vec::new();
    let type_comment = type_comment.map(str::to_string);
    let kind = if is_async {
        StmtKind::AsyncFunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            type_comment,
        }
    } else {
        StmtKind::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            type_comment,
        }
    };
    Ok(node(kind, loc))
}

/// The span from `start` to the end of the last present part.
fn span(start: Pos, end: Pos, tails: &[Option<Pos>]) -> Loc {
    let end = tails.iter().rev().flatten().next().copied().unwrap_or(end);
    super::loc(start, end)
}

/// `if test: body` with its `elif`/`else` chain already folded; `body_end` is where
/// the body ends.
pub fn if_(
    test: Expr,
    body: Vec<Stmt>,
    orelse: Option<(Vec<Stmt>, Pos)>,
    start: Pos,
    body_end: Pos,
) -> Res<Stmt> {
    let (orelse, else_end) = orelse.map_or((Vec::new(), None), |(b, e)| (b, Some(e)));
    let loc = span(start, body_end, &[else_end]);
    Ok(node(
        StmtKind::If {
            test: Box::new(test),
            body,
            orelse,
        },
        loc,
    ))
}

/// An `elif` clause as the one-statement `orelse` of the `if` before it.
pub fn elif(
    test: Expr,
    body: Vec<Stmt>,
    orelse: Option<(Vec<Stmt>, Pos)>,
    start: Pos,
    body_end: Pos,
) -> Res<(Vec<Stmt>, Pos)> {
    let stmt = if_(test, body, orelse, start, body_end)?;
    let end = Pos {
        line: stmt.loc.end_lineno,
        col: stmt.loc.end_col_offset,
        offset: 0,
    };
    Ok((vec![stmt], end))
}

/// `while test: body [else: orelse]`.
pub fn while_(
    test: Expr,
    body: Vec<Stmt>,
    orelse: Option<(Vec<Stmt>, Pos)>,
    start: Pos,
    body_end: Pos,
) -> Res<Stmt> {
    let (orelse, else_end) = orelse.map_or((Vec::new(), None), |(b, e)| (b, Some(e)));
    let loc = span(start, body_end, &[else_end]);
    Ok(node(
        StmtKind::While {
            test: Box::new(test),
            body,
            orelse,
        },
        loc,
    ))
}

/// `[async] for target in iter:  # type: comment` then `body [else: orelse]`.
pub fn for_(
    is_async: bool,
    (target, iter, type_comment): (Expr, Expr, Option<&str>),
    body: Vec<Stmt>,
    orelse: Option<(Vec<Stmt>, Pos)>,
    start: Pos,
    body_end: Pos,
) -> Res<Stmt> {
    let type_comment = type_comment.map(str::to_string);
    let (orelse, else_end) = orelse.map_or((Vec::new(), None), |(b, e)| (b, Some(e)));
    let loc = span(start, body_end, &[else_end]);
    let (target, iter) = (Box::new(target), Box::new(iter));
    let kind = if is_async {
        StmtKind::AsyncFor {
            target,
            iter,
            body,
            orelse,
            type_comment,
        }
    } else {
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            type_comment,
        }
    };
    Ok(node(kind, loc))
}

/// `[async] with items: body`.
pub fn with(
    is_async: bool,
    items: Vec<Withitem>,
    type_comment: Option<&str>,
    body: Vec<Stmt>,
    loc: Loc,
) -> Res<Stmt> {
    let type_comment = type_comment.map(str::to_string);
    let kind = if is_async {
        StmtKind::AsyncWith {
            items,
            body,
            type_comment,
        }
    } else {
        StmtKind::With {
            items,
            body,
            type_comment,
        }
    };
    Ok(node(kind, loc))
}

/// `expr [as target]` (the target is already a store target).
pub fn with_item(context_expr: Expr, target: Option<Expr>) -> Res<Withitem> {
    Ok(Withitem {
        context_expr: Box::new(context_expr),
        optional_vars: target.map(Box::new),
    })
}

/// `try` with handlers (`except` or `except*`), `else` and `finally`; `end` is where
/// the body or the handlers end.
pub fn try_(
    body: Vec<Stmt>,
    handlers: Vec<(bool, Excepthandler)>,
    orelse: Option<(Vec<Stmt>, Pos)>,
    finalbody: Option<(Vec<Stmt>, Pos)>,
    start: Pos,
    end: Pos,
) -> Res<Stmt> {
    let (orelse, else_end) = orelse.map_or((Vec::new(), None), |(b, e)| (b, Some(e)));
    let (finalbody, final_end) = finalbody.map_or((Vec::new(), None), |(b, e)| (b, Some(e)));
    let loc = span(start, end, &[else_end, final_end]);
    let star = handlers.first().is_some_and(|h| h.0);
    if let Some((_, h)) = handlers.iter().find(|h| h.0 != star) {
        let at = Loc {
            end_lineno: h.loc.lineno,
            end_col_offset: h.loc.col_offset + 6,
            ..h.loc
        };
        return Err(error(
            "cannot have both 'except' and 'except*' on the same 'try'",
            at,
        ));
    }
    let handlers: Vec<Excepthandler> = handlers.into_iter().map(|h| h.1).collect();
    let kind = if star {
        StmtKind::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        }
    } else {
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
    };
    Ok(node(kind, loc))
}

/// One `except [*] [type [as name]]: body` clause, tagged with whether it had `*`.
pub fn handler(
    star: bool,
    type_: Option<Expr>,
    name: Option<String>,
    body: Vec<Stmt>,
    loc: Loc,
) -> Res<(bool, Excepthandler)> {
    Ok((
        star,
        Excepthandler {
            type_: type_.map(Box::new),
            name,
            body,
            loc,
        },
    ))
}

/// `match subject: cases`.
pub fn match_(subject: Expr, cases: Vec<MatchCase>, loc: Loc) -> Res<Stmt> {
    Ok(node(
        StmtKind::Match {
            subject: Box::new(subject),
            cases,
        },
        loc,
    ))
}
