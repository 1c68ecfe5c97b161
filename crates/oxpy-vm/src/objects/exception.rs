//! `BaseException` and the builtin exception hierarchy (`PyBaseExceptionObject`).

use std::cell::{Cell, RefCell};
use std::ops::ControlFlow;

use crate::error::{ErrState, ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::protocol::{repr, str_};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// An exception instance.
#[repr(C)]
pub struct PyBaseException {
    ob_base: PyObject,
    /// `__dict__`.
    dict: RefCell<Option<PyRef<PyDict>>>,
    /// `args`.
    pub args: RefCell<PyRef<PyTuple>>,
    /// `__notes__` lives in the dict, as CPython.
    /// `__traceback__`.
    pub traceback: RefCell<Option<PyRef>>,
    /// `__context__`.
    pub context: RefCell<Option<PyRef>>,
    /// `__cause__`.
    pub cause: RefCell<Option<PyRef>>,
    /// `__suppress_context__`.
    pub suppress_context: Cell<bool>,
    /// Members of builtin subclasses (`NameError.name`, `OSError.errno`, …) that are set.
    fields: RefCell<Vec<(&'static str, PyRef)>>,
    /// `NameError`: the raising frame's local names, globals and builtins (for suggestions).
    name_ctx: RefCell<Option<Box<NameContext>>>,
}

/// What a `NameError` suggestion looks at: local variable names, globals, builtins.
type NameContext = (Vec<String>, PyRef, PyRef);

// SAFETY: #[repr(C)], header first; every exception class has this layout.
unsafe impl PyPayload for PyBaseException {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().exception(ExcKind::BaseException)
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type()
            .flags()
            .contains(crate::objects::type_::TypeFlags::BASE_EXC_SUBCLASS)
    }
}

/// The spec of builtin exception class `kind` (basicsize 72; `__flags__` as CPython).
pub(crate) fn spec(kind: ExcKind) -> TypeSpec {
    let base_flags = 0x4000_5500;
    TypeSpec {
        methods: if kind.is_subclass_of(ExcKind::BaseExceptionGroup) {
            crate::objects::exception_group::GROUP_METHODS
        } else {
            METHODS
        },
        name: kind.name(),
        basicsize: match kind {
            ExcKind::StopIteration | ExcKind::SystemExit => 80,
            ExcKind::OSError => 112,
            _ => 72,
        },
        itemsize: 0,
        flags: base_flags,
        slots: TypeSlots {
            traverse: Some(exception_traverse),
            clear: Some(exception_clear),
            repr: Some(exception_repr),
            str: Some(exception_str),
            ..TypeSlots::new(dealloc_object::<PyBaseException>)
        },
    }
}

static METHODS: &[crate::object::MethodDef] = &[
    crate::object::MethodDef::new("with_traceback", exc_with_traceback),
    crate::object::MethodDef::new("add_note", exc_add_note),
];

fn as_exc(obj: &PyObject) -> &PyBaseException {
    // SAFETY: only called from exception slots, installed on exception types only.
    unsafe { &*(obj as *const PyObject as *const PyBaseException) }
}

pub(crate) fn exc_with_traceback(
    _py: Python<'_>,
    this: &PyObject,
    args: crate::object::Args<'_>,
) -> PyResult<PyRef> {
    let a = args.exact_pos("with_traceback", 1, 1)?;
    let e = as_exc(this);
    let tb = if _py.is_none(&a[0]) {
        None
    } else {
        Some(a[0].clone())
    };
    *e.traceback.borrow_mut() = tb;
    Ok(this.to_owned_ref())
}

pub(crate) fn exc_add_note(
    py: Python<'_>,
    this: &PyObject,
    args: crate::object::Args<'_>,
) -> PyResult<PyRef> {
    let a = args.exact_pos("add_note", 1, 1)?;
    if !a[0].is_instance_of::<PyStr>(py) {
        return Err(PyErr::type_error(format!(
            "note must be a str, not '{}'",
            a[0].ob_type().name()
        )));
    }
    let d = as_exc(this).dict(py);
    let key = crate::objects::str::intern_str(py, "__notes__");
    let notes = match d.get_item(py, key.as_object())? {
        Some(n) => n,
        None => {
            let l = crate::objects::list::PyList::new_empty(py).into_object();
            d.set_item(py, key.into_object(), l.clone())?;
            l
        }
    };
    let list = notes
        .downcast_ref::<crate::objects::list::PyList>(py)
        .ok_or_else(|| PyErr::type_error("Cannot add note: __notes__ is not a list"))?;
    list.append(a[0].clone())?;
    Ok(py.none())
}

/// `tp_traverse` for exceptions.
pub fn exception_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let e = as_exc(obj);
    if let Some(d) = e.dict.borrow().as_ref() {
        visit(d.as_object())?;
    }
    visit(e.args.borrow().as_object())?;
    for r in [&e.traceback, &e.context, &e.cause] {
        if let Some(x) = r.borrow().as_ref() {
            visit(x)?;
        }
    }
    for (_, v) in e.fields.borrow().iter() {
        visit(v)?;
    }
    if let Some(c) = e.name_ctx.borrow().as_ref() {
        visit(&c.1)?;
        visit(&c.2)?;
    }
    ControlFlow::Continue(())
}

