//! The symbol table, as CPython 3.11's `Python/symtable.c`: one pass records how each
//! name is used in each scope (module, class, function, lambda, comprehension), a
//! second pass decides its scope (local, global explicit/implicit, free, cell).

use crate::error::error_at;
use oxpy_ast::*;
use oxpy_lexer::SyntaxError;
use std::collections::{HashMap, HashSet};

/// Symbol usage flags (`DEF_*` in CPython).
pub mod def {
    /// `global` statement.
    pub const GLOBAL: u32 = 1;
    /// Assigned in this scope.
    pub const LOCAL: u32 = 2;
    /// A parameter.
    pub const PARAM: u32 = 4;
    /// `nonlocal` statement.
    pub const NONLOCAL: u32 = 8;
    /// Read in this scope.
    pub const USE: u32 = 16;
    /// Free in a method but bound in the class.
    pub const FREE_CLASS: u32 = 64;
    /// Bound by import.
    pub const IMPORT: u32 = 128;
    /// Annotated.
    pub const ANNOT: u32 = 256;
    /// A comprehension iteration variable.
    pub const COMP_ITER: u32 = 512;
    /// Any binding.
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

/// Where a name lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A local of the scope.
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: global or builtin.
    GlobalImplicit,
    /// From an enclosing function.
    Free,
    /// Local, and captured by an inner function.
    Cell,
}

/// The kind of a scope block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    /// A module.
    Module,
    /// A class body.
    Class,
    /// A function, lambda or comprehension.
    Function,
}

/// Which comprehension a function scope is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comprehension {
    /// Not a comprehension.
    No,
    /// `[...]`
    List,
    /// `{...}`
    Set,
    /// `{k: v ...}`
    Dict,
    /// `(...)`
    Generator,
}

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// `def::*` bits.
    pub flags: u32,
    /// Decided scope (after analysis).
    pub scope: Scope,
}

/// One scope.
#[derive(Debug)]
pub struct SymbolTableEntry {
    /// Name of the block (function/class name, `top`, `lambda`, `listcomp` ...).
    pub name: String,
    /// Block type.
    pub kind: BlockType,
    /// Symbols in first-seen order.
    pub symbols: Vec<(String, Symbol)>,
    index: HashMap<String, usize>,
    /// Parameter names in order.
    pub varnames: Vec<String>,
    /// Child scopes in source order.
    pub children: Vec<usize>,
    /// Contains `yield`.
    pub generator: bool,
    /// `async def` or async comprehension.
    pub coroutine: bool,
    /// Comprehension kind.
    pub comprehension: Comprehension,
    /// Inside a function (directly or not).
    pub nested: bool,
    /// Has free variables.
    pub free: bool,
    /// A child has free variables.
    pub child_free: bool,
    /// Class body whose methods use `__class__`/`super`.
    pub needs_class_closure: bool,
    /// Has `*args`.
    pub varargs: bool,
    /// Has `**kwargs`.
    pub varkeywords: bool,
    /// First line.
    pub lineno: u32,
    directives: HashMap<String, Loc>,
    comp_iter_target: bool,
}

impl SymbolTableEntry {
    fn new(name: &str, kind: BlockType, lineno: u32) -> Self {
        SymbolTableEntry {
            name: name.into(),
            kind,
            symbols: Vec::new(),
            index: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            generator: false,
            coroutine: false,
            comprehension: Comprehension::No,
            nested: false,
            free: false,
            child_free: false,
            needs_class_closure: false,
            varargs: false,
            varkeywords: false,
            lineno,
            directives: HashMap::new(),
            comp_iter_target: false,
        }
    }

    /// The symbol `name`, if used in this scope.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i].1)
    }

    fn flags(&self, name: &str) -> u32 {
        self.lookup(name).map_or(0, |s| s.flags)
    }

    /// Names with scope `scope` (and without `skip` flags), sorted as CPython's `dictbytype`.
    pub fn sorted_names(&self, scope: Scope, skip: u32) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == scope && s.flags & skip == 0)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

