//! Methods of `type` (`type_methods` in `Objects/typeobject.c`): `mro`, `__subclasses__`,
//! `__instancecheck__`, `__subclasscheck__`, `__prepare__`, and `type | other` (PEP 604).

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::list::PyList;
use crate::objects::type_::PyType;
use crate::ops::BinOp;

/// The methods in `type.__dict__`.
pub static TYPE_METHODS: [MethodDef; 5] = [
    MethodDef::new("mro", type_mro),
    MethodDef::new("__subclasses__", type_subclasses),
    MethodDef::new("__instancecheck__", type_instancecheck),
    MethodDef::new("__subclasscheck__", type_subclasscheck),
    MethodDef::new("__prepare__", type_prepare),
];

fn as_type<'a>(py: Python<'_>, this: &'a PyObject, name: &str) -> PyResult<&'a PyType> {
    this.downcast_ref::<PyType>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{name}' for 'type' objects doesn't apply to a '{}' object",
            this.ob_type().name()
        ))
    })
}

/// `type.mro()`: the C3 linearisation as a list.
fn type_mro(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("mro", 0, 0)?;
    let t = as_type(py, this, "mro")?;
    let items = t.mro().map(|m| m.to_owned_ref().into_object()).collect();
    Ok(PyList::from_vec(py, items)?.into_object())
}

/// `type.__subclasses__()`: the direct subclasses still alive, oldest first.
fn type_subclasses(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__subclasses__", 0, 0)?;
    let t = as_type(py, this, "__subclasses__")?;
    let items = t
        .subclasses(py)
        .into_iter()
        .map(|s| s.into_object())
        .collect();
    Ok(PyList::from_vec(py, items)?.into_object())
}

/// `type.__instancecheck__(inst)`: `_PyObject_RealIsInstance`.
fn type_instancecheck(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__instancecheck__", 1, 1)?;
    let t = as_type(py, this, "__instancecheck__")?;
    Ok(py.bool(real_isinstance(&a[0], t)).into_object())
}

/// `type.__subclasscheck__(sub)`: `_PyObject_RealIsSubclass`.
fn type_subclasscheck(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__subclasscheck__", 1, 1)?;
    let t = as_type(py, this, "__subclasscheck__")?;
    let sub = a[0]
        .downcast_ref::<PyType>(py)
        .ok_or_else(|| PyErr::type_error("issubclass() arg 1 must be a class"))?;
    Ok(py.bool(sub.is_subtype(t)).into_object())
}

/// `type.__prepare__(name, bases, **kwds)`: a fresh dict for the class namespace.
fn type_prepare(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyDict::new(py).into_object())
}

/// `object_isinstance` for a type: the instance's type derives from `cls`.
pub fn real_isinstance(obj: &PyObject, cls: &PyType) -> bool {
    obj.ob_type().is_subtype(cls)
}

/// `type`'s number slot: only `|`, which builds a `types.UnionType` (`_Py_union_type_or`).
pub(crate) fn type_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if op != BinOp::Or {
        return Ok(py.not_implemented());
    }
    crate::objects::union::union_or(py, a, b)
}

/// The getter of `type.__dict__['__dict__']` (`type_dict`): a read-only proxy of the namespace.
pub static TYPE_DICT_GET: MethodDef = MethodDef::new("__dict__", type_dict_get);

fn type_dict_get(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    let t = as_type(py, this, "__dict__")?;
    Ok(match t.dict() {
        Some(d) => crate::objects::mappingproxy::mappingproxy_wrap(py, d.into_object()),
        None => py.none(),
    })
}
