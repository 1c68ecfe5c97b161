//! From blocks to a `CodeObject`, following CPython 3.11's `assemble()`: implicit
//! `return None`, prefix instructions (cells, free vars, generator start), the CFG
//! optimizer ([`crate::optimize`]), line-number propagation, stack depth, exception
//! table labelling, jump normalisation and offsets, then emission.

use crate::ir::{Block, BlockId, Instr};
use crate::optimize;
use crate::unit::Unit;
use oxpy_bytecode::code::{CodeFlags, CodeObject, LocalKind};
use oxpy_bytecode::exception_table::{self, ExceptionEntry};
use oxpy_bytecode::instruction::{self, instr_size};
use oxpy_bytecode::location_table::Encoder;
use oxpy_bytecode::{ArgKind, Const, Location, Opcode};
use oxpy_lexer::{ErrorKind, SyntaxError};

fn internal(msg: &str) -> SyntaxError {
    SyntaxError::new(
        ErrorKind::SyntaxError,
        format!("internal compiler error: {msg}"),
        1,
        1,
    )
}

/// Layout order of the blocks starting at the entry block.
pub fn order(blocks: &[Block]) -> Vec<BlockId> {
    let mut v = Vec::new();
    let mut b = Some(0);
    while let Some(id) = b {
        if v.len() > blocks.len() {
            break;
        }
        v.push(id);
        b = blocks[id].next;
    }
    v
}

fn insert_prefix(u: &mut Unit, flags: u32, cell_fixed: &[u32]) {
    let mut prefix = Vec::new();
    let mk = |op, arg, loc| Instr {
        op,
        arg,
        target: None,
        loc,
        except: None,
    };
    if !u.freevars.is_empty() {
        prefix.push(mk(
            Opcode::COPY_FREE_VARS,
            u.freevars.len() as u32,
            Location::NONE,
        ));
    }
    let mut cells: Vec<(u32, u32)> = cell_fixed
        .iter()
        .enumerate()
        .map(|(i, &f)| (f, i as u32))
        .collect();
    cells.sort();
    for (_, i) in cells {
        prefix.push(mk(Opcode::MAKE_CELL, i, Location::NONE));
    }
    if flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0 {
        let line = u.firstlineno as i32;
        let loc = Location {
            lineno: line,
            end_lineno: line,
            col: -1,
            end_col: -1,
        };
        prefix.push(mk(Opcode::RETURN_GENERATOR, 0, loc));
        prefix.push(mk(Opcode::POP_TOP, 0, Location::NONE));
    }
    let entry = &mut u.blocks[0].instrs;
    prefix.append(entry);
    *entry = prefix;
}

fn is_deref(op: Opcode) -> bool {
    op.arg_kind() == ArgKind::Free
}

/// Build the code object for `u`. `add_none`: add `return None` at the end.
pub fn assemble(
    u: &mut Unit,
    flags: u32,
    filename: &str,
    add_none: bool,
) -> Result<CodeObject, SyntaxError> {
    let cur = u.cur;
    if !u.blocks[cur]
        .last()
        .is_some_and(|i| i.op == Opcode::RETURN_VALUE)
    {
        u.loc = Location::NONE;
        if add_none {
            let i = u.add_const(Const::None);
            u.add(Opcode::LOAD_CONST, i, None);
        }
        u.add(Opcode::RETURN_VALUE, 0, None);
    }
    if u.firstlineno == 0 {
        u.firstlineno = u.blocks[0]
            .instrs
            .first()
            .map(|i| i.loc.lineno)
            .filter(|l| *l > 0)
            .unwrap_or(1) as u32;
    }
    // Localsplus layout: varnames, then cells that are not parameters, then frees.
    let nlocals = u.varnames.len() as u32;
    let mut cell_fixed = Vec::new();
    let mut dropped = 0;
    for (i, c) in u.cellvars.iter().enumerate() {
        match u.varnames.iter().position(|v| v == c) {
            Some(p) => {
                cell_fixed.push(p as u32);
                dropped += 1;
            }
            None => cell_fixed.push(nlocals + i as u32 - dropped),
        }
    }
    let ncells = u.cellvars.len() as u32;
    insert_prefix(u, flags, &cell_fixed);
    for b in &mut u.blocks {
        for ins in &mut b.instrs {
            if is_deref(ins.op) {
                ins.arg = if ins.arg < ncells {
                    cell_fixed[ins.arg as usize]
                } else {
                    ins.arg - ncells + nlocals + ncells - dropped
                };
            }
        }
    }
    optimize::optimize_cfg(&mut u.blocks, &mut u.consts)?;
    optimize::duplicate_exits_without_lineno(&mut u.blocks);
    trim_unused_consts(u);
    optimize::propagate_line_numbers(&mut u.blocks);
    guarantee_lineno_for_exits(&mut u.blocks, u.firstlineno as i32);
    let is_gen =
        flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0;
    let maxdepth = stackdepth(&mut u.blocks, is_gen)?;
    label_exception_targets(&mut u.blocks);
    convert_exception_handlers_to_nops(&mut u.blocks);
    normalize_jumps(&mut u.blocks);
    let order = order(&u.blocks);
    jump_offsets(&mut u.blocks, &order);

    let mut code = Vec::new();
    let mut enc = Encoder::new(u.firstlineno as i32);
    for &b in &order {
        for ins in &u.blocks[b].instrs {
            let before = code.len();
            instruction::emit(&mut code, ins.op, ins.arg).map_err(|e| internal(&e))?;
            enc.push(ins.loc, (code.len() - before) as u32);
        }
    }
    let exceptions = exception_table_entries(&u.blocks, &order);

    let mut names = u.varnames.clone();
    let mut kinds = vec![LocalKind::LOCAL; names.len()];
    for (i, c) in u.cellvars.iter().enumerate() {
        let f = cell_fixed[i] as usize;
        if f < kinds.len() {
            kinds[f] |= LocalKind::CELL;
        } else {
            names.push(c.clone());
            kinds.push(LocalKind::CELL);
        }
    }
    for f in &u.freevars {
        names.push(f.clone());
        kinds.push(LocalKind::FREE);
    }
    Ok(CodeObject {
        co_argcount: u.argcount,
        co_posonlyargcount: u.posonlyargcount,
        co_kwonlyargcount: u.kwonlyargcount,
        co_stacksize: maxdepth as u32,
        co_flags: CodeFlags(flags),
        co_firstlineno: u.firstlineno,
        co_code: code,
        co_consts: std::mem::take(&mut u.consts),
        co_names: std::mem::take(&mut u.names),
        co_localsplusnames: names,
        co_localspluskinds: kinds,
        co_filename: filename.into(),
        co_name: u.name.clone(),
        co_qualname: u.qualname.clone(),
        co_linetable: enc.finish(),
        co_exceptiontable: exception_table::encode(&exceptions),
    })
}

