//! Statements (`compiler_visit_stmt`): assignments, control flow, imports, `raise`,
//! `assert`, `return`, `break`/`continue`, and module/class bodies.

use crate::codegen::{CResult, Compiler, Ctx};
use crate::error::error_at;
use crate::expr::nb_op;
use crate::symtable::{BlockType, mangle};
use crate::unit::{FBlockKind, UnitKind};
use oxpy_ast::*;
use oxpy_bytecode::{BigInt, Const, Opcode};

/// True when `body` (not looking into nested defs) has an annotated assignment.
pub fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => find_ann(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
        | StmtKind::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            find_ann(body)
                || find_ann(orelse)
                || find_ann(finalbody)
                || handlers.iter().any(|h| find_ann(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// A module or class body: `SETUP_ANNOTATIONS`, docstring, statements (`compiler_body`).
    pub fn body(&mut self, body: &'a [Stmt], is_module: bool) -> CResult {
        if is_module && let Some(first) = body.first() {
            self.set_loc(first.loc);
        }
        if find_ann(body) {
            self.op(Opcode::SETUP_ANNOTATIONS);
        }
        if body.is_empty() {
            return Ok(());
        }
        let mut start = 0;
        if let Some(doc) = Self::docstring(body)
            && let StmtKind::Expr { value } = &body[0].kind
        {
            self.set_loc(body[0].loc);
            self.set_loc(value.loc);
            self.load_const(doc);
            self.unset_loc();
            self.nameop("__doc__", Ctx::Store);
            start = 1;
        }
        for s in &body[start..] {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// Compile statements.
    pub fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    /// Compile one statement.
    pub fn stmt(&mut self, s: &'a Stmt) -> CResult {
        use Opcode::*;
        self.set_loc(s.loc);
        match &s.kind {
            StmtKind::FunctionDef { .. } => self.function(s, false)?,
            StmtKind::AsyncFunctionDef { .. } => self.function(s, true)?,
            StmtKind::ClassDef { .. } => self.class(s)?,
            StmtKind::Return { value } => self.return_stmt(s, value.as_deref())?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.expr(value)?;
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < n {
                        self.op_arg(COPY, 1);
                    }
                    self.expr(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.augassign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.annassign(target, annotation, value.as_deref(), *simple != 0)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.for_stmt(s, target, iter, body, orelse)?,
            StmtKind::While { test, body, orelse } => self.while_stmt(s, test, body, orelse)?,
            StmtKind::If { test, body, orelse } => {
                let end = self.new_block();
                let next = if orelse.is_empty() {
                    end
                } else {
                    self.new_block()
                };
                self.jump_if(test, next, false)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.jump_noline(JUMP, end);
                    self.use_block(next);
                    self.stmts(orelse)?;
                }
                self.use_block(end);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n += 1;
                    }
                }
                self.op_arg(RAISE_VARARGS, n);
                self.u().next_block();
            }
            StmtKind::Try { .. } => self.try_stmt(s)?,
            StmtKind::With { .. } => self.with_stmt(s, 0)?,
            StmtKind::Assert { test, msg } => {
                let end = self.new_block();
                self.jump_if(test, end, true)?;
                self.op(LOAD_ASSERTION_ERROR);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.op_arg(PRECALL, 0);
                    self.op_arg(CALL, 0);
                }
                self.op_arg(RAISE_VARARGS, 1);
                self.use_block(end);
            }
            StmtKind::Import { names } => self.import(names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(module.as_deref(), names, level.unwrap_or(0))?,
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {}
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() <= 1 {
                    self.expr(value)?;
                    self.op(PRINT_EXPR);
                } else if matches!(value.kind, ExprKind::Constant { .. }) {
                    self.op(NOP);
                } else {
                    self.expr(value)?;
                    self.unset_loc();
                    self.op(POP_TOP);
                }
            }
            StmtKind::Pass => self.op(NOP),
            StmtKind::Break => self.break_stmt(s)?,
            StmtKind::Continue => self.continue_stmt(s)?,
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases)?,
            StmtKind::TryStar { .. } => self.try_stmt(s)?,
            StmtKind::AsyncWith { .. } => {
                if self.ur().kind != UnitKind::AsyncFunction {
                    return Err(error_at("'async with' outside async function", s.loc));
                }
                self.async_with_stmt(s, 0)?;
            }
            StmtKind::AsyncFor { .. } => {
                if self.ur().kind != UnitKind::AsyncFunction {
                    return Err(error_at("'async for' outside async function", s.loc));
                }
                self.async_for_stmt(s)?;
            }
        }
        Ok(())
    }

    fn return_stmt(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        if self.ste_kind() != BlockType::Function {
            return Err(error_at("'return' outside function", s.loc));
        }
        let e = &self.st.entries[self.ur().ste];
        if value.is_some() && e.coroutine && e.generator {
            return Err(error_at("'return' with value in async generator", s.loc));
        }
        let preserve_tos = value.is_some_and(|v| !matches!(v.kind, ExprKind::Constant { .. }));
        if preserve_tos {
            if let Some(v) = value {
                self.expr(v)?;
            }
        } else if let Some(v) = value {
            self.set_loc(v.loc);
            self.op(Opcode::NOP);
        }
        if value.is_none_or(|v| v.loc.lineno != s.loc.lineno) {
            self.set_loc(s.loc);
            self.op(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.load_const(Const::None),
            Some(v) if !preserve_tos => {
                if let ExprKind::Constant { value, .. } = &v.kind {
                    self.load_const(Const::from_ast(value));
                }
            }
            _ => {}
        }
        self.op(Opcode::RETURN_VALUE);
        self.u().next_block();
        Ok(())
    }

    fn break_stmt(&mut self, s: &'a Stmt) -> CResult {
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(error_at("'break' outside loop", s.loc));
        };
        let fb = self.ur().fblocks[loop_index].clone();
        self.unwind_fblock(&fb, false)?;
        if let Some(exit) = fb.exit {
            self.jump(Opcode::JUMP, exit);
        }
        Ok(())
    }

    fn continue_stmt(&mut self, s: &'a Stmt) -> CResult {
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(error_at("'continue' not properly in loop", s.loc));
        };
        let fb = self.ur().fblocks[loop_index].clone();
        if let Some(b) = fb.block {
            self.jump(Opcode::JUMP, b);
        }
        Ok(())
    }

    fn for_stmt(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        let start = self.new_block();
        let body_b = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), s.loc)?;
        self.iter_operand(iter)?;
        self.op(Opcode::GET_ITER);
        self.use_block(start);
        self.jump(Opcode::FOR_ITER, cleanup);
        self.use_block(body_b);
        self.expr(target)?;
        self.stmts(body)?;
        self.unset_loc();
        self.jump(Opcode::JUMP, start);
        self.use_block(cleanup);
        self.pop_fblock();
        self.stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn async_for_stmt(&mut self, s: &'a Stmt) -> CResult {
        use Opcode::*;
        let StmtKind::AsyncFor {
            target,
            iter,
            body,
            orelse,
            ..
        } = &s.kind
        else {
            return Ok(());
        };
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.expr(iter)?;
        self.op(GET_AITER);
        self.use_block(start);
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), s.loc)?;
        self.jump(SETUP_FINALLY, except);
        self.op(GET_ANEXT);
        self.load_const(Const::None);
        self.add_yield_from(true);
        self.op(POP_BLOCK);
        self.expr(target)?;
        self.stmts(body)?;
        self.unset_loc();
        self.jump(JUMP, start);
        self.pop_fblock();
        self.use_block(except);
        self.set_loc(iter.loc);
        self.op(END_ASYNC_FOR);
        self.stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn while_stmt(
        &mut self,
        s: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        let lp = self.new_block();
        let body_b = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_block(lp);
        self.push_fblock(FBlockKind::WhileLoop, Some(lp), Some(end), s.loc)?;
        self.jump_if(test, anchor, false)?;
        self.use_block(body_b);
        self.stmts(body)?;
        self.set_loc(s.loc);
        self.jump_if(test, body_b, true)?;
        self.pop_fblock();
        self.use_block(anchor);
        self.stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn augassign(&mut self, target: &'a Expr, op: Operator, value: &'a Expr) -> CResult {
        use Opcode::*;
        let saved = self.u().loc;
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.expr(obj)?;
                self.op_arg(COPY, 1);
                self.attr_start(target);
                self.op_name(LOAD_ATTR, attr);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.op_arg(COPY, 2);
                self.op_arg(COPY, 2);
                self.op(BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, Ctx::Load),
            _ => {
                return Err(error_at(
                    "illegal expression for augmented assignment",
                    target.loc,
                ));
            }
        }
        self.u().loc = saved;
        self.expr(value)?;
        self.op_arg(BINARY_OP, nb_op(op) + 13);
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.attr_start(target);
                self.op_arg(SWAP, 2);
                self.op_name(STORE_ATTR, attr);
            }
            ExprKind::Subscript { .. } => {
                self.op_arg(SWAP, 3);
                self.op_arg(SWAP, 2);
                self.op(STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, Ctx::Store),
            _ => {}
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult {
        self.expr(e)?;
        self.op(Opcode::POP_TOP);
        Ok(())
    }

    fn annassign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(v) = value {
            self.expr(v)?;
            self.expr(target)?;
        }
        let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } if simple && module_or_class => {
                self.expr(annotation)?;
                self.op_name(Opcode::LOAD_NAME, "__annotations__");
                let m = mangle(self.ur().private.as_deref(), id);
                self.load_const(Const::Str(m.as_str().into()));
                self.op(Opcode::STORE_SUBSCR);
            }
            ExprKind::Attribute { value: obj, .. } if value.is_none() => {
                self.check_ann_expr(obj)?;
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } if value.is_none() => {
                self.check_ann_expr(obj)?;
                match &slice.kind {
                    ExprKind::Slice { lower, upper, step } => {
                        for part in [lower, upper, step].into_iter().flatten() {
                            self.check_ann_expr(part)?;
                        }
                    }
                    ExprKind::Tuple { elts, .. } => {
                        for e in elts {
                            self.check_ann_expr(e)?;
                        }
                    }
                    _ => self.check_ann_expr(slice)?,
                }
            }
            _ => {}
        }
        if !simple && module_or_class {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    fn import(&mut self, names: &'a [Alias]) {
        use Opcode::*;
        for a in names {
            self.load_const(Const::Int(BigInt::from(0)));
            self.load_const(Const::None);
            self.op_name(IMPORT_NAME, &a.name);
            match &a.asname {
                Some(asname) => {
                    let parts: Vec<&str> = a.name.split('.').collect();
                    if parts.len() > 1 {
                        for (i, attr) in parts[1..].iter().enumerate() {
                            let idx = crate::unit::Unit::index_of(&mut self.u().names, attr);
                            self.op_arg(IMPORT_FROM, idx);
                            if i + 2 < parts.len() {
                                self.op_arg(SWAP, 2);
                                self.op(POP_TOP);
                            }
                        }
                        self.nameop(asname, Ctx::Store);
                        self.op(POP_TOP);
                    } else {
                        self.nameop(asname, Ctx::Store);
                    }
                }
                None => {
                    let first = a.name.split('.').next().unwrap_or(&a.name);
                    self.nameop(first, Ctx::Store);
                }
            }
        }
    }

    fn import_from(&mut self, module: Option<&str>, names: &'a [Alias], level: i64) -> CResult {
        use Opcode::*;
        self.load_const(Const::Int(BigInt::from(level)));
        let tuple: Vec<Const> = names
            .iter()
            .map(|a| Const::Str(a.name.as_str().into()))
            .collect();
        self.load_const(Const::Tuple(tuple));
        self.op_name(IMPORT_NAME, module.unwrap_or(""));
        for (i, a) in names.iter().enumerate() {
            if i == 0 && a.name.starts_with('*') {
                self.op(IMPORT_STAR);
                return Ok(());
            }
            self.op_name(IMPORT_FROM, &a.name);
            let store = a.asname.as_deref().unwrap_or(&a.name);
            self.nameop(store, Ctx::Store);
        }
        self.op(POP_TOP);
        Ok(())
    }
}
