//! `itertools`: CPython 3.11's iterator building blocks (`Modules/itertoolsmodule.c`) as
//! native iterators — same items in the same order, same argument errors, reprs and sizes.
//! Missing: `chain.from_iterable` (a class attribute) and the pickling/copy methods.

use std::ops::ControlFlow;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef, arg_count_message};
use oxpy_vm::object::protocol::{is_true, repr, rich_compare_bool};
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::objects::type_::Visit;
use oxpy_vm::{PyObject, PyRef, Python};

use crate::native_iter::{IterKind, IterState, PyIter, call_object, visit_all, with_state_as};
use crate::util::{add_objects, collect_iter, index};

/// The `itertools` module.
pub static ITERTOOLS: ModuleDef = ModuleDef {
    name: "itertools",
    doc: "Functional tools for creating and using iterators.",
    methods: &[
        MethodDef::new("count", itertools_count),
        MethodDef::new("repeat", itertools_repeat),
        MethodDef::new("cycle", itertools_cycle),
        MethodDef::new("chain", itertools_chain),
        MethodDef::new("islice", itertools_islice),
        MethodDef::new("accumulate", itertools_accumulate),
        MethodDef::new("compress", itertools_compress),
        MethodDef::new("pairwise", itertools_pairwise),
        MethodDef::new("product", itertools_product),
        MethodDef::new("permutations", itertools_permutations),
        MethodDef::new("combinations", itertools_combinations),
        MethodDef::new(
            "combinations_with_replacement",
            itertools_combinations_with_replacement,
        ),
        MethodDef::new("zip_longest", itertools_zip_longest),
        MethodDef::new("starmap", itertools_starmap),
        MethodDef::new("takewhile", itertools_takewhile),
        MethodDef::new("dropwhile", itertools_dropwhile),
        MethodDef::new("filterfalse", itertools_filterfalse),
        MethodDef::new("groupby", itertools_groupby),
        MethodDef::new("tee", itertools_tee),
    ],
    attrs: itertools_attrs,
};

fn itertools_attrs(_py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(Vec::new())
}

static COUNT: IterKind = IterKind::new("itertools.count", 40);
static REPEAT: IterKind = IterKind::new("itertools.repeat", 32);
static CYCLE: IterKind = IterKind::new("itertools.cycle", 48);
static CHAIN: IterKind = IterKind::new("itertools.chain", 32);
static ISLICE: IterKind = IterKind::new("itertools.islice", 56);
static ACCUMULATE: IterKind = IterKind::new("itertools.accumulate", 48);
static COMPRESS: IterKind = IterKind::new("itertools.compress", 32);
static PAIRWISE: IterKind = IterKind::new("itertools.pairwise", 32);
static PRODUCT: IterKind = IterKind::new("itertools.product", 48);
static PERMUTATIONS: IterKind = IterKind::new("itertools.permutations", 64);
static COMBINATIONS: IterKind = IterKind::new("itertools.combinations", 56);
static CWR: IterKind = IterKind::new("itertools.combinations_with_replacement", 56);
static ZIP_LONGEST: IterKind = IterKind::new("itertools.zip_longest", 56);
static STARMAP: IterKind = IterKind::new("itertools.starmap", 32);
static TAKEWHILE: IterKind = IterKind::new("itertools.takewhile", 40);
static DROPWHILE: IterKind = IterKind::new("itertools.dropwhile", 40);
static FILTERFALSE: IterKind = IterKind::new("itertools.filterfalse", 32);
static GROUPBY: IterKind = IterKind::new("itertools.groupby", 64);
static GROUPER: IterKind = IterKind::with_flags("itertools._grouper", 32, 0x5100);
static TEE: IterKind = IterKind::with_flags("itertools._tee", 40, 0x5100);
static TEE_DATA: IterKind = IterKind::with_flags("itertools._tee_dataobject", 496, 0x5100);

// ---------------------------------------------------------------- argument helpers

