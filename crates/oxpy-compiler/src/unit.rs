//! One compilation unit (a code object in the making): its blocks, tables and
//! bookkeeping, as CPython 3.11's `struct compiler_unit`.

use crate::ir::{Block, BlockId, Instr};
use oxpy_bytecode::{Const, Location, Opcode};

/// What kind of code the unit compiles (CPython's `COMPILER_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// Module body.
    Module,
    /// Class body.
    Class,
    /// `def`.
    Function,
    /// `async def`.
    AsyncFunction,
    /// `lambda`.
    Lambda,
    /// A comprehension or generator expression.
    Comprehension,
}

/// A block on the frame-block stack (loops, `try`, `with`, handlers).
#[derive(Clone, Debug)]
pub struct FBlock<'a> {
    /// Kind.
    pub kind: FBlockKind<'a>,
    /// The block that starts it (`continue` target for loops).
    pub block: Option<BlockId>,
    /// Exit block (`break` target for loops).
    pub exit: Option<BlockId>,
}

/// Frame-block kinds, with their data.
#[derive(Clone, Debug)]
pub enum FBlockKind<'a> {
    /// `while`
    WhileLoop,
    /// `for`
    ForLoop,
    /// `try` body of a `try/except`.
    TryExcept,
    /// `try` body of a `try/finally`, with the `finally` body's statements.
    FinallyTry(&'a [oxpy_ast::Stmt]),
    /// The exceptional `finally` body.
    FinallyEnd,
    /// `with` body; the statement location.
    With(oxpy_ast::Loc),
    /// `async with` body.
    AsyncWith(oxpy_ast::Loc),
    /// Handler body, with the `as` name if any.
    HandlerCleanup(Option<String>),
    /// An exception handler (between `PUSH_EXC_INFO` and `POP_EXCEPT`).
    ExceptionHandler,
    /// An `except*` handler.
    ExceptionGroupHandler,
    /// A value to pop when unwinding (return value preserved under a `finally`).
    PopValue,
    /// `async for` inside an async comprehension.
    AsyncComprehensionGenerator,
}

/// A compilation unit.
pub struct Unit<'a> {
    /// Kind.
    pub kind: UnitKind,
    /// Index of the symbol-table entry.
    pub ste: usize,
    /// `co_name`.
    pub name: String,
    /// `co_qualname`.
    pub qualname: String,
    /// Constants (index = `LOAD_CONST` argument).
    pub consts: Vec<Const>,
    /// `co_names`.
    pub names: Vec<String>,
    /// Fast locals, parameters first.
    pub varnames: Vec<String>,
    /// Cell variables (sorted, `__class__` for classes).
    pub cellvars: Vec<String>,
    /// Free variables (sorted).
    pub freevars: Vec<String>,
    /// Positional parameters.
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// First line.
    pub firstlineno: u32,
    /// Blocks (arena); block 0 is the entry.
    pub blocks: Vec<Block>,
    /// Block receiving new instructions.
    pub cur: BlockId,
    /// Frame-block stack.
    pub fblocks: Vec<FBlock<'a>>,
    /// Location given to new instructions.
    pub loc: Location,
    /// Class name for private-name mangling.
    pub private: Option<String>,
}

impl Unit<'_> {
    /// A fresh unit with one empty entry block.
    pub fn new(kind: UnitKind, ste: usize, name: &str, firstlineno: u32) -> Self {
        Unit {
            kind,
            ste,
            name: name.into(),
            qualname: name.into(),
            consts: Vec::new(),
            names: Vec::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            firstlineno,
            blocks: vec![Block::default()],
            cur: 0,
            fblocks: Vec::new(),
            loc: Location::NONE,
            private: None,
        }
    }

    /// A new, unlinked block.
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::default());
        self.blocks.len() - 1
    }

    /// Make `b` follow the current block in layout and make it current.
    pub fn use_next_block(&mut self, b: BlockId) {
        let cur = self.cur;
        self.blocks[cur].next = Some(b);
        self.cur = b;
    }

    /// Append an instruction at the current location; jumps end the block (as the
    /// `NEXT_BLOCK` CPython's codegen places after each jump).
    pub fn add(&mut self, op: Opcode, arg: u32, target: Option<BlockId>) {
        let loc = self.loc;
        let cur = self.cur;
        self.blocks[cur].instrs.push(Instr {
            op,
            arg,
            target,
            loc,
            except: None,
        });
        if target.is_some() && !op.is_setup() {
            let b = self.new_block();
            self.use_next_block(b);
        }
    }

    /// Start a new block after the current one (CPython's `NEXT_BLOCK`).
    pub fn next_block(&mut self) {
        let b = self.new_block();
        self.use_next_block(b);
    }

    /// Index of `c` in the constants, adding it if new (merging equal constants).
    pub fn add_const(&mut self, c: Const) -> u32 {
        if let Some(i) = self.consts.iter().position(|x| x.same(&c)) {
            return i as u32;
        }
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }

    /// Index of `name` in `v`, adding it if new.
    pub fn index_of(v: &mut Vec<String>, name: &str) -> u32 {
        if let Some(i) = v.iter().position(|x| x == name) {
            return i as u32;
        }
        v.push(name.into());
        (v.len() - 1) as u32
    }
}
