//! `wrapper_descriptor`: the dunder methods of builtin types (`object.__repr__`, `int.__add__`,
//! `BaseException.__init__`), each calling its type's slot (`PyWrapperDescrObject`).

use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::eval::attr::{generic_getattr, generic_setattr};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec};
use crate::ops::{BinOp, UnaryOp};

/// Which slot a wrapper calls.
#[derive(Clone, Copy, Debug)]
pub enum SlotKind {
    /// `__repr__`
    Repr,
    /// `__str__`
    Str,
    /// `__hash__`
    Hash,
    /// `__lt__` … `__ge__`
    Compare(CompareOp),
    /// `__add__` …
    Binop(BinOp),
    /// `__radd__` …
    RBinop(BinOp),
    /// `__neg__` …
    Unary(UnaryOp),
    /// `__len__`
    Len,
    /// `__getitem__`
    GetItem,
    /// `__setitem__`
    SetItem,
    /// `__delitem__`
    DelItem,
    /// `__contains__`
    Contains,
    /// `__iter__`
    Iter,
    /// `__next__`
    Next,
    /// `__call__`
    Call,
    /// `__format__`
    Format,
    /// `__init__`
    Init,
    /// `__new__` (called with the class first)
    New,
    /// `__setattr__`
    SetAttr,
    /// `__delattr__`
    DelAttr,
    /// `__getattribute__`
    GetAttribute,
    /// `__init_subclass__` (no-op)
    InitSubclass,
    /// `__sizeof__`
    SizeOf,
}

/// A slot wrapper.
#[repr(C)]
pub struct PySlotWrapper {
    ob_base: PyObject,
    owner: NonNull<PyType>,
    kind: SlotKind,
    name: &'static str,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PySlotWrapper {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().wrapper_descriptor()
    }
}

/// `wrapper_descriptor`'s spec (basicsize 56).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "wrapper_descriptor",
        basicsize: 56,
        itemsize: 0,
        flags: 0x2_5100,
        slots: TypeSlots {
            repr: Some(wrapper_repr),
            call: Some(wrapper_call),
            ..TypeSlots::new(dealloc_object::<PySlotWrapper>)
        },
    }
}

fn as_wrapper(obj: &PyObject) -> &PySlotWrapper {
    // SAFETY: only installed on wrapper_descriptor.
    unsafe { &*(obj as *const PyObject as *const PySlotWrapper) }
}

impl PySlotWrapper {
    fn owner(&self) -> &PyType {
        // SAFETY: builtin types outlive their wrappers.
        unsafe { self.owner.as_ref() }
    }
}

fn wrapper_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let w = as_wrapper(obj);
    Ok(PyStr::new(
        py,
        &format!(
            "<slot wrapper '{}' of '{}' objects>",
            w.name,
            w.owner().name()
        ),
    ))
}

fn arg<'a>(args: &'a [PyRef], i: usize, _name: &str) -> PyResult<&'a PyRef> {
    args.get(i).ok_or_else(|| {
        PyErr::type_error(format!(
            "expected {} argument{}, got {}",
            i + 1,
            if i == 0 { "" } else { "s" },
            args.len()
        ))
    })
}