fn trim_unused_consts(u: &mut Unit) {
    let mut max = 0usize;
    for b in &u.blocks {
        for i in &b.instrs {
            if matches!(i.op, Opcode::LOAD_CONST | Opcode::KW_NAMES) {
                max = max.max(i.arg as usize);
            }
        }
    }
    u.consts.truncate(max + 1);
}

fn guarantee_lineno_for_exits(blocks: &mut [Block], firstlineno: i32) {
    let mut lineno = firstlineno;
    for b in order(blocks) {
        let blk = &mut blocks[b];
        let Some(last) = blk.instrs.last() else {
            continue;
        };
        if last.loc.lineno < 0 {
            if last.op == Opcode::RETURN_VALUE {
                for i in &mut blk.instrs {
                    i.loc.lineno = lineno;
                    i.loc.end_lineno = lineno;
                }
            }
        } else {
            lineno = last.loc.lineno;
        }
    }
}

fn stackdepth(blocks: &mut [Block], is_gen: bool) -> Result<i32, SyntaxError> {
    for b in blocks.iter_mut() {
        b.startdepth = i32::MIN;
    }
    let mut stack: Vec<BlockId> = Vec::new();
    let mut maxdepth = 0;
    let push = |stack: &mut Vec<BlockId>, blocks: &mut [Block], b: BlockId, depth: i32| {
        if blocks[b].startdepth < depth {
            blocks[b].startdepth = depth;
            stack.push(b);
        }
    };
    push(&mut stack, blocks, 0, i32::from(is_gen));
    let mut guard = 0usize;
    while let Some(b) = stack.pop() {
        guard += 1;
        if guard > 100_000 {
            return Err(internal("stack depth analysis did not converge"));
        }
        let mut depth = blocks[b].startdepth;
        let mut next = blocks[b].next;
        let instrs = blocks[b].instrs.clone();
        for ins in &instrs {
            let new_depth = depth + ins.op.stack_effect(ins.arg, false);
            if new_depth < 0 {
                return Err(internal(&format!(
                    "negative stack depth at {}",
                    ins.op.name()
                )));
            }
            maxdepth = maxdepth.max(new_depth);
            if let Some(t) = ins.target {
                let td = depth + ins.op.stack_effect(ins.arg, true);
                maxdepth = maxdepth.max(td);
                push(&mut stack, blocks, t, td);
            }
            depth = new_depth;
            if ins.op.no_fallthrough() {
                next = None;
                break;
            }
        }
        if let Some(n) = next {
            push(&mut stack, blocks, n, depth);
        }
    }
    Ok(maxdepth)
}

