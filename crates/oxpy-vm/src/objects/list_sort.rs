//! `list.sort(*, key=None, reverse=False)`: a port of CPython 3.11's `listsort` (natural runs,
//! binary insertion to `minrun`, the powersort merge order, galloping merges with an adaptive
//! `min_gallop`). It compares only with `<` (`PyObject_RichCompareBool(x, y, Py_LT)`) and makes
//! the same comparisons in the same order as CPython, so user `__lt__` side effects, and the
//! partial order left behind when a comparison raises, are identical.
//!
//! As in CPython the items are detached from the list while sorting (the list looks empty), and
//! a list changed by a key function or comparison raises `ValueError: list modified during sort`.

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::call::call1;
use crate::object::protocol::rich_compare_bool;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::float::PyFloat;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::list::PyList;
use crate::objects::slice::number_index;
use crate::objects::type_::CompareOp;

/// `list.sort(*, key=None, reverse=False)`.
pub fn list_sort(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    if !args.pos().is_empty() {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let mut key: Option<&PyRef> = None;
    let mut reverse = false;
    for (name, value) in args.kwargs() {
        match name.to_string_lossy().as_str() {
            "key" => key = Some(value).filter(|v| !py.is_none(v)),
            "reverse" => reverse = c_int_truth(py, value)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for sort()"
                )));
            }
        }
    }
    let l = this.downcast_ref::<PyList>(py).ok_or_else(|| {
        PyErr::type_error("descriptor 'sort' for 'list' objects doesn't apply to this object")
    })?;
    sort_list(py, l, key.map(|k| &**k), reverse)?;
    Ok(py.none())
}

/// `reverse` is converted like a C `int` (`bool(accept={int})`).
fn c_int_truth(py: Python<'_>, v: &PyObject) -> PyResult<bool> {
    match number_index(py, v)?.value() {
        IntValue::Small(x) if i32::try_from(*x).is_ok() => Ok(*x != 0),
        _ => Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        )),
    }
}

