//! Attribute access: `PyObject_GenericGetAttr`, `type_getattro`, `module_getattro`, method
//! loading for `LOAD_METHOD`, `setattr`/`delattr`.

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::call::call1;
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::builtin_function::{PyBuiltinFunction, PyMethodDescr};
use crate::objects::descriptors::{PyClassMethod, PyGetSetDescr, PyProperty, PyStaticMethod};
use crate::objects::exception::PyBaseException;
use crate::objects::function::PyFunction;
use crate::objects::heap_type::type_module;
use crate::objects::instance::{self, instance_dict};
use crate::objects::member_descr::PyMemberDescr;
use crate::objects::method::PyMethod;
use crate::objects::module::PyModule;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::PyType;

/// What `LOAD_METHOD` found.
pub enum Method {
    /// A function found on the type: call it with the instance prepended.
    Unbound(PyRef),
    /// Any other attribute value.
    Attr(PyRef),
}

/// `getattr(obj, "name")` for a Rust string.
pub fn getattr_str(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<PyRef> {
    getattr(py, obj, &intern_str(py, name))
}

/// `getattr(obj, name, None)` that swallows only AttributeError.
pub fn getattr_opt(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<PyRef>> {
    match getattr(py, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_attribute_error(py, &e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// True if `e` is an AttributeError (lazy or object).
pub fn is_attribute_error(_py: Python<'_>, e: &PyErr) -> bool {
    e.is_kind(ExcKind::AttributeError)
}

fn no_attribute(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyErr {
    let n = name.to_string_lossy();
    if let Some(t) = obj.downcast_ref::<PyType>(py) {
        return PyErr::new(
            ExcKind::AttributeError,
            format!("type object '{}' has no attribute '{n}'", t.name()),
        );
    }
    crate::objects::exception_attrs::attribute_error(
        py,
        format!("'{}' object has no attribute '{n}'", obj.ob_type().name()),
        name,
        obj,
    )
}

/// True if `v` is a data descriptor (has `__set__`): properties, and user classes defining
/// `__set__`/`__delete__`.
pub(crate) fn is_data_descriptor(py: Python<'_>, v: &PyObject) -> PyResult<bool> {
    if v.is_instance_of::<PyProperty>(py)
        || v.is_instance_of::<PyMemberDescr>(py)
        || v.is_instance_of::<PyGetSetDescr>(py)
    {
        return Ok(true);
    }
    let t = v.ob_type();
    if t.is_heap() {
        return Ok(t
            .lookup(py, intern_str(py, "__set__").as_object())?
            .is_some()
            || t.lookup(py, intern_str(py, "__delete__").as_object())?
                .is_some());
    }
    Ok(false)
}

/// `descr.__get__(obj, type)` for the descriptor kinds oxpy knows.
pub fn descr_get(
    py: Python<'_>,
    descr: PyRef,
    obj: Option<&PyObject>,
    ty: &PyType,
) -> PyResult<PyRef> {
    if descr.is_instance_of::<PyFunction>(py) {
        return Ok(match obj {
            Some(o) => PyMethod::new(py, descr, o.to_owned_ref()).into_object(),
            None => descr,
        });
    }
    if let Some(d) = descr.downcast_ref::<PyMethodDescr>(py) {
        return Ok(match obj {
            Some(o) => {
                d.check_self(o)?;
                PyBuiltinFunction::new(py, d.def, Some(o.to_owned_ref())).into_object()
            }
            None => descr,
        });
    }
    if descr.is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py) {
        return Ok(match obj {
            Some(o) => PyMethod::new(py, descr, o.to_owned_ref()).into_object(),
            None => descr,
        });
    }
    if let Some(s) = descr.downcast_ref::<PyStaticMethod>(py) {
        return Ok(s.func.clone());
    }
    if let Some(c) = descr.downcast_ref::<PyClassMethod>(py) {
        return Ok(
            PyMethod::new(py, c.func.clone(), ty.to_owned_ref().into_object()).into_object(),
        );
    }
    if let Some(p) = descr.downcast_ref::<PyProperty>(py) {
        let getter = p.fget.borrow().clone();
        return match obj {
            None => Ok(descr.clone()),
            Some(o) => match getter {
                Some(g) => crate::eval::call::call_getter(py, g, o),
                None => Err(PyErr::new(
                    ExcKind::AttributeError,
                    format!(
                        "property {}of '{}' object has no getter",
                        p.name_part(py),
                        o.ob_type().name()
                    ),
                )),
            },
        };
    }
    if descr.is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py)
        && let Some(o) = obj
    {
        // A slot wrapper bound to an instance (CPython's `method-wrapper`).
        return Ok(PyMethod::new(py, descr, o.to_owned_ref()).into_object());
    }
    if let Some(m) = descr.downcast_ref::<PyMemberDescr>(py) {
        return match obj {
            Some(o) => m.get(o),
            None => Ok(descr.clone()),
        };
    }
    if let Some(g) = descr.downcast_ref::<PyGetSetDescr>(py) {
        return match obj {
            Some(o) => g.get_from(py, o),
            None => Ok(descr.clone()),
        };
    }
    let dt = descr.ob_type();
    if dt.is_heap()
        && let Some(get) = dt.lookup(py, intern_str(py, "__get__").as_object())?
    {
        let o = obj.map_or_else(|| py.none(), PyObject::to_owned_ref);
        return crate::eval::call::call1(
            py,
            &get,
            &[descr.clone(), o, ty.to_owned_ref().into_object()],
        );
    }
    Ok(descr)
}

/// `getattr(obj, name)`.
pub fn getattr(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<PyRef> {
    let ty = obj.ob_type();
    // User `__getattribute__` / `__getattr__`.
    if ty.is_heap() {
        return crate::eval::slots::heap_getattr(py, obj, name);
    }
    if let Some(m) = obj.downcast_ref::<PyModule>(py) {
        return match m.dict.get_item(py, name.as_object())? {
            Some(v) => Ok(v),
            None => match special_attr(py, obj, name)? {
                Some(v) => Ok(v),
                None => m.getattr(py, name),
            },
        };
    }
    if let Some(t) = obj.downcast_ref::<PyType>(py) {
        return type_getattr(py, t, name);
    }
    if let Some(s) = obj.downcast_ref::<crate::objects::super_::PySuper>(py)
        && let Some(v) = crate::objects::super_::super_getattr(py, s, name)?
    {
        return Ok(v);
    }
    generic_getattr(py, obj, name)
}

/// `object.__getattribute__` (`PyObject_GenericGetAttr`).
pub fn generic_getattr(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<PyRef> {
    let ty = obj.ob_type();
    let found = ty.lookup(py, name.as_object())?;
    if let Some(d) = &found
        && is_data_descriptor(py, d)?
    {
        return descr_get(py, d.clone(), Some(obj), ty);
    }
    if let Some(v) = crate::objects::instance::instance_lookup(py, obj, name)? {
        return Ok(v);
    }
    if let Some(d) = found {
        return descr_get(py, d, Some(obj), ty);
    }
    if let Some(v) = special_attr(py, obj, name)? {
        return Ok(v);
    }
    Err(no_attribute(py, obj, name))
}

fn instance_dict_if_any(
    py: Python<'_>,
    obj: &PyObject,
) -> Option<PyRef<crate::objects::dict::PyDict>> {
    let t = obj.ob_type();
    if t.flags()
        .contains(crate::objects::type_::TypeFlags::MANAGED_DICT)
        || (t.is_heap() && !obj.is_instance_of::<PyType>(py))
        || obj.is_instance_of::<PyBaseException>(py)
        || obj.is_instance_of::<PyFunction>(py)
    {
        instance_dict(py, obj)
    } else {
        None
    }
}

/// `type.__getattribute__`.
pub fn type_getattr(py: Python<'_>, t: &PyType, name: &PyStr) -> PyResult<PyRef> {
    let meta = t.as_object().ob_type();
    let meta_attr = meta.lookup(py, name.as_object())?;
    if let Some(d) = &meta_attr
        && is_data_descriptor(py, d)?
    {
        return descr_get(py, d.clone(), Some(t.as_object()), meta);
    }
    if let Some(v) = t.lookup(py, name.as_object())? {
        return descr_get(py, v, None, t);
    }
    if let Some(v) = type_special_attr(py, t, name)? {
        return Ok(v);
    }
    if let Some(d) = meta_attr {
        return descr_get(py, d, Some(t.as_object()), meta);
    }
    Err(no_attribute(py, t.as_object(), name))
}

fn type_special_attr(py: Python<'_>, t: &PyType, name: &PyStr) -> PyResult<Option<PyRef>> {
    let Some(n) = name.as_ascii_str() else {
        return Ok(None);
    };
    Ok(Some(match n {
        // `type_name`: the part of `tp_name` after the last dot.
        "__name__" => PyStr::new(py, t.name().rsplit('.').next().unwrap_or_default()).into_object(),
        "__qualname__" => match &t.heap {
            Some(h) => h.qualname.borrow().clone().into_object(),
            None => PyStr::new(py, t.name()).into_object(),
        },
        "__module__" => PyStr::new(py, &type_module(py, t)).into_object(),
        "__mro__" => match t.heap.as_ref().and_then(|h| h.mro_tuple.borrow().clone()) {
            Some(m) => m.into_object(),
            None => PyTuple::new(
                py,
                t.mro().map(|m| m.to_owned_ref().into_object()).collect(),
            )
            .into_object(),
        },
        "__bases__" => match &t.heap {
            Some(h) => h.bases.clone().into_object(),
            None => PyTuple::new(
                py,
                t.base()
                    .map(|b| vec![b.to_owned_ref().into_object()])
                    .unwrap_or_default(),
            )
            .into_object(),
        },
        "__base__" => t
            .base()
            .map_or_else(|| py.none(), |b| b.to_owned_ref().into_object()),
        "__dict__" => t.dict().map_or_else(
            || py.none(),
            |d| crate::objects::mappingproxy::mappingproxy_wrap(py, d.into_object()),
        ),
        "__doc__" => py.none(),
        "__basicsize__" => crate::objects::int::PyInt::new(py, t.basicsize as i64).into_object(),
        "__itemsize__" => crate::objects::int::PyInt::new(py, t.itemsize as i64).into_object(),
        "__dictoffset__" => {
            crate::objects::int::PyInt::new(py, crate::objects::heap_type::dictoffset(t) as i64)
                .into_object()
        }
        "__weakrefoffset__" => {
            crate::objects::int::PyInt::new(py, crate::objects::heap_type::weakrefoffset(t) as i64)
                .into_object()
        }
        "__flags__" => crate::objects::int::PyInt::new(
            py,
            (t.flags().0 | crate::objects::type_::TypeFlags::VALID_VERSION_TAG.0) as i64,
        )
        .into_object(),
        "__class__" => t.as_object().ob_type().to_owned_ref().into_object(),
        _ => return Ok(None),
    }))
}

/// Attributes every object has that oxpy does not keep in a dict.
fn special_attr(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<PyRef>> {
    let Some(n) = name.as_ascii_str() else {
        return Ok(None);
    };
    if n == "__class__" {
        return Ok(Some(obj.ob_type().to_owned_ref().into_object()));
    }
    if n == "__dict__"
        && let Some(d) = instance_dict_if_any(py, obj)
    {
        return Ok(Some(d.into_object()));
    }
    if n == "__weakref__" && crate::objects::heap_type::supports_weakrefs(py, obj) {
        return Ok(Some(
            crate::objects::weakref::weakrefs_of(py, obj)
                .into_iter()
                .next()
                .unwrap_or_else(|| py.none()),
        ));
    }
    if let Some(f) = obj.downcast_ref::<PyFunction>(py) {
        return Ok(match n {
            "__name__" => Some(f.name.borrow().clone().into_object()),
            "__qualname__" => Some(f.qualname.borrow().clone().into_object()),
            "__doc__" => Some(f.doc.borrow().clone()),
            "__module__" => Some(f.module.borrow().clone()),
            "__code__" => Some(f.code.clone().into_object()),
            "__globals__" => Some(f.globals.clone().into_object()),
            "__defaults__" => Some(
                f.defaults
                    .borrow()
                    .clone()
                    .map_or_else(|| py.none(), |d| d.into_object()),
            ),
            "__kwdefaults__" => Some(
                f.kwdefaults
                    .borrow()
                    .clone()
                    .map_or_else(|| py.none(), |d| d.into_object()),
            ),
            "__closure__" => Some(
                f.closure
                    .clone()
                    .map_or_else(|| py.none(), |d| d.into_object()),
            ),
            "__annotations__" => Some(f.annotations_dict(py)?),
            _ => None,
        });
    }
    if let Some(m) = obj.downcast_ref::<PyMethod>(py) {
        return Ok(match n {
            "__func__" => Some(m.func.clone()),
            "__self__" => Some(m.this.clone()),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                Some(getattr(py, &m.func, name)?)
            }
            _ => None,
        });
    }
    if let Some(b) = obj.downcast_ref::<PyBuiltinFunction>(py) {
        return Ok(match n {
            "__name__" | "__qualname__" => Some(PyStr::new(py, b.def.name).into_object()),
            "__self__" => Some(b.this.clone().unwrap_or_else(|| py.none())),
            "__doc__" => Some(py.none()),
            _ => None,
        });
    }
    if let Some(e) = obj.downcast_ref::<PyBaseException>(py) {
        let opt = |v: Option<PyRef>| v.unwrap_or_else(|| py.none());
        return Ok(match n {
            "args" => Some(e.args.borrow().clone().into_object()),
            "__traceback__" => Some(opt(e.traceback.borrow().clone())),
            "__context__" => Some(opt(e.context.borrow().clone())),
            "__cause__" => Some(opt(e.cause.borrow().clone())),
            "__suppress_context__" => Some(py.bool(e.suppress_context.get()).into_object()),
            _ => crate::objects::exception_attrs::get_member(py, e, n),
        });
    }
    if let Some(f) = obj.ob_type().slots.attr {
        return f(py, obj, n);
    }
    Ok(None)
}

/// `LOAD_METHOD`: avoid creating a bound method for plain functions found on the type.
pub fn load_method(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Method> {
    let ty = obj.ob_type();
    let custom_getattribute = ty.is_heap() && crate::eval::slots::has_custom_getattribute(py, ty)?;
    if !custom_getattribute
        && obj.downcast_ref::<PyType>(py).is_none()
        && obj.downcast_ref::<PyModule>(py).is_none()
        && obj
            .downcast_ref::<crate::objects::super_::PySuper>(py)
            .is_none()
        && let Some(f) = ty.lookup(py, name.as_object())?
        && (f.is_instance_of::<PyFunction>(py)
            || f.is_instance_of::<PyMethodDescr>(py)
            || f.is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py))
    {
        let shadowed = crate::objects::instance::instance_lookup(py, obj, name)?.is_some();
        if !shadowed {
            if let Some(d) = f.downcast_ref::<PyMethodDescr>(py) {
                d.check_self(obj)?;
            }
            return Ok(Method::Unbound(f));
        }
    }
    Ok(Method::Attr(getattr(py, obj, name)?))
}

/// `setattr(obj, name, value)`, or `delattr` when `value` is `None`.
pub fn setattr(py: Python<'_>, obj: &PyObject, name: &PyStr, value: Option<PyRef>) -> PyResult<()> {
    let ty = obj.ob_type();
    if ty.is_heap() && !obj.is_instance_of::<PyType>(py) {
        return crate::eval::slots::heap_setattr(py, obj, name, value);
    }
    generic_setattr(py, obj, name, value)
}

/// `object.__setattr__` (`PyObject_GenericSetAttr`).
pub fn generic_setattr(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    value: Option<PyRef>,
) -> PyResult<()> {
    let ty = obj.ob_type();
    if let Some(t) = obj.downcast_ref::<PyType>(py) {
        if !t.is_heap() {
            return Err(PyErr::type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name.to_string_lossy(),
                t.name()
            )));
        }
        if name.as_ascii_str() == Some("__qualname__")
            && let (Some(h), Some(v)) = (&t.heap, &value)
        {
            if let Ok(s) = v.clone().downcast::<PyStr>(py) {
                *h.qualname.borrow_mut() = s;
            }
            return Ok(());
        }
        let dict = t
            .dict()
            .ok_or_else(|| PyErr::type_error("type has no dict"))?;
        let r = match value {
            Some(v) => dict.set_item(py, name.as_object().to_owned_ref(), v),
            None => dict
                .del_item(py, name.as_object())
                .map_err(|_| PyErr::new(ExcKind::AttributeError, name.to_string_lossy())),
        };
        // The method cache may hold the old value (`PyType_Modified`).
        crate::objects::type_::type_modified();
        return r;
    }
    if let Some(m) = obj.downcast_ref::<PyModule>(py) {
        return match value {
            Some(v) => m.dict.set_item(py, name.as_object().to_owned_ref(), v),
            None => m
                .dict
                .del_item(py, name.as_object())
                .map_err(|_| PyErr::new(ExcKind::AttributeError, name.to_string_lossy())),
        };
    }
    let found = ty.lookup(py, name.as_object())?;
    if name.as_ascii_str() == Some("__class__")
        && found.as_ref().is_none_or(|d| is_object_class(py, d))
    {
        return set_class(py, obj, value);
    }
    if let Some(d) = found {
        if let Some(p) = d.downcast_ref::<PyProperty>(py) {
            return p.set(py, obj, value);
        }
        if let Some(m) = d.downcast_ref::<PyMemberDescr>(py) {
            return m.set(obj, value);
        }
        if let Some(g) = d.downcast_ref::<PyGetSetDescr>(py) {
            return g.set_on(py, obj, value);
        }
        let dt = d.ob_type();
        if dt.is_heap() {
            let hook = if value.is_some() {
                "__set__"
            } else {
                "__delete__"
            };
            if let Some(set) = dt.lookup(py, intern_str(py, hook).as_object())? {
                let mut args = vec![d.clone(), obj.to_owned_ref()];
                args.extend(value);
                call1(py, &set, &args)?;
                return Ok(());
            }
        }
    }
    if ty.is_heap()
        && name.as_ascii_str() == Some("__dict__")
        && let Some(v) = &value
    {
        let d = v
            .clone()
            .downcast::<crate::objects::dict::PyDict>(py)
            .map_err(|v| {
                PyErr::type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    v.ob_type().name()
                ))
            })?;
        if crate::objects::instance::set_instance_dict(py, obj, d) {
            return Ok(());
        }
    }
    if let Some(e) = obj.downcast_ref::<PyBaseException>(py) {
        match name.as_ascii_str() {
            Some("__traceback__") => {
                *e.traceback.borrow_mut() = value.filter(|v| !py.is_none(v));
                return Ok(());
            }
            Some("__context__") => {
                *e.context.borrow_mut() = value.filter(|v| !py.is_none(v));
                return Ok(());
            }
            Some("__cause__") => {
                *e.cause.borrow_mut() = value.filter(|v| !py.is_none(v));
                e.suppress_context.set(true);
                return Ok(());
            }
            Some("__suppress_context__") => {
                e.suppress_context
                    .set(value.is_some_and(|v| crate::object::protocol::is_true(py, &v)));
                return Ok(());
            }
            Some("args") => {
                if let Some(v) = value {
                    let items = crate::eval::ops::collect_iterable(py, &v)?;
                    *e.args.borrow_mut() = PyTuple::new(py, items);
                }
                return Ok(());
            }
            Some(n) if crate::objects::exception_attrs::set_member(py, e, n, value.clone()) => {
                return Ok(());
            }
            _ => {}
        }
    }
    if let Some(f) = obj.downcast_ref::<PyFunction>(py) {
        match (name.as_ascii_str(), &value) {
            (Some("__name__"), Some(v)) => {
                if let Ok(s) = v.clone().downcast::<PyStr>(py) {
                    *f.name.borrow_mut() = s;
                }
                return Ok(());
            }
            (Some("__qualname__"), Some(v)) => {
                if let Ok(s) = v.clone().downcast::<PyStr>(py) {
                    *f.qualname.borrow_mut() = s;
                }
                return Ok(());
            }
            (Some("__doc__"), Some(v)) => {
                *f.doc.borrow_mut() = v.clone();
                return Ok(());
            }
            (Some("__module__"), Some(v)) => {
                *f.module.borrow_mut() = v.clone();
                return Ok(());
            }
            (Some("__defaults__"), Some(v)) => {
                *f.defaults.borrow_mut() = v.clone().downcast::<PyTuple>(py).ok();
                return Ok(());
            }
            _ => {}
        }
    }
    use crate::objects::instance::{StoreOutcome, instance_store};
    match instance_store(py, obj, name, value)? {
        StoreOutcome::Done => Ok(()),
        StoreOutcome::Missing => Err(no_attribute(py, obj, name)),
        StoreOutcome::NoDict => {
            if ty.lookup(py, name.as_object())?.is_some() {
                Err(PyErr::new(
                    ExcKind::AttributeError,
                    format!(
                        "'{}' object attribute '{}' is read-only",
                        ty.name(),
                        name.to_string_lossy()
                    ),
                ))
            } else {
                Err(no_attribute(py, obj, name))
            }
        }
    }
}

/// `obj.__class__ = value` (`object_set_class`): only between classes whose instances have
/// the same layout. Caches keyed by the type see the change by themselves.
fn set_class(py: Python<'_>, obj: &PyObject, value: Option<PyRef>) -> PyResult<()> {
    let Some(value) = value else {
        return Err(PyErr::type_error("can't delete __class__ attribute"));
    };
    let Some(new) = value.downcast_ref::<PyType>(py) else {
        return Err(PyErr::type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            value.ob_type().name()
        )));
    };
    let old = obj.ob_type();
    let (Some(hn), Some(ho)) = (&new.heap, &old.heap) else {
        return Err(PyErr::type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    };
    use crate::objects::type_::TypeFlags;
    let layout_flags = TypeFlags(TypeFlags::MANAGED_DICT.0 | TypeFlags::HAVE_GC.0);
    let flags_differ = (new.flags().0 ^ old.flags().0) & layout_flags.0 != 0;
    if hn.solid != ho.solid || hn.layout != ho.layout || flags_differ {
        return Err(PyErr::type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new.name(),
            old.name()
        )));
    }
    // The inline values are keyed by the old class's shared keys: materialise the dict first
    // (`object_set_class`).
    if new.flags().contains(TypeFlags::MANAGED_DICT) {
        drop(instance_dict(py, obj));
    }
    // The instance owns a reference to its heap type (`subtype_dealloc` drops it): move it.
    // SAFETY: the instance owned one count of its old heap type; this handle takes it over and
    // drops it once the instance points at the new type.
    let old_ref = unsafe { PyRef::from_raw(std::ptr::NonNull::from(old.as_object())) };
    new.as_object().incref();
    // SAFETY: both are heap types with the same solid base and the same instance layout.
    unsafe { obj.set_ob_type(std::ptr::NonNull::from(new)) };
    drop(old_ref);
    Ok(())
}

