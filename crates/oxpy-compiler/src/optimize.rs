//! CPython 3.11's control-flow-graph optimizer (`optimize_cfg` and friends in
//! `Python/compile.c`): constant conditional jumps, tuple folding, jump threading,
//! static swaps, unreachable-code removal, NOP cleanup, exit-block copying and
//! line-number propagation.

use crate::assemble::order;
use crate::ir::{Block, BlockId, Instr};
use oxpy_bytecode::{Const, Location, Opcode};
use oxpy_lexer::SyntaxError;

const MAX_COPY_SIZE: usize = 4;

/// Python truthiness of a constant.
pub fn const_truth(c: &Const) -> bool {
    match c {
        Const::None => false,
        Const::Bool(b) => *b,
        Const::Ellipsis | Const::Code(_) => true,
        Const::Int(i) => !num_traits::Zero::is_zero(i),
        Const::Float(f) => *f != 0.0,
        Const::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(v) | Const::FrozenSet(v) => !v.is_empty(),
    }
}

/// Skip empty blocks from `t`.
fn skip_empty(blocks: &[Block], mut t: BlockId) -> BlockId {
    let mut guard = 0;
    while blocks[t].instrs.is_empty() && guard <= blocks.len() {
        match blocks[t].next {
            Some(n) => t = n,
            None => break,
        }
        guard += 1;
    }
    t
}

fn normalize_targets(blocks: &mut [Block]) {
    for b in 0..blocks.len() {
        for k in 0..blocks[b].instrs.len() {
            if let Some(t) = blocks[b].instrs[k].target {
                let t2 = skip_empty(blocks, t);
                blocks[b].instrs[k].target = Some(t2);
            }
        }
    }
}

fn extend_block(blocks: &mut [Block], b: BlockId) {
    let Some(last) = blocks[b].instrs.last() else {
        return;
    };
    if !matches!(
        last.op,
        Opcode::JUMP | Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD
    ) {
        return;
    }
    let Some(t) = last.target else { return };
    // Only blocks without line numbers (implicit `return None`s) are copied.
    let has_lineno = blocks[t].instrs.iter().any(|i| i.loc.lineno >= 0);
    if blocks[t].is_exit() && blocks[t].instrs.len() <= MAX_COPY_SIZE && !has_lineno {
        let copy = blocks[t].instrs.clone();
        if let Some(l) = blocks[b].instrs.last_mut() {
            l.op = Opcode::NOP;
            l.target = None;
        }
        blocks[b].instrs.extend(copy);
    }
}

fn jump_thread(blocks: &mut [Block], b: BlockId, i: usize, target: &Instr, op: Opcode) -> bool {
    let ins = &mut blocks[b].instrs[i];
    if ins.loc.lineno == target.loc.lineno && ins.target != target.target {
        ins.target = target.target;
        ins.op = op;
        return true;
    }
    false
}

fn fold_tuple(blocks: &mut [Block], b: BlockId, i: usize, n: usize, consts: &mut Vec<Const>) {
    if n > i {
        return;
    }
    let instrs = &blocks[b].instrs;
    let mut items = Vec::with_capacity(n);
    for ins in &instrs[i - n..i] {
        if ins.op != Opcode::LOAD_CONST {
            return;
        }
        match consts.get(ins.arg as usize) {
            Some(c) => items.push(c.clone()),
            None => return,
        }
    }
    let newc = Const::Tuple(items);
    let idx = match consts.iter().position(|c| c.same(&newc)) {
        Some(p) => p,
        None => {
            consts.push(newc);
            consts.len() - 1
        }
    };
    let instrs = &mut blocks[b].instrs;
    for ins in &mut instrs[i - n..i] {
        ins.op = Opcode::NOP;
    }
    instrs[i].op = Opcode::LOAD_CONST;
    instrs[i].arg = idx as u32;
}

fn swappable(op: Opcode) -> bool {
    matches!(op, Opcode::STORE_FAST | Opcode::POP_TOP)
}

