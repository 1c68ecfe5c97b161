//! `gc`: CPython 3.11's interface to the cyclic collector (`Modules/gcmodule.c`). The
//! collector and its state live in `oxpy_vm::gc`; this module parses arguments and builds
//! the result objects, with CPython's messages.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::gc::{self, NUM_GENERATIONS};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyObject, PyRef, Python};

use crate::util::{one_arg, pos_args, ssize};

/// The `gc` module.
pub static GC: ModuleDef = ModuleDef {
    name: "gc",
    doc: "This module provides access to the garbage collector for reference cycles.\n\n\
enable() -- Enable automatic garbage collection.\n\
disable() -- Disable automatic garbage collection.\n\
isenabled() -- Returns true if automatic collection is enabled.\n\
collect() -- Do a full collection right now.\n\
get_count() -- Return the current collection counts.\n\
get_stats() -- Return list of dictionaries containing per-generation stats.\n\
set_debug() -- Set debugging flags.\n\
get_debug() -- Get debugging flags.\n\
set_threshold() -- Set the collection thresholds.\n\
get_threshold() -- Return the current the collection thresholds.\n\
get_objects() -- Return a list of all objects tracked by the collector.\n\
is_tracked() -- Returns true if a given object is tracked.\n\
is_finalized() -- Returns true if a given object has been already finalized.\n\
get_referrers() -- Return the list of objects that refer to an object.\n\
get_referents() -- Return the list of objects that an object refers to.\n\
freeze() -- Freeze all tracked objects and ignore them for future collections.\n\
unfreeze() -- Unfreeze all objects in the permanent generation.\n\
get_freeze_count() -- Return the number of objects in the permanent generation.\n",
    methods: &[
        MethodDef::new("enable", gc_enable),
        MethodDef::new("disable", gc_disable),
        MethodDef::new("isenabled", gc_isenabled),
        MethodDef::new("collect", gc_collect),
        MethodDef::new("get_count", gc_get_count),
        MethodDef::new("get_stats", gc_get_stats),
        MethodDef::new("set_debug", gc_set_debug),
        MethodDef::new("get_debug", gc_get_debug),
        MethodDef::new("set_threshold", gc_set_threshold),
        MethodDef::new("get_threshold", gc_get_threshold),
        MethodDef::new("get_objects", gc_get_objects),
        MethodDef::new("is_tracked", gc_is_tracked),
        MethodDef::new("is_finalized", gc_is_finalized),
        MethodDef::new("get_referrers", gc_get_referrers),
        MethodDef::new("get_referents", gc_get_referents),
        MethodDef::new("freeze", gc_freeze),
        MethodDef::new("unfreeze", gc_unfreeze),
        MethodDef::new("get_freeze_count", gc_get_freeze_count),
    ],
    attrs: gc_attrs,
};

fn gc_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let int = |v: u32| PyInt::new(py, i64::from(v)).into_object();
    Ok(vec![
        ("garbage", gc::api::garbage(py).into_object()),
        ("callbacks", gc::api::callbacks(py).into_object()),
        ("DEBUG_STATS", int(gc::DEBUG_STATS)),
        ("DEBUG_COLLECTABLE", int(gc::DEBUG_COLLECTABLE)),
        ("DEBUG_UNCOLLECTABLE", int(gc::DEBUG_UNCOLLECTABLE)),
        ("DEBUG_SAVEALL", int(gc::DEBUG_SAVEALL)),
        ("DEBUG_LEAK", int(gc::DEBUG_LEAK)),
    ])
}

fn int(py: Python<'_>, v: isize) -> PyRef {
    PyInt::new(py, v as i64).into_object()
}

fn no_args(args: Args<'_>, name: &str) -> PyResult<()> {
    pos_args(args, &format!("gc.{name}"), &format!("gc.{name}"), 0, 0).map(|_| ())
}

fn list_of(py: Python<'_>, items: Vec<PyRef>) -> PyResult<PyRef> {
    Ok(PyList::from_vec(py, items)?.into_object())
}

fn gc_enable(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "enable")?;
    py.interp().gc.set_enabled(true);
    Ok(py.none())
}

fn gc_disable(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "disable")?;
    py.interp().gc.set_enabled(false);
    Ok(py.none())
}

fn gc_isenabled(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "isenabled")?;
    Ok(py.bool(py.interp().gc.is_enabled()).into_object())
}

/// `gc.collect(generation=2)`.
fn gc_collect(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = args.values.len();
    if n > 1 {
        return Err(PyErr::type_error(format!(
            "collect() takes at most 1 argument ({n} given)"
        )));
    }
    let [g] = args.parse("collect", ["generation"], 0)?;
    let generation = match g {
        Some(g) => ssize(py, g)?,
        None => 2,
    };
    if !(0..NUM_GENERATIONS as i64).contains(&generation) {
        return Err(PyErr::value_error("invalid generation"));
    }
    Ok(int(
        py,
        gc::collect::collect(py, generation as usize) as isize,
    ))
}

