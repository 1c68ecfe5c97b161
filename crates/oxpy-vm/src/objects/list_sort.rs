//! `list.sort(*, key=None, reverse=False)`: a stable merge sort with Timsort's structure (natural
//! runs, binary insertion to `minrun`, run merging) that compares only with `<`
//! (`PyObject_RichCompareBool(x, y, Py_LT)`), so its results equal CPython's for every
//! consistent ordering, and for lists shorter than 64 the comparisons made are the same.
//!
//! As in CPython the items are detached from the list while sorting (the list looks empty), and
//! a list changed by a key function or comparison raises `ValueError: list modified during sort`.

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::call::call1;
use crate::object::protocol::rich_compare_bool;
use crate::object::{Args, PyObject, PyRef};
use crate::objects::int::IntValue;
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
            result = timsort(&mut perm, &mut |a, b| {
                rich_compare_bool(py, &cmp[a], &cmp[b], CompareOp::Lt)
            });
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

/// `merge_compute_minrun`.
fn minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

type Less<'a> = dyn FnMut(usize, usize) -> PyResult<bool> + 'a;

/// Sort `perm` by `lt` (stable). On an error `perm` is still a permutation.
fn timsort(perm: &mut [usize], lt: &mut Less<'_>) -> PyResult<()> {
    let n = perm.len();
    if n < 2 {
        return Ok(());
    }
    let min_run = minrun(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut run, descending) = count_run(perm, lo, n, lt)?;
        if descending {
            perm[lo..lo + run].reverse();
        }
        if run < min_run {
            let force = min_run.min(n - lo);
            binary_sort(perm, lo, lo + force, lo + run, lt)?;
            run = force;
        }
        runs.push((lo, run));
        merge_collapse(perm, &mut runs, lt)?;
        lo += run;
    }
    while runs.len() > 1 {
        let k = runs.len() - 2;
        let k = if k > 0 && runs[k - 1].1 < runs[k + 1].1 {
            k - 1
        } else {
            k
        };
        merge_at(perm, &mut runs, k, lt)?;
    }
    Ok(())
}

/// `count_run`: length of the run starting at `lo`, and whether it is strictly descending.
fn count_run(perm: &[usize], lo: usize, hi: usize, lt: &mut Less<'_>) -> PyResult<(usize, bool)> {
    if lo + 1 == hi {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(perm[lo + 1], perm[lo])? {
        let mut i = lo + 1;
        while i + 1 < hi && lt(perm[i + 1], perm[i])? {
            i += 1;
            n += 1;
        }
        Ok((n, true))
    } else {
        let mut i = lo + 1;
        while i + 1 < hi && !lt(perm[i + 1], perm[i])? {
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

/// Keep the run-stack invariants (`merge_collapse`).
fn merge_collapse(
    perm: &mut [usize],
    runs: &mut Vec<(usize, usize)>,
    lt: &mut Less<'_>,
) -> PyResult<()> {
    while runs.len() > 1 {
        let n = runs.len() - 2;
        let len = |i: usize, runs: &Vec<(usize, usize)>| runs[i].1;
        if (n > 0 && len(n - 1, runs) <= len(n, runs) + len(n + 1, runs))
            || (n > 1 && len(n - 2, runs) <= len(n - 1, runs) + len(n, runs))
        {
            let k = if len(n - 1, runs) < len(n + 1, runs) {
                n - 1
            } else {
                n
            };
            merge_at(perm, runs, k, lt)?;
        } else if len(n, runs) <= len(n + 1, runs) {
            merge_at(perm, runs, n, lt)?;
        } else {
            break;
        }
    }
    Ok(())
}

/// Merge runs `k` and `k + 1` (stable: an item of the second run goes first only if it is
/// strictly less).
fn merge_at(
    perm: &mut [usize],
    runs: &mut Vec<(usize, usize)>,
    k: usize,
    lt: &mut Less<'_>,
) -> PyResult<()> {
    let (lo, na) = runs[k];
    let (_, nb) = runs[k + 1];
    runs[k] = (lo, na + nb);
    runs.remove(k + 1);
    let mid = lo + na;
    let hi = mid + nb;
    let tmp: Vec<usize> = perm[lo..mid].to_vec();
    let (mut i, mut j, mut out) = (0, mid, lo);
    while i < tmp.len() && j < hi {
        match lt(perm[j], tmp[i]) {
            Ok(true) => {
                perm[out] = perm[j];
                j += 1;
            }
            Ok(false) => {
                perm[out] = tmp[i];
                i += 1;
            }
            Err(e) => {
                perm[out..out + tmp.len() - i].copy_from_slice(&tmp[i..]);
                return Err(e);
            }
        }
        out += 1;
    }
    perm[out..out + tmp.len() - i].copy_from_slice(&tmp[i..]);
    Ok(())
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
