//! The code generator's core: the compiler state, scopes (units), emission helpers
//! and name resolution, as CPython 3.11's `Python/compile.c`. Statements, expressions,
//! calls/definitions, comprehensions and exception handling live in sibling modules.

use crate::assemble::assemble;
use crate::error::error_at;
use crate::ir::BlockId;
use crate::symtable::{BlockType, Scope, SymbolTable, def, mangle, node_key};
use crate::unit::{FBlock, FBlockKind, Unit, UnitKind};
use oxpy_ast::{Loc, Stmt};
use oxpy_bytecode::{CodeFlags, CodeObject, Const, Location, Opcode};
use oxpy_lexer::SyntaxError;
use std::sync::Arc;

/// Result of a codegen step.
pub type CResult<T = ()> = Result<T, SyntaxError>;

/// Load, store or delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    /// Read.
    Load,
    /// Bind.
    Store,
    /// Unbind.
    Del,
}

/// Calls and displays with more operands than this use the incremental forms.
pub const STACK_USE_GUIDELINE: usize = 30;

/// The code generator.
pub struct Compiler<'a> {
    /// Symbol table of the module.
    pub st: SymbolTable,
    /// Unit stack; the last is being compiled.
    pub units: Vec<Unit<'a>>,
    /// File name recorded in code objects.
    pub filename: String,
    /// Compiling for the interactive prompt (`PRINT_EXPR`).
    pub interactive: bool,
}

/// A `Location` from an AST location.
pub fn location(loc: Loc) -> Location {
    Location {
        lineno: loc.lineno as i32,
        end_lineno: loc.end_lineno as i32,
        col: loc.col_offset as i32,
        end_col: loc.end_col_offset as i32,
    }
}