/// True if `d` is `object.__dict__['__class__']`, the getset whose setter is `object_set_class`.
fn is_object_class(py: Python<'_>, d: &PyObject) -> bool {
    py.types()
        .object()
        .dict()
        .and_then(|od| od.get_str(py, "__class__"))
        .is_some_and(|c| std::ptr::eq(c.as_ptr(), d.as_ptr()))
}

/// How the inline caches may treat attribute access on an object.
pub enum AttrKind {
    /// `object.__getattribute__` semantics (no `__getattribute__`/`__getattr__` override, not a
    /// type, module or `super`); `instance_dict`: the object keeps attributes in a managed dict
    /// (the storage the `instance_attr_*` functions below read).
    Generic {
        /// True if the instance has its own attributes to look at.
        instance_dict: bool,
    },
    /// Anything else: not cached.
    Other,
}

/// Which attribute protocol `getattr(obj, …)` follows (for the inline caches).
pub fn attr_kind(py: Python<'_>, obj: &PyObject) -> PyResult<AttrKind> {
    let ty = obj.ob_type();
    if obj.is_instance_of::<PyType>(py)
        || obj.is_instance_of::<PyModule>(py)
        || obj.is_instance_of::<crate::objects::super_::PySuper>(py)
        || (ty.is_heap() && crate::eval::slots::has_custom_getattribute(py, ty)?)
    {
        return Ok(AttrKind::Other);
    }
    if ty
        .flags()
        .contains(crate::objects::type_::TypeFlags::MANAGED_DICT)
    {
        return Ok(AttrKind::Generic {
            instance_dict: true,
        });
    }
    let other_dict = match &ty.heap {
        Some(h) => h.layout.dict != crate::tables::sizing::DictPlacement::None,
        None => obj.is_instance_of::<PyBaseException>(py) || obj.is_instance_of::<PyFunction>(py),
    };
    if other_dict {
        return Ok(AttrKind::Other);
    }
    Ok(AttrKind::Generic {
        instance_dict: false,
    })
}

