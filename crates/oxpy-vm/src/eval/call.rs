//! Calling objects: argument binding for Python functions (`_PyEval_MakeFrameVector`'s
//! `initialize_locals`), type calls (`type_call`), `*args`/`**kwargs` calls.

use oxpy_bytecode::CodeFlags;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::{Exit, Frame, run_frame};
use crate::gil::Python;
use crate::object::{Args, PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::function::PyFunction;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::PyType;

/// `callable(*args)` (`PyObject_Vectorcall`).
pub fn call(py: Python<'_>, callable: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    if let Some(f) = callable.downcast_ref::<PyFunction>(py) {
        return call_function(py, f, args);
    }
    if let Some(t) = callable.downcast_ref::<PyType>(py) {
        return crate::eval::slots::type_call(py, t, args);
    }
    match callable.ob_type().slots.call {
        Some(c) => c(py, callable, args),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            callable.ob_type().name()
        ))),
    }
}

/// Call with positional arguments only.
pub fn call1(py: Python<'_>, callable: &PyObject, args: &[PyRef]) -> PyResult<PyRef> {
    call(py, callable, Args::positional(args))
}

/// `tp_call` of `function`.
pub(crate) fn function_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match obj.downcast_ref::<PyFunction>(py) {
        Some(f) => call_function(py, f, args),
        None => Err(PyErr::type_error("function expected")),
    }
}

/// `f(*callargs, **kwargs)` (`CALL_FUNCTION_EX`).
pub fn call_ex(
    py: Python<'_>,
    func: &PyObject,
    callargs: &PyObject,
    kwargs: Option<&PyObject>,
) -> PyResult<PyRef> {
    let mut values: Vec<PyRef> = if let Some(t) = callargs.downcast_ref::<PyTuple>(py) {
        t.as_slice().to_vec()
    } else if let Some(l) = callargs.downcast_ref::<PyList>(py) {
        l.to_vec()
    } else {
        crate::eval::ops::collect_iterable(py, callargs).map_err(|_| {
            PyErr::type_error(format!(
                "{} argument after * must be an iterable, not {}",
                crate::eval::ops::function_str(py, func)
                    .unwrap_or_else(|_| callable_name(py, func)),
                callargs.ob_type().name()
            ))
        })?
    };
    let mut names: Vec<PyRef<PyStr>> = Vec::new();
    if let Some(kw) = kwargs {
        let d = kw.downcast_ref::<PyDict>(py).ok_or_else(|| {
            PyErr::type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                crate::eval::ops::function_str(py, func)
                    .unwrap_or_else(|_| callable_name(py, func)),
                kw.ob_type().name()
            ))
        })?;
        for (k, v) in d.items() {
            let k = k
                .downcast::<PyStr>(py)
                .map_err(|_| PyErr::type_error("keywords must be strings"))?;
            names.push(k);
            values.push(v);
        }
    }
    call(
        py,
        func,
        Args {
            values: &values,
            kwnames: &names,
        },
    )
}

/// The `f()` name used in argument errors: the qualname for functions.
pub fn callable_name(py: Python<'_>, f: &PyObject) -> String {
    if let Some(func) = f.downcast_ref::<PyFunction>(py) {
        return format!("{}()", func.qualname.borrow().to_string_lossy());
    }
    if let Some(b) = f.downcast_ref::<crate::objects::builtin_function::PyBuiltinFunction>(py) {
        return format!("{}()", b.def.name);
    }
    if let Some(t) = f.downcast_ref::<PyType>(py) {
        return format!("{}()", t.name());
    }
    format!("{} object", f.ob_type().name())
}

fn quoted_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// `qualname()` for argument errors, formatted only when an error is raised.
struct FuncName<'a>(&'a PyFunction);

impl std::fmt::Display for FuncName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}()", self.0.qualname.borrow().to_string_lossy())
    }
}

fn missing_error(fname: &FuncName<'_>, kind: &str, names: &[String]) -> PyErr {
    let n = names.len();
    PyErr::type_error(format!(
        "{fname} missing {n} required {kind} argument{}: {}",
        if n == 1 { "" } else { "s" },
        quoted_list(names)
    ))
}

