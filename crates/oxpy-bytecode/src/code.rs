//! `CodeObject` (CPython 3.11's `PyCodeObject` fields) and its constants.

use crate::exception_table::{self, ExceptionEntry};
use crate::instruction::CodeUnit;
use crate::location_table::{self, Location};
use oxpy_ast::{BigInt, PyStr};
use std::sync::Arc;

/// A constant in `co_consts`.
#[derive(Clone, Debug)]
pub enum Const {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// `...`
    Ellipsis,
    /// An int.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A complex number.
    Complex {
        /// Real part.
        real: f64,
        /// Imaginary part.
        imag: f64,
    },
    /// A str (interned by the VM when [`Const::is_interned_str`] says so).
    Str(PyStr),
    /// A bytes object.
    Bytes(Vec<u8>),
    /// A tuple of constants.
    Tuple(Vec<Const>),
    /// A frozenset of constants, items in source order (the VM builds the set).
    FrozenSet(Vec<Const>),
    /// A nested code object.
    Code(Arc<CodeObject>),
}

impl Const {
    /// Identity-relevant equality used for constant merging (CPython's
    /// `_PyCode_ConstantKey`): types must match, floats compare by bits (so `0.0` and
    /// `-0.0` stay distinct), code objects by pointer.
    pub fn same(&self, other: &Const) -> bool {
        match (self, other) {
            (Const::None, Const::None) | (Const::Ellipsis, Const::Ellipsis) => true,
            (Const::Bool(a), Const::Bool(b)) => a == b,
            (Const::Int(a), Const::Int(b)) => a == b,
            (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
            (Const::Complex { real: a, imag: b }, Const::Complex { real: c, imag: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Const::Str(a), Const::Str(b)) => a == b,
            (Const::Bytes(a), Const::Bytes(b)) => a == b,
            (Const::Tuple(a), Const::Tuple(b)) | (Const::FrozenSet(a), Const::FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Const::Code(a), Const::Code(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// True for str constants CPython 3.11 interns: all characters ASCII letters, digits
    /// or underscores (`all_name_chars` in `Objects/codeobject.c`).
    pub fn is_interned_str(&self) -> bool {
        match self {
            Const::Str(s) => s
                .as_wtf8()
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_'),
            _ => false,
        }
    }

    /// The constant from an AST constant.
    pub fn from_ast(c: &oxpy_ast::Constant) -> Const {
        use oxpy_ast::Constant as C;
        match c {
            C::None => Const::None,
            C::Bool(b) => Const::Bool(*b),
            C::Ellipsis => Const::Ellipsis,
            C::Int(i) => Const::Int(i.clone()),
            C::Float(f) => Const::Float(*f),
            C::Complex { real, imag } => Const::Complex {
                real: *real,
                imag: *imag,
            },
            C::Str(s) => Const::Str(s.clone()),
            C::Bytes(b) => Const::Bytes(b.clone()),
            C::Tuple(items) => Const::Tuple(items.iter().map(Const::from_ast).collect()),
        }
    }
}

/// `co_flags` bits (same values as CPython's `CO_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Locals are fast locals.
    pub const OPTIMIZED: u32 = 0x1;
    /// A new locals dict is made for each call.
    pub const NEWLOCALS: u32 = 0x2;
    /// Has `*args`.
    pub const VARARGS: u32 = 0x4;
    /// Has `**kwargs`.
    pub const VARKEYWORDS: u32 = 0x8;
    /// Nested function.
    pub const NESTED: u32 = 0x10;
    /// Generator function.
    pub const GENERATOR: u32 = 0x20;
    /// No free or cell variables (unused since 3.11 but kept for parity).
    pub const NOFREE: u32 = 0x40;
    /// `async def`.
    pub const COROUTINE: u32 = 0x80;
    /// Generator decorated with `types.coroutine`.
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    /// Async generator.
    pub const ASYNC_GENERATOR: u32 = 0x200;

    /// True when all bits of `bits` are set.
    pub fn has(self, bits: u32) -> bool {
        self.0 & bits == bits
    }
}

/// Kind bits of a localsplus slot (`CO_FAST_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalKind(pub u8);

impl LocalKind {
    /// A fast local (parameters included).
    pub const LOCAL: u8 = 0x20;
    /// A cell owned by this frame.
    pub const CELL: u8 = 0x40;
    /// A free variable (cell from the closure).
    pub const FREE: u8 = 0x80;
}

/// A compiled code object, with the fields of CPython 3.11's `code` type.
#[derive(Clone, Debug)]
pub struct CodeObject {
    /// Positional parameters (positional-only included).
    pub co_argcount: u32,
    /// Positional-only parameters.
    pub co_posonlyargcount: u32,
    /// Keyword-only parameters.
    pub co_kwonlyargcount: u32,
    /// Maximum value stack depth.
    pub co_stacksize: u32,
    /// `CO_*` flags.
    pub co_flags: CodeFlags,
    /// Line of the first source line (`def`, `class`, 1 for modules).
    pub co_firstlineno: u32,
    /// Code units, caches included.
    pub co_code: Vec<CodeUnit>,
    /// Constants.
    pub co_consts: Vec<Const>,
    /// Names used by `*_NAME`, `*_ATTR`, `*_GLOBAL`, `LOAD_METHOD`, imports.
    pub co_names: Vec<String>,
    /// Names of all local slots: locals (parameters first), then cells, then frees.
    pub co_localsplusnames: Vec<String>,
    /// `CO_FAST_*` kind of each slot in `co_localsplusnames`.
    pub co_localspluskinds: Vec<u8>,
    /// Source file name.
    pub co_filename: String,
    /// Name (`"<module>"`, `"f"`, `"<lambda>"`, `"<listcomp>"` ...).
    pub co_name: String,
    /// Qualified name (`"C.f.<locals>.g"`).
    pub co_qualname: String,
    /// Encoded location table (see [`location_table`]).
    pub co_linetable: Vec<u8>,
    /// Encoded exception table (see [`exception_table`]).
    pub co_exceptiontable: Vec<u8>,
}

impl CodeObject {
    fn names_of_kind(&self, test: impl Fn(u8) -> bool) -> Vec<&str> {
        self.co_localsplusnames
            .iter()
            .zip(&self.co_localspluskinds)
            .filter(|(_, k)| test(**k))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// `co_varnames`: the fast locals.
    pub fn co_varnames(&self) -> Vec<&str> {
        self.names_of_kind(|k| k & LocalKind::LOCAL != 0)
    }

    /// `co_cellvars`.
    pub fn co_cellvars(&self) -> Vec<&str> {
        self.names_of_kind(|k| k & LocalKind::CELL != 0)
    }

    /// `co_freevars`.
    pub fn co_freevars(&self) -> Vec<&str> {
        self.names_of_kind(|k| k & LocalKind::FREE != 0)
    }

    /// `co_nlocals`: number of fast locals.
    pub fn co_nlocals(&self) -> usize {
        self.co_varnames().len()
    }

    /// Number of localsplus slots (locals + cells + frees); generators are sized from it.
    pub fn co_nlocalsplus(&self) -> usize {
        self.co_localsplusnames.len()
    }

    /// `co_code` as bytes.
    pub fn code_bytes(&self) -> Vec<u8> {
        self.co_code.iter().flat_map(|u| [u.op, u.arg]).collect()
    }

    /// One location per code unit (`co_positions()`).
    pub fn co_positions(&self) -> Vec<Location> {
        location_table::decode(&self.co_linetable, self.co_firstlineno as i32)
    }

    /// `(start_byte, end_byte, line)` ranges like `co_lines()`; line -1 means None.
    pub fn co_lines(&self) -> Vec<(u32, u32, i32)> {
        let mut out: Vec<(u32, u32, i32)> = Vec::new();
        for (i, loc) in self.co_positions().iter().enumerate() {
            let off = (i * 2) as u32;
            match out.last_mut() {
                Some(last) if last.2 == loc.lineno && last.1 == off => last.1 = off + 2,
                _ => out.push((off, off + 2, loc.lineno)),
            }
        }
        out
    }

    /// The decoded exception table.
    pub fn exception_entries(&self) -> Vec<ExceptionEntry> {
        exception_table::decode(&self.co_exceptiontable)
    }
}