/// Positional arguments of a `PyArg_UnpackTuple`-style constructor: `name() takes no keyword
/// arguments`, `name expected at least 2 arguments, got 1`.
fn positional<'a>(args: Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [PyRef]> {
    args.no_kwargs(name)?;
    let pos = args.pos();
    if pos.len() < min || pos.len() > max {
        let msg = if min == max {
            format!(
                "{name} expected {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                pos.len()
            )
        } else {
            arg_count_message(name, min, max, pos.len())
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(pos)
}

/// Positional-or-keyword parameters of a `PyArg_ParseTupleAndKeywords` constructor, with its
/// messages (`count() takes at most 2 arguments (3 given)`, `'x' is an invalid keyword
/// argument for count()`, `repeat() missing required argument 'object' (pos 1)`).
fn keywords<'a, const N: usize>(
    args: Args<'a>,
    name: &str,
    names: [&str; N],
    required: usize,
) -> PyResult<[Option<&'a PyRef>; N]> {
    let pos = args.pos();
    if pos.len() > N {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most {N} arguments ({} given)",
            pos.len()
        )));
    }
    let mut out: [Option<&'a PyRef>; N] = [None; N];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    for (key, value) in args.kwargs() {
        let key = key.to_string_lossy();
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_some() => {
                return Err(PyErr::type_error(format!(
                    "argument for {name}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(value),
            None => {
                return Err(PyErr::type_error(format!(
                    "'{key}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    if let Some(i) = out[..required].iter().position(Option::is_none) {
        return Err(PyErr::type_error(format!(
            "{name}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(out)
}

fn tuple_of(py: Python<'_>, items: Vec<PyRef>) -> PyRef {
    PyTuple::new(py, items).into_object()
}

fn some_tuple(py: Python<'_>, items: Vec<PyRef>) -> PyResult<Option<PyRef>> {
    Ok(Some(tuple_of(py, items)))
}

fn visit_opt(o: &Option<PyRef>, visit: Visit<'_>) -> ControlFlow<()> {
    match o {
        Some(o) => visit(o),
        None => ControlFlow::Continue(()),
    }
}

// ---------------------------------------------------------------- count, repeat, cycle

struct Count {
    cnt: PyRef,
    step: PyRef,
}

impl IterState for Count {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        let next = add_objects(py, &self.cnt, &self.step)?;
        Ok(Some(std::mem::replace(&mut self.cnt, next)))
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.cnt)?;
        visit(&self.step)
    }
    fn repr(&self, py: Python<'_>) -> Option<PyResult<String>> {
        Some((|| {
            let cnt = repr(py, &self.cnt)?.to_string_lossy();
            let step_is_one = self
                .step
                .downcast_ref::<PyInt>(py)
                .is_some_and(|i| i.as_i64() == Some(1));
            if step_is_one {
                Ok(format!("count({cnt})"))
            } else {
                let step = repr(py, &self.step)?.to_string_lossy();
                Ok(format!("count({cnt}, {step})"))
            }
        })())
    }
}

/// `PyNumber_Check`: ints, floats, or objects with number slots.
fn is_number(py: Python<'_>, o: &PyObject) -> bool {
    o.downcast_ref::<PyInt>(py).is_some()
        || o.downcast_ref::<PyFloat>(py).is_some()
        || o.ob_type().slots.binop.is_some()
}

fn itertools_count(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [start, step] = keywords(args, "count", ["start", "step"], 0)?;
    let zero = || PyInt::new(py, 0).into_object();
    let one = || PyInt::new(py, 1).into_object();
    let mut cnt = start.cloned().unwrap_or_else(zero);
    let step = step.cloned().unwrap_or_else(one);
    if !is_number(py, &cnt) || !is_number(py, &step) {
        return Err(PyErr::type_error("a number is required"));
    }
    // CPython's "fast mode" (int start, step 1) counts in a C integer: a bool start becomes int.
    let step_is_one = step
        .downcast_ref::<PyInt>(py)
        .is_some_and(|i| i.as_i64() == Some(1));
    if step_is_one && let Some(i) = cnt.downcast_ref::<PyInt>(py) {
        cnt = crate::util::new_int(py, i.to_bigint());
    }
    Ok(COUNT.create(py, Box::new(Count { cnt, step })))
}

struct Repeat {
    element: PyRef,
    /// Remaining count, `None` for forever.
    cnt: Option<i64>,
}

impl IterState for Repeat {
    fn next(&mut self, _py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        match &mut self.cnt {
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(self.element.clone()))
            }
            None => Ok(Some(self.element.clone())),
        }
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.element)
    }
    fn repr(&self, py: Python<'_>) -> Option<PyResult<String>> {
        Some(repr(py, &self.element).map(|r| {
            let r = r.to_string_lossy();
            match self.cnt {
                Some(n) => format!("repeat({r}, {n})"),
                None => format!("repeat({r})"),
            }
        }))
    }
}

fn itertools_repeat(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [element, times] = keywords(args, "repeat", ["object", "times"], 1)?;
    let element = element
        .cloned()
        .ok_or_else(|| PyErr::type_error("repeat() missing required argument 'object' (pos 1)"))?;
    let cnt = match times {
        Some(t) => {
            let n = index(py, t)?;
            Some(
                n.to_i64()
                    .unwrap_or(if n.is_negative() { 0 } else { i64::MAX })
                    .max(0),
            )
        }
        None => None,
    };
    Ok(REPEAT.create(py, Box::new(Repeat { element, cnt })))
}

struct Cycle {
    it: PyIter,
    saved: Vec<PyRef>,
    index: usize,
}

impl IterState for Cycle {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if let Some(item) = self.it.next(py)? {
            self.saved.push(item.clone());
            return Ok(Some(item));
        }
        let Some(item) = self.saved.get(self.index).cloned() else {
            return Ok(None);
        };
        self.index += 1;
        if self.index >= self.saved.len() {
            self.index = 0;
        }
        Ok(Some(item))
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)?;
        visit_all(&self.saved, visit)
    }
}

fn itertools_cycle(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [iterable] = positional(args, "cycle", 1, 1)? else {
        return Err(PyErr::type_error("cycle expected 1 argument"));
    };
    let it = PyIter::new(py, iterable)?;
    Ok(CYCLE.create(
        py,
        Box::new(Cycle {
            it,
            saved: Vec::new(),
            index: 0,
        }),
    ))
}

// ---------------------------------------------------------------- chain, islice

struct Chain {
    sources: Vec<PyRef>,
    next_source: usize,
    active: Option<PyIter>,
}

impl IterState for Chain {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        loop {
            if self.active.is_none() {
                let Some(src) = self.sources.get(self.next_source).cloned() else {
                    self.sources.clear();
                    return Ok(None);
                };
                self.next_source += 1;
                self.active = Some(PyIter::new(py, &src)?);
            }
            if let Some(active) = &mut self.active
                && let Some(item) = active.next(py)?
            {
                return Ok(Some(item));
            }
            self.active = None;
        }
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit_all(
            &self.sources[self.next_source.min(self.sources.len())..],
            visit,
        )?;
        match &self.active {
            Some(a) => a.visit(visit),
            None => ControlFlow::Continue(()),
        }
    }
}

fn itertools_chain(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("chain")?;
    let sources = args.pos().to_vec();
    Ok(CHAIN.create(
        py,
        Box::new(Chain {
            sources,
            next_source: 0,
            active: None,
        }),
    ))
}

struct Islice {
    it: PyIter,
    next: i64,
    stop: Option<i64>,
    step: i64,
    cnt: i64,
}

impl IterState for Islice {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        while self.cnt < self.next {
            if self.it.next(py)?.is_none() {
                return Ok(None);
            }
            self.cnt += 1;
        }
        if self.stop.is_some_and(|s| self.cnt >= s) {
            self.it = PyIter::Done;
            return Ok(None);
        }
        let Some(item) = self.it.next(py)? else {
            return Ok(None);
        };
        self.cnt += 1;
        let old = self.next;
        self.next = self.next.saturating_add(self.step);
        if self.next < old || self.stop.is_some_and(|s| self.next > s) {
            self.next = self.stop.unwrap_or(i64::MAX);
        }
        Ok(Some(item))
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)
    }
}

/// An islice bound: `None` or an int in `0..=sys.maxsize`.
fn islice_bound(py: Python<'_>, o: &PyObject) -> Option<Option<i64>> {
    if py.is_none(o) {
        return Some(None);
    }
    let v = index(py, o).ok()?.to_i64()?;
    (v >= 0).then_some(Some(v))
}

fn itertools_islice(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = positional(args, "islice", 2, 4)?;
    let stop_err = || {
        PyErr::value_error(
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )
    };
    let (seq, start, stop, step) = match pos {
        [seq, stop] => (seq, 0, islice_bound(py, stop).ok_or_else(stop_err)?, None),
        [seq, start, stop, rest @ ..] => {
            let start = islice_bound(py, start).ok_or_else(|| {
                PyErr::value_error(
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                )
            })?;
            let stop = islice_bound(py, stop).ok_or_else(stop_err)?;
            (seq, start.unwrap_or(0), stop, rest.first())
        }
        _ => {
            return Err(PyErr::type_error(arg_count_message(
                "islice",
                2,
                4,
                pos.len(),
            )));
        }
    };
    let step = match step {
        Some(s) if !py.is_none(s) => index(py, s).ok().and_then(|v| v.to_i64()).unwrap_or(-1),
        _ => 1,
    };
    if step < 1 {
        return Err(PyErr::value_error(
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let it = PyIter::new(py, seq)?;
    Ok(ISLICE.create(
        py,
        Box::new(Islice {
            it,
            next: start,
            stop,
            step,
            cnt: 0,
        }),
    ))
}

// ---------------------------------------------------------------- accumulate, compress, pairwise

struct Accumulate {
    it: PyIter,
    total: Option<PyRef>,
    func: Option<PyRef>,
    initial: Option<PyRef>,
}

impl IterState for Accumulate {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if let Some(init) = self.initial.take() {
            self.total = Some(init.clone());
            return Ok(Some(init));
        }
        let Some(val) = self.it.next(py)? else {
            return Ok(None);
        };
        let total = match (&self.total, &self.func) {
            (None, _) => val,
            (Some(t), None) => add_objects(py, t, &val)?,
            (Some(t), Some(f)) => call_object(py, f, &[t.clone(), val])?,
        };
        self.total = Some(total.clone());
        Ok(Some(total))
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)?;
        visit_opt(&self.total, visit)?;
        visit_opt(&self.func, visit)?;
        visit_opt(&self.initial, visit)
    }
}

fn itertools_accumulate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    if args.pos().len() > 2 {
        return Err(PyErr::type_error(format!(
            "accumulate() takes at most 2 positional arguments ({} given)",
            args.pos().len()
        )));
    }
    let [iterable, func, initial] = args.parse("accumulate", ["iterable", "func", "initial"], 1)?;
    let iterable = iterable.ok_or_else(|| PyErr::type_error("accumulate() missing iterable"))?;
    let it = PyIter::new(py, iterable)?;
    let func = func.filter(|f| !py.is_none(f)).cloned();
    let initial = initial.filter(|i| !py.is_none(i)).cloned();
    Ok(ACCUMULATE.create(
        py,
        Box::new(Accumulate {
            it,
            total: None,
            func,
            initial,
        }),
    ))
}

struct Compress {
    data: PyIter,
    selectors: PyIter,
}

impl IterState for Compress {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        loop {
            let Some(datum) = self.data.next(py)? else {
                return Ok(None);
            };
            let Some(selector) = self.selectors.next(py)? else {
                return Ok(None);
            };
            if is_true(py, &selector) {
                return Ok(Some(datum));
            }
        }
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.data.visit(visit)?;
        self.selectors.visit(visit)
    }
}

