//! Comprehensions and generator expressions: each is its own function taking the
//! outermost iterator as `.0` (`compiler_comprehension`, CPython 3.11).

use crate::codegen::{CResult, Compiler};
use crate::error::error_at;
use crate::unit::UnitKind;
use oxpy_ast::*;
use oxpy_bytecode::{Const, Opcode};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gen,
    List,
    Set,
    Dict,
}

impl<'a> Compiler<'a> {
    /// Compile a list/set/dict comprehension or generator expression.
    pub fn comprehension(&mut self, e: &'a Expr) -> CResult {
        let (kind, name, gens, elt, val) = match &e.kind {
            ExprKind::ListComp { elt, generators } => {
                (Kind::List, "<listcomp>", generators, &**elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                (Kind::Set, "<setcomp>", generators, &**elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (Kind::Dict, "<dictcomp>", generators, &**key, Some(&**value)),
            ExprKind::GeneratorExp { elt, generators } => {
                (Kind::Gen, "<genexpr>", generators, &**elt, None)
            }
            _ => return Ok(()),
        };
        let Some(outermost) = gens.first() else {
            return Ok(());
        };
        let outer_kind = self.ur().kind;
        self.enter_scope(name, UnitKind::Comprehension, Self::key(e), e.loc.lineno)?;
        self.set_loc(e.loc);
        let is_async_gen = self.st.entries[self.ur().ste].coroutine;
        if is_async_gen
            && kind != Kind::Gen
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(error_at(
                "asynchronous comprehension outside of an asynchronous function",
                e.loc,
            ));
        }
        match kind {
            Kind::List => self.op_arg(Opcode::BUILD_LIST, 0),
            Kind::Set => self.op_arg(Opcode::BUILD_SET, 0),
            Kind::Dict => self.op_arg(Opcode::BUILD_MAP, 0),
            Kind::Gen => {}
        }
        self.comprehension_generator(gens, 0, 0, elt, val, kind)?;
        if kind != Kind::Gen {
            self.op(Opcode::RETURN_VALUE);
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, 0);
        self.iter_operand(&outermost.iter)?;
        self.op(if outermost.is_async != 0 {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        });
        self.op_arg(Opcode::PRECALL, 0);
        self.op_arg(Opcode::CALL, 0);
        if is_async_gen && kind != Kind::Gen {
            self.op_arg(Opcode::GET_AWAITABLE, 0);
            self.load_const(Const::None);
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comprehension_body(
        &mut self,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: Kind,
        depth: u32,
    ) -> CResult {
        match kind {
            Kind::Gen => {
                self.expr(elt)?;
                self.emit_yield();
                self.op(Opcode::POP_TOP);
            }
            Kind::List => {
                self.expr(elt)?;
                self.op_arg(Opcode::LIST_APPEND, depth + 1);
            }
            Kind::Set => {
                self.expr(elt)?;
                self.op_arg(Opcode::SET_ADD, depth + 1);
            }
            Kind::Dict => {
                self.expr(elt)?;
                if let Some(v) = val {
                    self.expr(v)?;
                }
                self.op_arg(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        gens: &'a [oxpy_ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: Kind,
    ) -> CResult {
        use Opcode::*;
        let generator = &gens[index];
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        if index == 0 {
            self.u().argcount = 1;
            self.op_arg(LOAD_FAST, 0);
        } else {
            self.expr(&generator.iter)?;
            self.op(GET_AITER);
        }
        self.use_block(start);
        self.push_fblock(
            crate::unit::FBlockKind::AsyncComprehensionGenerator,
            Some(start),
            None,
            generator.iter.loc,
        )?;
        self.jump(SETUP_FINALLY, except);
        self.op(GET_ANEXT);
        self.load_const(Const::None);
        self.add_yield_from(true);
        self.op(POP_BLOCK);
        self.expr(&generator.target)?;
        for cond in &generator.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < gens.len() {
            self.comprehension_generator(gens, index + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_body(elt, val, kind, depth)?;
        }
        self.use_block(if_cleanup);
        self.jump(JUMP, start);
        self.pop_fblock();
        self.use_block(except);
        self.op(END_ASYNC_FOR);
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        gens: &'a [oxpy_ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: Kind,
    ) -> CResult {
        let generator = &gens[index];
        if generator.is_async != 0 {
            return self.async_comprehension_generator(gens, index, depth, elt, val, kind);
        }
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        if index == 0 {
            self.u().argcount = 1;
            self.op_arg(Opcode::LOAD_FAST, 0);
        } else {
            let elts = match &generator.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => Some(elts),
                _ => None,
            };
            if let Some([one]) = elts.map(|v| v.as_slice())
                && !matches!(one.kind, ExprKind::Starred { .. })
            {
                self.expr(one)?;
                start = None;
            }
            if start.is_some() {
                self.iter_operand(&generator.iter)?;
                self.op(Opcode::GET_ITER);
            }
        }
        if let Some(s) = start {
            depth += 1;
            self.use_block(s);
            self.jump(Opcode::FOR_ITER, anchor);
        }
        self.expr(&generator.target)?;
        for cond in &generator.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < gens.len() {
            self.comprehension_generator(gens, index + 1, depth, elt, val, kind)?;
        } else {
            match kind {
                Kind::Gen => {
                    self.expr(elt)?;
                    self.emit_yield();
                    self.op(Opcode::POP_TOP);
                }
                Kind::List => {
                    self.expr(elt)?;
                    self.op_arg(Opcode::LIST_APPEND, depth + 1);
                }
                Kind::Set => {
                    self.expr(elt)?;
                    self.op_arg(Opcode::SET_ADD, depth + 1);
                }
                Kind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = val {
                        self.expr(v)?;
                    }
                    self.op_arg(Opcode::MAP_ADD, depth + 1);
                }
            }
        }
        self.use_block(if_cleanup);
        if let Some(s) = start {
            self.jump(Opcode::JUMP, s);
            self.use_block(anchor);
        }
        Ok(())
    }
}
