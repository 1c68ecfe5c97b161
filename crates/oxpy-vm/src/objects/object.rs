//! `object`: the base type, plain `object()` instances and the default slots.

use std::ptr::NonNull;

use crate::error::PyErr;
use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{Args, MethodDef};
use crate::object::{PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};

/// `object.__doc__`.
pub const OBJECT_DOC: &str = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n";

/// The methods in `object.__dict__` besides the slot wrappers (`object_methods` and the
/// `__class__` getset, which `init_type_dicts` wraps as a property).
static OBJECT_METHODS: [MethodDef; 6] = [
    MethodDef::new("__class__", object_get_class),
    MethodDef::new("__dir__", object_dir_method),
    MethodDef::new("__reduce__", object_reduce),
    MethodDef::new("__reduce_ex__", object_reduce_ex),
    MethodDef::new("__getstate__", object_getstate),
    MethodDef::new("__subclasshook__", object_subclasshook),
];

fn object_get_class(_py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(this.ob_type().to_owned_ref().into_object())
}

/// Add the keys of `ty`'s dict and its bases' dicts to `names` (`merge_class_dict`).
fn merge_class_dict(py: Python<'_>, ty: &PyType, names: &PyDict) -> PyResult<()> {
    for t in ty.mro() {
        if let Some(d) = t.dict() {
            for k in d.keys() {
                names.set_item(py, k, py.none())?;
            }
        }
    }
    Ok(())
}

/// `object.__dir__()`: the instance dict's keys, then the class's and its bases' attributes.
pub fn object_dir(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyList>> {
    let names = PyDict::new(py);
    if let Some(d) = crate::objects::instance::instance_dict(py, obj) {
        for k in d.keys() {
            names.set_item(py, k, py.none())?;
        }
    }
    merge_class_dict(py, obj.ob_type(), &names)?;
    PyList::from_vec(py, names.keys())
}

/// `type.__dir__()`: the attributes of the class and its bases (not the metaclass).
pub fn type_dir(py: Python<'_>, ty: &PyType) -> PyResult<PyRef<PyList>> {
    let names = PyDict::new(py);
    merge_class_dict(py, ty, &names)?;
    PyList::from_vec(py, names.keys())
}

fn object_dir_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__dir__", 0, 0)?;
    Ok(object_dir(py, this)?.into_object())
}

fn object_reduce(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__reduce__", 0, 0)?;
    Err(cannot_pickle(py, this))
}

fn object_reduce_ex(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__reduce_ex__", 1, 1)?;
    // A class's own `__reduce__` wins (`object___reduce_ex___impl`).
    let ty = this.ob_type();
    if ty.is_heap()
        && let Some(f) = ty.lookup(
            py,
            crate::objects::str::intern_str(py, "__reduce__").as_object(),
        )?
        && f.is_instance_of::<crate::objects::function::PyFunction>(py)
    {
        return crate::eval::call::call1(py, &f, &[this.to_owned_ref()]);
    }
    Err(cannot_pickle(py, this))
}

fn cannot_pickle(_py: Python<'_>, this: &PyObject) -> PyErr {
    PyErr::type_error(format!("cannot pickle '{}' object", this.ob_type().name()))
}

/// `object.__getstate__()`: a copy of a non-empty instance dict, else None.
fn object_getstate(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__getstate__", 0, 0)?;
    match crate::objects::instance::instance_dict(py, this) {
        Some(d) if !d.is_empty() => Ok(d.copy(py)?.into_object()),
        _ => Ok(py.none()),
    }
}

fn object_subclasshook(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(py.not_implemented())
}

/// `object`'s spec (basicsize 16, `__flags__` 0x1500 without VALID_VERSION_TAG).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &OBJECT_METHODS,
        name: "object",
        basicsize: 16,
        itemsize: 0,
        flags: 0x1500,
        slots: TypeSlots {
            repr: Some(object_repr),
            ..TypeSlots::new(object_dealloc)
        },
    }
}

/// `object()`: a new bare instance.
pub fn new_object(py: Python<'_>) -> PyRef {
    let ty = py.types().object();
    // SAFETY: a bare object is just the header, which `alloc_object` writes.
    unsafe { PyRef::from_raw(alloc_object(py, ty, size_of::<PyObject>())) }
}

/// `object_dealloc`: free the header-only instance.
unsafe fn object_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: dead bare object allocated with the header size.
    unsafe { free_object(py, obj, size_of::<PyObject>()) }
}

/// `_Py_HashPointer`: the address rotated right by 4 bits; −1 becomes −2.
pub fn hash_pointer(p: *const PyObject) -> isize {
    crate::tables::hash::hash_pointer(p as usize) as isize
}

/// `object.__hash__`.
pub(crate) fn object_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(hash_pointer(obj))
}

