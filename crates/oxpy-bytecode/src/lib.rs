//! oxpy bytecode, mirroring CPython 3.11: one opcode table ([`opcodes`]) that generates the
//! [`Opcode`] enum, stack effects, argument kinds and the `dis` text; the [`CodeObject`]
//! with its constants, location table and exception table.
//!
//! Depends on `oxpy-ast` only for the constant leaf types (`Constant`, `PyStr`, `BigInt`).

pub mod code;
pub mod dis;
pub mod exception_table;
pub mod instruction;
pub mod location_table;
pub mod opcodes;
pub mod repr;

pub use code::{CodeFlags, CodeObject, Const, LocalKind};
pub use exception_table::ExceptionEntry;
pub use instruction::{CodeUnit, Instruction};
pub use location_table::Location;
pub use opcodes::{ArgKind, Opcode};
pub use oxpy_ast::{BigInt, PyStr};