fn itertools_compress(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [data, selectors] = keywords(args, "compress", ["data", "selectors"], 2)?;
    let (Some(data), Some(selectors)) = (data, selectors) else {
        return Err(PyErr::type_error("compress() missing required arguments"));
    };
    let data = PyIter::new(py, data)?;
    let selectors = PyIter::new(py, selectors)?;
    Ok(COMPRESS.create(py, Box::new(Compress { data, selectors })))
}

struct Pairwise {
    it: PyIter,
    old: Option<PyRef>,
}

impl IterState for Pairwise {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        let old = match self.old.take() {
            Some(o) => o,
            None => match self.it.next(py)? {
                Some(o) => o,
                None => return Ok(None),
            },
        };
        let Some(new) = self.it.next(py)? else {
            return Ok(None);
        };
        self.old = Some(new.clone());
        some_tuple(py, vec![old, new])
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)?;
        visit_opt(&self.old, visit)
    }
}

fn itertools_pairwise(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [iterable] = positional(args, "pairwise", 1, 1)? else {
        return Err(PyErr::type_error("pairwise expected 1 argument"));
    };
    let it = PyIter::new(py, iterable)?;
    Ok(PAIRWISE.create(py, Box::new(Pairwise { it, old: None })))
}

// ---------------------------------------------------------------- combinatorics