impl<'a> Compiler<'a> {
    /// The current unit.
    pub fn u(&mut self) -> &mut Unit<'a> {
        let n = self.units.len() - 1;
        &mut self.units[n]
    }

    /// The current unit (shared).
    pub fn ur(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    /// Block type of the current scope.
    pub fn ste_kind(&self) -> BlockType {
        self.st.entries[self.ur().ste].kind
    }

    /// Set the location for following instructions.
    pub fn set_loc(&mut self, loc: Loc) {
        // Nodes made by the AST optimizer carry no location (line 0 here, -1 in CPython).
        self.u().loc = if loc.lineno == 0 {
            Location::NONE
        } else {
            location(loc)
        };
    }

    /// Mark following instructions as artificial.
    pub fn unset_loc(&mut self) {
        self.u().loc = Location::NONE;
    }

    /// A `SyntaxError` at the current location (CPython's `compiler_error`).
    pub fn error_here(&self, msg: &str) -> SyntaxError {
        let l = self.ur().loc;
        let loc = Loc {
            lineno: l.lineno.max(0) as u32,
            col_offset: l.col.max(0) as u32,
            end_lineno: l.end_lineno.max(0) as u32,
            end_col_offset: l.end_col.max(0) as u32,
        };
        error_at(msg, loc)
    }

    /// Emit an argument-less instruction.
    pub fn op(&mut self, op: Opcode) {
        self.u().add(op, 0, None);
    }

    /// Emit an instruction with an argument.
    pub fn op_arg(&mut self, op: Opcode, arg: u32) {
        self.u().add(op, arg, None);
    }

    /// Emit a jump.
    pub fn jump(&mut self, op: Opcode, target: BlockId) {
        self.u().add(op, 0, Some(target));
    }

    /// Emit a jump without a line number.
    pub fn jump_noline(&mut self, op: Opcode, target: BlockId) {
        let saved = self.u().loc;
        self.unset_loc();
        self.jump(op, target);
        self.u().loc = saved;
    }

    /// Emit an instruction without a line number.
    pub fn op_noline(&mut self, op: Opcode, arg: u32) {
        let saved = self.u().loc;
        self.unset_loc();
        self.op_arg(op, arg);
        self.u().loc = saved;
    }

    /// `LOAD_CONST c`.
    pub fn load_const(&mut self, c: Const) {
        let i = self.u().add_const(c);
        self.op_arg(Opcode::LOAD_CONST, i);
    }

    /// A new block.
    pub fn new_block(&mut self) -> BlockId {
        self.u().new_block()
    }

    /// Continue emitting in `b`, placed after the current block.
    pub fn use_block(&mut self, b: BlockId) {
        self.u().use_next_block(b);
    }

    /// Index of `name` in `co_names` (mangled).
    pub fn name_index(&mut self, name: &str) -> u32 {
        let m = mangle(self.ur().private.as_deref(), name);
        Unit::index_of(&mut self.u().names, &m)
    }

    /// Emit `op` with a name argument.
    pub fn op_name(&mut self, op: Opcode, name: &str) {
        let i = self.name_index(name);
        self.op_arg(op, i);
    }

    /// Push a frame block.
    pub fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        block: Option<BlockId>,
        exit: Option<BlockId>,
        loc: Loc,
    ) -> CResult {
        if self.ur().fblocks.len() >= 20 {
            return Err(error_at("too many statically nested blocks", loc));
        }
        self.u().fblocks.push(FBlock { kind, block, exit });
        Ok(())
    }

    /// Pop a frame block.
    pub fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    fn scope_of(&self, mangled: &str) -> Option<Scope> {
        self.st.entries[self.ur().ste]
            .lookup(mangled)
            .map(|s| s.scope)
    }

    /// Emit the load/store/delete of a variable (`compiler_nameop`).
    pub fn nameop(&mut self, name: &str, ctx: Ctx) {
        use Opcode::*;
        let mangled = mangle(self.ur().private.as_deref(), name);
        let func = self.ste_kind() == BlockType::Function;
        let scope = self.scope_of(&mangled);
        enum K {
            Deref(u32),
            Fast,
            Global,
            Name,
        }
        let k = match scope {
            Some(Scope::Free) => {
                let u = self.u();
                let ncells = u.cellvars.len() as u32;
                let i = Unit::index_of(&mut u.freevars, &mangled);
                K::Deref(ncells + i)
            }
            Some(Scope::Cell) => K::Deref(Unit::index_of(&mut self.u().cellvars, &mangled)),
            Some(Scope::Local) if func => K::Fast,
            Some(Scope::GlobalImplicit) if func => K::Global,
            Some(Scope::GlobalExplicit) => K::Global,
            _ => K::Name,
        };
        // A class-body name that is also free in a method is both free and local.
        let k = match k {
            K::Deref(i) if self.ste_kind() == BlockType::Class && scope == Some(Scope::Free) => {
                K::Deref(i)
            }
            other => other,
        };
        match k {
            K::Deref(i) => {
                let op = match ctx {
                    Ctx::Load if self.ste_kind() == BlockType::Class => LOAD_CLASSDEREF,
                    Ctx::Load => LOAD_DEREF,
                    Ctx::Store => STORE_DEREF,
                    Ctx::Del => DELETE_DEREF,
                };
                self.op_arg(op, i);
            }
            K::Fast => {
                let i = Unit::index_of(&mut self.u().varnames, &mangled);
                let op = match ctx {
                    Ctx::Load => LOAD_FAST,
                    Ctx::Store => STORE_FAST,
                    Ctx::Del => DELETE_FAST,
                };
                self.op_arg(op, i);
            }
            K::Global => {
                let i = Unit::index_of(&mut self.u().names, &mangled);
                match ctx {
                    Ctx::Load => self.op_arg(LOAD_GLOBAL, i << 1),
                    Ctx::Store => self.op_arg(STORE_GLOBAL, i),
                    Ctx::Del => self.op_arg(DELETE_GLOBAL, i),
                }
            }
            K::Name => {
                let i = Unit::index_of(&mut self.u().names, &mangled);
                let op = match ctx {
                    Ctx::Load => LOAD_NAME,
                    Ctx::Store => STORE_NAME,
                    Ctx::Del => DELETE_NAME,
                };
                self.op_arg(op, i);
            }
        }
    }

    /// Enter a new unit for the scope of AST node `key`.
    pub fn enter_scope(&mut self, name: &str, kind: UnitKind, key: usize, lineno: u32) -> CResult {
        let ste =
            *self.st.by_node.get(&key).ok_or_else(|| {
                error_at("internal compiler error: scope not found", Loc::default())
            })?;
        let mut u = Unit::new(kind, ste, name, lineno);
        let e = &self.st.entries[ste];
        u.varnames = e.varnames.clone();
        u.cellvars = e.sorted_names(Scope::Cell, 0);
        if e.needs_class_closure {
            u.cellvars = vec!["__class__".into()];
        }
        let mut free: Vec<String> = e
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == Scope::Free || s.flags & def::FREE_CLASS != 0)
            .map(|(n, _)| n.clone())
            .collect();
        free.sort();
        u.freevars = free;
        u.private = self.units.last().and_then(|p| p.private.clone());
        // Qualified name (compiler_set_qualname).
        if self.units.len() > 1 {
            let parent = &self.units[self.units.len() - 1];
            let mut force_global = false;
            if matches!(
                kind,
                UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
            ) {
                let m = mangle(parent.private.as_deref(), name);
                if self.st.entries[parent.ste].lookup(&m).map(|s| s.scope)
                    == Some(Scope::GlobalExplicit)
                {
                    force_global = true;
                }
            }
            if !force_global {
                u.qualname = if matches!(
                    parent.kind,
                    UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
                ) {
                    format!("{}.<locals>.{}", parent.qualname, name)
                } else {
                    format!("{}.{}", parent.qualname, name)
                };
            }
        }
        u.loc = if kind == UnitKind::Module {
            Location {
                lineno: 0,
                end_lineno: 1,
                col: 0,
                end_col: 0,
            }
        } else {
            Location {
                lineno: lineno as i32,
                end_lineno: lineno as i32,
                col: 0,
                end_col: 0,
            }
        };
        self.units.push(u);
        self.op_arg(Opcode::RESUME, 0);
        if kind == UnitKind::Module {
            self.unset_loc();
        }
        Ok(())
    }

    /// Finish the current unit and return its code object.
    pub fn exit_scope(&mut self, add_none: bool) -> CResult<Arc<CodeObject>> {
        let flags = self.code_flags();
        let filename = self.filename.clone();
        let mut u = self
            .units
            .pop()
            .ok_or_else(|| error_at("internal compiler error: no unit", Loc::default()))?;
        let code = assemble(&mut u, flags, &filename, add_none)?;
        Ok(Arc::new(code))
    }

    fn code_flags(&self) -> u32 {
        let e = &self.st.entries[self.ur().ste];
        let mut f = 0;
        if e.kind == BlockType::Function {
            f |= CodeFlags::NEWLOCALS | CodeFlags::OPTIMIZED;
            if e.nested {
                f |= CodeFlags::NESTED;
            }
            match (e.generator, e.coroutine) {
                (true, false) => f |= CodeFlags::GENERATOR,
                (false, true) => f |= CodeFlags::COROUTINE,
                (true, true) => f |= CodeFlags::ASYNC_GENERATOR,
                _ => {}
            }
            if e.varargs {
                f |= CodeFlags::VARARGS;
            }
            if e.varkeywords {
                f |= CodeFlags::VARKEYWORDS;
            }
        }
        f
    }

    /// The docstring of a body, if its first statement is a string constant.
    pub fn docstring(body: &[Stmt]) -> Option<Const> {
        if let Some(oxpy_ast::StmtKind::Expr { value }) = body.first().map(|s| &s.kind)
            && let oxpy_ast::ExprKind::Constant {
                value: oxpy_ast::Constant::Str(s),
                ..
            } = &value.kind
        {
            return Some(Const::Str(s.clone()));
        }
        None
    }

    /// Scope key of a node.
    pub fn key<T>(node: &T) -> usize {
        node_key(node)
    }
}
