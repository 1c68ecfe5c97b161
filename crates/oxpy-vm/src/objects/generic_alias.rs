//! `types.GenericAlias`: the value of `list[int]` (PEP 585, `Objects/genericaliasobject.c`).

use std::ops::ControlFlow;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};
use crate::ops::BinOp;

/// A parameterized generic (`gaobject`: origin, args, parameters, weakrefs, starred flag,
/// vectorcall; 64 bytes).
#[repr(C)]
pub struct PyGenericAlias {
    ob_base: PyObject,
    /// `__origin__`: the subscripted class.
    pub origin: PyRef,
    /// `__args__`: the subscript, always a tuple.
    pub args: PyRef<PyTuple>,
    _rest: [usize; 4],
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyGenericAlias {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().generic_alias()
    }
}

/// `types.GenericAlias`'s spec (basicsize 64, GC).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "types.GenericAlias",
        basicsize: 64,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(ga_traverse),
            hash: Some(ga_hash),
            repr: Some(ga_repr),
            richcompare: Some(ga_richcompare),
            binop: Some(ga_binop),
            call: Some(ga_call),
            attr: Some(ga_attr),
            ..TypeSlots::new(dealloc_object::<PyGenericAlias>)
        },
    }
}

/// `__class_getitem__` of the builtin generic classes (`Py_GenericAlias` as a classmethod).
pub static CLASS_GETITEM: MethodDef = MethodDef::new("__class_getitem__", class_getitem);

/// `types.GenericAlias(origin, args)` / `cls[args]`.
pub fn generic_alias_new(py: Python<'_>, origin: PyRef, args: &PyObject) -> PyRef {
    let args = match args.downcast_ref::<PyTuple>(py) {
        Some(_) if PyTuple::is_exact_type_of(py, args) => {
            args.to_owned_ref().downcast::<PyTuple>(py).ok()
        }
        _ => None,
    }
    .unwrap_or_else(|| PyTuple::new(py, vec![args.to_owned_ref()]));
    let ga = new_object(py, py.types().generic_alias(), |ob_base| PyGenericAlias {
        ob_base,
        origin,
        args,
        _rest: [0; 4],
    });
    crate::gc::track(py, ga.as_object());
    ga.into_object()
}

fn class_getitem(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__class_getitem__", 2, 2)?;
    Ok(generic_alias_new(py, a[0].clone(), &a[1]))
}

/// `types.GenericAlias(origin, args)` called directly.
pub fn ga_type_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("GenericAlias")?;
    let a = args.exact_pos("GenericAlias", 2, 2)?;
    Ok(generic_alias_new(py, a[0].clone(), &a[1]))
}

fn ga_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on `types.GenericAlias`, whose instances are `PyGenericAlias`es.
    let g = unsafe { &*(obj as *const PyObject as *const PyGenericAlias) };
    visit(&g.origin)?;
    visit(g.args.as_object())
}

fn ga_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let Some(g) = obj.downcast_ref::<PyGenericAlias>(py) else {
        return Ok(PyStr::new(py, "?"));
    };
    let mut out = crate::objects::union::repr_item(py, &g.origin)?;
    out.push('[');
    if g.args.is_empty() {
        out.push_str("()");
    }
    for (i, a) in g.args.as_slice().iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(l) = a.downcast_ref::<crate::objects::list::PyList>(py) {
            // `ga_repr_items_list`: a list argument (Callable's parameters).
            out.push('[');
            for (j, x) in l.to_vec().iter().enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                out.push_str(&crate::objects::union::repr_item(py, x)?);
            }
            out.push(']');
        } else {
            out.push_str(&crate::objects::union::repr_item(py, a)?);
        }
    }
    out.push(']');
    Ok(PyStr::new(py, &out))
}

fn ga_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let Some(g) = obj.downcast_ref::<PyGenericAlias>(py) else {
        return Ok(0);
    };
    let h0 = protocol::hash(py, &g.origin)?;
    let h1 = protocol::hash(py, g.args.as_object())?;
    Ok(h0 ^ h1)
}

fn ga_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (
        a.downcast_ref::<PyGenericAlias>(py),
        b.downcast_ref::<PyGenericAlias>(py),
    ) else {
        return Ok(py.not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py.not_implemented());
    }
    let eq = protocol::rich_compare_bool(py, &x.origin, &y.origin, CompareOp::Eq)?
        && protocol::rich_compare_bool(py, x.args.as_object(), y.args.as_object(), CompareOp::Eq)?;
    Ok(py.bool(eq == (op == CompareOp::Eq)).into_object())
}

fn ga_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if op != BinOp::Or {
        return Ok(py.not_implemented());
    }
    crate::objects::union::union_or(py, a, b)
}

fn ga_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let Some(g) = obj.downcast_ref::<PyGenericAlias>(py) else {
        return Err(PyErr::type_error("GenericAlias expected"));
    };
    let r = crate::eval::call::call(py, &g.origin, args)?;
    // `obj.__orig_class__ = alias`, ignoring objects that refuse attributes.
    let name = crate::objects::str::intern_str(py, "__orig_class__");
    // CPython swallows AttributeError and TypeError here.
    let _ = crate::eval::attr::setattr(py, &r, &name, Some(obj.to_owned_ref()));
    Ok(r)
}

fn ga_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(g) = obj.downcast_ref::<PyGenericAlias>(py) else {
        return Ok(None);
    };
    Ok(match name {
        "__origin__" => Some(g.origin.clone()),
        "__args__" => Some(g.args.clone().into_object()),
        "__parameters__" => Some(py.interp().singletons.empty_tuple.clone().into_object()),
        "__unpacked__" => Some(py.false_().into_object()),
        // Everything else is the origin's (`ga_getattro`).
        _ => crate::eval::attr::getattr_opt(
            py,
            &g.origin,
            &crate::objects::str::intern_str(py, name),
        )?,
    })
}