// The four functions below are the only place the inline caches touch instance attribute
// storage: the inline values over the class's shared keys (CPython 3.11), or the materialised
// `__dict__`. Callers guarantee `obj`'s type has MANAGED_DICT. A position is an entry of the
// materialised dict, or, tagged with [`INLINE_IX`], an entry of the class's shared keys.

/// Tag of a position that numbers the class's shared keys (inline values).
const INLINE_IX: usize = 1 << 30;

/// The instance's attribute dict, if it has been made (borrowed).
#[inline]
fn managed_attrs(obj: &PyObject) -> Option<&crate::objects::dict::PyDict> {
    // SAFETY: the caller checked the MANAGED_DICT flag, so the pre-header exists.
    let p = unsafe { crate::object::alloc::managed_dict_header(obj) }
        .dict
        .get();
    // SAFETY: a non-null dict word owns a reference to a live dict.
    (!p.is_null()).then(|| unsafe { &*(p as *const crate::objects::dict::PyDict) })
}

/// The instance attribute `name` if it is stored at position `ix` (an inline-cache hint taken
/// on an instance of the same class: a shared-keys entry always names the same attribute).
#[inline]
pub fn instance_attr_at(obj: &PyObject, name: &PyStr, ix: usize) -> Option<PyRef> {
    if ix & INLINE_IX != 0 {
        return instance::inline_value_at(obj, ix & !INLINE_IX);
    }
    managed_attrs(obj)?
        .cached_value(ix, name.as_object())
        .map(PyObject::to_owned_ref)
}

