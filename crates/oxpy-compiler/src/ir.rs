//! The compiler's intermediate form: basic blocks of instructions that may still use
//! pseudo-opcodes and jump to blocks (CPython 3.11's `basicblock` / `struct instr`).

use oxpy_bytecode::{Location, Opcode};

/// Index of a block in its unit's block arena.
pub type BlockId = usize;

/// One instruction before assembly.
#[derive(Clone, Debug)]
pub struct Instr {
    /// The opcode (real or pseudo).
    pub op: Opcode,
    /// The argument (ignored for jumps until assembly).
    pub arg: u32,
    /// Jump / handler target.
    pub target: Option<BlockId>,
    /// Source location (`lineno < 0`: artificial, filled in later).
    pub loc: Location,
    /// Innermost exception handler covering the instruction (set at assembly).
    pub except: Option<BlockId>,
}

/// A basic block. `next` is the layout (fall-through) successor.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// Instructions.
    pub instrs: Vec<Instr>,
    /// Next block in layout order.
    pub next: Option<BlockId>,
    /// Number of predecessors (after `mark_reachable`).
    pub predecessors: u32,
    /// Number of predecessors through exception edges.
    pub except_predecessors: u32,
    /// Traversal mark.
    pub visited: bool,
    /// Stack depth on entry (`i32::MIN` until known).
    pub startdepth: i32,
    /// Handler that also receives `lasti`.
    pub preserve_lasti: bool,
    /// Offset in code units (at assembly).
    pub offset: u32,
    /// Handler stack on entry (label_exception_targets).
    pub except_stack: Option<Vec<BlockId>>,
}

impl Block {
    /// The last instruction.
    pub fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }

    /// True when control can fall off the end into `next`.
    pub fn has_fallthrough(&self) -> bool {
        self.last().is_none_or(|i| !i.op.no_fallthrough())
    }

    /// True when the block ends by leaving the frame.
    pub fn is_exit(&self) -> bool {
        self.last().is_some_and(|i| i.op.is_scope_exit())
    }
}
