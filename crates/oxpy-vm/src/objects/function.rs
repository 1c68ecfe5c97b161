//! `function`: a Python function (`PyFunctionObject`).

use std::cell::RefCell;
use std::ops::ControlFlow;

use crate::gil::Python;
use crate::object::alloc::new_object;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A function: code plus the environment it runs in.
#[repr(C)]
pub struct PyFunction {
    ob_base: PyObject,
    /// `__code__`.
    pub code: PyRef<PyCode>,
    /// `__globals__`.
    pub globals: PyRef<PyDict>,
    /// `__builtins__` (the builtins dict of the defining module).
    pub builtins: PyRef<PyDict>,
    /// `__name__`.
    pub name: RefCell<PyRef<PyStr>>,
    /// `__qualname__`.
    pub qualname: RefCell<PyRef<PyStr>>,
    /// `__defaults__`.
    pub defaults: RefCell<Option<PyRef<PyTuple>>>,
    /// `__kwdefaults__`.
    pub kwdefaults: RefCell<Option<PyRef<PyDict>>>,
    /// `__closure__` (a tuple of cells).
    pub closure: Option<PyRef<PyTuple>>,
    /// `__doc__`.
    pub doc: RefCell<PyRef>,
    /// `__module__`.
    pub module: RefCell<PyRef>,
    /// `__annotations__` (a dict or a tuple of name/value pairs until asked).
    pub annotations: RefCell<Option<PyRef>>,
    /// `__dict__`.
    pub dict: RefCell<Option<PyRef<PyDict>>>,
    /// What `CALL` needs of the (never replaced) code, at hand in the function.
    pub(crate) shape: CallShape,
}

/// The frame size and argument shape of a function's code, read by `CALL` without reaching
/// the code object.
#[derive(Clone, Copy)]
pub(crate) struct CallShape {
    /// The number of positional arguments a call binds by moving them into the first locals
    /// (`co_argcount`), or `u32::MAX` when a call needs more work: `*args`, `**kwargs`,
    /// keyword-only parameters, or a generator/coroutine.
    pub(crate) simple_argc: u32,
    /// `co_nlocalsplus`.
    pub(crate) nlocalsplus: u32,
    /// `co_stacksize`.
    pub(crate) stacksize: u32,
}

impl CallShape {
    /// The shape of `code`.
    fn of(code: &PyCode) -> CallShape {
        use oxpy_bytecode::CodeFlags;
        let co = &code.code;
        let not_simple = CodeFlags::VARARGS
            | CodeFlags::VARKEYWORDS
            | CodeFlags::GENERATOR
            | CodeFlags::COROUTINE
            | CodeFlags::ASYNC_GENERATOR;
        let simple = co.co_kwonlyargcount == 0 && co.co_flags.0 & not_simple == 0;
        CallShape {
            simple_argc: if simple { co.co_argcount } else { u32::MAX },
            nlocalsplus: u32::try_from(co.co_nlocalsplus()).unwrap_or(u32::MAX),
            stacksize: co.co_stacksize,
        }
    }
}

// SAFETY: #[repr(C)], header first; `function` cannot be subclassed.
unsafe impl PyPayload for PyFunction {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().function()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().function())
    }
}

/// `function`'s spec (basicsize 136, `__flags__` 0x25900 without VALID_VERSION_TAG).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "function",
        basicsize: 136,
        itemsize: 0,
        flags: 0x2_5900,
        slots: TypeSlots {
            traverse: Some(function_traverse),
            clear: Some(function_clear),
            repr: Some(function_repr),
            call: Some(crate::eval::call::function_call),
            ..TypeSlots::new(crate::objects::weakref::dealloc_weakrefable::<PyFunction>)
        },
    }
}

fn as_function(obj: &PyObject) -> &PyFunction {
    // SAFETY: only called from function's own slots.
    unsafe { &*(obj as *const PyObject as *const PyFunction) }
}