/// Bind `args` into a new frame for `f` and run it (or make a generator).
pub fn call_function(py: Python<'_>, f: &PyFunction, args: Args<'_>) -> PyResult<PyRef> {
    let shape = f.shape;
    let given = args.values.len();
    if args.kwnames.is_empty() && (shape.simple_argc as usize == given || defaults_cover(f, given))
    {
        // The positional parameters, the missing ones from the defaults: the frame is made
        // and run in place.
        let mut slots = super::frame_slots::Slots::new(
            shape.nlocalsplus as usize,
            shape.stacksize as usize,
            false,
        );
        let locals = slots.locals_mut();
        for (slot, v) in locals.iter_mut().zip(args.values) {
            *slot = Some(v.clone());
        }
        fill_defaults(f, locals, given);
        let mut frame = Frame::for_function(owned_function(f), slots);
        return match super::run_frame_inline(py, &mut frame)? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(_) => Err(PyErr::new(
                ExcKind::SystemError,
                "yield from a non-generator frame",
            )),
        };
    }
    let frame = function_frame(py, f, args)?;
    run_function_frame(py, frame)
}

/// `fget(obj)` for a property getter (`PyObject_CallOneArg`): a Python function taking one
/// positional parameter gets `func` and one new reference to `obj` moved into its frame, so
/// the getter sees CPython's counts (the frame's function reference and its local, no
/// temporary argument array).
pub fn call_getter(py: Python<'_>, func: PyRef, obj: &PyObject) -> PyResult<PyRef> {
    let func = match func.downcast::<PyFunction>(py) {
        Ok(f) if f.shape.simple_argc == 1 => f,
        Ok(f) => return call1(py, f.as_object(), &[obj.to_owned_ref()]),
        Err(other) => return call1(py, &other, &[obj.to_owned_ref()]),
    };
    let shape = func.shape;
    let mut slots =
        super::frame_slots::Slots::new(shape.nlocalsplus as usize, shape.stacksize as usize, false);
    if let Some(slot) = slots.locals_mut().first_mut() {
        *slot = Some(obj.to_owned_ref());
    }
    let mut frame = Frame::for_function(func, slots);
    match super::run_frame_inline(py, &mut frame)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(PyErr::new(
            ExcKind::SystemError,
            "yield from a non-generator frame",
        )),
    }
}

/// True when a positional-only call of `f` with `given < co_argcount` arguments can bind
/// them by position and take every missing parameter from `__defaults__` (a simple shape:
/// no `*args`, `**kwargs`, keyword-only parameters, not a generator).
#[inline]
fn defaults_cover(f: &PyFunction, given: usize) -> bool {
    let argc = f.shape.simple_argc as usize;
    f.shape.simple_argc != u32::MAX
        && given < argc
        && f.defaults
            .borrow()
            .as_ref()
            .is_some_and(|d| given + d.len() >= argc)
}

/// Fill parameters `given..co_argcount` of a new frame of `f` from its defaults (a call
/// [`defaults_cover`] accepted; `initialize_locals`' `defs[i - m]`, with `m = argcount -
/// defcount`). No-op when the call gave every parameter.
#[inline]
fn fill_defaults(f: &PyFunction, locals: &mut [Option<PyRef>], given: usize) {
    let argc = f.shape.simple_argc as usize;
    if given >= argc || f.shape.simple_argc == u32::MAX {
        return;
    }
    let defaults = f.defaults.borrow();
    let Some(d) = defaults.as_ref() else {
        return;
    };
    let d = d.as_slice();
    // `given + d.len() >= argc` (checked by `defaults_cover`), so the offset is in range.
    let skip = given + d.len() - argc;
    for (slot, v) in locals
        .iter_mut()
        .take(argc)
        .skip(given)
        .zip(d.iter().skip(skip))
    {
        *slot = Some(v.clone());
    }
}

/// A new reference to `f`.
#[inline]
fn owned_function(f: &PyFunction) -> PyRef<PyFunction> {
    // SAFETY: `f` is a live function object, so its header may be re-typed as `PyFunction`;
    // `to_owned_ref` counts the new reference.
    unsafe {
        f.as_object()
            .to_owned_ref()
            .downcast_unchecked::<PyFunction>()
    }
}

/// A new frame for `f` with `args` bound to its parameters (`_PyEvalFramePushAndInit`).
pub(crate) fn function_frame(py: Python<'_>, f: &PyFunction, args: Args<'_>) -> PyResult<Frame> {
    let _ = py;
    let mut frame = Frame::new_function(owned_function(f));
    bind_arguments(py, f, frame.fast_mut(), args)?;
    Ok(frame)
}