/// Sort `l` in place (`list_sort_impl`); the lead's `sorted()` calls this on a fresh list.
pub fn sort_list(
    py: Python<'_>,
    l: &PyList,
    key: Option<&PyObject>,
    reverse: bool,
) -> PyResult<()> {
    let (p, n, cap) = l.detach_for_sort();
    // SAFETY: the detached buffer's first `n` slots are initialised and owned by us until
    // re-attached; we move them into a vector and write them back before re-attaching.
    let mut values: Vec<PyRef> = (0..n).map(|i| unsafe { p.add(i).read() }).collect();
    let mut result = Ok(());
    let mut keys: Option<Vec<PyRef>> = None;
    if let Some(f) = key {
        let mut k = Vec::with_capacity(n);
        for v in &values {
            match call1(py, f, v.clone()) {
                Ok(x) => k.push(x),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        keys = Some(k);
    }
    if result.is_ok() {
        if reverse {
            values.reverse();
            if let Some(k) = keys.as_mut() {
                k.reverse();
            }
        }
        let mut perm: Vec<usize> = (0..n).collect();
        {
            let cmp: &[PyRef] = keys.as_deref().unwrap_or(&values);
            // CPython's pre-sort check: keys that are all exact ints (or all exact floats)
            // compare without dispatch; no user code can run, so the result is the same.
            result = if let Some(ints) = exact_small_ints(py, cmp) {
                timsort(&mut perm, &mut |a, b| Ok(ints[a] < ints[b]))
            } else if let Some(floats) = exact_floats(py, cmp) {
                timsort(&mut perm, &mut |a, b| Ok(floats[a] < floats[b]))
            } else {
                timsort(&mut perm, &mut |a, b| {
                    rich_compare_bool(py, &cmp[a], &cmp[b], CompareOp::Lt)
                })
            };
        }
        let mut slots: Vec<Option<PyRef>> = values.into_iter().map(Some).collect();
        values = perm.iter().filter_map(|&i| slots[i].take()).collect();
        if reverse {
            values.reverse();
        }
    }
    drop(keys);
    for (i, v) in values.into_iter().enumerate() {
        // SAFETY: writing back exactly the `n` items we moved out, into the same buffer.
        unsafe { p.add(i).write(v) };
    }
    // SAFETY: `(p, n, cap)` came from `detach_for_sort` on `l`.
    let intact = unsafe { l.reattach_after_sort(p, n, cap) };
    if !intact && result.is_ok() {
        return Err(PyErr::value_error("list modified during sort"));
    }
    result
}

/// The values if every key is an exact `int` that fits an `i64` (`unsafe_long_compare`).
fn exact_small_ints(py: Python<'_>, keys: &[PyRef]) -> Option<Vec<i64>> {
    keys.iter()
        .map(|k| {
            if PyInt::is_exact_type_of(py, k) {
                k.downcast_ref::<PyInt>(py).and_then(PyInt::as_i64)
            } else {
                None
            }
        })
        .collect()
}

/// The values if every key is an exact `float` (`unsafe_float_compare`).
fn exact_floats(py: Python<'_>, keys: &[PyRef]) -> Option<Vec<f64>> {
    keys.iter()
        .map(|k| {
            if PyFloat::is_exact_type_of(py, k) {
                k.downcast_ref::<PyFloat>(py).map(PyFloat::value)
            } else {
                None
            }
        })
        .collect()
}

/// `merge_compute_minrun`.
fn minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// `x < y` on key indices.
type Less<'a> = dyn FnMut(usize, usize) -> PyResult<bool> + 'a;

/// `MIN_GALLOP`.
const MIN_GALLOP: usize = 7;

/// A pending run: start, length and its powersort "power".
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// CPython's `MergeState` over a permutation of key indices.
struct MergeState<'a, 'b> {
    lt: &'a mut Less<'b>,
    min_gallop: usize,
    listlen: usize,
    pending: Vec<Run>,
    tmp: Vec<usize>,
}

/// Where a merge stopped without error (`merge_lo`/`merge_hi` labels).
enum Exit {
    Succeed,
    CopyOther,
}

/// Sort `perm` (indices into the keys) exactly as CPython 3.11's `listsort` does: the same
/// runs, binary insertion, powersort merge order and galloping, hence the same sequence of
/// `<` calls. On an error `perm` is still a permutation.
fn timsort(perm: &mut [usize], lt: &mut Less<'_>) -> PyResult<()> {
    let n = perm.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState {
        lt,
        min_gallop: MIN_GALLOP,
        listlen: n,
        pending: Vec::new(),
        tmp: Vec::new(),
    };
    let min_run = minrun(n);
    let mut lo = 0;
    let mut nremaining = n;
    while nremaining > 0 {
        let (mut run, descending) = count_run(perm, lo, lo + nremaining, ms.lt)?;
        if descending {
            perm[lo..lo + run].reverse();
        }
        if run < min_run {
            let force = nremaining.min(min_run);
            binary_sort(perm, lo, lo + force, lo + run, ms.lt)?;
            run = force;
        }
        ms.found_new_run(perm, run)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        nremaining -= run;
    }
    ms.merge_force_collapse(perm)
}

/// `count_run`: length of the run starting at `lo`, and whether it is strictly descending.
fn count_run(perm: &[usize], lo: usize, hi: usize, lt: &mut Less<'_>) -> PyResult<(usize, bool)> {
    if lo + 1 == hi {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(perm[lo + 1], perm[lo])? {
        let mut i = lo + 2;
        while i < hi && lt(perm[i], perm[i - 1])? {
            i += 1;
            n += 1;
        }
        Ok((n, true))
    } else {
        let mut i = lo + 2;
        while i < hi && !lt(perm[i], perm[i - 1])? {
            i += 1;
            n += 1;
        }
        Ok((n, false))
    }
}

/// `binarysort`: insert `perm[start..hi]` into the sorted `perm[lo..start]`.
fn binary_sort(
    perm: &mut [usize],
    lo: usize,
    hi: usize,
    start: usize,
    lt: &mut Less<'_>,
) -> PyResult<()> {
    for s in start.max(lo + 1)..hi {
        let pivot = perm[s];
        let (mut l, mut r) = (lo, s);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, perm[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        perm.copy_within(l..s, l + 1);
        perm[l] = pivot;
    }
    Ok(())
}

/// `gallop_left`: the `k` with `a[k-1] < key <= a[k]`, searching from `hint`.
fn gallop_left(lt: &mut Less<'_>, key: usize, a: &[usize], hint: usize) -> PyResult<usize> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    if lt(a[hint], key)? {
        // a[hint] < key: gallop right until a[hint + lastofs] < key <= a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(a[hint + ofs], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        // key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(a[hint - ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        // `hint - ofs` may be -1 (a sentinel for "before a[0]"); keep it shifted by one.
        let last_plus_one = hint + 1 - ofs;
        ofs = hint - k;
        return finish_left(lt, key, a, last_plus_one, ofs);
    }
    finish_left(lt, key, a, lastofs + 1, ofs)
}

/// The binary search ending `gallop_left`, invariant `a[lo-1] < key <= a[ofs]`.
fn finish_left(
    lt: &mut Less<'_>,
    key: usize,
    a: &[usize],
    mut lo: usize,
    mut ofs: usize,
) -> PyResult<usize> {
    while lo < ofs {
        let m = lo + ((ofs - lo) >> 1);
        if lt(a[m], key)? {
            lo = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs)
}

/// `gallop_right`: the `k` with `a[k-1] <= key < a[k]`, searching from `hint`.
fn gallop_right(lt: &mut Less<'_>, key: usize, a: &[usize], hint: usize) -> PyResult<usize> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    let lo_plus_one;
    if lt(key, a[hint])? {
        // key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(key, a[hint - ofs])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lo_plus_one = hint + 1 - ofs;
        ofs = hint - k;
    } else {
        // a[hint] <= key: gallop right until a[hint + lastofs] <= key < a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(key, a[hint + ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo_plus_one = lastofs + hint + 1;
        ofs += hint;
    }
    let mut lo = lo_plus_one;
    while lo < ofs {
        let m = lo + ((ofs - lo) >> 1);
        if lt(key, a[m])? {
            ofs = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(ofs)
}

/// `powerloop`: the powersort power of the run boundary between `[s1, s1+n1)` and the next
/// run of length `n2`, in a list of `n` items.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// Merge-state bookkeeping, as `Objects/listobject.c`.
struct LoState {
    dest: usize,
    a: usize,
    na: usize,
    b: usize,
    nb: usize,
}

/// `merge_hi` state: positions are offset by one so "one before index 0" is representable.
struct HiState {
    dest1: usize,
    a1: usize,
    na: usize,
    b1: usize,
    nb: usize,
}

impl MergeState<'_, '_> {
    /// `found_new_run`: merge pending runs whose power exceeds the new boundary's.
    fn found_new_run(&mut self, perm: &mut [usize], n2: usize) -> PyResult<()> {
        if let Some(top) = self.pending.last().copied() {
            let power = powerloop(top.base, top.len, n2, self.listlen);
            while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
                self.merge_at(perm, self.pending.len() - 2)?;
            }
            if let Some(last) = self.pending.last_mut() {
                last.power = power;
            }
        }
        Ok(())
    }

    /// `merge_force_collapse`.
    fn merge_force_collapse(&mut self, perm: &mut [usize]) -> PyResult<()> {
        while self.pending.len() > 1 {
            let mut n = self.pending.len() - 2;
            if n > 0 && self.pending[n - 1].len < self.pending[n + 1].len {
                n -= 1;
            }
            self.merge_at(perm, n)?;
        }
        Ok(())
    }

    /// `merge_at`: merge pending runs `i` and `i + 1`.
    fn merge_at(&mut self, perm: &mut [usize], i: usize) -> PyResult<()> {
        let Run {
            base: ssa, len: na, ..
        } = self.pending[i];
        let Run {
            base: ssb, len: nb, ..
        } = self.pending[i + 1];
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        // Where does b start in a? Elements of a before that are already in place.
        let k = gallop_right(self.lt, perm[ssb], &perm[ssa..ssa + na], 0)?;
        let (ssa, na) = (ssa + k, na - k);
        if na == 0 {
            return Ok(());
        }
        // Where does a end in b? Elements of b after that are already in place.
        let nb = gallop_left(self.lt, perm[ssa + na - 1], &perm[ssb..ssb + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(perm, ssa, na, ssb, nb)
        } else {
            self.merge_hi(perm, ssa, na, ssb, nb)
        }
    }

    /// `merge_lo`: merge `perm[ssa..ssa+na]` and the following `nb` items, `na <= nb`, with
    /// the first run copied to temporary storage.
    fn merge_lo(
        &mut self,
        perm: &mut [usize],
        ssa: usize,
        na: usize,
        ssb: usize,
        nb: usize,
    ) -> PyResult<()> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&perm[ssa..ssa + na]);
        let mut st = LoState {
            dest: ssa,
            a: 0,
            na,
            b: ssb,
            nb,
        };
        let r = self.merge_lo_body(perm, &mut st);
        match r {
            Ok(Exit::CopyOther) => {
                perm.copy_within(st.b..st.b + st.nb, st.dest);
                perm[st.dest + st.nb] = self.tmp[st.a];
                Ok(())
            }
            Ok(Exit::Succeed) | Err(_) => {
                perm[st.dest..st.dest + st.na].copy_from_slice(&self.tmp[st.a..st.a + st.na]);
                r.map(|_| ())
            }
        }
    }

    fn merge_lo_body(&mut self, perm: &mut [usize], st: &mut LoState) -> PyResult<Exit> {
        perm[st.dest] = perm[st.b];
        st.dest += 1;
        st.b += 1;
        st.nb -= 1;
        if st.nb == 0 {
            return Ok(Exit::Succeed);
        }
        if st.na == 1 {
            return Ok(Exit::CopyOther);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let (mut acount, mut bcount) = (0usize, 0usize);
            // Straightforward merging until one run wins consistently.
            loop {
                if (self.lt)(perm[st.b], self.tmp[st.a])? {
                    perm[st.dest] = perm[st.b];
                    st.dest += 1;
                    st.b += 1;
                    bcount += 1;
                    acount = 0;
                    st.nb -= 1;
                    if st.nb == 0 {
                        return Ok(Exit::Succeed);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                } else {
                    perm[st.dest] = self.tmp[st.a];
                    st.dest += 1;
                    st.a += 1;
                    acount += 1;
                    bcount = 0;
                    st.na -= 1;
                    if st.na == 1 {
                        return Ok(Exit::CopyOther);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                }
            }
            // Galloping mode.
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                self.min_gallop = min_gallop;
                let k = gallop_right(self.lt, perm[st.b], &self.tmp[st.a..st.a + st.na], 0)?;
                acount = k;
                if k > 0 {
                    perm[st.dest..st.dest + k].copy_from_slice(&self.tmp[st.a..st.a + k]);
                    st.dest += k;
                    st.a += k;
                    st.na -= k;
                    if st.na == 1 {
                        return Ok(Exit::CopyOther);
                    }
                    // Impossible for a consistent order, but the comparison may be anything.
                    if st.na == 0 {
                        return Ok(Exit::Succeed);
                    }
                }
                perm[st.dest] = perm[st.b];
                st.dest += 1;
                st.b += 1;
                st.nb -= 1;
                if st.nb == 0 {
                    return Ok(Exit::Succeed);
                }
                let k = gallop_left(self.lt, self.tmp[st.a], &perm[st.b..st.b + st.nb], 0)?;
                bcount = k;
                if k > 0 {
                    perm.copy_within(st.b..st.b + k, st.dest);
                    st.dest += k;
                    st.b += k;
                    st.nb -= k;
                    if st.nb == 0 {
                        return Ok(Exit::Succeed);
                    }
                }
                perm[st.dest] = self.tmp[st.a];
                st.dest += 1;
                st.a += 1;
                st.na -= 1;
                if st.na == 1 {
                    return Ok(Exit::CopyOther);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }

    /// `merge_hi`: merge `perm[ssa..ssa+na]` and the following `nb` items, `na > nb`, from the
    /// right, with the second run copied to temporary storage.
    fn merge_hi(
        &mut self,
        perm: &mut [usize],
        ssa: usize,
        na: usize,
        ssb: usize,
        nb: usize,
    ) -> PyResult<()> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&perm[ssb..ssb + nb]);
        // Positions are stored plus one: `dest1 - 1` is the slot written next.
        let mut st = HiState {
            dest1: ssb + nb,
            a1: ssa + na,
            na,
            b1: nb,
            nb,
        };
        let r = self.merge_hi_body(perm, ssa, &mut st);
        match r {
            Ok(Exit::CopyOther) => {
                // nb == 1: the a-run's rest moves up by one, then the b item goes in front.
                let (dest, a) = (st.dest1 - 1, st.a1 - 1);
                perm.copy_within(a + 1 - st.na..a + 1, dest + 1 - st.na);
                perm[dest - st.na] = self.tmp[st.b1 - 1];
                Ok(())
            }
            Ok(Exit::Succeed) | Err(_) => {
                if st.nb > 0 {
                    let end = st.dest1;
                    perm[end - st.nb..end].copy_from_slice(&self.tmp[..st.nb]);
                }
                r.map(|_| ())
            }
        }
    }

    fn merge_hi_body(
        &mut self,
        perm: &mut [usize],
        basea: usize,
        st: &mut HiState,
    ) -> PyResult<Exit> {
        perm[st.dest1 - 1] = perm[st.a1 - 1];
        st.dest1 -= 1;
        st.a1 -= 1;
        st.na -= 1;
        if st.na == 0 {
            return Ok(Exit::Succeed);
        }
        if st.nb == 1 {
            return Ok(Exit::CopyOther);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let (mut acount, mut bcount) = (0usize, 0usize);
            loop {
                if (self.lt)(self.tmp[st.b1 - 1], perm[st.a1 - 1])? {
                    perm[st.dest1 - 1] = perm[st.a1 - 1];
                    st.dest1 -= 1;
                    st.a1 -= 1;
                    acount += 1;
                    bcount = 0;
                    st.na -= 1;
                    if st.na == 0 {
                        return Ok(Exit::Succeed);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                } else {
                    perm[st.dest1 - 1] = self.tmp[st.b1 - 1];
                    st.dest1 -= 1;
                    st.b1 -= 1;
                    bcount += 1;
                    acount = 0;
                    st.nb -= 1;
                    if st.nb == 1 {
                        return Ok(Exit::CopyOther);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                self.min_gallop = min_gallop;
                let k = gallop_right(
                    self.lt,
                    self.tmp[st.b1 - 1],
                    &perm[basea..basea + st.na],
                    st.na - 1,
                )?;
                let k = st.na - k;
                acount = k;
                if k > 0 {
                    st.dest1 -= k;
                    st.a1 -= k;
                    perm.copy_within(st.a1..st.a1 + k, st.dest1);
                    st.na -= k;
                    if st.na == 0 {
                        return Ok(Exit::Succeed);
                    }
                }
                perm[st.dest1 - 1] = self.tmp[st.b1 - 1];
                st.dest1 -= 1;
                st.b1 -= 1;
                st.nb -= 1;
                if st.nb == 1 {
                    return Ok(Exit::CopyOther);
                }
                let k = gallop_left(self.lt, perm[st.a1 - 1], &self.tmp[..st.nb], st.nb - 1)?;
                let k = st.nb - k;
                bcount = k;
                if k > 0 {
                    st.dest1 -= k;
                    st.b1 -= k;
                    perm[st.dest1..st.dest1 + k].copy_from_slice(&self.tmp[st.b1..st.b1 + k]);
                    st.nb -= k;
                    if st.nb == 1 {
                        return Ok(Exit::CopyOther);
                    }
                    // Impossible for a consistent order, but the comparison may be anything.
                    if st.nb == 0 {
                        return Ok(Exit::Succeed);
                    }
                }
                perm[st.dest1 - 1] = perm[st.a1 - 1];
                st.dest1 -= 1;
                st.a1 -= 1;
                st.na -= 1;
                if st.na == 0 {
                    return Ok(Exit::Succeed);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }
}

/// `sorted(iterable, /, *, key=None, reverse=False)`: `list(iterable)` then `sort`.
pub fn sorted_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    let [iterable] = pos else {
        return Err(PyErr::type_error(format!(
            "sorted expected 1 argument, got {}",
            pos.len()
        )));
    };
    let l = PyList::from_iterable(py, iterable)?;
    let kw = Args {
        values: &args.values[pos.len()..],
        kwnames: args.kwnames,
    };
    list_sort(py, l.as_object(), kw)?;
    Ok(l.into_object())
}