struct Product {
    pools: Vec<Vec<PyRef>>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl IterState for Product {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if self.stopped {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if self.pools.iter().any(Vec::is_empty) {
                self.stopped = true;
                return Ok(None);
            }
        } else {
            let mut rolled_over = true;
            for i in (0..self.pools.len()).rev() {
                self.indices[i] += 1;
                if self.indices[i] == self.pools[i].len() {
                    self.indices[i] = 0;
                } else {
                    rolled_over = false;
                    break;
                }
            }
            if rolled_over {
                self.stopped = true;
                return Ok(None);
            }
        }
        let items = self
            .pools
            .iter()
            .zip(&self.indices)
            .filter_map(|(p, &i)| p.get(i).cloned())
            .collect();
        some_tuple(py, items)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        for p in &self.pools {
            visit_all(p, visit)?;
        }
        ControlFlow::Continue(())
    }
    fn extra_size(&self) -> usize {
        8 * self.pools.len()
    }
}

fn itertools_product(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let mut repeat = BigInt::from(1);
    for (key, value) in args.kwargs() {
        let key = key.to_string_lossy();
        if key != "repeat" {
            return Err(PyErr::type_error(format!(
                "'{key}' is an invalid keyword argument for product()"
            )));
        }
        repeat = index(py, value)?;
    }
    if repeat.is_negative() {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    }
    let repeat = repeat.to_usize().unwrap_or(usize::MAX);
    let mut base = Vec::new();
    for a in args.pos() {
        base.push(collect_iter(py, a)?);
    }
    if !base.is_empty() && repeat > isize::MAX as usize / 8 / base.len() {
        return Err(PyErr::overflow_error("repeat argument too large"));
    }
    let mut pools = Vec::with_capacity(base.len() * repeat);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let indices = vec![0; pools.len()];
    Ok(PRODUCT.create(
        py,
        Box::new(Product {
            pools,
            indices,
            started: false,
            stopped: false,
        }),
    ))
}

