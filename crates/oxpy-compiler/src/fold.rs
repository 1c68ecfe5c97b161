//! The AST optimizer (CPython 3.11's `Python/ast_opt.c`): folds unary and binary
//! operators on constants within CPython's size limits, tuples of constants, a list
//! display iterated by `for` or tested by `in` into a tuple, `not (a is b)` into
//! `a is not b`, and `__debug__` into `True`. (A constant *set* display in those
//! positions becomes a frozenset constant in codegen, since the AST has no frozenset.)

use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use oxpy_ast::*;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

/// Fold constants throughout a module.
pub fn fold_module(mut m: Mod) -> Mod {
    match &mut m {
        Mod::Module { body, .. } | Mod::Interactive { body } => stmts(body),
        Mod::Expression { body } => expr(body),
        Mod::FunctionType { .. } => {}
    }
    m
}

fn stmts(body: &mut [Stmt]) {
    body.iter_mut().for_each(stmt);
}

fn exprs(es: &mut [Expr]) {
    es.iter_mut().for_each(expr);
}

fn opt(e: &mut Option<Box<Expr>>) {
    if let Some(e) = e {
        expr(e);
    }
}

fn arguments(a: &mut Arguments) {
    for arg in a
        .posonlyargs
        .iter_mut()
        .chain(&mut a.args)
        .chain(&mut a.kwonlyargs)
    {
        opt(&mut arg.annotation);
    }
    for arg in a.vararg.iter_mut().chain(a.kwarg.iter_mut()) {
        opt(&mut arg.annotation);
    }
    exprs(&mut a.defaults);
    for d in a.kw_defaults.iter_mut().flatten() {
        expr(d);
    }
}

fn stmt(s: &mut Stmt) {
    use StmtKind as S;
    match &mut s.kind {
        S::FunctionDef {
            args,
            body,
            decorator_list,
            returns,
            ..
        }
        | S::AsyncFunctionDef {
            args,
            body,
            decorator_list,
            returns,
            ..
        } => {
            arguments(args);
            stmts(body);
            exprs(decorator_list);
            opt(returns);
        }
        S::ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            exprs(bases);
            for k in keywords {
                expr(&mut k.value);
            }
            stmts(body);
            exprs(decorator_list);
        }
        S::Return { value } => opt(value),
        S::Delete { targets } => exprs(targets),
        S::Assign { targets, value, .. } => {
            exprs(targets);
            expr(value);
        }
        S::AugAssign { target, value, .. } => {
            expr(target);
            expr(value);
        }
        S::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            expr(target);
            expr(annotation);
            opt(value);
        }
        S::For {
            target,
            iter,
            body,
            orelse,
            ..
        }
        | S::AsyncFor {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            expr(target);
            expr(iter);
            stmts(body);
            stmts(orelse);
            fold_iter(iter);
        }
        S::While { test, body, orelse } | S::If { test, body, orelse } => {
            expr(test);
            stmts(body);
            stmts(orelse);
        }
        S::With { items, body, .. } | S::AsyncWith { items, body, .. } => {
            for it in items {
                expr(&mut it.context_expr);
                opt(&mut it.optional_vars);
            }
            stmts(body);
        }
        S::Match { subject, cases } => {
            expr(subject);
            for c in cases {
                opt(&mut c.guard);
                stmts(&mut c.body);
            }
        }
        S::Raise { exc, cause } => {
            opt(exc);
            opt(cause);
        }
        S::Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
        | S::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            stmts(body);
            for h in handlers {
                opt(&mut h.type_);
                stmts(&mut h.body);
            }
            stmts(orelse);
            stmts(finalbody);
        }
        S::Assert { test, msg } => {
            expr(test);
            opt(msg);
        }
        S::Expr { value } => expr(value),
        _ => {}
    }
}

fn comprehensions(gens: &mut [Comprehension]) {
    for g in gens {
        expr(&mut g.target);
        expr(&mut g.iter);
        exprs(&mut g.ifs);
        fold_iter(&mut g.iter);
    }
}

