//! Async generators (`Objects/genobject.c`, `async_gen_*`): the `async_generator` methods, the
//! `async_generator_asend` awaitable that `__anext__`/`asend` return, the wrapped values an
//! async generator's `yield` produces (`ASYNC_GEN_WRAP`), and `anext(it, default)`'s awaitable.
//!
//! The generator itself is a [`PyGenerator`] of type `async_generator`: its frame yields either
//! a wrapped value (an `async` `yield`, which completes the pending `asend` with that value) or
//! a plain value (an `await` suspending towards the event loop, passed through).

use std::cell::{Cell, RefCell};
use std::ops::ControlFlow;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::generator::{Resumed, resume, throw_error};
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// Methods of `async_generator`.
pub static ASYNC_GEN_METHODS: &[MethodDef] = &[
    MethodDef::new("__aiter__", agen_aiter),
    MethodDef::new("__anext__", agen_anext),
    MethodDef::new("asend", agen_asend),
    MethodDef::new("athrow", agen_athrow),
    MethodDef::new("aclose", agen_aclose),
];

fn agen_aiter(_py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__aiter__", 0, 0)?;
    Ok(this.to_owned_ref())
}

fn agen_anext(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__anext__", 0, 0)?;
    Ok(new_asend(py, this, py.none(), None))
}

fn agen_asend(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("asend", 1, 1)?;
    Ok(new_asend(py, this, a[0].clone(), None))
}

fn agen_athrow(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("athrow", 1, 3)?;
    let exc = throw_error(py, a)?;
    Ok(new_asend(py, this, py.none(), Some(exc)))
}

fn agen_aclose(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("aclose", 0, 0)?;
    let exc = PyErr::with_args(ExcKind::GeneratorExit, Vec::new());
    let a = new_asend(py, this, py.none(), Some(exc));
    if let Some(s) = a.downcast_ref::<PyAsyncGenASend>(py) {
        s.closing.set(true);
    }
    Ok(a)
}

/// The value of an async generator's `yield` (`_PyAsyncGenWrappedValue`).
#[repr(C)]
pub struct PyAsyncGenWrapped {
    ob_base: PyObject,
    value: PyRef,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyAsyncGenWrapped {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().async_generator_wrapped_value()
    }
}

/// `async_generator_wrapped_value`'s spec.
pub(crate) fn wrapped_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "async_generator_wrapped_value",
        basicsize: 24,
        itemsize: 0,
        flags: 0x4100,
        slots: TypeSlots {
            traverse: Some(wrapped_traverse),
            ..TypeSlots::new(dealloc_object::<PyAsyncGenWrapped>)
        },
    }
}

fn wrapped_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on the wrapped-value type.
    visit(&unsafe { &*(obj as *const PyObject as *const PyAsyncGenWrapped) }.value)
}

/// `ASYNC_GEN_WRAP`: wrap the value an async generator yields.
pub fn wrap_value(py: Python<'_>, value: PyRef) -> PyRef {
    let w = new_object(py, py.types().async_generator_wrapped_value(), |ob_base| {
        PyAsyncGenWrapped { ob_base, value }
    });
    crate::gc::track(py, w.as_object());
    w.into_object()
}

/// The awaitable of `agen.__anext__()`, `asend(v)`, `athrow(...)` and `aclose()`.
#[repr(C)]
pub struct PyAsyncGenASend {
    ob_base: PyObject,
    generator: PyRef,
    value: RefCell<Option<PyRef>>,
    throw: RefCell<Option<PyErr>>,
    done: Cell<bool>,
    closing: Cell<bool>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyAsyncGenASend {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().async_generator_asend()
    }
}

static ASEND_METHODS: &[MethodDef] = &[
    MethodDef::new("send", asend_send),
    MethodDef::new("throw", asend_throw),
    MethodDef::new("close", asend_close),
    MethodDef::new("__await__", asend_await),
];