/// The position of instance attribute `name`, if the instance has it (and at a position a
/// later [`instance_attr_at`] can use).
pub fn instance_attr_index(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
) -> PyResult<Option<usize>> {
    if instance::has_inline_values(obj) {
        return Ok(instance::shared_key_index(py, obj.ob_type(), name)
            .filter(|&ix| ix < INLINE_IX && instance::inline_value_at(obj, ix).is_some())
            .map(|ix| ix | INLINE_IX));
    }
    let Some(d) = managed_attrs(obj) else {
        return Ok(None);
    };
    Ok(d.find_index(py, name.as_object())?
        .filter(|&ix| ix < INLINE_IX && d.cached_value(ix, name.as_object()).is_some()))
}

/// True if the instance has no attribute `name` of its own.
#[inline]
pub fn instance_attr_absent(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<bool> {
    if instance::has_inline_values(obj) {
        return Ok(match instance::shared_key_index(py, obj.ob_type(), name) {
            None => true,
            Some(ix) => instance::inline_value_at(obj, ix).is_none(),
        });
    }
    match managed_attrs(obj) {
        None => Ok(true),
        Some(d) if d.is_empty() => Ok(true),
        Some(d) => Ok(d.find_index(py, name.as_object())?.is_none()),
    }
}

/// A cheap test, for a type-attribute cache entry, that instances with inline values do not
/// shadow `name` (CPython's `LOAD_METHOD_WITH_VALUES` keys version check): the name's entry in
/// the class's shared keys tagged with [`INLINE_IX`], or else the number of shared keys now (if
/// it is unchanged at a hit, the name is still not among them, so no inline value holds it).
pub fn instance_attr_probe(py: Python<'_>, ty: &PyType, name: &PyStr) -> u32 {
    match instance::shared_key_index(py, ty, name) {
        Some(ix) if ix < INLINE_IX => (ix | INLINE_IX) as u32,
        Some(_) => u32::MAX,
        None => instance::shared_keys_len(ty)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| (n as usize) < INLINE_IX)
            .unwrap_or(u32::MAX),
    }
}