fn next_swappable(instrs: &[Instr], mut i: usize, lineno: Option<i32>) -> Option<usize> {
    loop {
        i += 1;
        let ins = instrs.get(i)?;
        if let Some(l) = lineno
            && ins.loc.lineno != l
        {
            return None;
        }
        if ins.op == Opcode::NOP {
            continue;
        }
        return if swappable(ins.op) { Some(i) } else { None };
    }
}

/// Replace a run of SWAPs (and NOPs) by the fewest SWAPs with the same effect
/// (`swaptimize`); returns the index of the run's last instruction.
fn swaptimize(instrs: &mut [Instr], ix: usize) -> usize {
    let mut depth = instrs[ix].arg as usize;
    let mut len = 0;
    let mut more = false;
    let limit = instrs.len() - ix;
    loop {
        len += 1;
        if len >= limit {
            break;
        }
        match instrs[ix + len].op {
            Opcode::SWAP => {
                depth = depth.max(instrs[ix + len].arg as usize);
                more = true;
            }
            Opcode::NOP => {}
            _ => break,
        }
    }
    if !more || depth == 0 {
        return ix;
    }
    const VISITED: isize = -1;
    let mut stack: Vec<isize> = (0..depth as isize).collect();
    for ins in &instrs[ix..ix + len] {
        if ins.op == Opcode::SWAP {
            let o = (ins.arg as usize).clamp(1, depth);
            stack.swap(0, o - 1);
        }
    }
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as isize {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 && current >= 0 {
                let ins = &mut instrs[ix + current as usize];
                ins.op = Opcode::SWAP;
                ins.arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next = stack[j];
            stack[j] = VISITED;
            j = next as usize;
        }
    }
    while current >= 0 {
        instrs[ix + current as usize].op = Opcode::NOP;
        current -= 1;
    }
    ix + len - 1
}

