//! The `gc` module's operations other than collecting (`Modules/gcmodule.c`): `gc.garbage`,
//! `gc.callbacks`, `freeze`/`unfreeze`, `get_objects`, `get_referrers`, `get_referents`.

use std::ops::ControlFlow;
use std::ptr::NonNull;

use super::{NUM_GENERATIONS, PERMANENT_GENERATION, list};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;

/// The list kept in `slot`, made on first use. The state owns one reference for ever (like
/// CPython, which keeps `gc.garbage` and `gc.callbacks` until interpreter teardown).
fn owned_list(py: Python<'_>, slot: &std::cell::Cell<Option<NonNull<PyObject>>>) -> PyRef<PyList> {
    let p = match slot.get() {
        Some(p) => p,
        None => {
            let l = PyList::new_empty(py).into_object().into_raw();
            slot.set(Some(l));
            l
        }
    };
    // SAFETY: the slot owns a reference to a live list; we add one for the caller.
    unsafe { p.as_ref().to_owned_ref().downcast_unchecked::<PyList>() }
}

/// `gc.garbage`.
pub fn garbage(py: Python<'_>) -> PyRef<PyList> {
    owned_list(py, &py.interp().gc.garbage)
}

/// `gc.callbacks`.
pub fn callbacks(py: Python<'_>) -> PyRef<PyList> {
    owned_list(py, &py.interp().gc.callbacks)
}

/// `invoke_gc_callback`: call every callback as `cb(phase, info)` with one shared info dict
/// `{'generation': g, 'collected': n, 'uncollectable': u}`; errors are unraisable.
pub(crate) fn invoke_callbacks(
    py: Python<'_>,
    phase: &str,
    generation: usize,
    collected: usize,
    uncollectable: usize,
) {
    if py.interp().gc.callbacks.get().is_none() {
        return;
    }
    let cbs = callbacks(py);
    if cbs.is_empty() {
        return;
    }
    let info = PyDict::new(py);
    for (k, v) in [
        ("generation", generation),
        ("collected", collected),
        ("uncollectable", uncollectable),
    ] {
        let v = PyInt::new(py, v as i64).into_object();
        if let Err(e) = info.set_str(py, k, v) {
            crate::eval::run::write_unraisable(py, e, "Exception ignored in", None);
            return;
        }
    }
    let phase = PyStr::new(py, phase).into_object();
    let info = info.into_object();
    let mut i = 0;
    while let Some(cb) = cbs.get(i) {
        let saved = crate::eval::current_exception();
        if let Err(e) = crate::eval::call::call1(py, &cb, &[phase.clone(), info.clone()]) {
            crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(&cb));
        }
        drop(crate::eval::set_current_exception(saved));
        i += 1;
    }
}

/// `gc.freeze()`: move generations 0–2 into the permanent generation and zero all counts
/// (python3 3.11.7: `gc.collect(0); gc.freeze(); gc.get_count()` is `(0, 0, 0)`).
pub fn freeze(py: Python<'_>) {
    let gc = &py.interp().gc;
    for g in 0..NUM_GENERATIONS {
        list::merge(&gc.heads[g], &gc.heads[PERMANENT_GENERATION]);
        gc.generations[g].count.set(0);
    }
}

/// `gc.unfreeze()`: the permanent generation goes back to the end of generation 2.
pub fn unfreeze(py: Python<'_>) {
    let gc = &py.interp().gc;
    list::merge(
        &gc.heads[PERMANENT_GENERATION],
        &gc.heads[NUM_GENERATIONS - 1],
    );
}

/// `gc.get_freeze_count()`.
pub fn freeze_count(py: Python<'_>) -> usize {
    py.interp().gc.len(PERMANENT_GENERATION)
}

/// `gc.get_objects(generation)`: `None` = all three generations in order.
pub fn objects(py: Python<'_>, generation: Option<usize>) -> Vec<PyRef> {
    match generation {
        Some(g) => py.interp().gc.objects(g),
        None => super::tracked_objects(py),
    }
}

/// `_PyObject_IS_GC`: the type has the GC flag and the object is not a static type.
pub fn is_gc_object(py: Python<'_>, obj: &PyObject) -> bool {
    let ty = obj.ob_type();
    if !ty.is_gc() {
        return false;
    }
    match obj.downcast_ref::<crate::objects::type_::PyType>(py) {
        Some(t) => t.is_heap(),
        None => true,
    }
}

/// `gc.get_referents(*objs)`: what each GC object's traverse slot visits, in visit order.
pub fn referents(py: Python<'_>, objs: &[PyRef]) -> Vec<PyRef> {
    let mut out = Vec::new();
    for o in objs {
        if !is_gc_object(py, o) {
            continue;
        }
        let _ = super::traverse(o, &mut |r| {
            out.push(r.to_owned_ref());
            ControlFlow::Continue(())
        });
    }
    out
}

/// `gc.get_referrers(*objs)`: tracked objects (generations 0, 1, 2 in list order) whose
/// traverse slot visits any of `objs`.
pub fn referrers(py: Python<'_>, objs: &[PyRef]) -> Vec<PyRef> {
    let mut out = Vec::new();
    for o in super::tracked_objects(py) {
        let mut hit = false;
        let _ = super::traverse(&o, &mut |r| {
            if objs.iter().any(|x| std::ptr::eq::<PyObject>(&**x, r)) {
                hit = true;
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
        if hit {
            out.push(o);
        }
    }
    out
}