/// `async_generator_asend`'s spec.
pub(crate) fn asend_spec() -> TypeSpec {
    TypeSpec {
        methods: ASEND_METHODS,
        name: "async_generator_asend",
        basicsize: 40,
        itemsize: 0,
        flags: 0x4100,
        slots: TypeSlots {
            traverse: Some(asend_traverse),
            iter: Some(crate::objects::seq_iter::self_iter),
            iternext: Some(asend_iternext),
            ..TypeSlots::new(dealloc_object::<PyAsyncGenASend>)
        },
    }
}

fn new_asend(py: Python<'_>, generator: &PyObject, value: PyRef, throw: Option<PyErr>) -> PyRef {
    let a = new_object(py, py.types().async_generator_asend(), |ob_base| {
        PyAsyncGenASend {
            ob_base,
            generator: generator.to_owned_ref(),
            value: RefCell::new(Some(value)),
            throw: RefCell::new(throw),
            done: Cell::new(false),
            closing: Cell::new(false),
        }
    });
    crate::gc::track(py, a.as_object());
    a.into_object()
}

fn as_asend(obj: &PyObject) -> &PyAsyncGenASend {
    // SAFETY: only installed on `async_generator_asend`.
    unsafe { &*(obj as *const PyObject as *const PyAsyncGenASend) }
}

fn asend_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let a = as_asend(obj);
    visit(&a.generator)?;
    // SAFETY: cloning only increments a count.
    if let Some(v) = unsafe { (*a.value.as_ptr()).clone() } {
        visit(&v)?;
    }
    ControlFlow::Continue(())
}

/// One step of the awaitable: resume the generator, turn a wrapped yield into
/// `StopIteration(value)` and the generator's end into `StopAsyncIteration`.
fn asend_step(
    py: Python<'_>,
    obj: &PyObject,
    sent: PyRef,
    throw: Option<PyErr>,
) -> PyResult<PyRef> {
    let a = as_asend(obj);
    if a.done.get() {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "cannot reuse already awaited __anext__()/asend()",
        ));
    }
    // The first step sends the stored value (or throws the stored exception).
    let first_value = a.value.borrow_mut().take();
    let first_throw = a.throw.borrow_mut().take();
    let (value, throw) = match (first_value, throw) {
        (Some(v), None) => (if py.is_none(&sent) { v } else { sent }, first_throw),
        (_, t) => (sent, t.or(first_throw)),
    };
    match resume(py, &a.generator, value, throw) {
        Ok(Resumed::Yielded(y)) => {
            if let Some(w) = y.downcast_ref::<PyAsyncGenWrapped>(py) {
                a.done.set(true);
                if a.closing.get() {
                    return Err(PyErr::new(
                        ExcKind::RuntimeError,
                        "async generator ignored GeneratorExit",
                    ));
                }
                return Err(PyErr::with_args(
                    ExcKind::StopIteration,
                    vec![w.value.clone()],
                ));
            }
            Ok(y)
        }
        Ok(Resumed::Returned(_)) => {
            a.done.set(true);
            if a.closing.get() {
                return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
            }
            Err(PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()))
        }
        Err(e) => {
            a.done.set(true);
            if a.closing.get()
                && (e.is_kind(ExcKind::GeneratorExit) || e.is_kind(ExcKind::StopAsyncIteration))
            {
                return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
            }
            Err(e)
        }
    }
}

fn asend_iternext(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    asend_step(py, obj, py.none(), None).map(Some)
}

fn asend_send(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("send", 1, 1)?;
    asend_step(py, this, a[0].clone(), None)
}

fn asend_throw(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("throw", 1, 3)?;
    let exc = throw_error(py, a)?;
    asend_step(py, this, py.none(), Some(exc))
}

fn asend_close(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("close", 0, 0)?;
    as_asend(this).done.set(true);
    Ok(py.none())
}