/// The symbol table of a module: all scopes, the module first.
#[derive(Debug)]
pub struct SymbolTable {
    /// All scopes; index 0 is the module.
    pub entries: Vec<SymbolTableEntry>,
    /// Scope index of each function/class/lambda/comprehension node (by node address).
    pub by_node: HashMap<usize, usize>,
}

/// The key identifying an AST node in [`SymbolTable::by_node`].
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// CPython's `_Py_Mangle`: `__x` inside class `C` becomes `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else { return name.into() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = p.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}")
}

struct Builder {
    entries: Vec<SymbolTableEntry>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    private: Option<String>,
}

type R = Result<(), SyntaxError>;

impl Builder {
    fn cur(&mut self) -> &mut SymbolTableEntry {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.entries[i]
    }

    fn enter(&mut self, name: &str, kind: BlockType, key: usize, lineno: u32) {
        let parent = self.stack.last().copied();
        let mut e = SymbolTableEntry::new(name, kind, lineno);
        if let Some(p) = parent {
            let pe = &self.entries[p];
            e.nested = pe.nested || pe.kind == BlockType::Function;
        }
        let id = self.entries.len();
        self.entries.push(e);
        if let Some(p) = parent {
            self.entries[p].children.push(id);
        }
        self.by_node.insert(key, id);
        self.stack.push(id);
    }

