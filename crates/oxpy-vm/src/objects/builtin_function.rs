//! `builtin_function_or_method` and `method_descriptor`: native callables (`PyCFunctionObject`,
//! `PyMethodDescrObject`).

use std::ops::ControlFlow;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A builtin function, or a builtin method bound to `this`.
#[repr(C)]
pub struct PyBuiltinFunction {
    ob_base: PyObject,
    /// The definition.
    pub def: &'static MethodDef,
    /// `__self__`: the module for module functions, the instance for bound methods.
    pub this: Option<PyRef>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyBuiltinFunction {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().builtin_function()
    }
}

/// `builtin_function_or_method`'s spec (basicsize 56, `__flags__` 0x5980).
pub(crate) fn builtin_function_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "builtin_function_or_method",
        basicsize: 56,
        itemsize: 0,
        flags: 0x5980,
        slots: TypeSlots {
            traverse: Some(builtin_traverse),
            repr: Some(builtin_repr),
            call: Some(builtin_call),
            ..TypeSlots::new(crate::objects::weakref::dealloc_weakrefable::<PyBuiltinFunction>)
        },
    }
}

fn as_builtin(obj: &PyObject) -> &PyBuiltinFunction {
    // SAFETY: only called from the type's own slots.
    unsafe { &*(obj as *const PyObject as *const PyBuiltinFunction) }
}

fn builtin_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    match &as_builtin(obj).this {
        Some(t) => visit(t),
        None => ControlFlow::Continue(()),
    }
}

fn builtin_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let f = as_builtin(obj);
    let text = match &f.this {
        Some(t) if !t.is_instance_of::<crate::objects::module::PyModule>(py) => format!(
            "<built-in method {} of {} object at {:#x}>",
            f.def.name,
            t.ob_type().name(),
            t.as_ptr() as usize
        ),
        _ => format!("<built-in function {}>", f.def.name),
    };
    Ok(PyStr::new(py, &text))
}

fn builtin_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let f = as_builtin(obj);
    let none = py.none();
    let this = f.this.as_ref().unwrap_or(&none);
    (f.def.func)(py, this, args)
}

impl PyBuiltinFunction {
    /// A builtin function bound to `this` (module or instance).
    pub fn new(
        py: Python<'_>,
        def: &'static MethodDef,
        this: Option<PyRef>,
    ) -> PyRef<PyBuiltinFunction> {
        let f = new_object(py, py.types().builtin_function(), |ob_base| {
            PyBuiltinFunction { ob_base, def, this }
        });
        crate::gc::track(py, f.as_object());
        f
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }
}

/// A method of a builtin type, unbound (`str.join`).
#[repr(C)]
pub struct PyMethodDescr {
    ob_base: PyObject,
    /// The definition.
    pub def: &'static MethodDef,
    /// The type that defines it (non-owning: builtin types are immortal).
    pub owner: std::ptr::NonNull<PyType>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyMethodDescr {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().method_descriptor()
    }
}

/// `method_descriptor`'s spec (basicsize 56, `__flags__` 0x25980).
pub(crate) fn method_descriptor_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "method_descriptor",
        basicsize: 56,
        itemsize: 0,
        flags: 0x2_5980,
        slots: TypeSlots {
            repr: Some(descr_repr),
            call: Some(descr_call),
            ..TypeSlots::new(dealloc_object::<PyMethodDescr>)
        },
    }
}

fn as_descr(obj: &PyObject) -> &PyMethodDescr {
    // SAFETY: only called from the type's own slots.
    unsafe { &*(obj as *const PyObject as *const PyMethodDescr) }
}

fn descr_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let d = as_descr(obj);
    Ok(PyStr::new(
        py,
        &format!(
            "<method '{}' of '{}' objects>",
            d.def.name,
            d.owner_type().name()
        ),
    ))
}

fn descr_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = as_descr(obj);
    let pos = args.pos();
    let Some(this) = pos.first() else {
        return Err(PyErr::type_error(format!(
            "unbound method {}.{}() needs an argument",
            d.owner_type().name(),
            d.def.name
        )));
    };
    d.check_self(this)?;
    (d.def.func)(
        py,
        this,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

impl PyMethodDescr {
    /// A descriptor for `def` on builtin type `owner`.
    pub fn new(py: Python<'_>, def: &'static MethodDef, owner: &PyType) -> PyRef<PyMethodDescr> {
        new_object(py, py.types().method_descriptor(), |ob_base| {
            PyMethodDescr {
                ob_base,
                def,
                owner: std::ptr::NonNull::from(owner),
            }
        })
    }

    /// The defining type.
    pub fn owner_type(&self) -> &PyType {
        // SAFETY: builtin types outlive their descriptors.
        unsafe { self.owner.as_ref() }
    }

    /// "descriptor 'join' for 'str' objects doesn't apply to a 'int' object".
    pub fn check_self(&self, this: &PyObject) -> PyResult<()> {
        if this.ob_type().is_subtype(self.owner_type()) {
            Ok(())
        } else {
            Err(PyErr::type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                self.def.name,
                self.owner_type().name(),
                this.ob_type().name()
            )))
        }
    }
}