fn function_repr(py: Python<'_>, obj: &PyObject) -> crate::PyResult<PyRef<PyStr>> {
    let f = as_function(obj);
    let q = f.qualname.borrow().to_string_lossy();
    Ok(PyStr::new(
        py,
        &format!("<function {q} at {:#x}>", obj.as_ptr() as usize),
    ))
}

fn function_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let f = as_function(obj);
    visit(f.code.as_object())?;
    visit(f.globals.as_object())?;
    visit(f.builtins.as_object())?;
    if let Some(d) = f.defaults.borrow().as_ref() {
        visit(d.as_object())?;
    }
    if let Some(d) = f.kwdefaults.borrow().as_ref() {
        visit(d.as_object())?;
    }
    if let Some(c) = &f.closure {
        visit(c.as_object())?;
    }
    visit(&f.doc.borrow())?;
    visit(&f.module.borrow())?;
    if let Some(a) = f.annotations.borrow().as_ref() {
        visit(a)?;
    }
    if let Some(d) = f.dict.borrow().as_ref() {
        visit(d.as_object())?;
    }
    ControlFlow::Continue(())
}

fn function_clear(py: Python<'_>, obj: &PyObject) {
    let f = as_function(obj);
    let d = f.defaults.borrow_mut().take();
    let k = f.kwdefaults.borrow_mut().take();
    let a = f.annotations.borrow_mut().take();
    let dd = f.dict.borrow_mut().take();
    let doc = f.doc.replace(py.none());
    let m = f.module.replace(py.none());
    drop((d, k, a, dd, doc, m));
}

impl PyFunction {
    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// `func.__annotations__`: a dict, made on first access from MAKE_FUNCTION's flat
    /// `(name, value, ...)` tuple (or empty), then kept (`func_get_annotations`).
    pub fn annotations_dict(&self, py: Python<'_>) -> crate::error::PyResult<PyRef> {
        let current = self.annotations.borrow().clone();
        if let Some(a) = &current
            && a.downcast_ref::<crate::objects::dict::PyDict>(py).is_some()
        {
            return Ok(a.clone());
        }
        let dict = crate::objects::dict::PyDict::new(py);
        if let Some(t) = current
            .as_ref()
            .and_then(|a| a.downcast_ref::<crate::objects::tuple::PyTuple>(py))
        {
            let items = t.as_slice();
            for pair in items.chunks(2) {
                if let [k, v] = pair {
                    dict.set_item(py, k.clone(), v.clone())?;
                }
            }
        }
        let dict = dict.into_object();
        *self.annotations.borrow_mut() = Some(dict.clone());
        Ok(dict)
    }

    /// `PyFunction_New`: a function for `code` in `globals` (tracked by the GC).
    pub fn new(
        py: Python<'_>,
        code: PyRef<PyCode>,
        globals: PyRef<PyDict>,
        builtins: PyRef<PyDict>,
        closure: Option<PyRef<PyTuple>>,
    ) -> PyRef<PyFunction> {
        let name = code.name.clone();
        let qualname = code.qualname.clone();
        // `__doc__` is the first constant if it is a string (3.11 compiler convention).
        let doc = match code.consts.first() {
            Some(c) if c.is_instance_of::<PyStr>(py) => c.clone(),
            _ => py.none(),
        };
        let module = globals
            .get_item(
                py,
                crate::objects::str::intern_str(py, "__name__").as_object(),
            )
            .ok()
            .flatten()
            .unwrap_or_else(|| py.none());
        let shape = CallShape::of(&code);
        let f = new_object(py, py.types().function(), |ob_base| PyFunction {
            ob_base,
            code,
            globals,
            builtins,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(None),
            kwdefaults: RefCell::new(None),
            closure,
            doc: RefCell::new(doc),
            module: RefCell::new(module),
            annotations: RefCell::new(None),
            dict: RefCell::new(None),
            shape,
        });
        crate::gc::track(py, f.as_object());
        f
    }
}