    fn add_def(&mut self, name: &str, flag: u32, loc: Loc) -> R {
        let name = mangle(self.private.as_deref(), name);
        let e = self.cur();
        if flag & def::PARAM != 0 && e.flags(&name) & def::PARAM != 0 {
            return Err(error_at(
                &format!("duplicate argument '{name}' in function definition"),
                loc,
            ));
        }
        if flag & def::PARAM != 0 {
            e.varnames.push(name.clone());
        }
        let comp_target = e.comp_iter_target;
        match e.index.get(&name) {
            Some(&i) => e.symbols[i].1.flags |= flag,
            None => {
                e.index.insert(name.clone(), e.symbols.len());
                e.symbols.push((
                    name.clone(),
                    Symbol {
                        flags: flag,
                        scope: Scope::Local,
                    },
                ));
            }
        }
        if comp_target
            && flag & def::LOCAL != 0
            && let Some(&i) = e.index.get(&name)
        {
            e.symbols[i].1.flags |= def::COMP_ITER;
        }
        // A global declaration anywhere makes the module-level binding global too.
        if flag & def::GLOBAL != 0 && self.stack.len() > 1 {
            let m = &mut self.entries[0];
            match m.index.get(&name) {
                Some(&i) => m.symbols[i].1.flags |= def::GLOBAL,
                None => {
                    m.index.insert(name.clone(), m.symbols.len());
                    m.symbols.push((
                        name,
                        Symbol {
                            flags: def::GLOBAL,
                            scope: Scope::Local,
                        },
                    ));
                }
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn params(&mut self, args: &[Arg]) -> R {
        args.iter()
            .try_for_each(|a| self.add_def(&a.arg, def::PARAM, a.loc))
    }

    fn arguments(&mut self, a: &Arguments) -> R {
        self.params(&a.posonlyargs)?;
        self.params(&a.args)?;
        self.params(&a.kwonlyargs)?;
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, def::PARAM, v.loc)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, def::PARAM, k.loc)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn annotations(&mut self, a: &Arguments, returns: &Option<Box<Expr>>) -> R {
        let all = a
            .posonlyargs
            .iter()
            .chain(&a.args)
            .chain(a.vararg.iter())
            .chain(&a.kwonlyargs)
            .chain(a.kwarg.iter());
        for arg in all {
            if let Some(ann) = &arg.annotation {
                self.expr(ann)?;
            }
        }
        self.opt(returns)
    }

    fn function(&mut self, s: &Stmt) -> R {
        let (StmtKind::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            ..
        }
        | StmtKind::AsyncFunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            ..
        }) = &s.kind
        else {
            return Ok(());
        };
        let is_async = matches!(s.kind, StmtKind::AsyncFunctionDef { .. });
        self.add_def(name, def::LOCAL, s.loc)?;
        self.exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        self.annotations(args, returns)?;
        self.exprs(decorator_list)?;
        self.enter(name, BlockType::Function, node_key(s), s.loc.lineno);
        if is_async {
            self.cur().coroutine = true;
        }
        self.arguments(args)?;
        self.stmts(body)?;
        self.stack.pop();
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        use StmtKind as S;
        match &s.kind {
            S::FunctionDef { .. } | S::AsyncFunctionDef { .. } => self.function(s)?,
            S::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.add_def(name, def::LOCAL, s.loc)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.exprs(decorator_list)?;
                self.enter(name, BlockType::Class, node_key(s), s.loc.lineno);
                let saved = self.private.replace(name.clone());
                self.stmts(body)?;
                self.private = saved;
                self.stack.pop();
            }
            S::Return { value } => self.opt(value)?,
            S::Delete { targets } => self.exprs(targets)?,
            S::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            S::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let m = mangle(self.private.as_deref(), id);
                    let cur = self.cur().flags(&m);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0
                        && self.cur().directives.contains_key(id)
                        && *simple != 0
                    {
                        let kind = if cur & def::GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(error_at(
                            &format!("annotated name '{id}' can't be {kind}"),
                            s.loc,
                        ));
                    }
                    if *simple != 0 {
                        self.add_def(id, def::ANNOT | def::LOCAL, target.loc)?;
                    } else if value.is_some() {
                        self.add_def(id, def::LOCAL, target.loc)?;
                    }
                } else {
                    self.expr(target)?;
                }
                self.expr(annotation)?;
                self.opt(value)?;
            }
            S::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            S::For {
                target,
                iter,
                body,
                orelse,
                ..
            }
            | S::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            S::While { test, body, orelse } | S::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            S::With { items, body, .. } | S::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    self.opt(&it.optional_vars)?;
                }
                self.stmts(body)?;
            }
            S::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    self.opt(&c.guard)?;
                    self.stmts(&c.body)?;
                }
            }
            S::Raise { exc, cause } => {
                self.opt(exc)?;
                self.opt(cause)?;
            }
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | S::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    self.opt(&h.type_)?;
                    if let Some(n) = &h.name {
                        self.add_def(n, def::LOCAL, h.loc)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)?;
            }
            S::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            S::Import { names } | S::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != BlockType::Module {
                            return Err(error_at("import * only allowed at module level", a.loc));
                        }
                        continue;
                    }
                    let stored = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.add_def(stored, def::IMPORT, a.loc)?;
                }
            }
            S::Global { names } => self.directive(names, s.loc, true)?,
            S::Nonlocal { names } => self.directive(names, s.loc, false)?,
            S::Expr { value } => self.expr(value)?,
            S::Pass | S::Break | S::Continue => {}
        }
        Ok(())
    }

    fn directive(&mut self, names: &[String], loc: Loc, global: bool) -> R {
        let kind = if global { "global" } else { "nonlocal" };
        for name in names {
            let mangled = mangle(self.private.as_deref(), name);
            let cur = self.cur().flags(&mangled);
            if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                let msg = if cur & def::PARAM != 0 {
                    format!("name '{name}' is parameter and {kind}")
                } else if cur & def::USE != 0 {
                    format!("name '{name}' is used prior to {kind} declaration")
                } else if cur & def::ANNOT != 0 {
                    format!("annotated name '{name}' can't be {kind}")
                } else {
                    format!("name '{name}' is assigned to before {kind} declaration")
                };
                return Err(error_at(&msg, loc));
            }
            let flag = if global { def::GLOBAL } else { def::NONLOCAL };
            self.add_def(name, flag, loc)?;
            self.cur().directives.entry(mangled).or_insert(loc);
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        use PatternKind as P;
        match &p.kind {
            P::MatchValue { value } => self.expr(value),
            P::MatchSingleton { .. } => Ok(()),
            P::MatchSequence { patterns } | P::MatchOr { patterns } => {
                patterns.iter().try_for_each(|q| self.pattern(q))
            }
            P::MatchStar { name } => match name {
                Some(n) => self.add_def(n, def::LOCAL, p.loc),
                None => Ok(()),
            },
            P::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
                match name {
                    Some(n) => self.add_def(n, def::LOCAL, p.loc),
                    None => Ok(()),
                }
            }
            P::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|q| self.pattern(q))?;
                match rest {
                    Some(n) => self.add_def(n, def::LOCAL, p.loc),
                    None => Ok(()),
                }
            }
            P::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                patterns.iter().try_for_each(|q| self.pattern(q))?;
                kwd_patterns.iter().try_for_each(|q| self.pattern(q))
            }
        }
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: Comprehension,
        gens: &[oxpy_ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(first) = gens.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        self.enter(name, BlockType::Function, node_key(e), e.loc.lineno);
        self.cur().comprehension = kind;
        if first.is_async != 0 {
            self.cur().coroutine = true;
        }
        self.add_def(".0", def::PARAM, e.loc)?;
        self.cur().comp_iter_target = true;
        self.expr(&first.target)?;
        self.cur().comp_iter_target = false;
        self.exprs(&first.ifs)?;
        for g in &gens[1..] {
            self.cur().comp_iter_target = true;
            self.expr(&g.target)?;
            self.cur().comp_iter_target = false;
            self.expr(&g.iter)?;
            self.exprs(&g.ifs)?;
            if g.is_async != 0 {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        let is_gen = kind == Comprehension::Generator;
        self.cur().generator = is_gen;
        let is_async = self.cur().coroutine && !is_gen;
        self.stack.pop();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn namedexpr_target(&mut self, id: &str, loc: Loc) -> R {
        // Walrus in a comprehension binds in the nearest enclosing non-comprehension scope.
        if self.cur().comprehension == Comprehension::No {
            return self.add_def(id, def::LOCAL, loc);
        }
        if self.cur().flags(id) & def::COMP_ITER != 0 {
            return Err(error_at(
                &format!(
                    "assignment expression cannot rebind comprehension iteration variable '{id}'"
                ),
                loc,
            ));
        }
        for &i in self.stack.iter().rev() {
            let e = &self.entries[i];
            if e.comprehension != Comprehension::No {
                continue;
            }
            let (kind, nested) = (e.kind, i);
            match kind {
                BlockType::Function => {
                    self.add_def(id, def::NONLOCAL, loc)?;
                    let saved = std::mem::replace(&mut self.stack, vec![nested]);
                    let r = self.add_def(id, def::LOCAL, loc);
                    self.stack = saved;
                    return r;
                }
                BlockType::Module => {
                    self.add_def(id, def::GLOBAL, loc)?;
                    let saved = std::mem::replace(&mut self.stack, vec![nested]);
                    let r = self.add_def(id, def::GLOBAL, loc);
                    self.stack = saved;
                    return r;
                }
                BlockType::Class => {
                    return Err(error_at(
                        "assignment expression within a comprehension cannot be used in a class body",
                        loc,
                    ));
                }
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        use ExprKind as E;
        match &e.kind {
            E::BoolOp { values, .. } => self.exprs(values)?,
            E::NamedExpr { target, value } => {
                self.expr(value)?;
                if let E::Name { id, .. } = &target.kind {
                    self.namedexpr_target(id, target.loc)?;
                } else {
                    self.expr(target)?;
                }
            }
            E::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            E::UnaryOp { operand, .. } => self.expr(operand)?,
            E::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter("lambda", BlockType::Function, node_key(e), e.loc.lineno);
                self.arguments(args)?;
                self.expr(body)?;
                self.stack.pop();
            }
            E::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            E::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            E::Set { elts } | E::List { elts, .. } | E::Tuple { elts, .. } => self.exprs(elts)?,
            E::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", Comprehension::List, generators, elt, None)?
            }
            E::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", Comprehension::Set, generators, elt, None)?
            }
            E::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e,
                "dictcomp",
                Comprehension::Dict,
                generators,
                key,
                Some(value),
            )?,
            E::GeneratorExp { elt, generators } => self.comprehension(
                e,
                "genexpr",
                Comprehension::Generator,
                generators,
                elt,
                None,
            )?,
            E::Await { value } => {
                self.expr(value)?;
                self.cur().coroutine = true;
            }
            E::Yield { value } => {
                self.opt(value)?;
                self.yield_check(e)?;
            }
            E::YieldFrom { value } => {
                self.expr(value)?;
                self.yield_check(e)?;
            }
            E::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            E::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            E::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt(format_spec)?;
            }
            E::JoinedStr { values } => self.exprs(values)?,
            E::Constant { .. } => {}
            E::Attribute { value, .. } => self.expr(value)?,
            E::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            E::Starred { value, .. } => self.expr(value)?,
            E::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load {
                    def::USE
                } else {
                    def::LOCAL
                };
                self.add_def(id, flag, e.loc)?;
                if *ctx == ExprContext::Load
                    && self.cur().kind == BlockType::Function
                    && id == "super"
                {
                    self.add_def("__class__", def::USE, e.loc)?;
                }
            }
            E::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
        }
        Ok(())
    }

    fn yield_check(&mut self, e: &Expr) -> R {
        self.cur().generator = true;
        let what = match self.cur().comprehension {
            Comprehension::No => return Ok(()),
            Comprehension::List => "list comprehension",
            Comprehension::Set => "set comprehension",
            Comprehension::Dict => "dict comprehension",
            Comprehension::Generator => "generator expression",
        };
        Err(error_at(&format!("'yield' inside {what}"), e.loc))
    }
}