fn gc_get_count(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "get_count")?;
    let (a, b, c) = py.interp().gc.counts();
    Ok(PyTuple::from_array(py, [int(py, a), int(py, b), int(py, c)]).into_object())
}

fn gc_get_threshold(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "get_threshold")?;
    let (a, b, c) = py.interp().gc.thresholds();
    Ok(PyTuple::from_array(py, [int(py, a), int(py, b), int(py, c)]).into_object())
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])` (`PyArg_ParseTuple "i|ii"`).
fn gc_set_threshold(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("set_threshold")?;
    // `gc.set_threshold` is METH_VARARGS in CPython: the call packs its arguments in a tuple
    // (a GC allocation `gc.get_count()` shows), parsed with `PyArg_ParseTuple`.
    let packed = oxpy_vm::objects::tuple::PyTuple::new(py, args.pos().to_vec());
    let pos = packed.as_slice();
    match pos.len() {
        0 => {
            return Err(PyErr::type_error(
                "set_threshold() takes at least 1 argument (0 given)",
            ));
        }
        n if n > 3 => {
            return Err(PyErr::type_error(format!(
                "set_threshold() takes at most 3 arguments ({n} given)"
            )));
        }
        _ => {}
    }
    let mut values = Vec::with_capacity(pos.len());
    for v in pos {
        let t = ssize(py, v)?;
        let t = i32::try_from(t).map_err(|_| {
            PyErr::overflow_error(if t > 0 {
                "signed integer is greater than maximum"
            } else {
                "signed integer is less than minimum"
            })
        })?;
        values.push(t as isize);
    }
    for (g, t) in values.into_iter().enumerate() {
        py.interp().gc.set_threshold(g, t);
    }
    Ok(py.none())
}

fn gc_set_debug(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let flags = one_arg(args, "gc.set_debug")?;
    let v = ssize(py, flags)?;
    py.interp().gc.set_debug(v as u32);
    Ok(py.none())
}

fn gc_get_debug(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "get_debug")?;
    Ok(int(py, py.interp().gc.debug() as isize))
}

/// `gc.get_stats()`: a list of three dicts `{collections, collected, uncollectable}`.
fn gc_get_stats(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "get_stats")?;
    let mut out = Vec::with_capacity(NUM_GENERATIONS);
    for st in py.interp().gc.stats() {
        let d = PyDict::new(py);
        d.set_str(py, "collections", int(py, st.collections))?;
        d.set_str(py, "collected", int(py, st.collected))?;
        d.set_str(py, "uncollectable", int(py, st.uncollectable))?;
        out.push(d.into_object());
    }
    list_of(py, out)
}

/// `gc.get_objects(generation=None)`.
fn gc_get_objects(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = args.values.len();
    if n > 1 {
        return Err(PyErr::type_error(format!(
            "get_objects() takes at most 1 argument ({n} given)"
        )));
    }
    let [g] = args.parse("get_objects", ["generation"], 0)?;
    let generation = match g {
        Some(g) if !py.is_none(g) => {
            if g.downcast_ref::<PyInt>(py).is_none() {
                return Err(PyErr::type_error(format!(
                    "argument should be integer or None, not '{}'",
                    g.ob_type().name()
                )));
            }
            ssize(py, g)?
        }
        _ => -1,
    };
    if generation >= NUM_GENERATIONS as i64 {
        return Err(PyErr::value_error(format!(
            "generation parameter must be less than the number of available generations ({NUM_GENERATIONS})"
        )));
    }
    if generation < -1 {
        return Err(PyErr::value_error(
            "generation parameter cannot be negative",
        ));
    }
    let g = usize::try_from(generation).ok();
    list_of(py, gc::api::objects(py, g))
}

fn gc_is_tracked(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let o = one_arg(args, "gc.is_tracked")?;
    Ok(py.bool(gc::is_tracked(o)).into_object())
}

fn gc_is_finalized(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let o = one_arg(args, "gc.is_finalized")?;
    Ok(py.bool(gc::is_finalized(o)).into_object())
}

fn gc_get_referrers(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("get_referrers")?;
    list_of(py, gc::api::referrers(py, args.pos()))
}

fn gc_get_referents(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("get_referents")?;
    list_of(py, gc::api::referents(py, args.pos()))
}

fn gc_freeze(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "freeze")?;
    gc::api::freeze(py);
    Ok(py.none())
}

fn gc_unfreeze(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "unfreeze")?;
    gc::api::unfreeze(py);
    Ok(py.none())
}

fn gc_get_freeze_count(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    no_args(args, "get_freeze_count")?;
    Ok(int(py, gc::api::freeze_count(py) as isize))
}
