//! Expressions (`compiler_visit_expr1` and helpers): operators, displays, comparisons,
//! conditional jumps, f-strings, attribute/subscript access, yield and await.

use crate::codegen::{CResult, Compiler, Ctx, STACK_USE_GUIDELINE};
use crate::error::error_at;
use crate::ir::BlockId;
use crate::symtable::BlockType;
use crate::unit::UnitKind;
use oxpy_ast::*;
use oxpy_bytecode::{Const, Opcode};

/// `BINARY_OP` argument of an operator (`NB_*`).
pub fn nb_op(op: Operator) -> u32 {
    match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    }
}

/// True when `e` is a constant (not a starred item).
pub fn is_const(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Constant { .. })
}

/// The constant value of a constant expression.
pub fn const_of(e: &Expr) -> Option<Const> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(Const::from_ast(value)),
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    /// Compile an expression, saving and restoring the location (`compiler_visit_expr`).
    pub fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.u().loc;
        self.set_loc(e.loc);
        let r = self.expr1(e);
        self.u().loc = saved;
        r
    }

    /// Compile several expressions.
    pub fn exprs(&mut self, es: &'a [Expr]) -> CResult {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn compare_op(&mut self, op: Cmpop) {
        use Opcode::*;
        match op {
            Cmpop::Lt => self.op_arg(COMPARE_OP, 0),
            Cmpop::LtE => self.op_arg(COMPARE_OP, 1),
            Cmpop::Eq => self.op_arg(COMPARE_OP, 2),
            Cmpop::NotEq => self.op_arg(COMPARE_OP, 3),
            Cmpop::Gt => self.op_arg(COMPARE_OP, 4),
            Cmpop::GtE => self.op_arg(COMPARE_OP, 5),
            Cmpop::Is => self.op_arg(IS_OP, 0),
            Cmpop::IsNot => self.op_arg(IS_OP, 1),
            Cmpop::In => self.op_arg(CONTAINS_OP, 0),
            Cmpop::NotIn => self.op_arg(CONTAINS_OP, 1),
        }
    }

    /// Emit `YIELD_VALUE` (wrapped for async generators) and its `RESUME`.
    pub fn emit_yield(&mut self) {
        let e = &self.st.entries[self.ur().ste];
        if e.coroutine && e.generator {
            self.op(Opcode::ASYNC_GEN_WRAP);
        }
        self.op(Opcode::YIELD_VALUE);
        self.op_arg(Opcode::RESUME, 1);
    }

    /// The `SEND` loop of `yield from` / `await`.
    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_block(start);
        self.jump(Opcode::SEND, exit);
        self.use_block(resume);
        self.op(Opcode::YIELD_VALUE);
        self.op_arg(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.jump(Opcode::JUMP_NO_INTERRUPT, start);
        self.use_block(exit);
    }

    /// An operand that `ast_opt.c` turns into a constant: a set display of constants
    /// iterated by `for` or tested with `in` becomes a frozenset constant.
    pub fn iter_operand(&mut self, e: &'a Expr) -> CResult {
        if let ExprKind::Set { elts } = &e.kind
            && !elts.is_empty()
            && elts.iter().all(is_const)
        {
            let saved = self.u().loc;
            self.set_loc(e.loc);
            self.load_const(Const::FrozenSet(elts.iter().filter_map(const_of).collect()));
            self.u().loc = saved;
            return Ok(());
        }
        self.expr(e)
    }

    fn compare_operand(&mut self, e: &'a Expr, op: Cmpop, last: bool) -> CResult {
        if last && matches!(op, Cmpop::In | Cmpop::NotIn) {
            self.iter_operand(e)
        } else {
            self.expr(e)
        }
    }

    fn expr1(&mut self, e: &'a Expr) -> CResult {
        use Opcode::*;
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.op_arg(COPY, 1);
                self.expr(target)?;
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_block();
                let jop = if *op == Boolop::And {
                    JUMP_IF_FALSE_OR_POP
                } else {
                    JUMP_IF_TRUE_OR_POP
                };
                let n = values.len().saturating_sub(1);
                for v in &values[..n] {
                    self.expr(v)?;
                    self.jump(jop, end);
                }
                if let Some(last) = values.last() {
                    self.expr(last)?;
                }
                self.use_block(end);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.op_arg(BINARY_OP, nb_op(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.op(match op {
                    Unaryop::Invert => UNARY_INVERT,
                    Unaryop::Not => UNARY_NOT,
                    Unaryop::UAdd => UNARY_POSITIVE,
                    Unaryop::USub => UNARY_NEGATIVE,
                });
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.expr(body)?;
                self.jump_noline(JUMP, end);
                self.use_block(next);
                self.expr(orelse)?;
                self.use_block(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => {
                self.starunpack(elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false)?
            }
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(e)?,
            ExprKind::Yield { value } => {
                if self.ste_kind() != BlockType::Function {
                    return Err(error_at("'yield' outside function", e.loc));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.emit_yield();
            }
            ExprKind::YieldFrom { value } => {
                if self.ste_kind() != BlockType::Function {
                    return Err(error_at("'yield' outside function", e.loc));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(error_at("'yield from' inside async function", e.loc));
                }
                self.expr(value)?;
                self.op(GET_YIELD_FROM_ITER);
                self.load_const(Const::None);
                self.add_yield_from(false);
            }
            ExprKind::Await { value } => {
                if self.ste_kind() != BlockType::Function {
                    return Err(error_at("'await' outside function", e.loc));
                }
                if !matches!(
                    self.ur().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(error_at("'await' outside async function", e.loc));
                }
                self.expr(value)?;
                self.op_arg(GET_AWAITABLE, 0);
                self.load_const(Const::None);
                self.add_yield_from(true);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                let n = ops.len().saturating_sub(1);
                if n == 0 {
                    if let (Some(c), Some(op)) = (comparators.first(), ops.first()) {
                        self.compare_operand(c, *op, true)?;
                        self.compare_op(*op);
                    }
                } else {
                    let cleanup = self.new_block();
                    for i in 0..n {
                        self.expr(&comparators[i])?;
                        self.op_arg(SWAP, 2);
                        self.op_arg(COPY, 2);
                        self.compare_op(ops[i]);
                        self.jump(JUMP_IF_FALSE_OR_POP, cleanup);
                    }
                    self.compare_operand(&comparators[n], ops[n], true)?;
                    self.compare_op(ops[n]);
                    let end = self.new_block();
                    self.jump_noline(JUMP, end);
                    self.use_block(cleanup);
                    self.op_arg(SWAP, 2);
                    self.op(POP_TOP);
                    self.use_block(end);
                }
            }
            ExprKind::Call { .. } => self.call(e)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut arg = match *conversion {
                    115 => 1,
                    114 => 2,
                    97 => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    arg |= 4;
                }
                self.op_arg(FORMAT_VALUE, arg);
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_const(Const::Str("".into()));
                    self.op_name(LOAD_METHOD, "join");
                    self.op_arg(BUILD_LIST, 0);
                    for v in values {
                        self.expr(v)?;
                        self.op_arg(LIST_APPEND, 1);
                    }
                    self.op_arg(PRECALL, 1);
                    self.op_arg(CALL, 1);
                } else {
                    self.exprs(values)?;
                    if values.len() != 1 {
                        self.op_arg(BUILD_STRING, values.len() as u32);
                    }
                }
            }
            ExprKind::Constant { value, .. } => self.load_const(Const::from_ast(value)),
            ExprKind::Attribute { value, attr, ctx } => {
                self.expr(value)?;
                self.attr_start(e);
                let saved = self.u().loc;
                self.u().loc.lineno = e.loc.end_lineno as i32;
                match ctx {
                    ExprContext::Load => self.op_name(LOAD_ATTR, attr),
                    ExprContext::Store => self.op_name(STORE_ATTR, attr),
                    ExprContext::Del => self.op_name(DELETE_ATTR, attr),
                }
                self.u().loc = saved;
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.op(match ctx {
                    ExprContext::Load => BINARY_SUBSCR,
                    ExprContext::Store => STORE_SUBSCR,
                    ExprContext::Del => DELETE_SUBSCR,
                });
            }
            ExprKind::Starred { ctx, .. } => {
                let msg = if *ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                };
                return Err(error_at(msg, e.loc));
            }
            ExprKind::Name { id, ctx } => self.nameop(id, ctx_of(*ctx)),
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => self.exprs(elts)?,
                ExprContext::Load => {
                    self.starunpack(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false)?
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => self.exprs(elts)?,
                ExprContext::Load => {
                    self.starunpack(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?
                }
            },
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Const::None),
                    }
                }
                if let Some(s) = step {
                    n += 1;
                    self.expr(s)?;
                }
                self.op_arg(BUILD_SLICE, n);
            }
        }
        Ok(())
    }

    /// For a multi-line attribute access, locate the instruction at the attribute name
    /// (`update_start_location_to_match_attr`).
    pub fn attr_start(&mut self, e: &Expr) {
        if let ExprKind::Attribute { attr, .. } = &e.kind
            && e.loc.lineno != e.loc.end_lineno
        {
            let u = self.u();
            u.loc.lineno = e.loc.end_lineno as i32;
            let len = attr.len() as i32;
            let end = e.loc.end_col_offset as i32;
            u.loc.col = if end - len >= 0 { end - len } else { -1 };
        }
    }

    /// Unpacking assignment targets (`assignment_helper`).
    pub fn assignment_helper(&mut self, elts: &'a [Expr]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { .. } = elt.kind {
                if seen_star {
                    return Err(self.error_here("multiple starred expressions in assignment"));
                }
                if i >= 256 || n - i > (i32::MAX >> 8) as usize {
                    return Err(
                        self.error_here("too many expressions in star-unpacking assignment")
                    );
                }
                self.op_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.op_arg(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(elt)?,
            }
        }
        Ok(())
    }

    /// Displays with optional starred items (`starunpack_helper`).
    pub fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        if n > 2 && elts.iter().all(is_const) {
            let items: Vec<Const> = elts.iter().filter_map(const_of).collect();
            if tuple && pushed == 0 {
                self.load_const(Const::Tuple(items));
            } else {
                let folded = if add == Opcode::SET_ADD {
                    Const::FrozenSet(items)
                } else {
                    Const::Tuple(items)
                };
                self.op_arg(build, pushed);
                self.load_const(folded);
                self.op_arg(extend, 1);
                if tuple {
                    self.op(Opcode::LIST_TO_TUPLE);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            self.exprs(elts)?;
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.op_arg(op, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.op_arg(build, pushed);
            built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                if !built {
                    self.op_arg(build, i as u32 + pushed);
                    built = true;
                }
                self.expr(value)?;
                self.op_arg(extend, 1);
            } else {
                self.expr(elt)?;
                if built {
                    self.op_arg(add, 1);
                }
            }
        }
        if tuple {
            self.op(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let all_const = keys[begin..end]
            .iter()
            .all(|k| k.as_ref().is_some_and(is_const));
        if n > 1 && !big && all_const {
            self.exprs(&values[begin..end])?;
            let ks: Vec<Const> = keys[begin..end]
                .iter()
                .filter_map(|k| k.as_ref().and_then(const_of))
                .collect();
            self.load_const(Const::Tuple(ks));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.expr(k)?;
            }
            self.expr(&values[i])?;
            if big {
                self.op_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.op_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len().min(keys.len());
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.op_arg(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.op_arg(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.expr(&values[i])?;
                self.op_arg(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.op_arg(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.op_arg(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    /// Jump to `next` if `e` is `cond` (`compiler_jump_if`).
    pub fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        // CPython 3.11 gives the jump after a comparison the comparison's location, and
        // that location stays for the following jumps of the same condition; other
        // jumps keep the enclosing statement's.
        if matches!(e.kind, ExprKind::Compare { .. }) {
            self.set_loc(e.loc);
        }
        self.jump_if_inner(e, next, cond)
    }

    fn jump_if_inner(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        use Opcode::*;
        match &e.kind {
            ExprKind::UnaryOp {
                op: Unaryop::Not,
                operand,
            } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == Boolop::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    next
                };
                let n = values.len().saturating_sub(1);
                for v in &values[..n] {
                    self.jump_if(v, next2, cond2)?;
                }
                if let Some(last) = values.last() {
                    self.jump_if(last, next, cond)?;
                }
                if next2 != next {
                    self.use_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.jump_noline(JUMP, end);
                self.use_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_block(end);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() > 1 => {
                let n = ops.len() - 1;
                let cleanup = self.new_block();
                self.expr(left)?;
                for i in 0..n {
                    self.expr(&comparators[i])?;
                    self.op_arg(SWAP, 2);
                    self.op_arg(COPY, 2);
                    self.compare_op(ops[i]);
                    self.jump(POP_JUMP_IF_FALSE, cleanup);
                }
                self.compare_operand(&comparators[n], ops[n], true)?;
                self.compare_op(ops[n]);
                self.jump(
                    if cond {
                        POP_JUMP_IF_TRUE
                    } else {
                        POP_JUMP_IF_FALSE
                    },
                    next,
                );
                let end = self.new_block();
                self.jump_noline(JUMP, end);
                self.use_block(cleanup);
                self.op(POP_TOP);
                if !cond {
                    self.jump_noline(JUMP, next);
                }
                self.use_block(end);
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.jump(
            if cond {
                POP_JUMP_IF_TRUE
            } else {
                POP_JUMP_IF_FALSE
            },
            next,
        );
        Ok(())
    }
}

/// The codegen context of an AST context.
pub fn ctx_of(c: ExprContext) -> Ctx {
    match c {
        ExprContext::Load => Ctx::Load,
        ExprContext::Store => Ctx::Store,
        ExprContext::Del => Ctx::Del,
    }
}