fn constant(e: &Expr) -> Option<&Constant> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(value),
        _ => None,
    }
}

fn make_const(e: &mut Expr, value: Option<Constant>) {
    if let Some(value) = value {
        e.kind = ExprKind::Constant { value, kind: None };
    }
}

fn const_tuple(elts: &[Expr]) -> Option<Constant> {
    elts.iter()
        .map(|e| constant(e).cloned())
        .collect::<Option<Vec<_>>>()
        .map(Constant::Tuple)
}

/// A list display that is iterated or tested with `in` becomes a tuple.
fn fold_iter(e: &mut Expr) {
    if let ExprKind::List { elts, ctx } = &mut e.kind {
        if elts
            .iter()
            .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
        {
            return;
        }
        let elts = std::mem::take(elts);
        let ctx = *ctx;
        let folded = const_tuple(&elts);
        e.kind = ExprKind::Tuple { elts, ctx };
        make_const(e, folded);
    }
}

fn expr(e: &mut Expr) {
    use ExprKind as E;
    match &mut e.kind {
        E::BoolOp { values, .. } => exprs(values),
        E::NamedExpr { value, .. } => expr(value),
        E::BinOp { left, op, right } => {
            expr(left);
            expr(right);
            if *op == Operator::Mod
                && let (Some(Constant::Str(fmt)), ExprKind::Tuple { elts, .. }) =
                    (constant(left), &right.kind)
                && !elts
                    .iter()
                    .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
            {
                if let Some(values) = optimize_format(fmt, elts) {
                    e.kind = ExprKind::JoinedStr { values };
                }
                return;
            }
            let folded = match (constant(left), constant(right)) {
                (Some(l), Some(r)) => binop(l, *op, r),
                _ => None,
            };
            make_const(e, folded);
        }
        E::UnaryOp { op, operand } => {
            expr(operand);
            let op = *op;
            if let Some(c) = constant(operand) {
                let folded = unaryop(op, c);
                make_const(e, folded);
            } else if op == Unaryop::Not
                && let E::Compare { ops, .. } = &mut operand.kind
                && ops.len() == 1
            {
                let inverted = match ops[0] {
                    Cmpop::Is => Some(Cmpop::IsNot),
                    Cmpop::IsNot => Some(Cmpop::Is),
                    Cmpop::In => Some(Cmpop::NotIn),
                    Cmpop::NotIn => Some(Cmpop::In),
                    _ => None,
                };
                if let Some(inv) = inverted {
                    ops[0] = inv;
                    let inner = std::mem::replace(
                        &mut operand.kind,
                        E::Constant {
                            value: Constant::None,
                            kind: None,
                        },
                    );
                    e.kind = inner;
                }
            }
        }
        E::Lambda { args, body } => {
            arguments(args);
            expr(body);
        }
        E::IfExp { test, body, orelse } => {
            expr(test);
            expr(body);
            expr(orelse);
        }
        E::Dict { keys, values } => {
            for k in keys.iter_mut().flatten() {
                expr(k);
            }
            exprs(values);
        }
        E::Set { elts } => exprs(elts),
        E::ListComp { elt, generators }
        | E::SetComp { elt, generators }
        | E::GeneratorExp { elt, generators } => {
            expr(elt);
            comprehensions(generators);
        }
        E::DictComp {
            key,
            value,
            generators,
        } => {
            expr(key);
            expr(value);
            comprehensions(generators);
        }
        E::Await { value } | E::YieldFrom { value } => expr(value),
        E::Yield { value } => opt(value),
        E::Compare {
            left,
            ops,
            comparators,
        } => {
            expr(left);
            exprs(comparators);
            if matches!(ops.last(), Some(Cmpop::In | Cmpop::NotIn))
                && let Some(last) = comparators.last_mut()
            {
                fold_iter(last);
            }
        }
        E::Call {
            func,
            args,
            keywords,
        } => {
            expr(func);
            exprs(args);
            for k in keywords {
                expr(&mut k.value);
            }
        }
        E::FormattedValue {
            value, format_spec, ..
        } => {
            expr(value);
            opt(format_spec);
        }
        E::JoinedStr { values } => exprs(values),
        E::Attribute { value, .. } => expr(value),
        E::Subscript { value, slice, ctx } => {
            expr(value);
            expr(slice);
            if *ctx == ExprContext::Load {
                let folded = match (constant(value), constant(slice)) {
                    (Some(v), Some(i)) => subscript(v, i),
                    _ => None,
                };
                make_const(e, folded);
            }
        }
        E::Starred { value, .. } => expr(value),
        E::Slice { lower, upper, step } => {
            opt(lower);
            opt(upper);
            opt(step);
        }
        E::List { elts, .. } => exprs(elts),
        E::Tuple { elts, ctx } => {
            exprs(elts);
            if *ctx == ExprContext::Load {
                let folded = const_tuple(elts);
                make_const(e, folded);
            }
        }
        E::Name { id, ctx } => {
            if *ctx == ExprContext::Load && id == "__debug__" {
                make_const(e, Some(Constant::Bool(true)));
            }
        }
        E::Constant { .. } => {}
    }
}