/// Sets of names passed down the analysis.
type Names = HashSet<String>;

/// The sets one block's analysis updates for each name.
struct NameSets<'s> {
    local: &'s mut Names,
    free: &'s mut Names,
    global: &'s mut Names,
    scopes: &'s mut HashMap<String, Scope>,
}

struct Analyzer<'a> {
    entries: &'a mut Vec<SymbolTableEntry>,
}

impl Analyzer<'_> {
    fn analyze_name(
        &mut self,
        id: usize,
        name: &str,
        flags: u32,
        bound: Option<&Names>,
        st: &mut NameSets<'_>,
    ) -> R {
        let NameSets {
            local,
            free,
            global,
            scopes,
        } = st;
        let loc = self.entries[id]
            .directives
            .get(name)
            .copied()
            .unwrap_or_default();
        if flags & def::GLOBAL != 0 {
            if flags & def::NONLOCAL != 0 {
                return Err(error_at(
                    &format!("name '{name}' is nonlocal and global"),
                    loc,
                ));
            }
            scopes.insert(name.into(), Scope::GlobalExplicit);
            global.insert(name.into());
            return Ok(());
        }
        if flags & def::NONLOCAL != 0 {
            let Some(b) = bound else {
                return Err(error_at(
                    "nonlocal declaration not allowed at module level",
                    loc,
                ));
            };
            if !b.contains(name) {
                return Err(error_at(
                    &format!("no binding for nonlocal '{name}' found"),
                    loc,
                ));
            }
            scopes.insert(name.into(), Scope::Free);
            self.entries[id].free = true;
            free.insert(name.into());
            return Ok(());
        }
        if flags & def::BOUND != 0 {
            scopes.insert(name.into(), Scope::Local);
            local.insert(name.into());
            global.remove(name);
            return Ok(());
        }
        if bound.is_some_and(|b| b.contains(name)) {
            scopes.insert(name.into(), Scope::Free);
            self.entries[id].free = true;
            free.insert(name.into());
        } else if global.contains(name) {
            scopes.insert(name.into(), Scope::GlobalImplicit);
        } else {
            if self.entries[id].nested {
                self.entries[id].free = true;
            }
            scopes.insert(name.into(), Scope::GlobalImplicit);
        }
        Ok(())
    }

    fn analyze_block(
        &mut self,
        id: usize,
        bound: Option<&Names>,
        free: &mut Names,
        global: &mut Names,
    ) -> R {
        let mut local = Names::new();
        let mut scopes = HashMap::new();
        let mut newglobal = Names::new();
        let mut newfree = Names::new();
        let mut newbound = Names::new();
        let kind = self.entries[id].kind;
        if kind == BlockType::Class {
            newglobal.extend(global.iter().cloned());
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
        }
        let syms: Vec<(String, u32)> = self.entries[id]
            .symbols
            .iter()
            .map(|(n, s)| (n.clone(), s.flags))
            .collect();
        for (name, flags) in &syms {
            let mut sets = NameSets {
                local: &mut local,
                free,
                global,
                scopes: &mut scopes,
            };
            self.analyze_name(id, name, *flags, bound, &mut sets)?;
        }
        if kind != BlockType::Class {
            if kind == BlockType::Function {
                newbound.extend(local.iter().cloned());
            }
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".into());
        }
        let mut allfree = Names::new();
        let children = self.entries[id].children.clone();
        for child in children {
            let mut child_free = newfree.clone();
            let mut child_global = newglobal.clone();
            let child_bound = newbound.clone();
            self.analyze_block(
                child,
                Some(&child_bound),
                &mut child_free,
                &mut child_global,
            )?;
            allfree.extend(child_free);
            let c = &self.entries[child];
            if c.free || c.child_free {
                self.entries[id].child_free = true;
            }
        }
        newfree.extend(allfree);
        if kind == BlockType::Function {
            // analyze_cells
            for (name, scope) in scopes.iter_mut() {
                if *scope == Scope::Local && newfree.contains(name) {
                    *scope = Scope::Cell;
                    newfree.remove(name);
                }
            }
        } else if kind == BlockType::Class && newfree.remove("__class__") {
            self.entries[id].needs_class_closure = true;
        }
        // update_symbols
        let e = &mut self.entries[id];
        for (name, sym) in e.symbols.iter_mut() {
            if let Some(s) = scopes.get(name) {
                sym.scope = *s;
            }
        }
        let mut fv: Vec<&String> = newfree.iter().collect();
        fv.sort();
        for name in fv {
            if let Some(&i) = e.index.get(name) {
                if kind == BlockType::Class
                    && e.symbols[i].1.flags & (def::BOUND | def::GLOBAL) != 0
                {
                    e.symbols[i].1.flags |= def::FREE_CLASS;
                }
                continue;
            }
            if !bound.is_some_and(|b| b.contains(name)) {
                continue;
            }
            e.index.insert(name.clone(), e.symbols.len());
            e.symbols.push((
                name.clone(),
                Symbol {
                    flags: 0,
                    scope: Scope::Free,
                },
            ));
        }
        free.extend(newfree);
        Ok(())
    }
}

/// Build and analyze the symbol table of `module`.
pub fn build(module: &Mod) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        entries: Vec::new(),
        by_node: HashMap::new(),
        stack: Vec::new(),
        private: None,
    };
    b.enter("top", BlockType::Module, node_key(module), 0);
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => b.stmts(body)?,
        Mod::Expression { body } => b.expr(body)?,
        Mod::FunctionType { .. } => {}
    }
    let mut entries = b.entries;
    let mut free = Names::new();
    let mut global = Names::new();
    Analyzer {
        entries: &mut entries,
    }
    .analyze_block(0, None, &mut free, &mut global)?;
    Ok(SymbolTable {
        entries,
        by_node: b.by_node,
    })
}