/// `CALL`'s fast path: when the callable under the top `n` (+ `self`) values of `caller`'s
/// stack is a Python function taking exactly those positional arguments (no `*args`,
/// `**kwargs`, keyword-only parameters, not a generator), call it and give its result.
/// `None` (the stack untouched) for any other call.
#[inline]
pub(super) fn try_simple_call(
    py: Python<'_>,
    caller: &mut Frame,
    n: usize,
) -> Option<PyResult<PyRef>> {
    let stack = caller.stack();
    let len = stack.len();
    // `[NULL, func, args...]` or, for a method, `[func, self, args...]`.
    let below = len.checked_sub(n + 2)?;
    let is_meth = stack.get(below)?.is_some();
    let total = n + usize::from(is_meth);
    let f = stack
        .get(len - total - 1)?
        .as_ref()?
        .downcast_ref::<PyFunction>(py)?;
    let shape = f.shape;
    if shape.simple_argc as usize != total && !defaults_cover(f, total) {
        return None;
    }
    Some(simple_call(py, caller, total, is_meth, shape))
}

/// The call [`try_simple_call`] found: the new frame takes the function and the arguments
/// over from the caller's stack (moved, no count changes: CPython's `_PyEvalFramePushAndInit`
/// steals the stack's references, so the caller's references are gone before the callee
/// runs), the stack is cut down past the callable's `NULL`, and the frame runs in place.
#[inline(never)]
fn simple_call(
    py: Python<'_>,
    caller: &mut Frame,
    total: usize,
    is_meth: bool,
    shape: crate::objects::function::CallShape,
) -> PyResult<PyRef> {
    let len = caller.stack_len();
    // The callable's slot; it stays on the stack as NULL until the arguments have moved.
    let func = match caller
        .stack_mut()
        .get_mut(len - total - 1)
        .and_then(Option::take)
    {
        // SAFETY: `try_simple_call` found an exact `function` in this slot; nothing ran since.
        Some(func) => unsafe { func.downcast_unchecked::<PyFunction>() },
        None => return Err(PyErr::new(ExcKind::SystemError, "CALL: NULL callable")),
    };
    let mut frame = Frame::for_simple_call(func, shape, &mut caller.slots, total);
    if total < shape.simple_argc as usize
        && let Some(f) = &frame.func
    {
        fill_defaults(f, frame.slots.locals_mut(), total);
    }
    // The callable's (now empty) slot and, for a function, the NULL below it.
    caller.stack_pop();
    if !is_meth {
        caller.stack_pop();
    }
    match super::run_frame_inline(py, &mut frame)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(PyErr::new(
            ExcKind::SystemError,
            "yield from a non-generator frame",
        )),
    }
}

/// Run a frame made by [`function_frame`]: to its return, or wrapped in a generator.
pub(crate) fn run_function_frame(py: Python<'_>, mut frame: Frame) -> PyResult<PyRef> {
    if crate::eval::is_generator_code(&frame.code) {
        return crate::objects::generator::start(py, frame);
    }
    match run_frame(py, &mut frame)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(PyErr::new(
            ExcKind::SystemError,
            "yield from a non-generator frame",
        )),
    }
}

/// Run a class body or module code with `locals` as its namespace.
pub fn run_code_with_locals(
    py: Python<'_>,
    code: PyRef<crate::objects::code::PyCode>,
    globals: PyRef<PyDict>,
    builtins: PyRef<PyDict>,
    locals: PyRef,
    func: Option<PyRef<PyFunction>>,
) -> PyResult<PyRef> {
    // SAFETY: `globals` and `builtins` live in this function until after the frame drops.
    let mut frame = unsafe { Frame::with_namespace(code, &globals, &builtins, locals, func) };
    let r = run_frame(py, &mut frame);
    drop(frame);
    match r? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(PyErr::new(ExcKind::SystemError, "yield outside function")),
    }
}