fn asend_await(_py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__await__", 0, 0)?;
    Ok(this.to_owned_ref())
}

/// `anext(it, default)`'s awaitable: the inner awaitable's result, or `default` when it raises
/// StopAsyncIteration.
#[repr(C)]
pub struct PyANextAwaitable {
    ob_base: PyObject,
    inner: PyRef,
    default: PyRef,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyANextAwaitable {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().anext_awaitable()
    }
}

static ANEXT_METHODS: &[MethodDef] = &[
    MethodDef::new("send", anext_send),
    MethodDef::new("__await__", asend_await),
];

/// `anext_awaitable`'s spec.
pub(crate) fn anext_spec() -> TypeSpec {
    TypeSpec {
        methods: ANEXT_METHODS,
        name: "anext_awaitable",
        basicsize: 32,
        itemsize: 0,
        flags: 0x4100,
        slots: TypeSlots {
            traverse: Some(anext_traverse),
            iter: Some(crate::objects::seq_iter::self_iter),
            iternext: Some(anext_iternext),
            ..TypeSlots::new(dealloc_object::<PyANextAwaitable>)
        },
    }
}

fn anext_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on `anext_awaitable`.
    let a = unsafe { &*(obj as *const PyObject as *const PyANextAwaitable) };
    visit(&a.inner)?;
    visit(&a.default)
}

fn anext_step(py: Python<'_>, obj: &PyObject, sent: PyRef) -> PyResult<PyRef> {
    let Some(a) = obj.downcast_ref::<PyANextAwaitable>(py) else {
        return Err(PyErr::type_error("anext_awaitable expected"));
    };
    let r = match crate::eval::ops::send(py, &a.inner, sent) {
        Ok(crate::eval::ops::SendResult::Yielded(v)) => return Ok(v),
        Ok(crate::eval::ops::SendResult::Returned(v)) => {
            Err(PyErr::with_args(ExcKind::StopIteration, vec![v]))
        }
        Err(e) => Err(e),
    };
    match r {
        Err(e) if e.is_kind(ExcKind::StopAsyncIteration) => Err(PyErr::with_args(
            ExcKind::StopIteration,
            vec![a.default.clone()],
        )),
        other => other,
    }
}

fn anext_iternext(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    anext_step(py, obj, py.none()).map(Some)
}

fn anext_send(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("send", 1, 1)?;
    anext_step(py, this, a[0].clone())
}

/// `aiter(async_iterable)`.
pub fn builtin_aiter(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("aiter", 1, 1)?;
    let obj = &a[0];
    let ty = obj.ob_type();
    let Some(f) = ty.lookup(
        py,
        crate::objects::str::intern_str(py, "__aiter__").as_object(),
    )?
    else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterable",
            ty.name()
        )));
    };
    let it = crate::eval::call::call1(py, &f, std::slice::from_ref(obj))?;
    if it
        .ob_type()
        .lookup(
            py,
            crate::objects::str::intern_str(py, "__anext__").as_object(),
        )?
        .is_none()
    {
        return Err(PyErr::type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            it.ob_type().name()
        )));
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`.
pub fn builtin_anext(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("anext", 1, 2)?;
    let it = &a[0];
    let ty = it.ob_type();
    let Some(f) = ty.lookup(
        py,
        crate::objects::str::intern_str(py, "__anext__").as_object(),
    )?
    else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterator",
            ty.name()
        )));
    };
    let awaitable = crate::eval::call::call1(py, &f, std::slice::from_ref(it))?;
    let Some(default) = a.get(1) else {
        return Ok(awaitable);
    };
    let inner = crate::eval::ops::get_awaitable(py, awaitable)?;
    let w = new_object(py, py.types().anext_awaitable(), |ob_base| {
        PyANextAwaitable {
            ob_base,
            inner,
            default: default.clone(),
        }
    });
    crate::gc::track(py, w.as_object());
    Ok(w.into_object())
}