/// `r` of combinations/permutations: a non-negative int.
fn r_arg(py: Python<'_>, o: &PyObject) -> PyResult<usize> {
    let r = index(py, o)?;
    if r.is_negative() {
        return Err(PyErr::value_error("r must be non-negative"));
    }
    Ok(r.to_usize().unwrap_or(usize::MAX))
}

struct Combinations {
    pool: Vec<PyRef>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
    /// With replacement (`combinations_with_replacement`).
    replace: bool,
}

impl Combinations {
    fn current(&self, py: Python<'_>) -> PyResult<Option<PyRef>> {
        let items = self
            .indices
            .iter()
            .filter_map(|&i| self.pool.get(i).cloned())
            .collect();
        some_tuple(py, items)
    }

    /// Advance the indices; false when exhausted.
    fn advance(&mut self) -> bool {
        let (n, r) = (self.pool.len(), self.indices.len());
        let i = if self.replace {
            (0..r).rev().find(|&i| self.indices[i] != n - 1)
        } else {
            (0..r).rev().find(|&i| self.indices[i] != i + n - r)
        };
        let Some(i) = i else {
            return false;
        };
        if self.replace {
            let v = self.indices[i] + 1;
            self.indices[i..].fill(v);
        } else {
            self.indices[i] += 1;
            for j in i + 1..r {
                self.indices[j] = self.indices[j - 1] + 1;
            }
        }
        true
    }
}

impl IterState for Combinations {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if self.stopped {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            return self.current(py);
        }
        if !self.advance() {
            self.stopped = true;
            return Ok(None);
        }
        self.current(py)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit_all(&self.pool, visit)
    }
    fn extra_size(&self) -> usize {
        8 * self.indices.len()
    }
}

fn combinations(
    py: Python<'_>,
    args: Args<'_>,
    name: &str,
    kind: &'static IterKind,
    replace: bool,
) -> PyResult<PyRef> {
    let [iterable, r] = keywords(args, name, ["iterable", "r"], 2)?;
    let (Some(iterable), Some(r)) = (iterable, r) else {
        return Err(PyErr::type_error(format!("{name}() missing arguments")));
    };
    let pool = collect_iter(py, iterable)?;
    let r = r_arg(py, r)?;
    let n = pool.len();
    let stopped = if replace { n == 0 && r > 0 } else { r > n };
    let indices = if stopped {
        Vec::new()
    } else if replace {
        vec![0; r]
    } else {
        (0..r).collect()
    };
    Ok(kind.create(
        py,
        Box::new(Combinations {
            pool,
            indices,
            started: false,
            stopped,
            replace,
        }),
    ))
}

fn itertools_combinations(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    combinations(py, args, "combinations", &COMBINATIONS, false)
}

fn itertools_combinations_with_replacement(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    combinations(py, args, "combinations_with_replacement", &CWR, true)
}

struct Permutations {
    pool: Vec<PyRef>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl Permutations {
    fn current(&self, py: Python<'_>) -> PyResult<Option<PyRef>> {
        let items = self.indices[..self.r]
            .iter()
            .filter_map(|&i| self.pool.get(i).cloned())
            .collect();
        some_tuple(py, items)
    }
}

impl IterState for Permutations {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if self.stopped {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            return self.current(py);
        }
        let n = self.pool.len();
        if n == 0 {
            self.stopped = true;
            return Ok(None);
        }
        for i in (0..self.r).rev() {
            self.cycles[i] -= 1;
            if self.cycles[i] == 0 {
                // indices[i:] = indices[i+1:] + indices[i:i+1]
                self.indices[i..].rotate_left(1);
                self.cycles[i] = n - i;
            } else {
                let j = self.cycles[i];
                self.indices.swap(i, n - j);
                return self.current(py);
            }
        }
        self.stopped = true;
        Ok(None)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit_all(&self.pool, visit)
    }
    fn extra_size(&self) -> usize {
        8 * (self.pool.len() + self.r)
    }
}

