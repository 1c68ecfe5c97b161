//! `itertools.product`, `permutations`, `combinations` and `combinations_with_replacement`:
//! CPython's index-array algorithms, so results come in the same order.

use std::ops::ControlFlow;

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::Args;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::type_::Visit;
use oxpy_vm::{PyObject, PyRef, Python};

use super::{COMBINATIONS, CWR, PERMUTATIONS, PRODUCT, keywords, some_tuple};
use crate::native_iter::{IterKind, IterState, visit_all};
use crate::util::{collect_iter, ssize, try_vec};

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

pub(super) fn itertools_product(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let mut repeat: i64 = 1;
    for (key, value) in args.kwargs() {
        let key = key.to_string_lossy();
        if key != "repeat" {
            return Err(PyErr::type_error(format!(
                "'{key}' is an invalid keyword argument for product()"
            )));
        }
        repeat = ssize(py, value)?;
    }
    let Ok(repeat) = usize::try_from(repeat) else {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    };
    let mut base = Vec::new();
    for a in args.pos() {
        base.push(collect_iter(py, a)?);
    }
    if !base.is_empty() && repeat > isize::MAX as usize / 8 / base.len() {
        return Err(PyErr::overflow_error("repeat argument too large"));
    }
    let mut pools = try_vec(base.len() * repeat)?;
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let mut indices = try_vec(pools.len())?;
    indices.resize(pools.len(), 0);
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
    let r = ssize(py, o)?;
    usize::try_from(r).map_err(|_| PyErr::value_error("r must be non-negative"))
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
    let mut indices = Vec::new();
    if !stopped {
        indices = try_vec(r)?;
        if replace {
            indices.resize(r, 0);
        } else {
            indices.extend(0..r);
        }
    }
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

pub(super) fn itertools_combinations(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    combinations(py, args, "combinations", &COMBINATIONS, false)
}

pub(super) fn itertools_combinations_with_replacement(
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

pub(super) fn itertools_permutations(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
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
