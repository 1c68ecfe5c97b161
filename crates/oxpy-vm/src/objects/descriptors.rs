//! `staticmethod`, `classmethod` and `property` (`Objects/funcobject.c`, `descrobject.c`).

use std::cell::RefCell;
use std::ops::ControlFlow;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::call::call1;
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// `staticmethod(f)`.
#[repr(C)]
pub struct PyStaticMethod {
    ob_base: PyObject,
    /// The wrapped callable.
    pub func: PyRef,
}

/// `classmethod(f)`.
#[repr(C)]
pub struct PyClassMethod {
    ob_base: PyObject,
    /// The wrapped callable.
    pub func: PyRef,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyStaticMethod {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().staticmethod()
    }
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyClassMethod {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().classmethod()
    }
}

fn wrapper_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: staticmethod and classmethod share the layout `{header, func}`.
    let s = unsafe { &*(obj as *const PyObject as *const PyStaticMethod) };
    visit(&s.func)
}

fn wrapper_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    // SAFETY: only installed on staticmethod.
    let s = unsafe { &*(obj as *const PyObject as *const PyStaticMethod) };
    crate::eval::call::call(py, &s.func, args)
}

/// `staticmethod`'s spec (basicsize 32; instances have a `__dict__`: getsizeof 48).
pub(crate) fn staticmethod_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "staticmethod",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(wrapper_traverse),
            call: Some(wrapper_call),
            ..TypeSlots::new(dealloc_object::<PyStaticMethod>)
        },
    }
}

/// `classmethod`'s spec.
pub(crate) fn classmethod_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "classmethod",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(wrapper_traverse),
            ..TypeSlots::new(dealloc_object::<PyClassMethod>)
        },
    }
}

impl PyStaticMethod {
    /// `staticmethod(func)`.
    pub fn new(py: Python<'_>, func: PyRef) -> PyRef<PyStaticMethod> {
        let s = new_object(py, py.types().staticmethod(), |ob_base| PyStaticMethod {
            ob_base,
            func,
        });
        crate::gc::track(py, &s.ob_base);
        s
    }
}

impl PyClassMethod {
    /// `classmethod(func)`.
    pub fn new(py: Python<'_>, func: PyRef) -> PyRef<PyClassMethod> {
        let s = new_object(py, py.types().classmethod(), |ob_base| PyClassMethod {
            ob_base,
            func,
        });
        crate::gc::track(py, &s.ob_base);
        s
    }
}

/// `property(fget, fset, fdel, doc)`.
#[repr(C)]
pub struct PyProperty {
    ob_base: PyObject,
    /// Getter.
    pub fget: RefCell<Option<PyRef>>,
    /// Setter.
    pub fset: RefCell<Option<PyRef>>,
    /// Deleter.
    pub fdel: RefCell<Option<PyRef>>,
    /// `__doc__`.
    pub doc: RefCell<Option<PyRef>>,
    /// The attribute name (`__set_name__`).
    pub name: RefCell<Option<PyRef>>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyProperty {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().property()
    }
}

static PROPERTY_METHODS: &[MethodDef] = &[
    MethodDef::new("getter", property_getter),
    MethodDef::new("setter", property_setter),
    MethodDef::new("deleter", property_deleter),
    MethodDef::new("__set_name__", property_set_name),
];

/// `property`'s spec (basicsize 64).
pub(crate) fn property_spec() -> TypeSpec {
    TypeSpec {
        methods: PROPERTY_METHODS,
        name: "property",
        basicsize: 64,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(property_traverse),
            ..TypeSlots::new(dealloc_object::<PyProperty>)
        },
    }
}

fn as_property(obj: &PyObject) -> &PyProperty {
    // SAFETY: only called on property objects (methods check via descriptor self-check).
    unsafe { &*(obj as *const PyObject as *const PyProperty) }
}

fn property_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let p = as_property(obj);
    for f in [&p.fget, &p.fset, &p.fdel, &p.doc, &p.name] {
        if let Some(x) = f.borrow().as_ref() {
            visit(x)?;
        }
    }
    ControlFlow::Continue(())
}

fn property_copy(py: Python<'_>, this: &PyObject, which: usize, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("getter", 1, 1)?;
    let p = as_property(this);
    let mut parts = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ];
    parts[which] = Some(a[0].clone());
    let [g, s, d] = parts;
    let n = PyProperty::new(py, g, s, d, p.doc.borrow().clone());
    *n.name.borrow_mut() = p.name.borrow().clone();
    Ok(n.into_object())
}

fn property_getter(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    property_copy(py, this, 0, args)
}

fn property_setter(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    property_copy(py, this, 1, args)
}

fn property_deleter(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    property_copy(py, this, 2, args)
}