/// A constant node without location (CPython gives such nodes line -1).
fn loose_const(value: Constant) -> Expr {
    Expr {
        kind: ExprKind::Constant { value, kind: None },
        loc: Loc::default(),
    }
}

/// `'%s..%r' % (a, b)` → an f-string (3.11's `optimize_format`), when every unit is
/// `%s`/`%r`/`%a` with at most width and precision, and units match items one to one.
fn optimize_format(fmt: &PyStr, elts: &[Expr]) -> Option<Vec<Expr>> {
    let cps: Vec<u32> = fmt.code_points().collect();
    let pct = u32::from(b'%');
    let mut pos = 0;
    let mut cnt = 0;
    let mut seq = Vec::new();
    loop {
        // Literal text, with %% unescaped.
        let start = pos;
        let mut lit = PyStr::new();
        while pos < cps.len() {
            if cps[pos] != pct {
                lit.push_code_point(cps[pos]);
                pos += 1;
            } else if pos + 1 < cps.len() && cps[pos + 1] == pct {
                lit.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if pos > start {
            seq.push(loose_const(Constant::Str(lit)));
        }
        if pos >= cps.len() {
            break;
        }
        let arg = elts.get(cnt)?;
        pos += 1;
        let (spec, ljust, width, prec) = parse_format_unit(&cps, &mut pos)?;
        cnt += 1;
        if !matches!(spec, 115 | 114 | 97) {
            return None;
        }
        let mut buf = String::new();
        if !ljust && width.is_some_and(|w| w > 0) {
            buf.push('>');
        }
        if let Some(w) = width {
            buf.push_str(&w.to_string());
        }
        if let Some(p) = prec {
            buf.push_str(&format!(".{p}"));
        }
        let format_spec =
            (!buf.is_empty()).then(|| Box::new(loose_const(Constant::Str(buf.as_str().into()))));
        seq.push(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(arg.clone()),
                conversion: i64::from(spec),
                format_spec,
            },
            loc: arg.loc,
        });
    }
    (cnt == elts.len()).then_some(seq)
}

