//! Unraisable exceptions (`PyErr_WriteUnraisable`, `sys.unraisablehook`, `Python/errors.c`):
//! errors raised where nobody can catch them (`__del__`, weakref and GC callbacks, atexit
//! callbacks) go to `sys.unraisablehook`, whose default prints
//! `Exception ignored in: <obj>` and the traceback to stderr.

use crate::error::{ErrState, PyErr, PyResult};
use crate::eval::traceback::format_exception_unchained;
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::exception::{PyBaseException, normalize};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;

/// The message CPython passes as `err_msg = NULL` (printed as "Exception ignored in").
const DEFAULT_MSG: &str = "Exception ignored in";

/// `sys.unraisablehook` / `sys.__unraisablehook__`.
pub static UNRAISABLEHOOK_DEF: MethodDef = MethodDef::new("unraisablehook", sys_unraisablehook);

/// The default hook's text (`write_unraisable_exc_file`): `"{err_msg}: {repr(obj)}"` (or
/// `"{err_msg}:"` without an object), then the traceback and the exception line.
fn default_text(
    py: Python<'_>,
    exc: &PyObject,
    err_msg: Option<&str>,
    obj: Option<&PyObject>,
) -> String {
    let mut text = String::new();
    match (obj, err_msg) {
        (Some(o), msg) => {
            let r = crate::object::protocol::repr(py, o)
                .map(|s| s.to_string_lossy())
                .unwrap_or_else(|_| "<object repr() failed>".into());
            text.push_str(&format!("{}: {r}\n", msg.unwrap_or(DEFAULT_MSG)));
        }
        (None, Some(msg)) => text.push_str(&format!("{msg}:\n")),
        (None, None) => {}
    }
    if exc.downcast_ref::<PyBaseException>(py).is_some() {
        text.push_str(&format_exception_unchained(py, exc));
    }
    text
}

fn print_default(py: Python<'_>, exc: &PyObject, err_msg: Option<&str>, obj: Option<&PyObject>) {
    let _ = crate::eval::builtins::flush_stdout();
    crate::eval::builtins::write_stderr(&default_text(py, exc, err_msg, obj));
}

/// `sys.UnraisableHookArgs`, made on first use (a plain class with the five attributes).
fn hook_args_type(py: Python<'_>) -> PyResult<PyRef> {
    let sys = crate::eval::run::sys_module(py);
    if let Some(t) = sys.get(py, "UnraisableHookArgs") {
        return Ok(t);
    }
    let ns = PyDict::new(py);
    ns.set_item(
        py,
        PyStr::new(py, "__module__").into_object(),
        PyStr::new(py, "builtins").into_object(),
    )?;
    let t = crate::eval::call::call1(
        py,
        py.types().type_().as_object(),
        &[
            PyStr::new(py, "UnraisableHookArgs").into_object(),
            PyTuple::new(py, Vec::new()).into_object(),
            ns.into_object(),
        ],
    )?;
    sys.set(py, "UnraisableHookArgs", t.clone());
    Ok(t)
}

fn hook_args(
    py: Python<'_>,
    exc: &PyObject,
    err_msg: Option<&str>,
    obj: Option<&PyObject>,
) -> PyResult<PyRef> {
    let t = hook_args_type(py)?;
    let a = crate::eval::call::call1(py, &t, &[])?;
    let tb = crate::eval::attr::getattr_str(py, exc, "__traceback__").unwrap_or_else(|_| py.none());
    let fields: [(&str, PyRef); 5] = [
        ("exc_type", exc.ob_type().to_owned_ref().into_object()),
        ("exc_value", exc.to_owned_ref()),
        ("exc_traceback", tb),
        (
            "err_msg",
            err_msg.map_or_else(|| py.none(), |m| PyStr::new(py, m).into_object()),
        ),
        (
            "object",
            obj.map_or_else(|| py.none(), PyObject::to_owned_ref),
        ),
    ];
    for (name, v) in fields {
        crate::eval::attr::setattr(py, &a, &PyStr::new(py, name), Some(v))?;
    }
    Ok(a)
}

/// `_PyErr_WriteUnraisableMsg`: hand `err` to `sys.unraisablehook` with `err_msg` (`what`;
/// "Exception ignored in" is the default and passed as `None`) and the object it concerns.
/// A failing hook is itself reported with the default hook.
pub fn write_unraisable(py: Python<'_>, err: PyErr, what: &str, obj: Option<&PyObject>) {
    let exc = match err.state {
        ErrState::Object(o) => o,
        other => normalize(py, PyErr { state: other }),
    };
    let err_msg = (what != DEFAULT_MSG).then_some(what);
    let sys = crate::eval::run::sys_module(py);
    let hook = sys.get(py, "unraisablehook");
    let default = sys.get(py, "__unraisablehook__");
    let hook = match hook {
        Some(h) if !py.is_none(&h) && !default.as_ref().is_some_and(|d| d.is(&h)) => h,
        _ => return print_default(py, &exc, err_msg, obj),
    };
    let r = hook_args(py, &exc, err_msg, obj)
        .and_then(|a| crate::eval::call::call1(py, &hook, std::slice::from_ref(&a)));
    if let Err(e) = r {
        let e = normalize(py, e);
        print_default(
            py,
            &e,
            Some("Exception ignored in sys.unraisablehook"),
            Some(&hook),
        );
    }
}

/// `sys.unraisablehook(unraisable)`: the default hook, printing to stderr.
fn sys_unraisablehook(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("unraisablehook", 1, 1)?;
    let Some(u) = a.first() else {
        return Ok(py.none());
    };
    let get = |n: &str| {
        crate::eval::attr::getattr_str(py, u, n)
            .ok()
            .filter(|v| !py.is_none(v))
    };
    let exc = get("exc_value");
    let err_msg =
        get("err_msg").and_then(|m| m.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()));
    let obj = get("object");
    let text = match &exc {
        Some(e) => default_text(py, e, err_msg.as_deref(), obj.as_deref()),
        None => String::new(),
    };
    let _ = crate::eval::builtins::flush_stdout();
    crate::eval::builtins::write_stderr(&text);
    Ok(py.none())
}