fn itertools_permutations(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [iterable, r] = keywords(args, "permutations", ["iterable", "r"], 1)?;
    let iterable = iterable.ok_or_else(|| PyErr::type_error("permutations() missing iterable"))?;
    let pool = collect_iter(py, iterable)?;
    let n = pool.len();
    let r = match r.filter(|r| !py.is_none(r)) {
        None => n,
        Some(r) if r.downcast_ref::<PyInt>(py).is_none() => {
            return Err(PyErr::type_error("Expected int as r"));
        }
        Some(r) => r_arg(py, r)?,
    };
    let stopped = r > n;
    let (indices, cycles) = if stopped {
        (Vec::new(), Vec::new())
    } else {
        ((0..n).collect(), (n - r + 1..=n).rev().collect())
    };
    Ok(PERMUTATIONS.create(
        py,
        Box::new(Permutations {
            pool,
            r: if stopped { 0 } else { r },
            indices,
            cycles,
            started: false,
            stopped,
        }),
    ))
}

// ---------------------------------------------------------------- zip_longest

struct ZipLongest {
    iters: Vec<Option<PyIter>>,
    active: usize,
    fill: PyRef,
}

impl IterState for ZipLongest {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        if self.iters.is_empty() || self.active == 0 {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(self.iters.len());
        for slot in &mut self.iters {
            let item = match slot {
                None => self.fill.clone(),
                Some(it) => match it.next(py) {
                    Ok(Some(item)) => item,
                    Ok(None) => {
                        self.active -= 1;
                        if self.active == 0 {
                            return Ok(None);
                        }
                        *slot = None;
                        self.fill.clone()
                    }
                    Err(e) => {
                        self.active = 0;
                        return Err(e);
                    }
                },
            };
            items.push(item);
        }
        some_tuple(py, items)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        for it in self.iters.iter().flatten() {
            it.visit(visit)?;
        }
        visit(&self.fill)
    }
}

fn itertools_zip_longest(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let mut fill = py.none();
    for (key, value) in args.kwargs() {
        if key.to_string_lossy() != "fillvalue" {
            return Err(PyErr::type_error(
                "zip_longest() got an unexpected keyword argument",
            ));
        }
        fill = value.clone();
    }
    let mut iters = Vec::new();
    for a in args.pos() {
        iters.push(Some(PyIter::new(py, a)?));
    }
    let active = iters.len();
    Ok(ZIP_LONGEST.create(
        py,
        Box::new(ZipLongest {
            iters,
            active,
            fill,
        }),
    ))
}

// ---------------------------------------------------------------- function-driven iterators

/// What a predicate-driven iterator does with each item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `starmap(function, iterable)`: `function(*item)`.
    Starmap,
    /// `takewhile`: items while the predicate holds.
    Takewhile,
    /// `dropwhile`: items from the first that fails the predicate on.
    Dropwhile,
    /// `filterfalse`: items for which the predicate is false (truth if `None`).
    Filterfalse,
}

struct Predicated {
    func: Option<PyRef>,
    it: PyIter,
    mode: Mode,
    /// takewhile: stopped; dropwhile: dropping is over.
    flag: bool,
}

impl Predicated {
    fn test(&self, py: Python<'_>, item: &PyRef) -> PyResult<bool> {
        match &self.func {
            None => Ok(is_true(py, item)),
            Some(f) => {
                let r = call_object(py, f, std::slice::from_ref(item))?;
                Ok(is_true(py, &r))
            }
        }
    }
}

impl IterState for Predicated {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        match self.mode {
            Mode::Starmap => {
                let Some(item) = self.it.next(py)? else {
                    return Ok(None);
                };
                let args = collect_iter(py, &item)?;
                let f = self.func.clone().unwrap_or_else(|| py.none());
                call_object(py, &f, &args).map(Some)
            }
            Mode::Takewhile => {
                if self.flag {
                    return Ok(None);
                }
                let Some(item) = self.it.next(py)? else {
                    return Ok(None);
                };
                if self.test(py, &item)? {
                    return Ok(Some(item));
                }
                self.flag = true;
                Ok(None)
            }
            Mode::Dropwhile => loop {
                let Some(item) = self.it.next(py)? else {
                    return Ok(None);
                };
                if self.flag {
                    return Ok(Some(item));
                }
                if !self.test(py, &item)? {
                    self.flag = true;
                    return Ok(Some(item));
                }
            },
            Mode::Filterfalse => loop {
                let Some(item) = self.it.next(py)? else {
                    return Ok(None);
                };
                if !self.test(py, &item)? {
                    return Ok(Some(item));
                }
            },
        }
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit_opt(&self.func, visit)?;
        self.it.visit(visit)
    }
}

