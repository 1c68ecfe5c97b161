//! `match` statements (CPython 3.11's `compiler_match` and `compiler_pattern_*`): the
//! subject and partial results stay on the stack, captured values are rotated under
//! them, and each failure jumps to a `fail_pop[n]` block that pops `n` items.

use crate::codegen::{CResult, Compiler, Ctx};
use crate::ir::BlockId;
use oxpy_ast::*;
use oxpy_bytecode::{BigInt, Const, Opcode};

/// Pattern-compilation state (`pattern_context`).
#[derive(Default, Clone)]
struct Pc {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    /// A `match` statement.
    pub fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let Some(last) = cases.last() else {
            return Ok(());
        };
        let has_default = is_wildcard(&last.pattern) && n > 1;
        let mut pc = Pc::default();
        for (i, m) in cases[..n - usize::from(has_default)].iter().enumerate() {
            self.set_loc(m.pattern.loc);
            let not_last = i + 1 != n - usize::from(has_default);
            if not_last {
                self.op_arg(Opcode::COPY, 1);
            }
            pc.stores.clear();
            pc.allow_irrefutable = m.guard.is_some() || i == n - 1;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.pattern(&m.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, Ctx::Store);
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                self.jump_if(g, pc.fail_pop[0], false)?;
            }
            if not_last {
                self.op(Opcode::POP_TOP);
            }
            self.stmts(&m.body)?;
            self.jump(Opcode::JUMP, end);
            self.set_loc(m.pattern.loc);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.loc);
            if n == 1 {
                self.op(Opcode::POP_TOP);
            } else {
                self.op(Opcode::NOP);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&last.body)?;
        }
        self.use_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut Pc, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut Pc, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut Pc) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for k in (1..pc.fail_pop.len()).rev() {
            self.use_block(pc.fail_pop[k]);
            self.op(Opcode::POP_TOP);
        }
        self.use_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.op_arg(Opcode::SWAP, count as u32);
            count -= 1;
        }
    }

    fn store_name(&mut self, name: Option<&str>, pc: &mut Pc) -> CResult {
        let Some(n) = name else {
            self.op(Opcode::POP_TOP);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == n) {
            return Err(self.error_here(&format!("multiple assignments to name '{n}' in pattern")));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut Pc) -> CResult {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = saved;
        Ok(())
    }

    fn int_const(&mut self, n: usize) {
        self.load_const(Const::Int(BigInt::from(n)));
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut Pc) -> CResult {
        use Opcode::*;
        self.set_loc(p.loc);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                // The AST optimiser has folded signed and complex literals (`-1.5`, `1+2j`)
                // into constants by the time CPython checks `MATCH_VALUE_EXPR`.
                let folded_literal = match &value.kind {
                    ExprKind::UnaryOp { operand, .. } => {
                        matches!(operand.kind, ExprKind::Constant { .. })
                    }
                    ExprKind::BinOp { left, right, .. } => {
                        let signed = |e: &Expr| match &e.kind {
                            ExprKind::Constant { .. } => true,
                            ExprKind::UnaryOp { operand, .. } => {
                                matches!(operand.kind, ExprKind::Constant { .. })
                            }
                            _ => false,
                        };
                        signed(left) && matches!(right.kind, ExprKind::Constant { .. })
                    }
                    _ => false,
                };
                if !folded_literal
                    && !matches!(
                        value.kind,
                        ExprKind::Constant { .. } | ExprKind::Attribute { .. }
                    )
                {
                    return Err(
                        self.error_here("patterns may only match literals and attribute lookups")
                    );
                }
                self.expr(value)?;
                self.op_arg(COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(Const::from_ast(value));
                self.op_arg(IS_OP, 0);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchStar { name } => self.store_name(name.as_deref(), pc)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match name {
                            Some(n) => {
                                format!("name capture '{n}' makes remaining patterns unreachable")
                            }
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(self.error_here(&msg));
                    }
                    self.store_name(name.as_deref(), pc)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.op_arg(COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_name(name.as_deref(), pc)?;
                }
            },
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                for (i, a) in kwd_attrs.iter().enumerate() {
                    if let Some(j) = kwd_attrs[i + 1..].iter().position(|b| b == a) {
                        if let Some(pj) = kwd_patterns.get(i + 1 + j) {
                            self.set_loc(pj.loc);
                        }
                        return Err(self.error_here(&format!(
                            "attribute name repeated in class pattern: {a}"
                        )));
                    }
                }
                self.expr(cls)?;
                let names: Vec<Const> = kwd_attrs
                    .iter()
                    .map(|a| Const::Str(a.as_str().into()))
                    .collect();
                self.load_const(Const::Tuple(names));
                let nargs = patterns.len();
                let total = nargs + kwd_attrs.len();
                self.op_arg(MATCH_CLASS, nargs as u32);
                self.op_arg(COPY, 1);
                self.load_const(Const::None);
                self.op_arg(IS_OP, 1);
                pc.on_top += 1;
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
                self.op_arg(UNPACK_SEQUENCE, total as u32);
                pc.on_top += total;
                pc.on_top -= 1;
                for sub in patterns.iter().chain(kwd_patterns) {
                    pc.on_top -= 1;
                    if is_wildcard(sub) {
                        self.op(POP_TOP);
                        continue;
                    }
                    self.subpattern(sub, pc)?;
                }
            }
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, patterns: &'a [Pattern], pc: &mut Pc) -> CResult {
        use Opcode::*;
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(self.error_here("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        pc.on_top += 1;
        self.op(MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.op(GET_LEN);
                self.int_const(size);
                self.op_arg(COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.op(GET_LEN);
                self.int_const(size - 1);
                self.op_arg(COMPARE_OP, 5);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(POP_TOP);
        } else if star_wildcard {
            let star = star.unwrap_or(0);
            pc.on_top += 1;
            for (i, p) in patterns.iter().enumerate() {
                if is_wildcard(p) || i == star {
                    continue;
                }
                self.op_arg(COPY, 1);
                if i < star {
                    self.int_const(i);
                } else {
                    self.op(GET_LEN);
                    self.int_const(size - i);
                    self.op_arg(BINARY_OP, 10);
                }
                self.op(BINARY_SUBSCR);
                self.subpattern(p, pc)?;
            }
            pc.on_top -= 1;
            self.op(POP_TOP);
        } else {
            match star {
                Some(i) => self.op_arg(UNPACK_EX, (i + ((size - i - 1) << 8)) as u32),
                None => self.op_arg(UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size;
            for p in patterns {
                pc.on_top -= 1;
                self.subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&str>,
        pc: &mut Pc,
    ) -> CResult {
        use Opcode::*;
        let size = keys.len();
        pc.on_top += 1;
        self.op(MATCH_MAPPING);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.op(GET_LEN);
            self.int_const(size);
            self.op_arg(COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<Const> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    let c = Const::from_ast(value);
                    if seen.iter().any(|s| s.same(&c)) {
                        let r = oxpy_bytecode::repr::const_repr(&c);
                        return Err(
                            self.error_here(&format!("mapping pattern checks duplicate key ({r})"))
                        );
                    }
                    seen.push(c);
                }
                ExprKind::Attribute { .. } => {}
                _ => {
                    return Err(self.error_here(
                        "mapping pattern keys may only match literals and attribute lookups",
                    ));
                }
            }
            self.expr(key)?;
        }
        self.op_arg(BUILD_TUPLE, size as u32);
        self.op(MATCH_KEYS);
        pc.on_top += 2;
        self.op_arg(COPY, 1);
        self.load_const(Const::None);
        self.op_arg(IS_OP, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.op_arg(UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                self.op_arg(BUILD_MAP, 0);
                self.op_arg(SWAP, 3);
                self.op_arg(DICT_UPDATE, 2);
                self.op_arg(UNPACK_SEQUENCE, size as u32);
                let mut k = size;
                while k > 0 {
                    self.op_arg(COPY, (1 + k) as u32);
                    k -= 1;
                    self.op_arg(SWAP, 2);
                    self.op(DELETE_SUBSCR);
                }
                self.store_name(Some(name), pc)?;
            }
            None => {
                self.op(POP_TOP);
                self.op(POP_TOP);
            }
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut Pc) -> CResult {
        use Opcode::*;
        let end = self.new_block();
        let old = pc.clone();
        let mut control: Option<Vec<String>> = None;
        let n = alts.len();
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.loc);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == n && old.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.op_arg(COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != nstores => {
                    return Err(self.error_here("alternative patterns bind different names"));
                }
                Some(ctl) => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(
                                self.error_here("alternative patterns bind different names")
                            );
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        let control = control.unwrap_or_default();
        *pc = old;
        self.op(POP_TOP);
        self.jump_to_fail_pop(pc, JUMP);
        self.use_block(end);
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(
                    self.error_here(&format!("multiple assignments to name '{name}' in pattern"))
                );
            }
            pc.stores.push(name);
        }
        self.op(POP_TOP);
        Ok(())
    }
}
