//! oxpy compiler: AST → [`CodeObject`], mirroring CPython 3.11's compiler so that
//! bytecode, `co_stacksize`, local slots, constants and line numbers match `dis`.
//!
//! Pipeline: [`fold`] (the AST optimizer, `Python/ast_opt.c`) → [`symtable`] →
//! codegen into basic blocks ([`codegen`] and siblings) → [`optimize`] (the CFG
//! optimizer) → [`assemble`].

pub mod assemble;
pub mod codegen;
mod comprehension;
mod defs;
pub mod error;
mod exceptions;
pub mod expr;
pub mod fold;
pub mod ir;
pub mod optimize;
mod pattern;
pub mod stmt;
pub mod symtable;
pub mod unit;

use codegen::Compiler;
use oxpy_ast::Mod;
use oxpy_bytecode::{CodeObject, Const, Opcode};
pub use oxpy_lexer::SyntaxError;
use std::sync::Arc;
use unit::UnitKind;

/// Compile a parsed module (`Mod::Module`, `Mod::Interactive` or `Mod::Expression`)
/// into its code object, as `compile(source, filename, mode)` does.
pub fn compile(module: &Mod, filename: &str) -> Result<Arc<CodeObject>, SyntaxError> {
    let folded = fold::fold_module(module.clone());
    let st = symtable::build(&folded)?;
    let mut c = Compiler {
        st,
        units: Vec::new(),
        filename: filename.into(),
        interactive: matches!(folded, Mod::Interactive { .. }),
    };
    let key = Compiler::key(&folded);
    c.enter_scope("<module>", UnitKind::Module, key, 1)?;
    let add_none = match &folded {
        Mod::Module { body, .. } => {
            c.body(body, true)?;
            true
        }
        Mod::Interactive { body } => {
            c.stmts(body)?;
            true
        }
        Mod::Expression { body } => {
            c.expr(body)?;
            false
        }
        Mod::FunctionType { .. } => true,
    };
    let _ = (Const::None, Opcode::NOP);
    c.exit_scope(add_none)
}