fn apply_static_swaps(instrs: &mut [Instr], mut i: isize) {
    while i >= 0 {
        let iu = i as usize;
        let swap = &instrs[iu];
        if swap.op != Opcode::SWAP {
            if swap.op == Opcode::NOP || swappable(swap.op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, iu, None) else {
            return;
        };
        let lineno = instrs[j].loc.lineno;
        let mut k = j;
        let mut count = swap.arg as i64 - 1;
        while count > 0 {
            match next_swappable(instrs, k, Some(lineno)) {
                Some(n) => k = n,
                None => return,
            }
            count -= 1;
        }
        instrs[iu].op = Opcode::NOP;
        instrs.swap(j, k);
        i -= 1;
    }
}

fn optimize_basic_block(blocks: &mut [Block], b: BlockId, consts: &mut Vec<Const>) {
    use Opcode::*;
    let mut i: isize = 0;
    let nop = Instr {
        op: NOP,
        arg: 0,
        target: None,
        loc: Location::NONE,
        except: None,
    };
    while (i as usize) < blocks[b].instrs.len() {
        let iu = i as usize;
        let len = blocks[b].instrs.len();
        let ins = blocks[b].instrs[iu].clone();
        let nextop = if iu + 1 < len {
            Some(blocks[b].instrs[iu + 1].op)
        } else {
            None
        };
        let mut target = nop.clone();
        if let Some(t) = ins.target {
            let t2 = skip_empty(blocks, t);
            blocks[b].instrs[iu].target = Some(t2);
            if let Some(first) = blocks[t2].instrs.first() {
                target = first.clone();
            }
        }
        let oparg = ins.arg;
        match ins.op {
            LOAD_CONST => match nextop {
                Some(POP_JUMP_IF_FALSE) | Some(POP_JUMP_IF_TRUE) => {
                    let truth = consts.get(oparg as usize).is_some_and(const_truth);
                    let jump_if_true = nextop == Some(POP_JUMP_IF_TRUE);
                    blocks[b].instrs[iu].op = NOP;
                    if truth == jump_if_true {
                        blocks[b].instrs[iu + 1].op = JUMP;
                    } else {
                        blocks[b].instrs[iu + 1].op = NOP;
                        blocks[b].instrs[iu + 1].target = None;
                    }
                }
                Some(JUMP_IF_FALSE_OR_POP) | Some(JUMP_IF_TRUE_OR_POP) => {
                    let truth = consts.get(oparg as usize).is_some_and(const_truth);
                    let jump_if_true = nextop == Some(JUMP_IF_TRUE_OR_POP);
                    if truth == jump_if_true {
                        blocks[b].instrs[iu + 1].op = JUMP;
                    } else {
                        blocks[b].instrs[iu].op = NOP;
                        blocks[b].instrs[iu + 1].op = NOP;
                        blocks[b].instrs[iu + 1].target = None;
                    }
                }
                Some(IS_OP) => {
                    let is_none = matches!(consts.get(oparg as usize), Some(Const::None));
                    let jump_op = blocks[b].instrs.get(iu + 2).map(|x| x.op);
                    if is_none
                        && matches!(jump_op, Some(POP_JUMP_IF_FALSE) | Some(POP_JUMP_IF_TRUE))
                    {
                        let nextarg = blocks[b].instrs[iu + 1].arg != 0;
                        blocks[b].instrs[iu].op = NOP;
                        blocks[b].instrs[iu + 1].op = NOP;
                        let flip = nextarg ^ (jump_op == Some(POP_JUMP_IF_FALSE));
                        blocks[b].instrs[iu + 2].op = if flip {
                            POP_JUMP_IF_NOT_NONE
                        } else {
                            POP_JUMP_IF_NONE
                        };
                    }
                }
                _ => {}
            },
            BUILD_TUPLE => {
                let next = blocks[b].instrs.get(iu + 1).cloned();
                if let Some(n) = next.filter(|n| n.op == UNPACK_SEQUENCE && n.arg == oparg) {
                    let _ = n;
                    match oparg {
                        1 => {
                            blocks[b].instrs[iu].op = NOP;
                            blocks[b].instrs[iu + 1].op = NOP;
                            i += 1;
                            continue;
                        }
                        2 | 3 => {
                            blocks[b].instrs[iu].op = NOP;
                            blocks[b].instrs[iu + 1].op = SWAP;
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                fold_tuple(blocks, b, iu, oparg as usize, consts);
            }
            JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
                let same = if ins.op == JUMP_IF_FALSE_OR_POP {
                    POP_JUMP_IF_FALSE
                } else {
                    POP_JUMP_IF_TRUE
                };
                let opposite_pop = if ins.op == JUMP_IF_FALSE_OR_POP {
                    POP_JUMP_IF_TRUE
                } else {
                    POP_JUMP_IF_FALSE
                };
                let opposite = if ins.op == JUMP_IF_FALSE_OR_POP {
                    JUMP_IF_TRUE_OR_POP
                } else {
                    JUMP_IF_FALSE_OR_POP
                };
                if target.op == same {
                    if jump_thread(blocks, b, iu, &target, same) {
                        i -= 1;
                    }
                } else if target.op == JUMP || target.op == ins.op {
                    if jump_thread(blocks, b, iu, &target, ins.op) {
                        i -= 1;
                    }
                } else if (target.op == opposite || target.op == opposite_pop)
                    && let Some(t) = blocks[b].instrs[iu].target
                    && let Some(n) = blocks[t].next
                {
                    blocks[b].instrs[iu].op = same;
                    blocks[b].instrs[iu].target = Some(n);
                    i -= 1;
                }
            }
            POP_JUMP_IF_NOT_NONE | POP_JUMP_IF_NONE | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE
            | JUMP
                if target.op == JUMP && jump_thread(blocks, b, iu, &target, ins.op) =>
            {
                i -= 1;
            }
            SWAP => {
                if oparg == 1 {
                    blocks[b].instrs[iu].op = NOP;
                } else {
                    let last = swaptimize(&mut blocks[b].instrs, iu);
                    i = last as isize;
                    apply_static_swaps(&mut blocks[b].instrs, i);
                }
            }
            PUSH_NULL if nextop == Some(LOAD_GLOBAL) && blocks[b].instrs[iu + 1].arg & 1 == 0 => {
                blocks[b].instrs[iu].op = NOP;
                blocks[b].instrs[iu].arg = 0;
                blocks[b].instrs[iu + 1].arg |= 1;
            }
            _ => {}
        }
        i += 1;
        if i < -1 {
            i = 0;
        }
    }
}

/// Remove NOPs that carry no needed line number (CPython's `clean_basic_block`).
pub fn clean_basic_block(blocks: &mut [Block], b: BlockId) {
    let next_line = {
        let mut n = blocks[b].next;
        let mut line = None;
        let mut guard = 0;
        while let Some(id) = n {
            if let Some(f) = blocks[id].instrs.first() {
                line = Some(f.loc.lineno);
                break;
            }
            n = blocks[id].next;
            guard += 1;
            if guard > blocks.len() {
                break;
            }
        }
        line
    };
    let src = std::mem::take(&mut blocks[b].instrs);
    let mut out: Vec<Instr> = Vec::with_capacity(src.len());
    let mut prev_lineno = -1;
    let n = src.len();
    let mut src = src;
    for k in 0..n {
        let lineno = src[k].loc.lineno;
        if src[k].op == Opcode::NOP {
            if lineno < 0 || prev_lineno == lineno {
                continue;
            }
            if k + 1 < n {
                let nl = src[k + 1].loc.lineno;
                if nl < 0 || nl == lineno {
                    if nl < 0 {
                        src[k + 1].loc = src[k].loc;
                    }
                    continue;
                }
            } else if next_line == Some(lineno) {
                continue;
            }
        }
        out.push(src[k].clone());
        prev_lineno = lineno;
    }
    blocks[b].instrs = out;
}

fn mark_reachable(blocks: &mut [Block]) {
    for b in blocks.iter_mut() {
        b.predecessors = 0;
        b.except_predecessors = 0;
        b.visited = false;
    }
    blocks[0].predecessors = 1;
    let mut stack = vec![0];
    while let Some(b) = stack.pop() {
        if blocks[b].visited {
            continue;
        }
        blocks[b].visited = true;
        if blocks[b].has_fallthrough()
            && let Some(n) = blocks[b].next
        {
            if !blocks[n].visited {
                stack.push(n);
            }
            blocks[n].predecessors += 1;
        }
        let targets: Vec<(BlockId, bool)> = blocks[b]
            .instrs
            .iter()
            .filter_map(|i| i.target.map(|t| (t, i.op.is_setup())))
            .collect();
        for (t, setup) in targets {
            if !blocks[t].visited {
                stack.push(t);
            }
            blocks[t].predecessors += 1;
            if setup {
                blocks[t].except_predecessors += 1;
            }
        }
    }
}

fn eliminate_empty_basic_blocks(blocks: &mut [Block]) {
    for b in order(blocks) {
        let mut next = blocks[b].next;
        while let Some(n) = next {
            if blocks[n].instrs.is_empty() && blocks[n].next.is_some() {
                next = blocks[n].next;
            } else {
                break;
            }
        }
        blocks[b].next = next;
    }
    normalize_targets(blocks);
}

/// CPython's `optimize_cfg`.
pub fn optimize_cfg(blocks: &mut [Block], consts: &mut Vec<Const>) -> Result<(), SyntaxError> {
    normalize_targets(blocks);
    for b in order(blocks) {
        extend_block(blocks, b);
    }
    for b in order(blocks) {
        optimize_basic_block(blocks, b, consts);
        clean_basic_block(blocks, b);
    }
    for b in order(blocks) {
        extend_block(blocks, b);
    }
    mark_reachable(blocks);
    for b in order(blocks) {
        if blocks[b].predecessors == 0 {
            blocks[b].instrs.clear();
        }
    }
    eliminate_empty_basic_blocks(blocks);
    for b in order(blocks) {
        clean_basic_block(blocks, b);
    }
    let mut maybe_empty = false;
    for b in order(blocks) {
        let next = blocks[b].next;
        if let Some(last) = blocks[b].instrs.last_mut()
            && matches!(last.op, Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT)
            && last.target == next
        {
            last.op = Opcode::NOP;
            last.target = None;
            maybe_empty = true;
        }
    }
    if maybe_empty {
        eliminate_empty_basic_blocks(blocks);
    }
    mark_reachable(blocks);
    Ok(())
}

fn is_exit_without_lineno(b: &Block) -> bool {
    b.is_exit() && b.instrs.iter().all(|i| i.loc.lineno < 0)
}

/// Copy exit blocks without a line number that several jumps reach, so each copy can
/// take its jump's line (CPython's `duplicate_exits_without_lineno`).
pub fn duplicate_exits_without_lineno(blocks: &mut Vec<Block>) {
    // CPython walks its block list newest-first (`b_list`), which decides which jump
    // keeps the original exit block and which gets the copy.
    let reachable: std::collections::HashSet<BlockId> = order(blocks).into_iter().collect();
    let candidates: Vec<BlockId> = (0..blocks.len())
        .rev()
        .filter(|b| reachable.contains(b))
        .collect();
    for b in candidates {
        let Some(last) = blocks[b].instrs.last() else {
            continue;
        };
        let Some(t) = last.target else { continue };
        if !last.op.is_jump() || last.op.is_setup() {
            continue;
        }
        let jump_loc = last.loc;
        if is_exit_without_lineno(&blocks[t]) && blocks[t].predecessors > 1 {
            let mut nb = blocks[t].clone();
            if let Some(f) = nb.instrs.first_mut() {
                f.loc = jump_loc;
            }
            nb.predecessors = 1;
            nb.next = blocks[t].next;
            blocks[t].predecessors -= 1;
            blocks.push(nb);
            let id = blocks.len() - 1;
            blocks[t].next = Some(id);
            if let Some(l) = blocks[b].instrs.last_mut() {
                l.target = Some(id);
            }
        }
    }
    for b in order(blocks) {
        if !blocks[b].has_fallthrough() || blocks[b].instrs.is_empty() {
            continue;
        }
        let Some(n) = blocks[b].next else { continue };
        if is_exit_without_lineno(&blocks[n]) {
            let loc = blocks[b]
                .instrs
                .last()
                .map(|i| i.loc)
                .unwrap_or(Location::NONE);
            if let Some(f) = blocks[n].instrs.first_mut() {
                f.loc = loc;
            }
        }
    }
}

/// Give artificial instructions the location of the instruction before them, and
/// single-predecessor successors the location of their predecessor's last instruction.
pub fn propagate_line_numbers(blocks: &mut [Block]) {
    for b in order(blocks) {
        if blocks[b].instrs.is_empty() {
            continue;
        }
        let mut prev = Location::NONE;
        for i in &mut blocks[b].instrs {
            if i.loc.lineno < 0 {
                i.loc = prev;
            } else {
                prev = i.loc;
            }
        }
        if blocks[b].has_fallthrough()
            && let Some(n) = blocks[b].next
            && blocks[n].predecessors == 1
            && let Some(f) = blocks[n].instrs.first_mut()
            && f.loc.lineno < 0
        {
            f.loc = prev;
        }
        let last = blocks[b].instrs.last().cloned();
        if let Some(l) = last
            && let Some(t) = l.target.filter(|_| l.op.is_jump() && !l.op.is_setup())
            && blocks[t].predecessors == 1
            && let Some(f) = blocks[t].instrs.first_mut()
            && f.loc.lineno < 0
        {
            f.loc = prev;
        }
    }
}