/// `tp_clear` for exceptions.
pub fn exception_clear(py: Python<'_>, obj: &PyObject) {
    let e = as_exc(obj);
    let d = e.dict.borrow_mut().take();
    let a = e.args.replace(py.interp().singletons.empty_tuple.clone());
    let t = e.traceback.borrow_mut().take();
    let c = e.context.borrow_mut().take();
    let cc = e.cause.borrow_mut().take();
    let f = std::mem::take(&mut *e.fields.borrow_mut());
    let n = e.name_ctx.borrow_mut().take();
    drop((d, a, t, c, cc, f, n));
}

/// `BaseException.__str__` (and `KeyError.__str__`).
fn exception_str(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    if let Some(r) = crate::objects::exception_attrs::special_str(py, obj) {
        return r;
    }
    let e = as_exc(obj);
    let args = e.args.borrow().clone();
    let is_key_error = obj
        .ob_type()
        .is_subtype(py.types().exception(ExcKind::KeyError));
    match args.as_slice() {
        [] => Ok(py.interp().singletons.empty_str.clone()),
        [one] if is_key_error => repr(py, one),
        [one] => str_(py, one),
        _ => repr(py, args.as_object()),
    }
}

/// `BaseException.__repr__`: `Name(args...)`.
fn exception_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let e = as_exc(obj);
    let args = e.args.borrow().clone();
    let name = obj.ob_type().name().to_string();
    let inner = match args.as_slice() {
        [one] => repr(py, one)?.to_string_lossy(),
        _ => {
            let r = repr(py, args.as_object())?.to_string_lossy();
            // "()" → "", "(1, 2)" → "1, 2"
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(PyStr::new(py, &format!("{name}({inner})")))
}

impl PyBaseException {
    /// A new exception of class `ty` with `args`; tracked by the GC.
    pub fn new_of_type(py: Python<'_>, ty: &PyType, args: Vec<PyRef>) -> PyRef<PyBaseException> {
        let e = new_object(py, ty, |ob_base| PyBaseException {
            ob_base,
            dict: RefCell::new(None),
            args: RefCell::new(PyTuple::new(py, args)),
            traceback: RefCell::new(None),
            context: RefCell::new(None),
            cause: RefCell::new(None),
            suppress_context: Cell::new(false),
            fields: RefCell::new(Vec::new()),
            name_ctx: RefCell::new(None),
        });
        crate::gc::track(py, e.as_object());
        crate::objects::exception_attrs::init_fields(py, &e);
        e
    }

    /// Member `name` of a builtin subclass (`NameError.name`, …), if it was set.
    pub fn field(&self, name: &str) -> Option<PyRef> {
        self.fields
            .borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }

    /// Set member `name` (`None` unsets it).
    pub fn set_field(&self, name: &'static str, value: Option<PyRef>) {
        let old = {
            let mut f = self.fields.borrow_mut();
            let old = f.iter().position(|(n, _)| *n == name).map(|i| f.remove(i));
            if let Some(v) = value {
                f.push((name, v));
            }
            old
        };
        drop(old);
    }

    /// Forget every member (before `__init__` sets them again).
    pub fn clear_fields(&self) {
        let old = std::mem::take(&mut *self.fields.borrow_mut());
        drop(old);
    }

    /// The names a `NameError` suggestion considers, if recorded.
    pub fn name_context(&self) -> Option<NameContext> {
        self.name_ctx.borrow().as_deref().cloned()
    }

    /// Record the raising frame's names for a `NameError` suggestion.
    pub fn set_name_context(&self, varnames: Vec<String>, globals: PyRef, builtins: PyRef) {
        let old = self
            .name_ctx
            .replace(Some(Box::new((varnames, globals, builtins))));
        drop(old);
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// The instance dict, created on first use.
    pub fn dict(&self, py: Python<'_>) -> PyRef<PyDict> {
        self.dict
            .borrow_mut()
            .get_or_insert_with(|| PyDict::new(py))
            .clone()
    }
}

/// Turn a raised error into an exception object (`PyErr_NormalizeException`).
pub fn normalize(py: Python<'_>, err: PyErr) -> PyRef {
    match err.state {
        ErrState::Object(o) => o,
        ErrState::Args { kind, args } => {
            PyBaseException::new_of_type(py, py.types().exception(kind), args).into_object()
        }
        ErrState::Lazy { kind, message } => {
            let ty = py.types().exception(kind);
            let args = if message.is_empty() && kind == ExcKind::MemoryError {
                Vec::new()
            } else {
                vec![PyStr::new(py, &message).into_object()]
            };
            PyBaseException::new_of_type(py, ty, args).into_object()
        }
    }
}
