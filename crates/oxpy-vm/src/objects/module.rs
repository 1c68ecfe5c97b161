//! `module`: a module object with its namespace dict (`PyModuleObject`).

use std::ops::ControlFlow;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::new_object;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A module.
#[repr(C)]
pub struct PyModule {
    ob_base: PyObject,
    /// `__dict__`.
    pub dict: PyRef<PyDict>,
    /// Built into the interpreter (a native module, `sys`, `builtins`): its repr says so.
    pub builtin: std::cell::Cell<bool>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyModule {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().module()
    }
}

/// `module`'s spec (basicsize 56, `__flags__` 0x5500 without VALID_VERSION_TAG).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "module",
        basicsize: 56,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(module_traverse),
            repr: Some(module_repr),
            ..TypeSlots::new(crate::objects::weakref::dealloc_weakrefable::<PyModule>)
        },
    }
}

fn module_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on `module`.
    let m = unsafe { &*(obj as *const PyObject as *const PyModule) };
    visit(m.dict.as_object())
}

fn module_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    // SAFETY: only installed on `module`.
    let m = unsafe { &*(obj as *const PyObject as *const PyModule) };
    let name = m
        .get(py, "__name__")
        .map(|n| crate::object::protocol::repr(py, &n))
        .transpose()?
        .map_or_else(|| "'?'".to_string(), |s| s.to_string_lossy());
    let file = m.get(py, "__file__").filter(|f| !py.is_none(f));
    let text = match file {
        Some(f) => format!(
            "<module {name} from {}>",
            crate::object::protocol::repr(py, &f)?.to_string_lossy()
        ),
        None if m.builtin.get() || is_runtime_module(&name) => {
            format!("<module {name} (built-in)>")
        }
        None => match m.get(py, "__loader__").filter(|l| !py.is_none(l)) {
            Some(l) => format!(
                "<module {name} ({})>",
                crate::object::protocol::repr(py, &l)?.to_string_lossy()
            ),
            None => format!("<module {name}>"),
        },
    };
    Ok(PyStr::new(py, &text))
}

fn is_runtime_module(quoted_name: &str) -> bool {
    matches!(quoted_name, "'sys'" | "'builtins'")
}

/// `types.ModuleType(name, doc=None)`.
pub fn module_new(py: Python<'_>, args: crate::object::Args<'_>) -> PyResult<PyRef> {
    let [name, doc] = args.parse("module", ["name", "doc"], 1)?;
    let Some(name) = name else {
        return Err(crate::error::PyErr::type_error(
            "module() missing required argument 'name' (pos 1)",
        ));
    };
    let Some(n) = name.downcast_ref::<PyStr>(py) else {
        return Err(crate::error::PyErr::type_error(format!(
            "module.__init__() argument 'name' must be str, not {}",
            name.ob_type().name()
        )));
    };
    let m = PyModule::new(py, &n.to_string_lossy());
    m.set(py, "__name__", name.clone());
    if let Some(d) = doc {
        m.set(py, "__doc__", d.clone());
    }
    Ok(m.into_object())
}

impl PyModule {
    /// A module named `name` with `__name__`, `__doc__` (None), `__package__`, `__loader__`,
    /// `__spec__` set as `types.ModuleType(name)` does.
    pub fn new(py: Python<'_>, name: &str) -> PyRef<PyModule> {
        let dict = PyDict::new(py);
        let m = new_object(py, py.types().module(), |ob_base| PyModule {
            ob_base,
            dict,
            builtin: std::cell::Cell::new(false),
        });
        for (k, v) in [
            ("__name__", PyStr::new(py, name).into_object()),
            ("__doc__", py.none()),
            ("__package__", py.none()),
            ("__loader__", py.none()),
            ("__spec__", py.none()),
        ] {
            m.set(py, k, v);
        }
        crate::gc::track(py, m.as_object());
        m
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// A global of the module, if set.
    pub fn get(&self, py: Python<'_>, name: &str) -> Option<PyRef> {
        self.dict
            .get_item(py, intern_str(py, name).as_object())
            .ok()
            .flatten()
    }

    /// Set a global (str keys cannot fail to hash or compare).
    pub fn set(&self, py: Python<'_>, name: &str, value: PyRef) {
        let _ = self
            .dict
            .set_item(py, intern_str(py, name).into_object(), value);
    }

    /// `module.name` lookup with CPython's message when missing.
    pub fn getattr(&self, py: Python<'_>, name: &PyStr) -> PyResult<PyRef> {
        if let Some(v) = self.dict.get_item(py, name.as_object())? {
            return Ok(v);
        }
        if name.as_ascii_str() == Some("__dict__") {
            return Ok(self.dict.clone().into_object());
        }
        // PEP 562: a module-level `__getattr__`.
        if let Some(hook) = self.get(py, "__getattr__") {
            return crate::eval::call::call1(py, &hook, &[name.as_object().to_owned_ref()]);
        }
        let modname = self
            .get(py, "__name__")
            .and_then(|n| n.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
            .unwrap_or_else(|| "?".into());
        Err(crate::objects::exception_attrs::attribute_error(
            py,
            format!(
                "module '{modname}' has no attribute '{}'",
                name.to_string_lossy()
            ),
            name,
            self.as_object(),
        ))
    }
}