/// Bind `args` into the fast locals of a new frame for `f` (`initialize_locals`).
fn bind_arguments(
    py: Python<'_>,
    f: &PyFunction,
    fast: &mut [Option<PyRef>],
    args: Args<'_>,
) -> PyResult<()> {
    let code = &f.code;
    let co = &code.code;
    let argcount = co.co_argcount as usize;
    let posonly = co.co_posonlyargcount as usize;
    let kwonly = co.co_kwonlyargcount as usize;
    let has_varargs = co.co_flags.has(CodeFlags::VARARGS);
    let has_varkw = co.co_flags.has(CodeFlags::VARKEYWORDS);
    let total = argcount + kwonly;
    let pos = args.pos();
    // Only error paths need the name; build it lazily.
    let fname = FuncName(f);

    // Fast path: exact positional call, no defaults needed.
    if args.kwnames.is_empty() && pos.len() == argcount && !has_varargs && !has_varkw && kwonly == 0
    {
        for (slot, v) in fast.iter_mut().zip(pos) {
            *slot = Some(v.clone());
        }
        return Ok(());
    }

    let varkw_dict = if has_varkw {
        let d = PyDict::new(py);
        let idx = total + usize::from(has_varargs);
        if let Some(slot) = fast.get_mut(idx) {
            *slot = Some(d.clone().into_object());
        }
        Some(d)
    } else {
        None
    };

    let n = pos.len().min(argcount);
    for (slot, v) in fast.iter_mut().zip(&pos[..n]) {
        *slot = Some(v.clone());
    }
    if has_varargs {
        let rest = PyTuple::new(py, pos.get(argcount..).unwrap_or(&[]).to_vec());
        if let Some(slot) = fast.get_mut(total) {
            *slot = Some(rest.into_object());
        }
    }

    // Keyword arguments.
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (name, value) in args.kwargs() {
        let idx = code.localsplusnames[..total]
            .iter()
            .position(|n| n.eq_str(name));
        match idx {
            Some(i) if i >= posonly => {
                if fast[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "{fname} got multiple values for argument '{}'",
                        name.to_string_lossy()
                    )));
                }
                fast[i] = Some(value.clone());
            }
            other => {
                if let Some(d) = &varkw_dict {
                    d.set_item(py, name.as_object().to_owned_ref(), value.clone())?;
                } else if other.is_some() {
                    posonly_as_kw.push(name.to_string_lossy());
                } else {
                    return Err(PyErr::type_error(format!(
                        "{fname} got an unexpected keyword argument '{}'",
                        name.to_string_lossy()
                    )));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname} got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }

    // Too many positional arguments.
    if pos.len() > argcount && !has_varargs {
        let defaults = f.defaults.borrow().as_ref().map_or(0, |d| d.len());
        let kw_given = (argcount..total).filter(|&i| fast[i].is_some()).count();
        let takes = if defaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount as isize - defaults as isize,
                argcount
            )
        } else {
            format!(
                "{argcount} positional argument{}",
                if argcount == 1 { "" } else { "s" }
            )
        };
        let given = pos.len();
        let was = if given == 1 { "was" } else { "were" };
        let msg = if kw_given > 0 {
            format!(
                "{fname} takes {takes} but {given} positional argument{} (and {kw_given} keyword-only argument{}) were given",
                if given == 1 { "" } else { "s" },
                if kw_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{fname} takes {takes} but {given} {was} given")
        };
        return Err(PyErr::type_error(msg));
    }

    // Defaults for missing positional parameters.
    if pos.len() < argcount {
        let defaults = f.defaults.borrow().clone();
        let ndef = defaults.as_ref().map_or(0, |d| d.len());
        // CPython's `m = co_argcount - defcount` may be negative (a long `__defaults__`
        // assigned later): parameter `i` takes `defaults[i - m]`.
        let first_default = argcount as isize - ndef as isize;
        let mut missing = Vec::new();
        let params = fast.iter_mut().enumerate().take(argcount).skip(pos.len());
        for (i, slot) in params {
            if slot.is_some() {
                continue;
            }
            let d = defaults.as_ref().and_then(|d| {
                let k = usize::try_from(i as isize - first_default).ok()?;
                d.get(k).cloned()
            });
            match d {
                Some(v) => *slot = Some(v),
                None => missing.push(code.localsplusnames[i].to_string_lossy()),
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(&fname, "positional", &missing));
        }
    }

    // Keyword-only defaults.
    if kwonly > 0 {
        let kwdefaults = f.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        let params = fast.iter_mut().enumerate().take(total).skip(argcount);
        for (i, slot) in params {
            if slot.is_some() {
                continue;
            }
            let name = &code.localsplusnames[i];
            let d = match &kwdefaults {
                Some(kd) => kd.get_item(py, name.as_object())?,
                None => None,
            };
            match d {
                Some(v) => *slot = Some(v),
                None => missing.push(name.to_string_lossy()),
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(&fname, "keyword-only", &missing));
        }
    }
    Ok(())
}