/// [`instance_attr_absent`] through a `probe` from [`instance_attr_probe`] of the instance's
/// class: the probe answers for inline values; a materialised dict is searched.
#[inline]
pub fn instance_attr_absent_probe(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    probe: u32,
) -> PyResult<bool> {
    let p = probe as usize;
    if probe == u32::MAX {
        // No usable probe.
    } else if p & INLINE_IX != 0 {
        if let Some(set) = instance::inline_value_is_set(obj, p & !INLINE_IX) {
            return Ok(!set);
        }
    } else if instance::has_inline_values(obj)
        && instance::shared_keys_len(obj.ob_type()) == Some(p)
    {
        return Ok(true);
    }
    instance_attr_absent(py, obj, name)
}

/// `obj.name = value` into the instance's own attributes (the caller checked there is no
/// `__setattr__` or data descriptor); `ix` is a position hint. Returns the position to use
/// next time, if known.
#[inline]
pub fn instance_attr_store(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    value: PyRef,
    ix: usize,
) -> PyResult<Option<usize>> {
    let value = if ix & INLINE_IX != 0 {
        match instance::inline_store_at(obj, ix & !INLINE_IX, value) {
            Ok(old) => {
                drop(old);
                return Ok(Some(ix));
            }
            Err(value) => value,
        }
    } else if let Some(d) = managed_attrs(obj) {
        match d.replace_cached(py, ix, name.as_object(), value) {
            Ok(old) => {
                drop(old);
                return Ok(Some(ix));
            }
            Err(value) => value,
        }
    } else {
        value
    };
    match instance::instance_store(py, obj, name, Some(value))? {
        instance::StoreOutcome::NoDict => Err(no_attribute(py, obj, name)),
        _ => instance_attr_index(py, obj, name),
    }
}