/// One `%` unit after the `%`: flags, width, precision (≤ 2 digits each), spec char.
fn parse_format_unit(
    cps: &[u32],
    pos: &mut usize,
) -> Option<(u32, bool, Option<u32>, Option<u32>)> {
    let mut next = || -> Option<u32> {
        let c = *cps.get(*pos)?;
        *pos += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch = next()?;
    while let Some(f) = char::from_u32(ch).filter(|c| "-+ #0".contains(*c)) {
        if f == '-' {
            ljust = true;
        }
        ch = next()?;
    }
    let digit = |c: u32| (u32::from(b'0')..=u32::from(b'9')).contains(&c);
    let mut width = None;
    if digit(ch) {
        let mut w = 0;
        let mut digits = 0;
        while digit(ch) {
            w = w * 10 + (ch - u32::from(b'0'));
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
        width = Some(w);
    }
    let mut prec = None;
    if ch == u32::from(b'.') {
        ch = next()?;
        let mut p = 0;
        let mut digits = 0;
        while digit(ch) {
            p = p * 10 + (ch - u32::from(b'0'));
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
        prec = Some(p);
    }
    Some((ch, ljust, width, prec))
}

/// A numeric view of a constant.
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(u8::from(*b)))),
        Constant::Int(i) => Some(Num::Int(i.clone())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

fn to_f64(i: &BigInt) -> Option<f64> {
    i.to_f64().filter(|f| f.is_finite())
}

fn unaryop(op: Unaryop, c: &Constant) -> Option<Constant> {
    match op {
        Unaryop::Not => Some(Constant::Bool(!truth(c))),
        Unaryop::USub => match num(c)? {
            Num::Int(i) => Some(Constant::Int(-i)),
            Num::Float(f) => Some(Constant::Float(-f)),
            Num::Complex(r, i) => Some(Constant::Complex { real: -r, imag: -i }),
        },
        Unaryop::UAdd => match num(c)? {
            Num::Int(i) => Some(Constant::Int(i)),
            Num::Float(f) => Some(Constant::Float(f)),
            Num::Complex(r, i) => Some(Constant::Complex { real: r, imag: i }),
        },
        Unaryop::Invert => match num(c)? {
            Num::Int(i) => Some(Constant::Int(-i - 1)),
            _ => None,
        },
    }
}

/// `value[index]` for a constant str, bytes or tuple and an int index.
fn subscript(value: &Constant, index: &Constant) -> Option<Constant> {
    let i = match index {
        Constant::Int(i) => i.to_i64()?,
        Constant::Bool(b) => i64::from(*b),
        _ => return None,
    };
    let at = |len: usize| -> Option<usize> {
        let len = i64::try_from(len).ok()?;
        let k = if i < 0 { i + len } else { i };
        (0..len).contains(&k).then_some(k as usize)
    };
    match value {
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let mut out = PyStr::new();
            out.push_code_point(*cps.get(at(cps.len())?)?);
            Some(Constant::Str(out))
        }
        Constant::Bytes(b) => Some(Constant::Int(BigInt::from(*b.get(at(b.len())?)?))),
        Constant::Tuple(t) => t.get(at(t.len())?).cloned(),
        _ => None,
    }
}

fn truth(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis => true,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) => !t.is_empty(),
    }
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.code_points().count()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) => Some(t.len()),
        _ => None,
    }
}

fn repeat(c: &Constant, n: &BigInt) -> Option<Constant> {
    let size = seq_len(c)?;
    let n = n.to_i64()?;
    let limit = if matches!(c, Constant::Tuple(_)) {
        MAX_COLLECTION_SIZE
    } else {
        MAX_STR_SIZE
    };
    if let Some(max) = limit.checked_div(size)
        && (n < 0 || n as usize > max)
    {
        return None;
    }
    let n = n.max(0) as usize;
    Some(match c {
        Constant::Str(s) => {
            let mut out = PyStr::new();
            for _ in 0..n {
                out.push_pystr(s);
            }
            Constant::Str(out)
        }
        Constant::Bytes(b) => Constant::Bytes(b.repeat(n)),
        Constant::Tuple(t) => {
            let total = t.len() * n;
            if total > 1024 {
                return None;
            }
            Constant::Tuple(t.iter().cloned().cycle().take(total).collect())
        }
        _ => return None,
    })
}

fn float_floordiv_mod(x: f64, y: f64) -> Option<(f64, f64)> {
    if y == 0.0 {
        return None;
    }
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    Some((fd, m))
}

