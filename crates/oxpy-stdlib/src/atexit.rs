//! `atexit` (CPython's `Modules/atexitmodule.c`): functions registered here run at interpreter
//! exit, last registered first, after non-daemon threads were joined and before the modules are
//! finalized (the VM calls `_run_exitfuncs` from its exit sequence).
//!
//! The callbacks live in a list stored on the module itself (`_callbacks`), one entry
//! `(func, args, kwargs)` per registration, so each interpreter has its own.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyObject, PyRef, Python};

/// The `atexit` module.
pub static ATEXIT: ModuleDef = ModuleDef {
    name: "atexit",
    doc: "allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n",
    methods: &[
        MethodDef::new("register", register),
        MethodDef::new("unregister", unregister),
        MethodDef::new("_run_exitfuncs", run_exitfuncs),
        MethodDef::new("_clear", clear),
        MethodDef::new("_ncallbacks", ncallbacks),
    ],
    attrs: atexit_attrs,
};

const CALLBACKS: &str = "_callbacks";

fn atexit_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(vec![(CALLBACKS, PyList::new_empty(py).into_object())])
}

/// The module's callback list (a fresh one if it was removed).
fn callbacks(py: Python<'_>, module: &PyObject) -> PyResult<PyRef<PyList>> {
    let l = oxpy_vm::eval::attr::getattr_str(py, module, CALLBACKS)?;
    l.downcast::<PyList>(py)
        .map_err(|_| PyErr::type_error("atexit callbacks list is corrupted"))
}

/// `atexit.register(func, *args, **kwargs)`: returns `func`.
fn register(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    let Some(func) = pos.first() else {
        return Err(PyErr::type_error(
            "register() takes at least 1 argument (0 given)",
        ));
    };
    if !is_callable(py, func)? {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let rest = PyTuple::new(py, pos.get(1..).unwrap_or(&[]).to_vec()).into_object();
    let kwargs = if args.kwnames.is_empty() {
        py.none()
    } else {
        let d = PyDict::new(py);
        for (k, v) in args.kwargs() {
            d.set_item(py, k.as_object().to_owned_ref(), v.clone())?;
        }
        d.into_object()
    };
    let entry = PyTuple::new(py, vec![func.clone(), rest, kwargs]).into_object();
    callbacks(py, this)?.append(entry)?;
    Ok(func.clone())
}

/// `atexit.unregister(func)`: drop every registration of a function equal to `func`. As in
/// CPython the slots stay (emptied), so `_ncallbacks()` does not shrink.
fn unregister(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("unregister", 1, 1)?;
    let Some(func) = a.first() else {
        return Ok(py.none());
    };
    let list = callbacks(py, this)?;
    let mut keep = Vec::new();
    for e in list.to_vec() {
        if py.is_none(&e) {
            keep.push(e);
            continue;
        }
        let f = e
            .downcast_ref::<PyTuple>(py)
            .and_then(|t| t.as_slice().first().cloned());
        let same = match &f {
            Some(f) => oxpy_vm::object::protocol::rich_compare_bool(
                py,
                f,
                func,
                oxpy_vm::objects::type_::CompareOp::Eq,
            )?,
            None => false,
        };
        keep.push(if same { py.none() } else { e });
    }
    list.clear();
    for e in keep {
        list.append(e)?;
    }
    Ok(py.none())
}

/// `atexit._run_exitfuncs()`: call the callbacks, last registered first; errors are reported
/// as "Exception ignored in atexit callback: <func>" and do not stop the others.
fn run_exitfuncs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("_run_exitfuncs", 0, 0)?;
    let list = callbacks(py, this)?;
    let entries = list.to_vec();
    list.clear();
    for e in entries.iter().rev() {
        let Some(t) = e.downcast_ref::<PyTuple>(py) else {
            continue;
        };
        let [func, pos, kw] = t.as_slice() else {
            continue;
        };
        let r = call_entry(py, func, pos, kw);
        if let Err(err) = r {
            oxpy_vm::eval::run::write_unraisable(
                py,
                err,
                "Exception ignored in atexit callback",
                Some(func),
            );
        }
    }
    Ok(py.none())
}

fn call_entry(py: Python<'_>, func: &PyRef, pos: &PyRef, kw: &PyRef) -> PyResult<PyRef> {
    let mut values: Vec<PyRef> = pos
        .downcast_ref::<PyTuple>(py)
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let mut kwnames: Vec<PyRef<PyStr>> = Vec::new();
    if let Some(d) = kw.downcast_ref::<PyDict>(py) {
        for (k, v) in d.items() {
            if let Ok(k) = k.downcast::<PyStr>(py) {
                kwnames.push(k);
                values.push(v);
            }
        }
    }
    oxpy_vm::eval::call::call(
        py,
        func,
        Args {
            values: &values,
            kwnames: &kwnames,
        },
    )
}

/// `callable(obj)`, through the builtin.
fn is_callable(py: Python<'_>, obj: &PyRef) -> PyResult<bool> {
    let builtins = oxpy_vm::eval::run::builtins_dict(py);
    let Some(f) = builtins.get_str(py, "callable") else {
        return Ok(true);
    };
    let r = oxpy_vm::eval::call::call1(py, &f, std::slice::from_ref(obj))?;
    Ok(r.is(&py.true_()))
}

/// `atexit._clear()`.
fn clear(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("_clear", 0, 0)?;
    callbacks(py, this)?.clear();
    Ok(py.none())
}

/// `atexit._ncallbacks()`.
fn ncallbacks(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("_ncallbacks", 0, 0)?;
    let n = callbacks(py, this)?.len();
    Ok(PyInt::new(py, n as i64).into_object())
}