/// True if `setattr(obj, name, v)` just stores into the instance's own attributes: a heap
/// instance with a managed dict, no `__setattr__`, and no data descriptor `name` on its type.
pub fn plain_setattr(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<bool> {
    let ty = obj.ob_type();
    if !ty.is_heap()
        || obj.is_instance_of::<PyType>(py)
        || !ty
            .flags()
            .contains(crate::objects::type_::TypeFlags::MANAGED_DICT)
        || name.as_ascii_str() == Some("__dict__")
        || name.as_ascii_str() == Some("__class__")
        || crate::eval::slots::has_custom_setattr(py, ty)?
    {
        return Ok(false);
    }
    Ok(match ty.lookup(py, name.as_object())? {
        None => true,
        Some(d) => !is_data_descriptor(py, &d)?,
    })
}

/// The CPython offset of `__slots__` member `name` if `setattr(obj, name, v)` just writes
/// that slot: a heap instance, no `__setattr__`, and the MRO finds a member descriptor that
/// applies to the type (what `generic_setattr` would call `PyMemberDescr::set` on).
pub fn plain_slot_store(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<u32>> {
    let ty = obj.ob_type();
    if !ty.is_heap()
        || obj.is_instance_of::<PyType>(py)
        || name.as_ascii_str() == Some("__dict__")
        || name.as_ascii_str() == Some("__class__")
        || crate::eval::slots::has_custom_setattr(py, ty)?
    {
        return Ok(None);
    }
    let Some(d) = ty.lookup(py, name.as_object())? else {
        return Ok(None);
    };
    Ok(match d.downcast_ref::<PyMemberDescr>(py) {
        Some(m) if PyMemberDescr::is_exact_type_of(py, &d) && ty.is_subtype(m.owner()) => {
            u32::try_from(m.offset).ok()
        }
        _ => None,
    })
}
