//! The `dis` text renderer: prints a code object exactly as CPython 3.11's `dis.dis`
//! (line numbers, `>>` jump targets, offsets including inline caches, argument
//! descriptions, exception table, then nested code objects).

use crate::code::{CodeObject, Const};
use crate::instruction::{self, Instruction};
use crate::opcodes::{ArgKind, CMP_OPS, MAKE_FUNCTION_FLAGS, NB_OPS};
use crate::repr::{code_repr, const_repr};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::Arc;

const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;

/// `dis.dis(code)`: the listing of `code` followed by every nested code object.
pub fn dis(code: &Arc<CodeObject>) -> String {
    let mut out = String::new();
    disassemble_recursive(code, &mut out);
    out
}

fn disassemble_recursive(code: &Arc<CodeObject>, out: &mut String) {
    disassemble(code, out);
    for c in &code.co_consts {
        if let Const::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", code_repr(inner));
            disassemble_recursive(inner, out);
        }
    }
}

/// `dis.findlinestarts`: byte offset → line where a new line starts.
pub fn line_starts(code: &CodeObject) -> BTreeMap<u32, i32> {
    let mut starts = BTreeMap::new();
    let mut last = None;
    for (start, _end, line) in code.co_lines() {
        if line >= 0 && Some(line) != last {
            last = Some(line);
            starts.insert(start, line);
        }
    }
    starts
}

fn arg_repr(code: &CodeObject, ins: &Instruction, arg: u32) -> String {
    let idx = arg as usize;
    let name = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    match ins.opcode.arg_kind() {
        // As 3.11's dis: only LOAD_CONST shows its constant (KW_NAMES shows nothing).
        ArgKind::Const if ins.opcode == crate::Opcode::LOAD_CONST => {
            code.co_consts.get(idx).map(const_repr).unwrap_or_default()
        }
        ArgKind::Const => String::new(),
        ArgKind::Name => name(&code.co_names, idx),
        ArgKind::GlobalName => {
            let n = name(&code.co_names, idx / 2);
            if arg & 1 != 0 && !n.is_empty() {
                format!("NULL + {n}")
            } else {
                n
            }
        }
        ArgKind::Local | ArgKind::Free => name(&code.co_localsplusnames, idx),
        ArgKind::Jump => ins
            .jump_target()
            .map(|t| format!("to {t}"))
            .unwrap_or_default(),
        ArgKind::Compare => CMP_OPS.get(idx).copied().unwrap_or("").to_string(),
        ArgKind::Format => {
            let mut s = ["", "str", "repr", "ascii"][idx & 3].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        ArgKind::MakeFunction => MAKE_FUNCTION_FLAGS
            .iter()
            .enumerate()
            .filter(|(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        ArgKind::BinaryOp => NB_OPS.get(idx).copied().unwrap_or("").to_string(),
        ArgKind::None | ArgKind::Raw => String::new(),
    }
}

/// `dis.disassemble(code)`: the listing of one code object.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    let instrs = match instruction::decode(&code.co_code) {
        Ok(i) => i,
        Err(off) => {
            let _ = writeln!(out, "<bad opcode at offset {off}>");
            return;
        }
    };
    let starts = line_starts(code);
    let exceptions = code.exception_entries();
    let lineno_width = match starts.values().max() {
        None => 0,
        Some(&max) if max >= 1000 => max.to_string().len(),
        Some(_) => 3,
    };
    let maxoffset = (code.co_code.len() * 2).saturating_sub(2);
    let offset_width = if maxoffset >= 10000 {
        maxoffset.to_string().len()
    } else {
        4
    };
    let mut labels: BTreeSet<u32> = instrs.iter().filter_map(|i| i.jump_target()).collect();
    labels.extend(
        exceptions
            .iter()
            .filter(|e| e.end > e.start)
            .map(|e| e.target * 2),
    );
    for ins in &instrs {
        let starts_line = starts.get(&ins.offset).copied();
        if lineno_width > 0 && starts_line.is_some() && ins.offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            fields.push(match starts_line {
                Some(l) => format!("{l:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(
            if labels.contains(&ins.offset) {
                ">>"
            } else {
                "  "
            }
            .into(),
        );
        fields.push(format!("{:>offset_width$}", ins.offset));
        fields.push(format!("{:<OPNAME_WIDTH$}", ins.opcode.name()));
        if let Some(arg) = ins.arg {
            fields.push(format!("{arg:>OPARG_WIDTH$}"));
            let r = arg_repr(code, ins, arg);
            if !r.is_empty() {
                fields.push(format!("({r})"));
            }
        }
        let line = fields.join(" ");
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !exceptions.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &exceptions {
            let lasti = if e.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start * 2,
                (e.end * 2).saturating_sub(2),
                e.target * 2,
                e.depth,
                lasti
            );
        }
    }
}