/// `object.__repr__`: `<name object at 0x…>`.
pub(crate) fn object_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let ty = obj.ob_type();
    let name = match &ty.heap {
        Some(h) => {
            let module = crate::objects::heap_type::type_module(py, ty);
            let qual = h.qualname.borrow().to_string_lossy();
            if module == "builtins" {
                qual
            } else {
                format!("{module}.{qual}")
            }
        }
        None => ty.name().to_string(),
    };
    Ok(PyStr::new(py, &format!("<{name} object at {obj:p}>")))
}

/// `object_richcompare`: `==` is identity, `!=` its negation, everything else NotImplemented.
pub(crate) fn object_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<PyRef> {
    Ok(match op {
        CompareOp::Eq if a.is(b) => py.true_().into_object(),
        CompareOp::Ne if a.is(b) => py.false_().into_object(),
        _ => py.not_implemented(),
    })
}

/// The `__doc__` getter of the builtin types whose instances carry their own doc (functions,
/// methods, properties, static/class methods): CPython's `__doc__` getsets and members.
pub static DOC_GET: MethodDef = MethodDef::new("__doc__", doc_get);
/// The matching setter (functions and properties only).
pub static DOC_SET: MethodDef = MethodDef::new("__doc__", doc_set);

fn doc_get(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    use crate::objects::descriptors::{PyClassMethod, PyProperty, PyStaticMethod};
    let doc_of = |f: &PyObject| crate::eval::attr::getattr_str(py, f, "__doc__");
    if let Some(f) = this.downcast_ref::<crate::objects::function::PyFunction>(py) {
        return Ok(f.doc.borrow().clone());
    }
    if let Some(m) = this.downcast_ref::<crate::objects::method::PyMethod>(py) {
        return doc_of(&m.func);
    }
    if let Some(b) = this.downcast_ref::<crate::objects::builtin_function::PyBuiltinFunction>(py) {
        return Ok(if b.def.doc.is_empty() {
            py.none()
        } else {
            PyStr::new(py, b.def.doc).into_object()
        });
    }
    if let Some(p) = this.downcast_ref::<PyProperty>(py) {
        // `property_init`: without an explicit doc, the getter's.
        if let Some(d) = p.doc.borrow().clone() {
            return Ok(d);
        }
        let getter = p.fget.borrow().clone();
        return match getter {
            Some(g) => doc_of(&g),
            None => Ok(py.none()),
        };
    }
    if let Some(s) = this.downcast_ref::<PyStaticMethod>(py) {
        return doc_of(&s.func);
    }
    if let Some(c) = this.downcast_ref::<PyClassMethod>(py) {
        return doc_of(&c.func);
    }
    Ok(py.none())
}

fn doc_set(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__doc__", 1, 1)?;
    if let Some(f) = this.downcast_ref::<crate::objects::function::PyFunction>(py) {
        *f.doc.borrow_mut() = a[0].clone();
        return Ok(py.none());
    }
    if let Some(p) = this.downcast_ref::<crate::objects::descriptors::PyProperty>(py) {
        *p.doc.borrow_mut() = Some(a[0].clone());
        return Ok(py.none());
    }
    Err(PyErr::new(
        crate::error::ExcKind::AttributeError,
        format!(
            "attribute '__doc__' of '{}' objects is not writable",
            this.ob_type().name()
        ),
    ))
}

/// `function.__annotations__` getter (`func_get_annotations`): made a dict on first access
/// (from the compiler's name/value tuple, or empty).
pub static ANNOTATIONS_GET: MethodDef = MethodDef::new("__annotations__", annotations_get);
/// `function.__annotations__` setter: a dict, or None (reset).
pub static ANNOTATIONS_SET: MethodDef = MethodDef::new("__annotations__", annotations_set);

fn annotations_get(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    let Some(f) = this.downcast_ref::<crate::objects::function::PyFunction>(py) else {
        return Ok(py.none());
    };
    let current = f.annotations.borrow().clone();
    let dict = match current {
        Some(d) if d.is_instance_of::<PyDict>(py) => return Ok(d),
        Some(t) => {
            let d = PyDict::new(py);
            let items = crate::eval::ops::collect_iterable(py, &t)?;
            for pair in items.chunks(2) {
                if let [k, v] = pair {
                    d.set_item(py, k.clone(), v.clone())?;
                }
            }
            d
        }
        None => PyDict::new(py),
    };
    *f.annotations.borrow_mut() = Some(dict.clone().into_object());
    Ok(dict.into_object())
}

fn annotations_set(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__annotations__", 1, 1)?;
    let Some(f) = this.downcast_ref::<crate::objects::function::PyFunction>(py) else {
        return Ok(py.none());
    };
    let v = &a[0];
    if py.is_none(v) {
        *f.annotations.borrow_mut() = None;
    } else if v.is_instance_of::<PyDict>(py) {
        *f.annotations.borrow_mut() = Some(v.clone());
    } else {
        return Err(PyErr::type_error(
            "__annotations__ must be set to a dict object",
        ));
    }
    Ok(py.none())
}
