//! `_weakref`: the native half of `weakref` (`ref`, `proxy`, `getweakrefcount`,
//! `getweakrefs`); the bundled `lib/weakref.py` builds the containers and `finalize` on it.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::weakref::{new_weakref, proxy_type, ref_type, weakref_count, weakrefs_of};
use oxpy_vm::{PyObject, PyRef, Python};

/// The `_weakref` module.
pub static WEAKREF: ModuleDef = ModuleDef {
    name: "_weakref",
    doc: "Weak-reference support module.",
    methods: &[
        MethodDef::new("getweakrefcount", getweakrefcount),
        MethodDef::new("getweakrefs", getweakrefs),
        MethodDef::new("proxy", proxy),
    ],
    attrs: weakref_attrs,
};

fn weakref_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let r = ref_type(py).to_owned_ref().into_object();
    let p = proxy_type(py).to_owned_ref().into_object();
    Ok(vec![
        ("ref", r.clone()),
        ("ReferenceType", r),
        ("ProxyType", p.clone()),
        ("CallableProxyType", p),
    ])
}

fn getweakrefcount(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("getweakrefcount", 1, 1)?;
    let obj = a
        .first()
        .ok_or_else(|| PyErr::type_error("getweakrefcount"))?;
    Ok(PyInt::new(py, weakref_count(py, obj) as i64).into_object())
}

fn getweakrefs(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("getweakrefs", 1, 1)?;
    let obj = a.first().ok_or_else(|| PyErr::type_error("getweakrefs"))?;
    Ok(PyList::from_vec(py, weakrefs_of(py, obj))?.into_object())
}

fn proxy(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("proxy", 1, 2)?;
    let obj = a.first().ok_or_else(|| PyErr::type_error("proxy"))?;
    new_weakref(py, obj, a.get(1).cloned(), true)
}
