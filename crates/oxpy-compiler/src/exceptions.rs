//! `try`/`except`/`else`/`finally`, `with`, and unwinding the frame-block stack for
//! `return`/`break`/`continue` (CPython 3.11's zero-cost exception layout: `SETUP_*`
//! pseudo-instructions that become exception-table entries).

use crate::codegen::{CResult, Compiler, Ctx};
use crate::error::error_at;
use crate::unit::{FBlock, FBlockKind};
use oxpy_ast::*;
use oxpy_bytecode::{Const, Opcode};

impl<'a> Compiler<'a> {
    /// `COPY 3; POP_EXCEPT; RERAISE 1`.
    fn pop_except_and_reraise(&mut self) {
        self.op_arg(Opcode::COPY, 3);
        self.op(Opcode::POP_EXCEPT);
        self.op_arg(Opcode::RERAISE, 1);
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.op_arg(Opcode::PRECALL, 2);
        self.op_arg(Opcode::CALL, 2);
    }

    /// Emit the code leaving frame block `fb` (`compiler_unwind_fblock`).
    pub fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult {
        use Opcode::*;
        match &fb.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.op(POP_TOP);
            }
            FBlockKind::TryExcept => self.op(POP_BLOCK),
            FBlockKind::FinallyTry(body) => {
                self.op(POP_BLOCK);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, None, None, Loc::default())?;
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.op(POP_TOP);
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.op(POP_BLOCK);
                self.op(POP_EXCEPT);
            }
            FBlockKind::With(loc) | FBlockKind::AsyncWith(loc) => {
                self.set_loc(*loc);
                self.op(POP_BLOCK);
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.call_exit_with_nones();
                if matches!(fb.kind, FBlockKind::AsyncWith(_)) {
                    self.op_arg(GET_AWAITABLE, 2);
                    self.load_const(Const::None);
                    self.add_yield_from(true);
                }
                self.op(POP_TOP);
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup(name) => {
                if name.is_some() {
                    self.op(POP_BLOCK);
                }
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.op(POP_BLOCK);
                self.op(POP_EXCEPT);
                if let Some(n) = name {
                    self.load_const(Const::None);
                    self.nameop(n, Ctx::Store);
                    self.nameop(n, Ctx::Del);
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.op_arg(SWAP, 2);
                }
                self.op(POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwind every frame block (for `return`), or up to the innermost loop (for
    /// `break`/`continue`, when `want_loop`): returns the loop's index.
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
    ) -> CResult<Option<usize>> {
        let Some(top) = self.ur().fblocks.last().cloned() else {
            return Ok(None);
        };
        let depth = self.ur().fblocks.len() - 1;
        if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
            return Err(self
                .error_here("'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        if want_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(depth));
        }
        self.u().fblocks.pop();
        let r = self.unwind_fblock(&top, preserve_tos);
        let r = r.and_then(|_| self.unwind_fblock_stack(preserve_tos, want_loop));
        self.u().fblocks.push(top);
        r
    }

    /// `try` statement.
    pub fn try_stmt(&mut self, s: &'a Stmt) -> CResult {
        let (StmtKind::Try { finalbody, .. } | StmtKind::TryStar { finalbody, .. }) = &s.kind
        else {
            return Ok(());
        };
        if finalbody.is_empty() {
            self.try_except(s)
        } else {
            self.try_finally(s)
        }
    }

    fn try_finally(&mut self, s: &'a Stmt) -> CResult {
        use Opcode::*;
        let (StmtKind::Try {
            body,
            handlers,
            finalbody,
            ..
        }
        | StmtKind::TryStar {
            body,
            handlers,
            finalbody,
            ..
        }) = &s.kind
        else {
            return Ok(());
        };
        let body_b = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.jump(SETUP_FINALLY, end);
        self.use_block(body_b);
        self.push_fblock(
            FBlockKind::FinallyTry(finalbody),
            Some(body_b),
            Some(end),
            s.loc,
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(s)?;
        }
        self.op_noline(POP_BLOCK, 0);
        self.pop_fblock();
        self.stmts(finalbody)?;
        self.jump_noline(JUMP, exit);
        self.use_block(end);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::FinallyEnd, Some(end), None, s.loc)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.op_arg(RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        Ok(())
    }

    fn try_except(&mut self, s: &'a Stmt) -> CResult {
        use Opcode::*;
        if matches!(s.kind, StmtKind::TryStar { .. }) {
            return self.try_star_except(s);
        }
        let StmtKind::Try {
            body,
            handlers,
            orelse,
            ..
        } = &s.kind
        else {
            return Ok(());
        };
        let body_b = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.jump(SETUP_FINALLY, except);
        self.use_block(body_b);
        self.push_fblock(FBlockKind::TryExcept, Some(body_b), None, s.loc)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.op_noline(POP_BLOCK, 0);
        self.stmts(orelse)?;
        self.jump_noline(JUMP, end);
        self.use_block(except);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionHandler, None, None, s.loc)?;
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.loc);
            if h.type_.is_none() && i + 1 < n {
                return Err(error_at("default 'except:' must be last", h.loc));
            }
            except = self.new_block();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.op(CHECK_EXC_MATCH);
                self.jump(POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.nameop(name, Ctx::Store);
                self.jump(SETUP_CLEANUP, cleanup_end);
                self.use_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(Some(name.clone())),
                    Some(cleanup_body),
                    None,
                    h.loc,
                )?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.op(POP_BLOCK);
                self.op(POP_BLOCK);
                self.op(POP_EXCEPT);
                self.load_const(Const::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
                self.jump(JUMP, end);
                self.use_block(cleanup_end);
                self.unset_loc();
                self.load_const(Const::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
                self.op_arg(RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.op(POP_TOP);
                self.use_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(None),
                    Some(cleanup_body),
                    None,
                    h.loc,
                )?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.op(POP_BLOCK);
                self.op(POP_EXCEPT);
                self.jump(JUMP, end);
            }
            self.use_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.op_arg(RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(end);
        Ok(())
    }

    fn try_star_except(&mut self, s: &'a Stmt) -> CResult {
        use Opcode::*;
        let StmtKind::TryStar {
            body,
            handlers,
            orelse,
            ..
        } = &s.kind
        else {
            return Ok(());
        };
        let body_b = self.new_block();
        let mut except = self.new_block();
        let orelse_b = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.jump(SETUP_FINALLY, except);
        self.use_block(body_b);
        self.push_fblock(FBlockKind::TryExcept, Some(body_b), None, s.loc)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.op_noline(POP_BLOCK, 0);
        self.jump_noline(JUMP, orelse_b);
        let n = handlers.len();
        self.use_block(except);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, None, None, s.loc)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.loc);
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                self.op_arg(COPY, 1);
                self.op_arg(BUILD_LIST, 0);
                self.op_arg(SWAP, 2);
            }
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.op(CHECK_EG_MATCH);
                self.op_arg(COPY, 1);
                self.jump(POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &h.name {
                Some(name) => self.nameop(name, Ctx::Store),
                None => self.op(POP_TOP),
            }
            self.jump(SETUP_CLEANUP, cleanup_end);
            self.use_block(cleanup_body);
            self.push_fblock(
                FBlockKind::HandlerCleanup(h.name.clone()),
                Some(cleanup_body),
                None,
                h.loc,
            )?;
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.unset_loc();
            self.op(POP_BLOCK);
            if let Some(name) = &h.name {
                self.load_const(Const::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.jump(JUMP, except);
            self.use_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &h.name {
                self.load_const(Const::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.op_arg(LIST_APPEND, 3);
            self.op(POP_TOP);
            self.jump(JUMP, except_with_error);
            self.use_block(except);
            self.op(NOP);
            self.jump(JUMP, except_with_error);
            self.use_block(no_match);
            self.op(POP_TOP);
            self.use_block(except_with_error);
            if i + 1 == n {
                self.op_arg(LIST_APPEND, 1);
                self.jump(JUMP, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_block(reraise_star);
        self.op(PREP_RERAISE_STAR);
        self.op_arg(COPY, 1);
        self.jump(POP_JUMP_IF_NOT_NONE, reraise);
        self.op(POP_TOP);
        self.op(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.jump(JUMP, end);
        self.use_block(reraise);
        self.op(POP_BLOCK);
        self.op_arg(SWAP, 2);
        self.op(POP_EXCEPT);
        self.op_arg(RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(orelse_b);
        self.stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `with` statement, item `pos` onwards (`compiler_with`).
    pub fn with_stmt(&mut self, s: &'a Stmt, pos: usize) -> CResult {
        use Opcode::*;
        let StmtKind::With { items, body, .. } = &s.kind else {
            return Ok(());
        };
        let Some(item) = items.get(pos) else {
            return self.stmts(body);
        };
        let block = self.new_block();
        let final_b = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.expr(&item.context_expr)?;
        self.op(BEFORE_WITH);
        self.jump(SETUP_WITH, final_b);
        self.use_block(block);
        self.push_fblock(FBlockKind::With(s.loc), Some(block), Some(final_b), s.loc)?;
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.op(POP_TOP),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with_stmt(s, pos + 1)?;
        }
        self.unset_loc();
        self.op(POP_BLOCK);
        self.pop_fblock();
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.op(POP_TOP);
        self.jump(JUMP, exit);
        self.use_block(final_b);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.op(WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    /// `async with` statement, item `pos` onwards (`compiler_async_with`).
    pub fn async_with_stmt(&mut self, s: &'a Stmt, pos: usize) -> CResult {
        use Opcode::*;
        let StmtKind::AsyncWith { items, body, .. } = &s.kind else {
            return Ok(());
        };
        let Some(item) = items.get(pos) else {
            return self.stmts(body);
        };
        let block = self.new_block();
        let final_b = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.expr(&item.context_expr)?;
        self.op(BEFORE_ASYNC_WITH);
        self.op_arg(GET_AWAITABLE, 1);
        self.load_const(Const::None);
        self.add_yield_from(true);
        self.jump(SETUP_WITH, final_b);
        self.use_block(block);
        self.push_fblock(
            FBlockKind::AsyncWith(s.loc),
            Some(block),
            Some(final_b),
            s.loc,
        )?;
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.op(POP_TOP),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.async_with_stmt(s, pos + 1)?;
        }
        self.pop_fblock();
        self.op(POP_BLOCK);
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.op_arg(GET_AWAITABLE, 2);
        self.load_const(Const::None);
        self.add_yield_from(true);
        self.op(POP_TOP);
        self.jump(JUMP, exit);
        self.use_block(final_b);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.op(WITH_EXCEPT_START);
        self.op_arg(GET_AWAITABLE, 2);
        self.load_const(Const::None);
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: usize) {
        use Opcode::*;
        self.unset_loc();
        let exit = self.new_block();
        self.jump(POP_JUMP_IF_TRUE, exit);
        self.op_arg(RERAISE, 2);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        self.op(POP_TOP);
        self.op(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.op(POP_TOP);
        self.op(POP_TOP);
    }
}