fn predicated(
    py: Python<'_>,
    args: Args<'_>,
    name: &str,
    kind: &'static IterKind,
    mode: Mode,
) -> PyResult<PyRef> {
    let [func, iterable] = positional(args, name, 2, 2)? else {
        return Err(PyErr::type_error(format!("{name} expected 2 arguments")));
    };
    let it = PyIter::new(py, iterable)?;
    let func = if mode == Mode::Filterfalse && py.is_none(func) {
        None
    } else {
        Some(func.clone())
    };
    Ok(kind.create(
        py,
        Box::new(Predicated {
            func,
            it,
            mode,
            flag: false,
        }),
    ))
}

fn itertools_starmap(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicated(py, args, "starmap", &STARMAP, Mode::Starmap)
}

fn itertools_takewhile(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicated(py, args, "takewhile", &TAKEWHILE, Mode::Takewhile)
}

fn itertools_dropwhile(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicated(py, args, "dropwhile", &DROPWHILE, Mode::Dropwhile)
}

fn itertools_filterfalse(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicated(py, args, "filterfalse", &FILTERFALSE, Mode::Filterfalse)
}

// ---------------------------------------------------------------- groupby

struct GroupBy {
    it: PyIter,
    keyfunc: Option<PyRef>,
    tgtkey: Option<PyRef>,
    currkey: Option<PyRef>,
    currvalue: Option<PyRef>,
    /// Address of the current `_grouper` (a borrowed pointer, as in CPython).
    currgrouper: usize,
}

impl GroupBy {
    /// `groupby_step`: read the next value and its key; false when exhausted.
    fn step(&mut self, py: Python<'_>) -> PyResult<bool> {
        let Some(value) = self.it.next(py)? else {
            return Ok(false);
        };
        let key = match &self.keyfunc {
            None => value.clone(),
            Some(f) => call_object(py, f, std::slice::from_ref(&value))?,
        };
        self.currvalue = Some(value);
        self.currkey = Some(key);
        Ok(true)
    }
}

impl IterState for GroupBy {
    fn next(&mut self, py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>> {
        self.currgrouper = 0;
        loop {
            match (&self.currkey, &self.tgtkey) {
                (None, _) => {}
                (Some(_), None) => break,
                (Some(curr), Some(tgt)) => {
                    if !rich_compare_bool(py, tgt, curr, CompareOp::Eq)? {
                        break;
                    }
                }
            }
            if !self.step(py)? {
                return Ok(None);
            }
        }
        let Some(key) = self.currkey.clone() else {
            return Ok(None);
        };
        self.tgtkey = Some(key.clone());
        let grouper = GROUPER.create(
            py,
            Box::new(Grouper {
                parent: this.to_owned_ref(),
                tgtkey: key.clone(),
            }),
        );
        self.currgrouper = grouper.as_ptr() as usize;
        some_tuple(py, vec![key, grouper])
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)?;
        visit_opt(&self.keyfunc, visit)?;
        visit_opt(&self.tgtkey, visit)?;
        visit_opt(&self.currkey, visit)?;
        visit_opt(&self.currvalue, visit)
    }
}

/// One group of a `groupby`: valid until the parent advances to the next group.
struct Grouper {
    parent: PyRef,
    tgtkey: PyRef,
}

impl IterState for Grouper {
    fn next(&mut self, py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>> {
        let me = this.as_ptr() as usize;
        let tgtkey = self.tgtkey.clone();
        let r = with_state_as(&GROUPBY, &self.parent, |gb: &mut GroupBy| {
            if gb.currgrouper != me {
                return Ok(None);
            }
            if gb.currvalue.is_none() && !gb.step(py)? {
                return Ok(None);
            }
            let Some(curr) = gb.currkey.clone() else {
                return Ok(None);
            };
            if !rich_compare_bool(py, &tgtkey, &curr, CompareOp::Eq)? {
                return Ok(None);
            }
            gb.currkey = None;
            Ok(gb.currvalue.take())
        });
        r.unwrap_or_else(|| {
            Err(PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "itertools.groupby iterator re-entered",
            ))
        })
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.parent)?;
        visit(&self.tgtkey)
    }
}

fn itertools_groupby(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [iterable, key] = keywords(args, "groupby", ["iterable", "key"], 1)?;
    let iterable = iterable.ok_or_else(|| PyErr::type_error("groupby() missing iterable"))?;
    let keyfunc = key.filter(|k| !py.is_none(k)).cloned();
    let it = PyIter::new(py, iterable)?;
    Ok(GROUPBY.create(
        py,
        Box::new(GroupBy {
            it,
            keyfunc,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            currgrouper: 0,
        }),
    ))
}

// ---------------------------------------------------------------- tee

/// Values per `_tee_dataobject` link (`LINKCELLS`).
const LINKCELLS: usize = 57;