fn property_set_name(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__set_name__", 2, 2)?;
    *as_property(this).name.borrow_mut() = Some(a[1].clone());
    Ok(py.none())
}

impl PyProperty {
    /// A new property.
    pub fn new(
        py: Python<'_>,
        fget: Option<PyRef>,
        fset: Option<PyRef>,
        fdel: Option<PyRef>,
        doc: Option<PyRef>,
    ) -> PyRef<PyProperty> {
        let p = new_object(py, py.types().property(), |ob_base| PyProperty {
            ob_base,
            fget: RefCell::new(fget),
            fset: RefCell::new(fset),
            fdel: RefCell::new(fdel),
            doc: RefCell::new(doc),
            name: RefCell::new(None),
        });
        crate::gc::track(py, &p.ob_base);
        p
    }

    /// `'x' ` (with the trailing space) for error messages, or empty.
    pub fn name_part(&self, py: Python<'_>) -> String {
        let name = self.name.borrow().clone().or_else(|| {
            self.fget
                .borrow()
                .as_ref()
                .and_then(|g| crate::eval::attr::getattr_str(py, g, "__name__").ok())
        });
        match name.and_then(|n| n.downcast::<PyStr>(py).ok()) {
            Some(n) => format!("'{}' ", n.to_string_lossy()),
            None => String::new(),
        }
    }

    /// `obj.x = value` / `del obj.x` through this property.
    pub fn set(&self, py: Python<'_>, obj: &PyObject, value: Option<PyRef>) -> PyResult<()> {
        let (f, what) = match value {
            Some(_) => (self.fset.borrow().clone(), "setter"),
            None => (self.fdel.borrow().clone(), "deleter"),
        };
        let Some(f) = f else {
            return Err(PyErr::new(
                ExcKind::AttributeError,
                format!(
                    "property {}of '{}' object has no {what}",
                    self.name_part(py),
                    obj.ob_type().name()
                ),
            ));
        };
        let mut args = vec![obj.to_owned_ref()];
        args.extend(value);
        call1(py, &f, &args)?;
        Ok(())
    }
}

/// Getter of a `getset_descriptor` (`getter` in `PyGetSetDef`).
pub type GetSetGet = fn(Python<'_>, &PyObject) -> PyResult<PyRef>;
/// Setter of a `getset_descriptor` (`setter`); `None` value = delete.
pub type GetSetSet = fn(Python<'_>, &PyObject, Option<PyRef>) -> PyResult<()>;

/// `getset_descriptor` (`PyGetSetDescrObject`): a C-level computed attribute. A class statement
/// puts one for `__dict__` and one for `__weakref__` in the class that first adds them
/// (`subtype_getsets_full`); each holds a strong reference to its class (`d_type`).
#[repr(C)]
pub struct PyGetSetDescr {
    ob_base: PyObject,
    /// `d_type`.
    pub owner: PyRef<PyType>,
    /// `d_name`.
    pub name: PyRef<PyStr>,
    /// `d_getset->get`.
    pub get: GetSetGet,
    /// `d_getset->set` (`None`: read-only).
    pub set: Option<GetSetSet>,
}

// SAFETY: #[repr(C)], header first; only objects of the getset_descriptor type have this layout.
unsafe impl PyPayload for PyGetSetDescr {
    fn type_object(py: Python<'_>) -> &PyType {
        getset_descriptor_type(py)
    }
}

/// The `getset_descriptor` type (created on first use; basicsize 48 as in CPython 3.11).
pub fn getset_descriptor_type(py: Python<'_>) -> &PyType {
    py.interp().lazy_type("getset_descriptor", || {
        let spec = TypeSpec {
            name: "getset_descriptor",
            basicsize: 48,
            itemsize: 0,
            // HAVE_GC | READY | IMMUTABLETYPE | HAVE_VERSION_TAG.
            flags: (1 << 14) | (1 << 12) | (1 << 8) | (1 << 18),
            slots: TypeSlots {
                repr: Some(getset_repr),
                traverse: Some(getset_traverse),
                attr: Some(getset_attr),
                ..TypeSlots::new(dealloc_object::<PyGetSetDescr>)
            },
            methods: GETSET_METHODS,
        };
        let t = PyType::new_native(py, py.types().object(), spec);
        // `tp_methods` become method descriptors in the type's dict (`type_ready`).
        let d = crate::objects::dict::PyDict::new(py);
        for def in GETSET_METHODS {
            let m = crate::objects::builtin_function::PyMethodDescr::new(py, def, &t);
            let key = crate::objects::str::intern_str(py, def.name);
            let _ = d.set_item(py, key.into_object(), m.into_object());
        }
        *t.dict.borrow_mut() = Some(d);
        let p = std::ptr::NonNull::from(&*t);
        // Types live as long as the interpreter.
        std::mem::forget(t);
        p
    })
}

static GETSET_METHODS: &[MethodDef] = &[
    MethodDef::new("__get__", getset_dunder_get),
    MethodDef::new("__set__", getset_dunder_set),
    MethodDef::new("__delete__", getset_dunder_delete),
];

fn as_getset<'a>(py: Python<'_>, this: &'a PyObject, name: &str) -> PyResult<&'a PyGetSetDescr> {
    this.downcast_ref::<PyGetSetDescr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{name}' requires a 'getset_descriptor' object but received a '{}'",
            this.ob_type().name()
        ))
    })
}