fn wrapper_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let w = as_wrapper(obj);
    let owner = w.owner();
    let values = args.values;
    let Some(this) = values.first() else {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            w.name,
            owner.name()
        )));
    };
    if !matches!(w.kind, SlotKind::New | SlotKind::InitSubclass)
        && !this.ob_type().is_subtype(owner)
    {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' requires a '{}' object but received a '{}'",
            w.name,
            owner.name(),
            this.ob_type().name()
        )));
    }
    let rest = &values[1..];
    let s = &owner.slots;
    let none = || Ok(py.none());
    match w.kind {
        SlotKind::Repr => Ok(match s.repr {
            Some(f) => f(py, this)?,
            None => crate::objects::object::object_repr(py, this)?,
        }
        .into_object()),
        SlotKind::Str => Ok(match s.str {
            Some(f) => f(py, this)?,
            None => match s.repr {
                Some(f) => f(py, this)?,
                None => crate::objects::object::object_repr(py, this)?,
            },
        }
        .into_object()),
        SlotKind::Hash => match s.hash {
            Some(f) => Ok(crate::objects::int::PyInt::new(py, f(py, this)? as i64).into_object()),
            None => Err(PyErr::type_error(format!(
                "unhashable type: '{}'",
                this.ob_type().name()
            ))),
        },
        SlotKind::Compare(op) => match s.richcompare {
            Some(f) => f(py, this, arg(rest, 0, w.name)?, op),
            None => Ok(py.not_implemented()),
        },
        SlotKind::Binop(op) => match s.binop {
            Some(f) => f(py, op, this, arg(rest, 0, w.name)?),
            None => Ok(py.not_implemented()),
        },
        SlotKind::RBinop(op) => match s.binop {
            Some(f) => f(py, op, arg(rest, 0, w.name)?, this),
            None => Ok(py.not_implemented()),
        },
        SlotKind::Unary(op) => match s.unary {
            Some(f) => f(py, op, this),
            None => Ok(py.not_implemented()),
        },
        SlotKind::Len => match s.len {
            Some(f) => Ok(crate::objects::int::PyInt::new(py, f(py, this)? as i64).into_object()),
            None => Err(PyErr::type_error("no len")),
        },
        SlotKind::GetItem => match s.getitem {
            Some(f) => f(py, this, arg(rest, 0, w.name)?),
            None => Err(PyErr::type_error("not subscriptable")),
        },
        SlotKind::SetItem => match s.setitem {
            Some(f) => {
                f(
                    py,
                    this,
                    arg(rest, 0, w.name)?,
                    Some(arg(rest, 1, w.name)?.clone()),
                )?;
                none()
            }
            None => Err(PyErr::type_error("item assignment not supported")),
        },
        SlotKind::DelItem => match s.setitem {
            Some(f) => {
                f(py, this, arg(rest, 0, w.name)?, None)?;
                none()
            }
            None => Err(PyErr::type_error("item deletion not supported")),
        },
        SlotKind::Contains => match s.contains {
            Some(f) => Ok(py.bool(f(py, this, arg(rest, 0, w.name)?)?).into_object()),
            None => Err(PyErr::type_error("not a container")),
        },
        SlotKind::Iter => match s.iter {
            Some(f) => f(py, this),
            None => Err(PyErr::type_error("not iterable")),
        },
        SlotKind::Next => match s.iternext {
            Some(f) => match f(py, this)? {
                Some(v) => Ok(v),
                None => Err(PyErr::with_args(
                    crate::error::ExcKind::StopIteration,
                    Vec::new(),
                )),
            },
            None => Err(PyErr::type_error("not an iterator")),
        },
        SlotKind::Call => match s.call {
            Some(f) => f(
                py,
                this,
                Args {
                    values: rest,
                    kwnames: args.kwnames,
                },
            ),
            None => Err(PyErr::type_error("not callable")),
        },
        SlotKind::Format => {
            let spec = arg(rest, 0, w.name)?
                .clone()
                .downcast::<PyStr>(py)
                .map_err(|_| PyErr::type_error("format spec must be a str"))?;
            Ok(match s.format {
                Some(f) => f(py, this, &spec)?,
                None => crate::object::protocol::format(py, this, &spec)?,
            }
            .into_object())
        }
        SlotKind::Init => {
            if this
                .ob_type()
                .flags()
                .contains(TypeFlags::BASE_EXC_SUBCLASS)
                && let Some(e) = this.downcast_ref::<crate::objects::exception::PyBaseException>(py)
            {
                *e.args.borrow_mut() = PyTuple::new(py, rest.to_vec());
                crate::objects::exception_attrs::init_fields(py, e);
            }
            // `dict.__init__` / `set.__init__` reached through `super().__init__(...)`.
            if this.ob_type().is_heap() {
                crate::objects::instance::builtin_init(
                    py,
                    this,
                    Args {
                        values: rest,
                        kwnames: args.kwnames,
                    },
                )?;
            }
            none()
        }
        SlotKind::New => {
            let cls = this.clone().downcast::<PyType>(py).map_err(|c| {
                PyErr::type_error(format!(
                    "{}.__new__(X): X is not a type object ({})",
                    owner.name(),
                    c.ob_type().name()
                ))
            })?;
            if std::ptr::eq(owner, py.types().type_()) {
                if rest.len() != 3 {
                    return Err(PyErr::type_error(
                        "type.__new__() takes exactly 3 arguments",
                    ));
                }
                return crate::eval::builtins::type_new(py, &cls, &rest[0], &rest[1], &rest[2]);
            }
            if cls.is_heap() {
                if std::ptr::eq(owner, py.types().object()) {
                    crate::eval::slots::check_abstract(py, &cls)?;
                }
                return crate::objects::instance::heap_new(py, &cls, Args::positional(rest));
            }
            crate::eval::builtins::construct_builtin(py, &cls, Args::positional(rest))
        }
        SlotKind::SetAttr => {
            let name = arg(rest, 0, w.name)?
                .downcast_ref::<PyStr>(py)
                .ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
            generic_setattr(py, this, name, Some(arg(rest, 1, w.name)?.clone()))?;
            none()
        }
        SlotKind::DelAttr => {
            let name = arg(rest, 0, w.name)?
                .downcast_ref::<PyStr>(py)
                .ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
            generic_setattr(py, this, name, None)?;
            none()
        }
        SlotKind::GetAttribute => {
            let name = arg(rest, 0, w.name)?
                .downcast_ref::<PyStr>(py)
                .ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
            match this.downcast_ref::<PyType>(py) {
                Some(t) => crate::eval::attr::type_getattr(py, t, name),
                None => generic_getattr(py, this, name),
            }
        }
        SlotKind::InitSubclass => {
            // `object.__init_subclass__` is METH_NOARGS: any argument is an error, named by
            // the class it is bound to (`D.__init_subclass__()`).
            let qual = match this.downcast_ref::<PyType>(py) {
                Some(t) => match &t.heap {
                    Some(h) => h.qualname.borrow().to_string_lossy(),
                    None => t.name().to_string(),
                },
                None => this.ob_type().name().to_string(),
            };
            if !args.kwnames.is_empty() {
                return Err(PyErr::type_error(format!(
                    "{qual}.__init_subclass__() takes no keyword arguments"
                )));
            }
            if !rest.is_empty() {
                return Err(PyErr::type_error(format!(
                    "{qual}.__init_subclass__() takes no arguments ({} given)",
                    rest.len()
                )));
            }
            none()
        }
        SlotKind::SizeOf => Ok(crate::objects::int::PyInt::new(
            py,
            this.ob_type().instance_sizeof(this) as i64,
        )
        .into_object()),
    }
}