/// One link of a tee's shared buffer (`teedataobject`). The source iterator moves to the next
/// link when that link is made: only the lead tee reads from the newest link.
struct TeeData {
    it: Option<PyIter>,
    values: Vec<PyRef>,
    nextlink: Option<PyRef>,
}

impl TeeData {
    /// `teedataobject_getitem`: a buffered value, or the next one from the source.
    fn getitem(&mut self, py: Python<'_>, i: usize) -> PyResult<Option<PyRef>> {
        if let Some(v) = self.values.get(i) {
            return Ok(Some(v.clone()));
        }
        let Some(it) = &mut self.it else {
            return Ok(None);
        };
        let Some(value) = it.next(py)? else {
            return Ok(None);
        };
        self.values.push(value.clone());
        Ok(Some(value))
    }

    /// `teedataobject_jumplink`: the next link, made on first use.
    fn jumplink(&mut self, py: Python<'_>) -> PyRef {
        if let Some(l) = &self.nextlink {
            return l.clone();
        }
        let link = TEE_DATA.create(
            py,
            Box::new(TeeData {
                it: self.it.take(),
                values: Vec::with_capacity(LINKCELLS),
                nextlink: None,
            }),
        );
        self.nextlink = Some(link.clone());
        link
    }
}

impl IterState for TeeData {
    fn next(&mut self, _py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        Ok(None)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        if let Some(it) = &self.it {
            it.visit(visit)?;
        }
        visit_all(&self.values, visit)?;
        visit_opt(&self.nextlink, visit)
    }
}

impl Drop for TeeData {
    /// `teedataobject_safe_decref`: free a long chain of links iteratively, not recursively.
    fn drop(&mut self) {
        let mut next = self.nextlink.take();
        while let Some(link) = next {
            if link.refcnt() != 1 {
                break;
            }
            next = with_state_as(&TEE_DATA, &link, |d: &mut TeeData| d.nextlink.take()).flatten();
            drop(link);
        }
    }
}

/// One tee iterator: a position in the shared buffer.
struct Tee {
    dataobj: PyRef,
    index: usize,
}

impl IterState for Tee {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        let reentered = || {
            PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "cannot re-enter the tee iterator",
            )
        };
        if self.index >= LINKCELLS {
            let link = with_state_as(&TEE_DATA, &self.dataobj, |d: &mut TeeData| d.jumplink(py))
                .ok_or_else(reentered)?;
            self.dataobj = link;
            self.index = 0;
        }
        let index = self.index;
        let value = with_state_as(&TEE_DATA, &self.dataobj, |d: &mut TeeData| {
            d.getitem(py, index)
        })
        .ok_or_else(reentered)??;
        if value.is_some() {
            self.index += 1;
        }
        Ok(value)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.dataobj)
    }
}

/// A new tee iterator at the same position as `tee` (`tee_copy`).
fn tee_copy(py: Python<'_>, tee: &PyObject) -> Option<PyRef> {
    let (dataobj, index) = with_state_as(&TEE, tee, |t: &mut Tee| (t.dataobj.clone(), t.index))?;
    Some(TEE.create(py, Box::new(Tee { dataobj, index })))
}

fn is_tee(py: Python<'_>, obj: &PyObject) -> bool {
    std::ptr::eq(obj.ob_type(), TEE.type_object(py))
}

fn itertools_tee(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error(
            "itertools.tee() takes no keyword arguments",
        ));
    }
    let pos = positional(args, "tee", 1, 2)?;
    let (iterable, n) = match pos {
        [i] => (i, 2),
        [i, n] => {
            let n = index(py, n)?;
            if n.is_negative() {
                return Err(PyErr::value_error("n must be >= 0"));
            }
            (i, n.to_usize().unwrap_or(usize::MAX))
        }
        _ => return Err(PyErr::type_error(arg_count_message("tee", 1, 2, 0))),
    };
    if n == 0 {
        return Ok(tuple_of(py, Vec::new()));
    }
    let first = if is_tee(py, iterable) {
        iterable.clone()
    } else {
        let it = PyIter::new(py, iterable)?;
        let dataobj = TEE_DATA.create(
            py,
            Box::new(TeeData {
                it: Some(it),
                values: Vec::with_capacity(LINKCELLS),
                nextlink: None,
            }),
        );
        TEE.create(py, Box::new(Tee { dataobj, index: 0 }))
    };
    let mut out = vec![first.clone()];
    for _ in 1..n {
        out.push(tee_copy(py, &first).ok_or_else(|| {
            PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "cannot re-enter the tee iterator",
            )
        })?);
    }
    Ok(tuple_of(py, out))
}
