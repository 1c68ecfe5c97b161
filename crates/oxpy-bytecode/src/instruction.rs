//! Encoding: 16-bit code units (opcode byte, argument byte) as CPython 3.11's `co_code`,
//! with `EXTENDED_ARG` prefixes for arguments above 255 and inline CACHE units after
//! instructions that have them.

use crate::opcodes::{ArgKind, Opcode};

/// One 16-bit code unit: an opcode byte and its argument byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(C)]
pub struct CodeUnit {
    /// The opcode byte.
    pub op: u8,
    /// The argument byte (low 8 bits of the full argument).
    pub arg: u8,
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset of the instruction itself (after its `EXTENDED_ARG` prefixes).
    pub offset: u32,
    /// The opcode (`EXTENDED_ARG` is yielded as an instruction of its own, as `dis` does).
    pub opcode: Opcode,
    /// The full argument (with the bits from preceding `EXTENDED_ARG`s); `None` below
    /// `HAVE_ARGUMENT`.
    pub arg: Option<u32>,
}

impl Instruction {
    /// The byte offset a jump instruction goes to, as `dis` computes it.
    pub fn jump_target(&self) -> Option<u32> {
        if self.opcode.arg_kind() != ArgKind::Jump {
            return None;
        }
        let arg = i64::from(self.arg?);
        let signed = if self.opcode.is_backward() { -arg } else { arg };
        u32::try_from(i64::from(self.offset) + 2 + signed * 2).ok()
    }
}

/// Number of code units needed to encode argument `arg` (1 plus `EXTENDED_ARG`s).
pub fn instr_size(arg: u32) -> u32 {
    match arg {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    }
}

/// Append `op arg` (with `EXTENDED_ARG` prefixes and zeroed caches) to `code`.
/// `op` must be a real opcode; pseudo-opcodes are rejected with `Err`.
pub fn emit(code: &mut Vec<CodeUnit>, op: Opcode, arg: u32) -> Result<(), String> {
    let byte = op
        .byte()
        .ok_or_else(|| format!("pseudo-instruction {} reached the assembler", op.name()))?;
    let ext = Opcode::EXTENDED_ARG as u8;
    let size = instr_size(arg);
    for shift in (1..size).rev() {
        code.push(CodeUnit {
            op: ext,
            arg: (arg >> (8 * shift)) as u8,
        });
    }
    code.push(CodeUnit {
        op: byte,
        arg: arg as u8,
    });
    for _ in 0..op.cache_entries() {
        code.push(CodeUnit::default());
    }
    Ok(())
}

/// Decode `code` into instructions, skipping inline caches, like `dis._unpack_opargs`.
/// Unknown opcode bytes are reported as `Err(offset)`.
pub fn decode(code: &[CodeUnit]) -> Result<Vec<Instruction>, u32> {
    let mut out = Vec::new();
    let mut extended: u32 = 0;
    let mut i = 0usize;
    while i < code.len() {
        let unit = code[i];
        let offset = (i * 2) as u32;
        let opcode = Opcode::from_number(u16::from(unit.op)).ok_or(offset)?;
        let arg = if opcode.has_arg() {
            let arg = u32::from(unit.arg) | extended;
            extended = if opcode == Opcode::EXTENDED_ARG {
                arg << 8
            } else {
                0
            };
            Some(arg)
        } else {
            extended = 0;
            None
        };
        out.push(Instruction {
            offset,
            opcode,
            arg,
        });
        i += 1 + opcode.cache_entries() as usize;
    }
    Ok(out)
}