/// Builtin types with a `tp_new` of their own (so `'__new__' in T.__dict__`).
const OWN_TP_NEW: &[&str] = &[
    "int",
    "bool",
    "float",
    "complex",
    "str",
    "bytes",
    "bytearray",
    "tuple",
    "list",
    "dict",
    "set",
    "frozenset",
    "range",
    "slice",
    "enumerate",
    "zip",
    "map",
    "filter",
    "reversed",
    "property",
    "staticmethod",
    "classmethod",
    "super",
    "mappingproxy",
    "memoryview",
];

/// The wrappers a builtin type's dict gets for the slots it defines.
pub fn wrappers_for(py: Python<'_>, ty: &PyType) -> Vec<(PyRef<PyStr>, PyRef)> {
    let s = &ty.slots;
    let base = ty.base().map(|b| b.slots);
    let differs = |f: &dyn Fn(&TypeSlots) -> usize| base.is_none_or(|b| f(&b) != f(s));
    let mut kinds: Vec<(&'static str, SlotKind)> = Vec::new();
    let addr = |o: Option<usize>| o.unwrap_or(0);
    if s.repr.is_some() && differs(&|t: &TypeSlots| addr(t.repr.map(|f| f as usize))) {
        kinds.push(("__repr__", SlotKind::Repr));
    }
    if s.str.is_some() && differs(&|t: &TypeSlots| addr(t.str.map(|f| f as usize))) {
        kinds.push(("__str__", SlotKind::Str));
    }
    if differs(&|t: &TypeSlots| addr(t.hash.map(|f| f as usize))) {
        kinds.push(("__hash__", SlotKind::Hash));
    }
    if s.richcompare.is_some() && differs(&|t: &TypeSlots| addr(t.richcompare.map(|f| f as usize)))
    {
        for (n, op) in [
            ("__lt__", CompareOp::Lt),
            ("__le__", CompareOp::Le),
            ("__eq__", CompareOp::Eq),
            ("__ne__", CompareOp::Ne),
            ("__gt__", CompareOp::Gt),
            ("__ge__", CompareOp::Ge),
        ] {
            kinds.push((n, SlotKind::Compare(op)));
        }
    }
    let is_type = std::ptr::eq(ty, py.types().type_());
    if is_type {
        // `type` only implements `|` (PEP 604 unions).
        kinds.push((BinOp::Or.dunder(), SlotKind::Binop(BinOp::Or)));
        kinds.push((BinOp::Or.rdunder(), SlotKind::RBinop(BinOp::Or)));
    } else if s.binop.is_some() && differs(&|t: &TypeSlots| addr(t.binop.map(|f| f as usize))) {
        for op in BinOp::ALL {
            kinds.push((op.dunder(), SlotKind::Binop(op)));
            kinds.push((op.rdunder(), SlotKind::RBinop(op)));
        }
    }
    if s.unary.is_some() && differs(&|t: &TypeSlots| addr(t.unary.map(|f| f as usize))) {
        for op in [
            UnaryOp::Negative,
            UnaryOp::Positive,
            UnaryOp::Invert,
            UnaryOp::Absolute,
        ] {
            kinds.push((op.dunder(), SlotKind::Unary(op)));
        }
    }
    if s.len.is_some() {
        kinds.push(("__len__", SlotKind::Len));
    }
    if s.getitem.is_some() {
        kinds.push(("__getitem__", SlotKind::GetItem));
    }
    if s.setitem.is_some() {
        kinds.push(("__setitem__", SlotKind::SetItem));
        kinds.push(("__delitem__", SlotKind::DelItem));
    }
    if s.contains.is_some() {
        kinds.push(("__contains__", SlotKind::Contains));
    }
    if s.iter.is_some() {
        kinds.push(("__iter__", SlotKind::Iter));
    }
    if s.iternext.is_some() {
        kinds.push(("__next__", SlotKind::Next));
    }
    if s.call.is_some() {
        kinds.push(("__call__", SlotKind::Call));
    }
    if s.format.is_some() {
        kinds.push(("__format__", SlotKind::Format));
    }
    let is_object = std::ptr::eq(ty, py.types().object());
    let is_base_exc = std::ptr::eq(
        ty,
        py.types().exception(crate::error::ExcKind::BaseException),
    );
    if is_object || is_base_exc || std::ptr::eq(ty, py.types().type_()) {
        kinds.push(("__init__", SlotKind::Init));
        kinds.push(("__new__", SlotKind::New));
    } else if OWN_TP_NEW.contains(&ty.name()) {
        // Types defining their own `tp_new` get a `__new__` in their dict (`add_tp_new_wrapper`).
        kinds.push(("__new__", SlotKind::New));
    }
    if is_object {
        kinds.push(("__setattr__", SlotKind::SetAttr));
        kinds.push(("__delattr__", SlotKind::DelAttr));
        kinds.push(("__getattribute__", SlotKind::GetAttribute));
        kinds.push(("__init_subclass__", SlotKind::InitSubclass));
        kinds.push(("__sizeof__", SlotKind::SizeOf));
        kinds.push(("__format__", SlotKind::Format));
        kinds.push(("__str__", SlotKind::Str));
    }
    kinds
        .into_iter()
        .map(|(name, kind)| {
            if matches!(kind, SlotKind::Hash) && s.hash.is_none() {
                // Unhashable types say so in their dict (`PyObject_HashNotImplemented`).
                return (intern_str(py, name), py.none());
            }
            let w = new_object(py, py.types().wrapper_descriptor(), |ob_base| {
                PySlotWrapper {
                    ob_base,
                    owner: NonNull::from(ty),
                    kind,
                    name,
                }
            });
            let value = if matches!(kind, SlotKind::New) {
                crate::objects::descriptors::PyStaticMethod::new(py, w.into_object()).into_object()
            } else if matches!(kind, SlotKind::InitSubclass) {
                crate::objects::descriptors::PyClassMethod::new(py, w.into_object()).into_object()
            } else {
                w.into_object()
            };
            (intern_str(py, name), value)
        })
        .collect()
}
