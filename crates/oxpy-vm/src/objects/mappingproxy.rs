//! `mappingproxy`: a read-only view of a mapping, what `cls.__dict__` returns
//! (`Objects/descrobject.c`, `mappingproxy_*`).

use std::ops::ControlFlow;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::str::{PyStr, intern_str};
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};
use crate::ops::BinOp;

/// A `mappingproxy` (`mappingproxyobject`: the mapping, 24 bytes + GC head).
#[repr(C)]
pub struct PyMappingProxy {
    ob_base: PyObject,
    /// The wrapped mapping.
    pub mapping: PyRef,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyMappingProxy {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().mappingproxy()
    }
}

static METHODS: [MethodDef; 6] = [
    MethodDef::new("get", mp_get),
    MethodDef::new("keys", mp_keys),
    MethodDef::new("values", mp_values),
    MethodDef::new("items", mp_items),
    MethodDef::new("copy", mp_copy),
    MethodDef::new("__reversed__", mp_reversed),
];

/// `mappingproxy`'s spec (basicsize 24, `Py_TPFLAGS_MAPPING`, GC).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &METHODS,
        name: "mappingproxy",
        basicsize: 24,
        itemsize: 0,
        flags: 0x5140,
        slots: TypeSlots {
            traverse: Some(mp_traverse),
            hash: None,
            repr: Some(mp_repr),
            str: Some(mp_str),
            richcompare: Some(mp_richcompare),
            binop: Some(mp_binop),
            len: Some(mp_len),
            getitem: Some(mp_getitem),
            contains: Some(mp_contains),
            iter: Some(mp_iter),
            ..TypeSlots::new(dealloc_object::<PyMappingProxy>)
        },
    }
}

/// Wrap `mapping` (a dict, or anything with the mapping protocol).
pub fn mappingproxy_wrap(py: Python<'_>, mapping: PyRef) -> PyRef {
    let p = new_object(py, py.types().mappingproxy(), |ob_base| PyMappingProxy {
        ob_base,
        mapping,
    });
    crate::gc::track(py, p.as_object());
    p.into_object()
}

/// `mappingproxy(mapping)` (`mappingproxy_new`): refuses sequences and non-mappings.
pub fn mappingproxy_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let [m] = args.parse("mappingproxy", ["mapping"], 1)?;
    let Some(m) = m else {
        return Err(PyErr::type_error(
            "mappingproxy() missing required argument 'mapping' (pos 1)",
        ));
    };
    let ty = m.ob_type();
    let is_mapping = ty.slots.getitem.is_some()
        && !m.is_instance_of::<crate::objects::list::PyList>(py)
        && !m.is_instance_of::<crate::objects::tuple::PyTuple>(py);
    if !is_mapping {
        return Err(PyErr::type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            ty.name()
        )));
    }
    Ok(mappingproxy_wrap(py, m.clone()))
}

fn inner(obj: &PyObject) -> &PyRef {
    // SAFETY: only installed on `mappingproxy`, whose instances are `PyMappingProxy`s.
    &unsafe { &*(obj as *const PyObject as *const PyMappingProxy) }.mapping
}

fn mp_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    visit(inner(obj))
}

fn mp_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let r = protocol::repr(py, inner(obj))?;
    Ok(PyStr::new(
        py,
        &format!("mappingproxy({})", r.to_string_lossy()),
    ))
}

fn mp_str(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    protocol::str_(py, inner(obj))
}

fn mp_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !a.is_instance_of::<PyMappingProxy>(py) {
        return Ok(py.not_implemented());
    }
    protocol::rich_compare(py, inner(a), b, op)
}

fn mp_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if op != BinOp::Or {
        return Ok(py.not_implemented());
    }
    let unwrap = |o: &PyObject| match o.is_instance_of::<PyMappingProxy>(py) {
        true => inner(o).clone(),
        false => o.to_owned_ref(),
    };
    crate::eval::ops::binary_op(py, BinOp::Or, &unwrap(a), &unwrap(b))
}

fn mp_len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    crate::eval::ops::len(py, inner(obj))
}

fn mp_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    crate::eval::ops::getitem(py, inner(obj), key)
}

fn mp_contains(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    crate::eval::ops::contains(py, inner(obj), key)
}

fn mp_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    crate::eval::ops::get_iter(py, inner(obj))
}

fn call_method(py: Python<'_>, this: &PyObject, name: &str, args: Args<'_>) -> PyResult<PyRef> {
    let m = crate::eval::attr::getattr(py, inner(this), &intern_str(py, name))?;
    crate::eval::call::call(py, &m, args)
}

fn mp_get(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("get", 1, 2)?;
    call_method(py, this, "get", Args::positional(a))
}

/// Methods without arguments that call the mapping's method of the same name.
macro_rules! forward_no_args {
    ($($f:ident => $name:literal),* $(,)?) => {$(
        fn $f(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
            args.exact_pos($name, 0, 0)?;
            call_method(py, this, $name, args)
        }
    )*};
}

forward_no_args!(mp_keys => "keys", mp_values => "values", mp_items => "items", mp_copy => "copy");

fn mp_reversed(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__reversed__", 0, 0)?;
    crate::objects::reversed::reversed_new(py, Args::positional(&[inner(this).clone()]))
}
