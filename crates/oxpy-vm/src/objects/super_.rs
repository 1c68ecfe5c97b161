//! `super`: attribute lookup starting after a class in an instance's MRO (`superobject`).

use std::ops::ControlFlow;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::cell::PyCell;
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `super` object.
#[repr(C)]
pub struct PySuper {
    ob_base: PyObject,
    /// The class whose successors are searched.
    pub thisclass: PyRef<PyType>,
    /// The instance (or class) bound, if any.
    pub obj: Option<PyRef>,
    /// The type whose MRO is searched.
    pub obj_type: Option<PyRef<PyType>>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PySuper {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().super_()
    }
}

/// `super`'s spec (basicsize 40).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "super",
        basicsize: 40,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(super_traverse),
            repr: Some(super_repr),
            ..TypeSlots::new(dealloc_object::<PySuper>)
        },
    }
}

fn super_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on super objects.
    let s = unsafe { &*(obj as *const PyObject as *const PySuper) };
    visit(s.thisclass.as_object())?;
    if let Some(o) = &s.obj {
        visit(o)?;
    }
    ControlFlow::Continue(())
}

fn super_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    // SAFETY: only installed on super objects.
    let s = unsafe { &*(obj as *const PyObject as *const PySuper) };
    let text = match &s.obj_type {
        Some(t) => format!(
            "<super: <class '{}'>, <{} object>>",
            s.thisclass.name(),
            t.name()
        ),
        None => format!("<super: <class '{}'>, NULL>", s.thisclass.name()),
    };
    Ok(PyStr::new(py, &text))
}

/// `super(type, obj)` / zero-argument `super()` (from the calling frame).
pub fn super_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("super", 0, 2)?;
    let (thisclass, obj) = match pos {
        [] => zero_arg(py)?,
        [t] => (t.clone(), None),
        [t, o, ..] => (t.clone(), Some(o.clone())),
    };
    let thisclass = thisclass.downcast::<PyType>(py).map_err(|t| {
        PyErr::type_error(format!(
            "super() argument 1 must be a type, not {}",
            t.ob_type().name()
        ))
    })?;
    let obj_type = match &obj {
        None => None,
        Some(o) => {
            if let Some(t) = o.downcast_ref::<PyType>(py)
                && t.is_subtype(&thisclass)
            {
                Some(t.to_owned_ref())
            } else if o.ob_type().is_subtype(&thisclass) {
                Some(o.ob_type().to_owned_ref())
            } else {
                return Err(PyErr::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
        }
    };
    let s = new_object(py, py.types().super_(), |ob_base| PySuper {
        ob_base,
        thisclass,
        obj,
        obj_type,
    });
    crate::gc::track(py, &s.ob_base);
    Ok(s.into_object())
}

fn zero_arg(py: Python<'_>) -> PyResult<(PyRef, Option<PyRef>)> {
    crate::eval::with_current_frame(|frame| {
        let Some(frame) = frame else {
            return Err(PyErr::new(
                ExcKind::RuntimeError,
                "super(): no current frame",
            ));
        };
        let code = &frame.code;
        if code.code.co_argcount == 0 && !code.code.co_flags.has(oxpy_bytecode::CodeFlags::VARARGS)
        {
            return Err(PyErr::new(ExcKind::RuntimeError, "super(): no arguments"));
        }
        let mut first = frame.fast().first().cloned().flatten();
        // The first argument may have been moved into a cell.
        if let Some(f) = &first
            && code.code.co_localspluskinds.first().copied().unwrap_or(0)
                & oxpy_bytecode::LocalKind::CELL
                != 0
            && let Some(c) = f.downcast_ref::<PyCell>(py)
        {
            first = c.get();
        }
        let Some(first) = first else {
            return Err(PyErr::new(ExcKind::RuntimeError, "super(): arg[0] deleted"));
        };
        let idx = code
            .localsplusnames
            .iter()
            .position(|n| n.as_ascii_str() == Some("__class__"));
        let class = idx
            .and_then(|i| frame.fast().get(i).cloned().flatten())
            .and_then(|c| c.downcast_ref::<PyCell>(py).and_then(PyCell::get));
        match (idx, class) {
            (None, _) => Err(PyErr::new(
                ExcKind::RuntimeError,
                "super(): __class__ cell not found",
            )),
            (Some(_), None) => Err(PyErr::new(
                ExcKind::RuntimeError,
                "super(): empty __class__ cell",
            )),
            (Some(_), Some(c)) => Ok((c, Some(first))),
        }
    })
}

/// `super().name`.
pub fn super_getattr(py: Python<'_>, s: &PySuper, name: &PyStr) -> PyResult<Option<PyRef>> {
    let Some(start) = &s.obj_type else {
        return Ok(None);
    };
    if name.as_ascii_str() == Some("__class__") {
        return Ok(None);
    }
    let mut after = false;
    for t in start.mro() {
        if after {
            if let Some(d) = t.dict()
                && let Some(v) = d.get_item(py, name.as_object())?
            {
                let inst = s.obj.as_ref().filter(|o| !o.is(start.as_object()));
                return crate::eval::attr::descr_get(py, v, inst.map(|o| &**o), start).map(Some);
            }
        } else if std::ptr::eq(t, &*s.thisclass) {
            after = true;
        }
    }
    Ok(None)
}
