//! `itertools`: CPython 3.11's iterator building blocks (`Modules/itertoolsmodule.c`) as
//! native iterators — same items in the same order, same argument errors, reprs and sizes.
//! The module is `_oxpy_itertools`; the bundled `itertools.py` re-exports it and hangs
//! `from_iterable` on `chain`. Missing: the pickling/copy methods.

use std::ops::ControlFlow;

use num_traits::ToPrimitive;
use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef, arg_count_message};
use oxpy_vm::object::protocol::{is_true, repr};
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::Visit;
use oxpy_vm::{PyObject, PyRef, Python};

use crate::native_iter::{IterKind, IterState, PyIter, call_object, visit_all};
use crate::util::{add_objects, collect_iter, index, ssize};

/// The `itertools` module.
pub static ITERTOOLS: ModuleDef = ModuleDef {
    name: "_oxpy_itertools",
    doc: "Functional tools for creating and using iterators.",
    methods: &[
        MethodDef::new("count", itertools_count),
        MethodDef::new("repeat", itertools_repeat),
        MethodDef::new("cycle", itertools_cycle),
        MethodDef::new("chain", itertools_chain),
        MethodDef::new("_chain_from_iterable", itertools_chain_from_iterable),
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

mod combinatorics;
mod grouping;

use combinatorics::{
    itertools_combinations, itertools_combinations_with_replacement, itertools_permutations,
    itertools_product,
};
use grouping::{itertools_groupby, itertools_tee};

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
    // `PyNumber_Check`: int, float, complex, or a class with __index__/__int__/__float__.
    o.downcast_ref::<PyInt>(py).is_some()
        || o.downcast_ref::<PyFloat>(py).is_some()
        || std::ptr::eq(o.ob_type(), py.types().complex())
        || (o.ob_type().is_heap()
            && ["__index__", "__int__", "__float__", "__complex__"]
                .iter()
                .any(|n| {
                    o.ob_type()
                        .lookup(py, oxpy_vm::objects::str::intern_str(py, n).as_object())
                        .ok()
                        .flatten()
                        .is_some()
                }))
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
        Some(t) => Some(ssize(py, t)?.max(0)),
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
    /// `chain.from_iterable(it)`: the iterator the sources are taken from, one at a time.
    source: Option<PyIter>,
    sources: Vec<PyRef>,
    next_source: usize,
    active: Option<PyIter>,
}

impl IterState for Chain {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        loop {
            if self.active.is_none() {
                let src = match &mut self.source {
                    Some(it) => it.next(py)?,
                    None => {
                        let s = self.sources.get(self.next_source).cloned();
                        self.next_source += 1;
                        s
                    }
                };
                let Some(src) = src else {
                    self.sources.clear();
                    self.source = None;
                    return Ok(None);
                };
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
        if let Some(s) = &self.source {
            s.visit(visit)?;
        }
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
            source: None,
            sources,
            next_source: 0,
            active: None,
        }),
    ))
}

/// `chain.from_iterable(iterable)`.
fn itertools_chain_from_iterable(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let a = crate::util::one_arg(args, "from_iterable")?;
    let source = PyIter::new(py, a)?;
    Ok(CHAIN.create(
        py,
        Box::new(Chain {
            source: Some(source),
            sources: Vec::new(),
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
