//! `types.UnionType`: the value of `int | str` (PEP 604, `Objects/unionobject.c`).

use std::ops::ControlFlow;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::protocol;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::generic_alias::PyGenericAlias;
use crate::objects::set::PySet;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};
use crate::ops::BinOp;

/// A union of types (`unionobject`: args and the lazily computed parameters).
#[repr(C)]
pub struct PyUnion {
    ob_base: PyObject,
    /// `__args__`: the member types, deduplicated, `None` replaced by `NoneType`.
    pub args: PyRef<PyTuple>,
    _parameters: usize,
}

// SAFETY: #[repr(C)], header first; exact type check (UnionType is final).
unsafe impl PyPayload for PyUnion {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().union_type()
    }
}

/// `types.UnionType`'s spec (basicsize 32, final, GC).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "types.UnionType",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(union_traverse),
            hash: Some(union_hash),
            repr: Some(union_repr),
            richcompare: Some(union_richcompare),
            binop: Some(union_binop),
            attr: Some(union_attr),
            ..TypeSlots::new(dealloc_object::<PyUnion>)
        },
    }
}

fn union_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on `types.UnionType`, whose instances are `PyUnion`s.
    let u = unsafe { &*(obj as *const PyObject as *const PyUnion) };
    visit(u.args.as_object())
}

/// True for the operands `|` accepts (`is_unionable`): None, types, generic aliases, unions.
fn is_unionable(py: Python<'_>, obj: &PyObject) -> bool {
    py.is_none(obj)
        || obj.is_instance_of::<PyType>(py)
        || obj.is_instance_of::<PyGenericAlias>(py)
        || obj.is_instance_of::<PyUnion>(py)
}

/// `a | b` for types, aliases, unions and None (`_Py_union_type_or`); `NotImplemented` for
/// anything else.
pub fn union_or(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !is_unionable(py, a) || !is_unionable(py, b) {
        return Ok(py.not_implemented());
    }
    let mut args: Vec<PyRef> = Vec::new();
    for side in [a, b] {
        let items: Vec<PyRef> = match side.downcast_ref::<PyUnion>(py) {
            Some(u) => u.args.as_slice().to_vec(),
            None => vec![side.to_owned_ref()],
        };
        for it in items {
            let it = if py.is_none(&it) {
                py.types().none_type().to_owned_ref().into_object()
            } else {
                it
            };
            let mut dup = false;
            for seen in &args {
                let both_ga = it.is_instance_of::<PyGenericAlias>(py)
                    && seen.is_instance_of::<PyGenericAlias>(py);
                dup = if both_ga {
                    protocol::rich_compare_bool(py, &it, seen, CompareOp::Eq)?
                } else {
                    it.is(seen)
                };
                if dup {
                    break;
                }
            }
            if !dup {
                args.push(it);
            }
        }
    }
    if args.len() == 1 {
        return Ok(args.remove(0));
    }
    let tuple = PyTuple::new(py, args);
    let u = new_object(py, py.types().union_type(), |ob_base| PyUnion {
        ob_base,
        args: tuple,
        _parameters: 0,
    });
    crate::gc::track(py, u.as_object());
    Ok(u.into_object())
}

/// One member in a union's or alias's repr (`union_repr_item` / `ga_repr_item`).
pub fn repr_item(py: Python<'_>, obj: &PyObject) -> PyResult<String> {
    if obj.is(py.types().none_type().as_object()) || py.is_none(obj) {
        return Ok("None".into());
    }
    if obj.is(&py.ellipsis()) {
        return Ok("...".into());
    }
    if obj.is_instance_of::<PyGenericAlias>(py) || obj.is_instance_of::<PyUnion>(py) {
        return Ok(protocol::repr(py, obj)?.to_string_lossy());
    }
    if let Some(t) = obj.downcast_ref::<PyType>(py) {
        let qual = match &t.heap {
            Some(h) => h.qualname.borrow().to_string_lossy(),
            None => t.name().rsplit('.').next().unwrap_or_default().to_string(),
        };
        let module = match &t.heap {
            Some(_) => crate::objects::heap_type::type_module(py, t),
            None => match t.name().rsplit_once('.') {
                Some((m, _)) => m.to_string(),
                None => "builtins".into(),
            },
        };
        return Ok(if module == "builtins" {
            qual
        } else {
            format!("{module}.{qual}")
        });
    }
    Ok(protocol::repr(py, obj)?.to_string_lossy())
}

fn union_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let Some(u) = obj.downcast_ref::<PyUnion>(py) else {
        return Ok(PyStr::new(py, "?"));
    };
    let mut parts = Vec::with_capacity(u.args.len());
    for a in u.args.as_slice() {
        parts.push(repr_item(py, a)?);
    }
    Ok(PyStr::new(py, &parts.join(" | ")))
}

fn args_frozenset(py: Python<'_>, u: &PyUnion) -> PyResult<PyRef<PySet>> {
    PySet::from_iterable(py, u.args.as_object(), true)
}

fn union_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let Some(u) = obj.downcast_ref::<PyUnion>(py) else {
        return Ok(0);
    };
    protocol::hash(py, args_frozenset(py, u)?.as_object())
}

fn union_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (a.downcast_ref::<PyUnion>(py), b.downcast_ref::<PyUnion>(py)) else {
        return Ok(py.not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py.not_implemented());
    }
    let (fx, fy) = (args_frozenset(py, x)?, args_frozenset(py, y)?);
    protocol::rich_compare(py, fx.as_object(), fy.as_object(), op)
}

fn union_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if op != BinOp::Or {
        return Ok(py.not_implemented());
    }
    union_or(py, a, b)
}

fn union_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(u) = obj.downcast_ref::<PyUnion>(py) else {
        return Ok(None);
    };
    Ok(match name {
        "__args__" => Some(u.args.clone().into_object()),
        "__parameters__" => Some(py.interp().singletons.empty_tuple.clone().into_object()),
        _ => None,
    })
}