fn binop(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    use Operator::*;
    // Sequences.
    match (l, op, r) {
        (Constant::Str(a), Add, Constant::Str(b)) => {
            let mut s = a.clone();
            s.push_pystr(b);
            return Some(Constant::Str(s));
        }
        (Constant::Bytes(a), Add, Constant::Bytes(b)) => {
            return Some(Constant::Bytes([a.as_slice(), b].concat()));
        }
        (Constant::Tuple(a), Add, Constant::Tuple(b)) => {
            return Some(Constant::Tuple(a.iter().chain(b).cloned().collect()));
        }
        (Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_), Mult, Constant::Int(n))
        | (Constant::Int(n), Mult, Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)) => {
            let seq = if matches!(l, Constant::Int(_)) { r } else { l };
            return repeat(seq, n);
        }
        (Constant::Bool(a), BitAnd | BitOr | BitXor, Constant::Bool(b)) => {
            return Some(Constant::Bool(match op {
                BitAnd => a & b,
                BitOr => a | b,
                _ => a ^ b,
            }));
        }
        _ => {}
    }
    match (num(l)?, num(r)?) {
        (Num::Int(a), Num::Int(b)) => int_binop(&a, op, &b),
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            let c = |n: Num| match n {
                Num::Int(i) => to_f64(&i).map(|f| (f, 0.0)),
                Num::Float(f) => Some((f, 0.0)),
                Num::Complex(a, b) => Some((a, b)),
            };
            let (a, b) = c(num(l)?)?;
            let (x, y) = c(num(r)?)?;
            let (re, im) = match op {
                Add => (a + x, b + y),
                Sub => (a - x, b - y),
                Mult => (a * x - b * y, a * y + b * x),
                _ => return None,
            };
            Some(Constant::Complex { real: re, imag: im })
        }
        (a, b) => {
            let f = |n: Num| match n {
                Num::Int(i) => to_f64(&i),
                Num::Float(f) => Some(f),
                Num::Complex(..) => None,
            };
            let (x, y) = (f(a)?, f(b)?);
            let v = match op {
                Add => x + y,
                Sub => x - y,
                Mult => x * y,
                Div => {
                    if y == 0.0 {
                        return None;
                    }
                    x / y
                }
                FloorDiv => float_floordiv_mod(x, y)?.0,
                Mod => float_floordiv_mod(x, y)?.1,
                Pow => {
                    if x < 0.0 && y.fract() != 0.0 || x == 0.0 && y < 0.0 {
                        return None;
                    }
                    x.powf(y)
                }
                _ => return None,
            };
            if !v.is_finite() {
                return None;
            }
            Some(Constant::Float(v))
        }
    }
}

fn int_binop(a: &BigInt, op: Operator, b: &BigInt) -> Option<Constant> {
    use Operator::*;
    let v = match op {
        Add => a + b,
        Sub => a - b,
        Mult => {
            if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        FloorDiv => {
            if b.is_zero() {
                return None;
            }
            a.div_floor(b)
        }
        Mod => {
            if b.is_zero() {
                return None;
            }
            a.mod_floor(b)
        }
        Div => {
            if b.is_zero() {
                return None;
            }
            let limit = BigInt::from(1u64 << 53);
            if a.abs() > limit || b.abs() > limit {
                return None;
            }
            return Some(Constant::Float(to_f64(a)? / to_f64(b)?));
        }
        Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return None;
                }
                let limit = BigInt::from(1u64 << 53);
                if a.abs() > limit {
                    return None;
                }
                let v = to_f64(a)?.powf(to_f64(b)?);
                return v.is_finite().then_some(Constant::Float(v));
            }
            if !a.is_zero() && !b.is_zero() {
                let wbits = b.to_u64()?;
                if a.bits() > MAX_INT_SIZE / wbits {
                    return None;
                }
            }
            a.pow(b.to_u32()?)
        }
        LShift => {
            if b.is_negative() {
                return None;
            }
            if !a.is_zero() && !b.is_zero() {
                let wbits = b.to_u64()?;
                if wbits > MAX_INT_SIZE || a.bits() > MAX_INT_SIZE - wbits {
                    return None;
                }
            }
            a << b.to_usize()?
        }
        RShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_usize().unwrap_or(usize::MAX).min(1 << 20);
            a >> s
        }
        BitOr => a | b,
        BitXor => a ^ b,
        BitAnd => a & b,
        MatMult => return None,
    };
    Some(Constant::Int(v))
}
