//! Calls, function/lambda/class definitions and closures (`compiler_call`,
//! `compiler_function`, `compiler_class`, `compiler_make_closure`).

use crate::codegen::{CResult, Compiler, Ctx, STACK_USE_GUIDELINE};
use crate::error::error_at;
use crate::symtable::{Scope, mangle};
use crate::unit::UnitKind;
use oxpy_ast::*;
use oxpy_bytecode::{CodeObject, Const, Opcode};
use std::sync::Arc;

impl<'a> Compiler<'a> {
    /// `compiler_call`.
    pub fn call(&mut self, e: &'a Expr) -> CResult {
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &e.kind
        else {
            return Ok(());
        };
        if self.method_call(e, func, args, keywords)? {
            return Ok(());
        }
        self.set_loc(func.loc);
        self.op(Opcode::PUSH_NULL);
        self.set_loc(e.loc);
        self.expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn method_call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        kws: &'a [Keyword],
    ) -> CResult<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        // A name imported at module level is assumed to be a module: no LOAD_METHOD.
        if let ExprKind::Name { id, .. } = &value.kind
            && self.st.entries[0]
                .lookup(id)
                .is_some_and(|s| s.flags & crate::symtable::def::IMPORT != 0)
        {
            return Ok(false);
        }
        if args.len() + kws.len() + usize::from(!kws.is_empty()) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || kws.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.expr(value)?;
        let saved = self.u().loc;
        self.set_loc(func.loc);
        self.attr_start(func);
        self.op_name(Opcode::LOAD_METHOD, attr);
        self.exprs(args)?;
        if !kws.is_empty() {
            for k in kws {
                self.expr(&k.value)?;
            }
            self.kw_names(kws);
        }
        self.set_loc(e.loc);
        self.attr_start(func);
        let n = (args.len() + kws.len()) as u32;
        self.op_arg(Opcode::PRECALL, n);
        self.op_arg(Opcode::CALL, n);
        self.u().loc = saved;
        let _ = e;
        Ok(true)
    }

    fn kw_names(&mut self, kws: &[Keyword]) {
        let names: Vec<Const> = kws
            .iter()
            .map(|k| Const::Str(k.arg.clone().unwrap_or_default().as_str().into()))
            .collect();
        let i = self.u().add_const(Const::Tuple(names));
        self.op_arg(Opcode::KW_NAMES, i);
    }

    fn validate_keywords(&self, kws: &[Keyword]) -> CResult {
        for (i, k) in kws.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if kws[i + 1..].iter().any(|o| o.arg.as_deref() == Some(name)) {
                let dup = kws[i + 1..].iter().find(|o| o.arg.as_deref() == Some(name));
                let loc = dup.map_or(k.loc, |d| d.loc);
                return Err(error_at(&format!("keyword argument repeated: {name}"), loc));
            }
        }
        Ok(())
    }

    /// Arguments and the call itself; `n` values are already pushed (`compiler_call_helper`).
    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], kws: &'a [Keyword]) -> CResult {
        use Opcode::*;
        self.validate_keywords(kws)?;
        let nelts = args.len();
        let nkw = kws.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            && !kws.iter().any(|k| k.arg.is_none());
        if simple {
            self.exprs(args)?;
            if nkw > 0 {
                for k in kws {
                    self.expr(&k.value)?;
                }
                self.kw_names(kws);
            }
            let total = n + (nelts + nkw) as u32;
            self.op_arg(PRECALL, total);
            self.op_arg(CALL, total);
            return Ok(());
        }
        match args {
            [
                Expr {
                    kind: ExprKind::Starred { value, .. },
                    ..
                },
            ] if n == 0 => self.expr(value)?,
            _ => self.starunpack(args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?,
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in kws.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(kws, i - nseen, i)?;
                        if have_dict {
                            self.op_arg(DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.op_arg(BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.op_arg(DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(kws, nkw - nseen, nkw)?;
                if have_dict {
                    self.op_arg(DICT_MERGE, 1);
                }
            }
        }
        self.op_arg(CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [Keyword], begin: usize, end: usize) -> CResult {
        use Opcode::*;
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &kws[begin..end] {
                self.expr(&k.value)?;
            }
            let names: Vec<Const> = kws[begin..end]
                .iter()
                .map(|k| Const::Str(k.arg.clone().unwrap_or_default().as_str().into()))
                .collect();
            self.load_const(Const::Tuple(names));
            self.op_arg(BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_noline(BUILD_MAP, 0);
        }
        for k in &kws[begin..end] {
            self.load_const(Const::Str(
                k.arg.clone().unwrap_or_default().as_str().into(),
            ));
            self.expr(&k.value)?;
            if big {
                self.op_noline(MAP_ADD, 1);
            }
        }
        if !big {
            self.op_arg(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    /// Push the function object for `code` with the `flags` extras already pushed.
    pub fn make_closure(&mut self, code: Arc<CodeObject>, mut flags: u32) {
        let frees: Vec<String> = code.co_freevars().iter().map(|s| s.to_string()).collect();
        if !frees.is_empty() {
            for name in &frees {
                let is_class_cell = self.ur().kind == UnitKind::Class && name == "__class__";
                let m = mangle(self.ur().private.as_deref(), name);
                let scope = self.st.entries[self.ur().ste].lookup(&m).map(|s| s.scope);
                let u = self.u();
                let arg = if is_class_cell || scope == Some(Scope::Cell) {
                    crate::unit::Unit::index_of(&mut u.cellvars, name)
                } else {
                    let nc = u.cellvars.len() as u32;
                    nc + crate::unit::Unit::index_of(&mut u.freevars, name)
                };
                self.op_arg(Opcode::LOAD_CLOSURE, arg);
            }
            flags |= 8;
            self.op_arg(Opcode::BUILD_TUPLE, frees.len() as u32);
        }
        self.load_const(Const::Code(code));
        self.op_arg(Opcode::MAKE_FUNCTION, flags);
    }

    fn default_arguments(&mut self, args: &'a Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.exprs(&args.defaults)?;
            self.op_arg(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            flags |= 1;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                let m = mangle(self.ur().private.as_deref(), &arg.arg);
                keys.push(Const::Str(m.as_str().into()));
                self.expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Const::Tuple(keys));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n);
            flags |= 2;
        }
        Ok(flags)
    }

    fn annotations(
        &mut self,
        args: &'a Arguments,
        returns: &'a Option<Box<Expr>>,
    ) -> CResult<bool> {
        let mut n = 0;
        let all = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(args.vararg.iter())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.iter());
        for a in all {
            if let Some(ann) = &a.annotation {
                let m = mangle(self.ur().private.as_deref(), &a.arg);
                self.load_const(Const::Str(m.as_str().into()));
                match &ann.kind {
                    ExprKind::Starred { value, .. } => {
                        self.expr(value)?;
                        self.op_arg(Opcode::UNPACK_SEQUENCE, 1);
                    }
                    _ => self.expr(ann)?,
                }
                n += 2;
            }
        }
        if let Some(r) = returns {
            self.load_const(Const::Str("return".into()));
            self.expr(r)?;
            n += 2;
        }
        if n > 0 {
            self.op_arg(Opcode::BUILD_TUPLE, n);
        }
        Ok(n > 0)
    }

    fn apply_decorators(&mut self, decos: &'a [Expr]) {
        let saved = self.u().loc;
        for d in decos.iter().rev() {
            self.set_loc(d.loc);
            self.op_arg(Opcode::PRECALL, 0);
            self.op_arg(Opcode::CALL, 0);
        }
        self.u().loc = saved;
    }

    /// `def` / `async def` (`compiler_function`).
    pub fn function(&mut self, s: &'a Stmt, is_async: bool) -> CResult {
        let (StmtKind::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            ..
        }
        | StmtKind::AsyncFunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            ..
        }) = &s.kind
        else {
            return Ok(());
        };
        let firstlineno = decorator_list
            .first()
            .map_or(s.loc.lineno, |d| d.loc.lineno);
        self.exprs(decorator_list)?;
        let mut flags = self.default_arguments(args)?;
        if self.annotations(args, returns)? {
            flags |= 4;
        }
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(name, kind, Self::key(s), firstlineno)?;
        let doc = Self::docstring(body);
        let has_doc = doc.is_some();
        self.u().add_const(doc.unwrap_or(Const::None));
        self.u().argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        self.u().posonlyargcount = args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = args.kwonlyargs.len() as u32;
        let start = usize::from(has_doc);
        for st in &body[start..] {
            self.stmt(st)?;
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, flags);
        self.apply_decorators(decorator_list);
        self.nameop(name, Ctx::Store);
        Ok(())
    }

    /// `lambda` (`compiler_lambda`).
    pub fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        let flags = self.default_arguments(args)?;
        self.enter_scope("<lambda>", UnitKind::Lambda, Self::key(e), e.loc.lineno)?;
        self.u().add_const(Const::None);
        self.u().argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        self.u().posonlyargcount = args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = args.kwonlyargs.len() as u32;
        self.expr(body)?;
        let is_gen = self.st.entries[self.ur().ste].generator;
        let code = if is_gen {
            self.exit_scope(false)?
        } else {
            self.op(Opcode::RETURN_VALUE);
            self.exit_scope(true)?
        };
        self.make_closure(code, flags);
        Ok(())
    }

    /// `class` (`compiler_class`).
    pub fn class(&mut self, s: &'a Stmt) -> CResult {
        let StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        } = &s.kind
        else {
            return Ok(());
        };
        let firstlineno = decorator_list
            .first()
            .map_or(s.loc.lineno, |d| d.loc.lineno);
        self.exprs(decorator_list)?;
        self.enter_scope(name, UnitKind::Class, Self::key(s), firstlineno)?;
        self.u().private = Some(name.clone());
        self.nameop("__name__", Ctx::Load);
        self.nameop("__module__", Ctx::Store);
        let q = self.ur().qualname.clone();
        self.load_const(Const::Str(q.as_str().into()));
        self.nameop("__qualname__", Ctx::Store);
        self.body(body, false)?;
        self.unset_loc();
        if self.st.entries[self.ur().ste].needs_class_closure {
            self.op_arg(Opcode::LOAD_CLOSURE, 0);
            self.op_arg(Opcode::COPY, 1);
            self.nameop("__classcell__", Ctx::Store);
        } else {
            self.load_const(Const::None);
        }
        self.op(Opcode::RETURN_VALUE);
        let code = self.exit_scope(true)?;
        self.op(Opcode::PUSH_NULL);
        self.op(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(code, 0);
        self.load_const(Const::Str(name.as_str().into()));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decorator_list);
        self.nameop(name, Ctx::Store);
        Ok(())
    }
}