fn label_exception_targets(blocks: &mut [Block]) {
    for b in blocks.iter_mut() {
        b.visited = false;
        b.except_stack = None;
    }
    let mut todo = vec![0];
    blocks[0].except_stack = Some(Vec::new());
    blocks[0].visited = true;
    while let Some(b) = todo.pop() {
        let mut stack = blocks[b].except_stack.take().unwrap_or_default();
        let mut handler = stack.last().copied();
        let n = blocks[b].instrs.len();
        for i in 0..n {
            let ins = blocks[b].instrs[i].clone();
            if ins.op.is_setup() {
                if let Some(t) = ins.target {
                    if !blocks[t].visited {
                        blocks[t].except_stack = Some(stack.clone());
                        blocks[t].visited = true;
                        todo.push(t);
                    }
                    if matches!(ins.op, Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP) {
                        blocks[t].preserve_lasti = true;
                    }
                    stack.push(t);
                    handler = Some(t);
                }
            } else if ins.op == Opcode::POP_BLOCK {
                stack.pop();
                handler = stack.last().copied();
            } else {
                blocks[b].instrs[i].except = handler;
                if let Some(t) = ins.target
                    && !blocks[t].visited
                {
                    blocks[t].except_stack = Some(stack.clone());
                    blocks[t].visited = true;
                    todo.push(t);
                }
            }
        }
        if blocks[b].has_fallthrough()
            && let Some(nx) = blocks[b].next
            && !blocks[nx].visited
        {
            blocks[nx].except_stack = Some(stack);
            blocks[nx].visited = true;
            todo.push(nx);
        }
    }
}

fn convert_exception_handlers_to_nops(blocks: &mut [Block]) {
    for b in blocks.iter_mut() {
        for i in &mut b.instrs {
            if i.op.is_setup() || i.op == Opcode::POP_BLOCK {
                i.op = Opcode::NOP;
                i.target = None;
            }
        }
    }
    for b in order(blocks) {
        optimize::clean_basic_block(blocks, b);
    }
}

fn normalize_jumps(blocks: &mut [Block]) {
    for b in blocks.iter_mut() {
        b.visited = false;
    }
    for b in order(blocks) {
        blocks[b].visited = true;
        let Some(last) = blocks[b].instrs.last() else {
            continue;
        };
        let Some(t) = last.target else { continue };
        let forward = !blocks[t].visited;
        use Opcode::*;
        let op = match (last.op, forward) {
            (JUMP, true) | (JUMP_NO_INTERRUPT, true) => JUMP_FORWARD,
            (JUMP, false) => JUMP_BACKWARD,
            (JUMP_NO_INTERRUPT, false) => JUMP_BACKWARD_NO_INTERRUPT,
            (POP_JUMP_IF_FALSE, true) => POP_JUMP_FORWARD_IF_FALSE,
            (POP_JUMP_IF_FALSE, false) => POP_JUMP_BACKWARD_IF_FALSE,
            (POP_JUMP_IF_TRUE, true) => POP_JUMP_FORWARD_IF_TRUE,
            (POP_JUMP_IF_TRUE, false) => POP_JUMP_BACKWARD_IF_TRUE,
            (POP_JUMP_IF_NONE, true) => POP_JUMP_FORWARD_IF_NONE,
            (POP_JUMP_IF_NONE, false) => POP_JUMP_BACKWARD_IF_NONE,
            (POP_JUMP_IF_NOT_NONE, true) => POP_JUMP_FORWARD_IF_NOT_NONE,
            (POP_JUMP_IF_NOT_NONE, false) => POP_JUMP_BACKWARD_IF_NOT_NONE,
            (op, _) => op,
        };
        if let Some(l) = blocks[b].instrs.last_mut() {
            l.op = op;
        }
    }
}

fn size_of(i: &Instr) -> u32 {
    instr_size(i.arg) + i.op.cache_entries()
}

fn jump_offsets(blocks: &mut [Block], order: &[BlockId]) {
    loop {
        let mut total = 0;
        for &b in order {
            blocks[b].offset = total;
            total += blocks[b].instrs.iter().map(size_of).sum::<u32>();
        }
        let mut recompile = false;
        for &b in order {
            let mut pos = blocks[b].offset;
            for k in 0..blocks[b].instrs.len() {
                let ins = &blocks[b].instrs[k];
                let isize = size_of(ins);
                pos += isize;
                if let Some(t) = ins.target {
                    let target = blocks[t].offset;
                    let arg = pos.abs_diff(target);
                    let ins = &mut blocks[b].instrs[k];
                    ins.arg = arg;
                    if size_of(ins) != isize {
                        recompile = true;
                    }
                }
            }
        }
        if !recompile {
            break;
        }
    }
}

fn exception_table_entries(blocks: &[Block], order: &[BlockId]) -> Vec<ExceptionEntry> {
    let mut out = Vec::new();
    let mut handler: Option<BlockId> = None;
    let mut start = 0;
    let mut pos = 0;
    let emit = |out: &mut Vec<ExceptionEntry>, h: BlockId, start: u32, end: u32| {
        let hb = &blocks[h];
        let mut depth = hb.startdepth - 1;
        if hb.preserve_lasti {
            depth -= 1;
        }
        out.push(ExceptionEntry {
            start,
            end,
            target: hb.offset,
            depth: depth.max(0) as u32,
            lasti: hb.preserve_lasti,
        });
    };
    for &b in order {
        pos = blocks[b].offset;
        for ins in &blocks[b].instrs {
            if ins.except != handler {
                if let Some(h) = handler {
                    emit(&mut out, h, start, pos);
                }
                start = pos;
                handler = ins.except;
            }
            pos += size_of(ins);
        }
    }
    if let Some(h) = handler {
        emit(&mut out, h, start, pos);
    }
    out
}