/// `getset_descriptor.__get__(obj, type=None)`: the descriptor itself for `obj` None.
fn getset_dunder_get(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__get__", 1, 2)?;
    let d = as_getset(py, this, "__get__")?;
    if py.is_none(&a[0]) {
        return Ok(this.to_owned_ref());
    }
    d.get_from(py, &a[0])
}

/// `getset_descriptor.__set__(obj, value)`.
fn getset_dunder_set(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__set__", 2, 2)?;
    as_getset(py, this, "__set__")?.set_on(py, &a[0], Some(a[1].clone()))?;
    Ok(py.none())
}

/// `getset_descriptor.__delete__(obj)`.
fn getset_dunder_delete(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__delete__", 1, 1)?;
    as_getset(py, this, "__delete__")?.set_on(py, &a[0], None)?;
    Ok(py.none())
}

fn getset_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on getset_descriptor, whose objects are PyGetSetDescr.
    let d = unsafe { &*(obj as *const PyObject as *const PyGetSetDescr) };
    visit(d.owner.as_object())
}

/// `descr_members`/`descr_getset`: `__name__`, `__qualname__` (`C.__dict__`) and `__objclass__`.
fn getset_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(d) = obj.downcast_ref::<PyGetSetDescr>(py) else {
        return Ok(None);
    };
    Ok(match name {
        "__name__" => Some(d.name.clone().into_object()),
        "__objclass__" => Some(d.owner.clone().into_object()),
        "__qualname__" => {
            let owner = match &d.owner.heap {
                Some(h) => h.qualname.borrow().to_string_lossy(),
                None => d.owner.name().to_string(),
            };
            let qual = format!("{owner}.{}", d.name.to_string_lossy());
            Some(PyStr::new(py, &qual).into_object())
        }
        _ => None,
    })
}

/// `descr_repr`: `<attribute '__dict__' of 'C' objects>`.
fn getset_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let Some(d) = obj.downcast_ref::<PyGetSetDescr>(py) else {
        return Err(PyErr::type_error("descriptor expected"));
    };
    Ok(PyStr::new(
        py,
        &format!(
            "<attribute '{}' of '{}' objects>",
            d.name.to_string_lossy(),
            d.owner.name()
        ),
    ))
}

impl PyGetSetDescr {
    /// `PyDescr_NewGetSet(owner, {name, get, set})`, tracked like CPython's.
    pub fn new(
        py: Python<'_>,
        owner: &PyType,
        name: PyRef<PyStr>,
        get: GetSetGet,
        set: Option<GetSetSet>,
    ) -> PyRef<PyGetSetDescr> {
        let d = new_object(py, getset_descriptor_type(py), |ob_base| PyGetSetDescr {
            ob_base,
            owner: owner.to_owned_ref(),
            name,
            get,
            set,
        });
        crate::gc::track(py, &d.ob_base);
        d
    }

    /// `descr_check`: `obj` must be an instance of the owning class.
    fn check(&self, py: Python<'_>, obj: &PyObject) -> PyResult<()> {
        if obj.ob_type().is_subtype(&self.owner) {
            return Ok(());
        }
        let _ = py;
        Err(PyErr::type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            self.name.to_string_lossy(),
            self.owner.name(),
            obj.ob_type().name()
        )))
    }

    /// `getset_get`: `obj.name`.
    pub fn get_from(&self, py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
        self.check(py, obj)?;
        (self.get)(py, obj)
    }

    /// `getset_set`: `obj.name = value` / `del obj.name`.
    pub fn set_on(&self, py: Python<'_>, obj: &PyObject, value: Option<PyRef>) -> PyResult<()> {
        self.check(py, obj)?;
        match self.set {
            Some(f) => f(py, obj, value),
            None => Err(PyErr::new(
                ExcKind::AttributeError,
                format!(
                    "attribute '{}' of '{}' objects is not writable",
                    self.name.to_string_lossy(),
                    self.owner.name()
                ),
            )),
        }
    }
}
