//! Slots of class-statement types: each slot looks the dunder method up along the MRO and
//! calls the first definer — a Python function of a heap class, or the slot of a builtin base
//! (CPython's `slot_tp_*` functions). Also `type.__call__` (`type_call`) and `__del__`.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::eval::call::{call, call1};
use crate::gil::Python;
use crate::object::protocol::{self, is_true};
use crate::object::{Args, PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::instance::{
    heap_instance_clear, heap_instance_dealloc, heap_instance_traverse,
};
use crate::objects::int::PyInt;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::type_::{CompareOp, PyType, TypeHooks, TypeSlots, type_epoch};
use crate::ops::{BinOp, UnaryOp};

/// Where a dunder was found along the MRO.
enum Found<'t> {
    /// In a heap class's dict (a Python-level definition, or `None` to disable it).
    Value(PyRef),
    /// A builtin base whose slot implements it.
    Builtin(&'t PyType),
}

/// The first definer of `name` along `ty`'s MRO: heap classes by their dict, builtin types by
/// their slot (`has_slot`).
fn find<'t>(
    py: Python<'_>,
    ty: &'t PyType,
    name: &str,
    has_slot: impl Fn(&TypeSlots) -> bool,
) -> PyResult<Option<Found<'t>>> {
    let key = crate::objects::str::intern_str(py, name);
    for t in ty.mro() {
        if t.is_heap() {
            if let Some(d) = t.dict()
                && let Some(v) = d.get_item(py, key.as_object())?
            {
                return Ok(Some(Found::Value(v)));
            }
        } else if has_slot(&t.slots) {
            return Ok(Some(Found::Builtin(t)));
        }
    }
    Ok(None)
}

/// Call a dunder found as a value, binding `obj` like a method (functions, staticmethods…).
fn call_found(py: Python<'_>, f: &PyRef, obj: &PyObject, args: &[PyRef]) -> PyResult<PyRef> {
    let bound = crate::eval::attr::descr_get(py, f.clone(), Some(obj), obj.ob_type())?;
    call1(py, &bound, args)
}

/// The slot table every heap type gets.
pub fn heap_slots() -> TypeSlots {
    TypeSlots {
        traverse: Some(heap_instance_traverse),
        clear: Some(heap_instance_clear),
        hash: Some(slot_hash),
        repr: Some(slot_repr),
        str: Some(slot_str),
        richcompare: Some(slot_richcompare),
        binop: Some(slot_binop),
        unary: Some(slot_unary),
        len: Some(slot_len),
        getitem: Some(slot_getitem),
        setitem: Some(slot_setitem),
        contains: Some(slot_contains),
        iter: Some(slot_iter),
        iternext: Some(slot_iternext),
        call: Some(slot_call),
        format: Some(slot_format),
        sizeof: Some(crate::objects::instance::heap_instance_sizeof),
        ..TypeSlots::new(heap_instance_dealloc)
    }
}

fn slot_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    match find(py, obj.ob_type(), "__hash__", |s| s.hash.is_some())? {
        Some(Found::Value(v)) if py.is_none(&v) => Err(PyErr::type_error(format!(
            "unhashable type: '{}'",
            obj.ob_type().name()
        ))),
        Some(Found::Value(f)) => {
            let r = call_found(py, &f, obj, &[])?;
            match r.downcast_ref::<PyInt>(py) {
                Some(i) => Ok(crate::objects::int::hash_int(i.value())),
                None => Err(PyErr::type_error(
                    "__hash__ method should return an integer",
                )),
            }
        }
        Some(Found::Builtin(t)) => match t.slots.hash {
            Some(h) => h(py, obj),
            None => Err(PyErr::type_error(format!(
                "unhashable type: '{}'",
                obj.ob_type().name()
            ))),
        },
        None => crate::objects::object::object_hash(py, obj),
    }
}

fn str_result(py: Python<'_>, r: PyRef, what: &str) -> PyResult<PyRef<PyStr>> {
    r.downcast::<PyStr>(py).map_err(|r| {
        PyErr::type_error(format!(
            "{what} returned non-string (type {})",
            r.ob_type().name()
        ))
    })
}

fn slot_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    match find(py, obj.ob_type(), "__repr__", |s| s.repr.is_some())? {
        Some(Found::Value(f)) => str_result(py, call_found(py, &f, obj, &[])?, "__repr__"),
        Some(Found::Builtin(t)) => match t.slots.repr {
            Some(r) => r(py, obj),
            None => crate::objects::object::object_repr(py, obj),
        },
        None => crate::objects::object::object_repr(py, obj),
    }
}

fn slot_str(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    match find(py, obj.ob_type(), "__str__", |s| s.str.is_some())? {
        Some(Found::Value(f)) => str_result(py, call_found(py, &f, obj, &[])?, "__str__"),
        Some(Found::Builtin(t)) => match t.slots.str {
            Some(r) => r(py, obj),
            None => slot_repr(py, obj),
        },
        None => slot_repr(py, obj),
    }
}

fn slot_format(py: Python<'_>, obj: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    match find(py, obj.ob_type(), "__format__", |s| s.format.is_some())? {
        Some(Found::Value(f)) => str_result(
            py,
            call_found(py, &f, obj, &[spec.as_object().to_owned_ref()])?,
            "__format__",
        ),
        Some(Found::Builtin(t)) => match t.slots.format {
            Some(r) => r(py, obj, spec),
            None => protocol::str_(py, obj),
        },
        None if spec.is_empty() => protocol::str_(py, obj),
        None => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            obj.ob_type().name()
        ))),
    }
}

const CMP_NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

fn slot_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let name = CMP_NAMES[op as usize];
    match find(py, a.ob_type(), name, |s| s.richcompare.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => call_found(py, &f, a, &[b.to_owned_ref()]),
        Some(Found::Builtin(t)) => match t.slots.richcompare {
            Some(r) => r(py, a, b, op),
            None => Ok(py.not_implemented()),
        },
        _ => {
            // `__ne__` defaults to the inverse of `__eq__` (object.__ne__).
            if op == CompareOp::Ne
                && let Some(Found::Value(eq)) =
                    find(py, a.ob_type(), "__eq__", |s| s.richcompare.is_some())?
            {
                let r = call_found(py, &eq, a, &[b.to_owned_ref()])?;
                if r.is(&py.not_implemented()) {
                    return Ok(r);
                }
                return Ok(py.bool(!is_true(py, &r)).into_object());
            }
            crate::objects::object::object_richcompare(py, a, b, op)
        }
    }
}

/// The Python-level definition of dunder `name` along `ty`'s MRO (through the method cache),
/// ignoring builtin implementations (slot wrappers, method descriptors) and `None`.
fn heap_dunder(py: Python<'_>, ty: &PyType, name: &str) -> PyResult<Option<PyRef>> {
    match ty.lookup(py, crate::objects::str::intern_str(py, name).as_object())? {
        Some(v) if !py.is_none(&v) && !is_builtin_impl(py, &v) => Ok(Some(v)),
        _ => Ok(None),
    }
}

/// True for the dunders builtin types put in their dicts.
fn is_builtin_impl(py: Python<'_>, v: &PyObject) -> bool {
    use crate::objects::builtin_function::{PyBuiltinFunction, PyMethodDescr};
    use crate::objects::descriptors::{PyClassMethod, PyStaticMethod};
    use crate::objects::slot_wrapper::PySlotWrapper;
    let native = |o: &PyObject| {
        o.is_instance_of::<PySlotWrapper>(py)
            || o.is_instance_of::<PyMethodDescr>(py)
            || o.is_instance_of::<PyBuiltinFunction>(py)
    };
    if native(v) {
        return true;
    }
    if let Some(s) = v.downcast_ref::<PyStaticMethod>(py) {
        return native(&s.func);
    }
    if let Some(c) = v.downcast_ref::<PyClassMethod>(py) {
        return native(&c.func);
    }
    false
}

/// `SLOT1BINFULL`: `a.__op__(b)`, or the reflected `b.__rop__(a)` (first when `b`'s type is a
/// proper subclass overriding it).
fn slot_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let same = std::ptr::eq(ta, tb);
    let a_is_heap = ta.is_heap();
    let mut do_other = !same && tb.is_heap();
    if a_is_heap {
        if do_other
            && tb.is_subtype(ta)
            && let Some(r) = heap_dunder(py, tb, op.rdunder())?
        {
            let res = call_found(py, &r, b, &[a.to_owned_ref()])?;
            if !res.is(&py.not_implemented()) {
                return Ok(res);
            }
            do_other = false;
        }
        if let Some(f) = heap_dunder(py, ta, op.dunder())? {
            let res = call_found(py, &f, a, &[b.to_owned_ref()])?;
            if !res.is(&py.not_implemented()) || same {
                return Ok(res);
            }
        } else if let Some(bs) = builtin_binop(ta)
            && !same
        {
            let res = bs(py, op, a, b)?;
            if !res.is(&py.not_implemented()) {
                return Ok(res);
            }
        }
    }
    if do_other && let Some(r) = heap_dunder(py, tb, op.rdunder())? {
        return call_found(py, &r, b, &[a.to_owned_ref()]);
    }
    Ok(py.not_implemented())
}

fn builtin_binop(t: &PyType) -> Option<crate::objects::type_::BinOpFn> {
    t.mro().find(|m| !m.is_heap()).and_then(|m| m.slots.binop)
}

fn slot_unary(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    match heap_dunder(py, a.ob_type(), op.dunder())? {
        Some(f) => call_found(py, &f, a, &[]),
        None => Ok(py.not_implemented()),
    }
}

fn missing_slot(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    heap_dunder(py, obj.ob_type(), name)
}

fn slot_len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    match find(py, obj.ob_type(), "__len__", |s| s.len.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => {
            let r = call_found(py, &f, obj, &[])?;
            let Some(i) = r.downcast_ref::<PyInt>(py) else {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    r.ob_type().name()
                )));
            };
            match i.as_i64() {
                Some(n) if n >= 0 => Ok(n as usize),
                Some(_) => Err(PyErr::value_error("__len__() should return >= 0")),
                None => Err(PyErr::overflow_error(
                    "cannot fit 'int' into an index-sized integer",
                )),
            }
        }
        Some(Found::Builtin(t)) => match t.slots.len {
            Some(l) => l(py, obj),
            None => Err(no_len(obj)),
        },
        _ => Err(no_len(obj)),
    }
}

fn no_len(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!(
        "object of type '{}' has no len()",
        obj.ob_type().name()
    ))
}

fn slot_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    match find(py, obj.ob_type(), "__getitem__", |s| s.getitem.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => call_found(py, &f, obj, &[key.to_owned_ref()]),
        Some(Found::Builtin(t)) if std::ptr::eq(t, py.types().dict()) => {
            // `dict_subscript`: a subclass's `__missing__` handles absent keys.
            let Some(d) = obj.downcast_ref::<PyDict>(py) else {
                return Err(not_subscriptable(obj));
            };
            match d.get_item(py, key)? {
                Some(v) => Ok(v),
                None => match heap_dunder(py, obj.ob_type(), "__missing__")? {
                    Some(m) => call_found(py, &m, obj, &[key.to_owned_ref()]),
                    None => Err(PyErr::key_error(key.to_owned_ref())),
                },
            }
        }
        Some(Found::Builtin(t)) if t.slots.getitem.is_some() => match t.slots.getitem {
            Some(g) => g(py, obj, key),
            None => Err(not_subscriptable(obj)),
        },
        _ => {
            // `__class_getitem__` is handled by the caller for types.
            Err(not_subscriptable(obj))
        }
    }
}

fn not_subscriptable(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        obj.ob_type().name()
    ))
}

fn slot_setitem(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    let name = if value.is_some() {
        "__setitem__"
    } else {
        "__delitem__"
    };
    match find(py, obj.ob_type(), name, |s| s.setitem.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => {
            let mut args = vec![key.to_owned_ref()];
            args.extend(value);
            call_found(py, &f, obj, &args)?;
            Ok(())
        }
        Some(Found::Builtin(t)) if t.slots.setitem.is_some() => match t.slots.setitem {
            Some(s) => s(py, obj, key, value),
            None => Ok(()),
        },
        _ => Err(PyErr::type_error(if value.is_some() {
            format!(
                "'{}' object does not support item assignment",
                obj.ob_type().name()
            )
        } else {
            format!(
                "'{}' object does not support item deletion",
                obj.ob_type().name()
            )
        })),
    }
}

fn slot_contains(py: Python<'_>, obj: &PyObject, item: &PyObject) -> PyResult<bool> {
    match find(py, obj.ob_type(), "__contains__", |s| s.contains.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => {
            let r = call_found(py, &f, obj, &[item.to_owned_ref()])?;
            crate::eval::ops::truthy(py, &r)
        }
        Some(Found::Builtin(t)) => match t.slots.contains {
            Some(c) => c(py, obj, item),
            None => Ok(false),
        },
        _ => {
            // Fall back to iteration (`_PySequence_IterSearch`).
            let it = crate::eval::ops::get_iter(py, obj)?;
            while let Some(v) = crate::eval::ops::iter_next(py, &it)? {
                if v.is(item) || protocol::rich_compare_bool(py, &v, item, CompareOp::Eq)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn slot_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    match find(py, obj.ob_type(), "__iter__", |s| s.iter.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => {
            let it = call_found(py, &f, obj, &[])?;
            if it.ob_type().slots.iternext.is_none() {
                return Err(PyErr::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    it.ob_type().name()
                )));
            }
            Ok(it)
        }
        Some(Found::Builtin(t)) => match t.slots.iter {
            Some(i) => i(py, obj),
            None => Err(not_iterable(obj)),
        },
        _ => {
            if missing_slot(py, obj, "__getitem__")?.is_some() {
                return crate::eval::ops::seq_iter_new(py, obj);
            }
            Err(not_iterable(obj))
        }
    }
}

fn not_iterable(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", obj.ob_type().name()))
}

fn slot_iternext(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    match find(py, obj.ob_type(), "__next__", |s| s.iternext.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => match call_found(py, &f, obj, &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if crate::eval::ops::is_stop_iteration(py, &e) => Ok(None),
            Err(e) => Err(e),
        },
        Some(Found::Builtin(t)) => match t.slots.iternext {
            Some(n) => n(py, obj),
            None => Ok(None),
        },
        _ => Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            obj.ob_type().name()
        ))),
    }
}

fn slot_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match find(py, obj.ob_type(), "__call__", |s| s.call.is_some())? {
        Some(Found::Value(f)) if !py.is_none(&f) => {
            let bound = crate::eval::attr::descr_get(py, f, Some(obj), obj.ob_type())?;
            call(py, &bound, args)
        }
        Some(Found::Builtin(t)) => match t.slots.call {
            Some(c) => c(py, obj, args),
            None => Err(not_callable(obj)),
        },
        _ => Err(not_callable(obj)),
    }
}

fn not_callable(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!("'{}' object is not callable", obj.ob_type().name()))
}

/// The memo of which attribute and instantiation dunders `ty` defines in Python (see
/// [`TypeHooks`]), recomputed when the type epoch has moved since it was taken: no class
/// namespace changed since, so every `heap_dunder` below would answer the same.
pub fn hooks(py: Python<'_>, ty: &PyType) -> PyResult<TypeHooks> {
    let h = ty.hooks.get();
    let epoch = type_epoch();
    if h.epoch == epoch {
        return Ok(h);
    }
    let mut bits = 0;
    for (name, bit) in [
        ("__getattribute__", TypeHooks::GETATTRIBUTE),
        ("__getattr__", TypeHooks::GETATTR),
        ("__setattr__", TypeHooks::SETATTR),
        ("__delattr__", TypeHooks::DELATTR),
        ("__new__", TypeHooks::NEW),
    ] {
        if heap_dunder(py, ty, name)?.is_some() {
            bits |= bit;
        }
    }
    let mut init_at = None;
    if heap_dunder(py, ty, "__init__")?.is_some() {
        bits |= TypeHooks::INIT;
        let key = intern_str(py, "__init__");
        init_at = crate::eval::cache::lookup_with_owner(py, ty, &key)?
            .and_then(|(owner, ix, _)| Some((NonNull::from(owner), u32::try_from(ix).ok()?)));
    }
    if let Some(d) = ty.dict()
        && d.get_item(py, intern_str(py, "__abstractmethods__").as_object())?
            .is_some()
    {
        bits |= TypeHooks::ABSTRACT;
    }
    let h = TypeHooks {
        epoch,
        bits,
        init_at,
    };
    // Looking names up runs no Python code, so the epoch read above still holds.
    ty.hooks.set(h);
    Ok(h)
}

/// `ty`'s Python-level `__init__` (what `heap_dunder(ty, "__init__")` finds), through the
/// [`hooks`] memo.
fn hooked_init(py: Python<'_>, ty: &PyType, h: &TypeHooks) -> PyResult<Option<PyRef>> {
    if h.bits & TypeHooks::INIT == 0 {
        return Ok(None);
    }
    if let Some((owner, ix)) = h.init_at {
        // SAFETY: types outlive every memo of their subclasses (a class's MRO keeps them).
        let owner = unsafe { owner.as_ref() };
        let key = intern_str(py, "__init__");
        let d = owner.dict.borrow();
        if let Some(v) = d
            .as_ref()
            .and_then(|d| d.cached_value(ix as usize, key.as_object()))
        {
            return Ok(Some(v.to_owned_ref()));
        }
    }
    heap_dunder(py, ty, "__init__")
}

/// True if a heap type overrides `__getattribute__` or defines `__getattr__`.
pub fn has_custom_getattribute(py: Python<'_>, ty: &PyType) -> PyResult<bool> {
    Ok(hooks(py, ty)?.bits & (TypeHooks::GETATTRIBUTE | TypeHooks::GETATTR) != 0)
}

/// True if a heap type defines (or inherits from Python code) `__setattr__` or `__delattr__`.
pub fn has_custom_setattr(py: Python<'_>, ty: &PyType) -> PyResult<bool> {
    Ok(hooks(py, ty)?.bits & (TypeHooks::SETATTR | TypeHooks::DELATTR) != 0)
}

/// `getattr` on an instance of a heap type: `__getattribute__`, then `__getattr__`.
pub fn heap_getattr(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<PyRef> {
    let ty = obj.ob_type();
    let h = hooks(py, ty)?;
    if h.bits & (TypeHooks::GETATTRIBUTE | TypeHooks::GETATTR) == 0
        && !obj.is_instance_of::<PyType>(py)
    {
        return crate::eval::attr::generic_getattr(py, obj, name);
    }
    let result = match heap_dunder(py, ty, "__getattribute__")? {
        Some(f) => call_found(py, &f, obj, &[name.as_object().to_owned_ref()]),
        None => {
            if obj.is_instance_of::<PyType>(py) {
                match obj.downcast_ref::<PyType>(py) {
                    Some(t) => crate::eval::attr::type_getattr(py, t, name),
                    None => crate::eval::attr::generic_getattr(py, obj, name),
                }
            } else {
                crate::eval::attr::generic_getattr(py, obj, name)
            }
        }
    };
    match result {
        Err(e) if crate::eval::attr::is_attribute_error(py, &e) => {
            match heap_dunder(py, ty, "__getattr__")? {
                Some(f) => call_found(py, &f, obj, &[name.as_object().to_owned_ref()]),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// `setattr`/`delattr` on an instance of a heap type: `__setattr__`/`__delattr__` if defined.
pub fn heap_setattr(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    value: Option<PyRef>,
) -> PyResult<()> {
    let (hook, bit) = if value.is_some() {
        ("__setattr__", TypeHooks::SETATTR)
    } else {
        ("__delattr__", TypeHooks::DELATTR)
    };
    if hooks(py, obj.ob_type())?.bits & bit != 0
        && let Some(f) = heap_dunder(py, obj.ob_type(), hook)?
    {
        let mut args = vec![name.as_object().to_owned_ref()];
        args.extend(value);
        call_found(py, &f, obj, &args)?;
        return Ok(());
    }
    crate::eval::attr::generic_setattr(py, obj, name, value)
}

thread_local! {
    static IN_FINALIZER: Cell<u32> = const { Cell::new(0) };
}

/// Run `__del__` of a dying heap instance (count 0). Returns true if it was resurrected.
pub fn call_finalizer(py: Python<'_>, obj: &PyObject) -> bool {
    let Ok(Some(del)) = heap_dunder(py, obj.ob_type(), "__del__") else {
        return false;
    };
    if crate::gc::is_finalized(obj) {
        return false;
    }
    crate::gc::set_finalized(obj);
    obj.set_refcnt_pub(1);
    IN_FINALIZER.with(|d| d.set(d.get() + 1));
    let saved = crate::eval::current_exception();
    if let Err(e) = call_found(py, &del, obj, &[]) {
        crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(&del));
    }
    drop(crate::eval::set_current_exception(saved));
    IN_FINALIZER.with(|d| d.set(d.get() - 1));
    let n = obj.refcnt() - 1;
    obj.set_refcnt_pub(n);
    n > 0
}

/// Calling a class: a metaclass's own `__call__` if it defines one, else [`type_call_base`].
pub fn type_call(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    let meta = ty.as_object().ob_type();
    if meta.is_heap()
        && let Some(Found::Value(f)) = find(py, meta, "__call__", |_| false)?
        && !py.is_none(&f)
    {
        let bound = crate::eval::attr::descr_get(py, f, Some(ty.as_object()), meta)?;
        return call(py, &bound, args);
    }
    type_call_base(py, ty, args)
}

/// `type.__call__(cls, *args)` as a method (what `super().__call__` in a metaclass finds).
pub fn type_dunder_call(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match this.downcast_ref::<PyType>(py) {
        Some(t) => type_call_base(py, t, args),
        None => Err(PyErr::type_error(format!(
            "descriptor '__call__' requires a 'type' object but received a '{}'",
            this.ob_type().name()
        ))),
    }
}

/// `object_new`'s refusal to instantiate a class whose `__abstractmethods__` is non-empty
/// (`Py_TPFLAGS_IS_ABSTRACT`, set when the attribute is assigned).
pub fn check_abstract(py: Python<'_>, ty: &PyType) -> PyResult<()> {
    let Some(d) = ty.dict() else {
        return Ok(());
    };
    let Some(abstracts) = d.get_item(
        py,
        crate::objects::str::intern_str(py, "__abstractmethods__").as_object(),
    )?
    else {
        return Ok(());
    };
    if !crate::eval::ops::truthy(py, &abstracts)? {
        return Ok(());
    }
    let mut names: Vec<String> = Vec::new();
    for n in crate::eval::ops::collect_iterable(py, &abstracts)? {
        names.push(protocol::str_(py, &n)?.to_string_lossy());
    }
    names.sort();
    Err(PyErr::type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        ty.name(),
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    )))
}

/// `type.__call__`: construct an instance (`type_call`).
pub fn type_call_base(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    // `type(x)` and `type(name, bases, dict)`.
    if std::ptr::eq(ty, py.types().type_()) {
        let pos = args.pos();
        if pos.len() == 1 && args.kwnames.is_empty() {
            return Ok(pos[0].ob_type().to_owned_ref().into_object());
        }
        if pos.len() != 3 {
            return Err(PyErr::type_error("type() takes 1 or 3 arguments"));
        }
        return crate::eval::builtins::type_new(py, ty, &pos[0], &pos[1], &pos[2]);
    }
    if !ty.is_heap() {
        if let Some(r) = crate::objects::weakref::construct(py, ty, args)? {
            return Ok(r);
        }
        return crate::eval::builtins::construct_builtin(py, ty, args);
    }
    // Heap types: __new__ then __init__.
    let h = hooks(py, ty)?;
    let new = if h.bits & TypeHooks::NEW != 0 {
        heap_dunder(py, ty, "__new__")?
    } else {
        None
    };
    let obj = match &new {
        Some(f) => {
            let f = match f.downcast_ref::<crate::objects::descriptors::PyStaticMethod>(py) {
                Some(s) => s.func.clone(),
                None => f.clone(),
            };
            let mut values = vec![ty.to_owned_ref().into_object()];
            values.extend_from_slice(args.values);
            call(
                py,
                &f,
                Args {
                    values: &values,
                    kwnames: args.kwnames,
                },
            )?
        }
        None => {
            if h.bits & TypeHooks::ABSTRACT != 0 {
                check_abstract(py, ty)?;
            }
            crate::objects::instance::heap_new(py, ty, args)?
        }
    };
    if !obj.ob_type().is_subtype(ty) {
        return Ok(obj);
    }
    match hooked_init(py, ty, &h)? {
        Some(init) => {
            // `slot_tp_init`: a Python `__init__` is called unbound with `self` first (no
            // bound-method object, which CPython never allocates here either).
            let r = if let Some(f) = init.downcast_ref::<crate::objects::function::PyFunction>(py) {
                call_init(py, f, &obj, args)?
            } else {
                let bound = crate::eval::attr::descr_get(py, init, Some(&obj), obj.ob_type())?;
                call(py, &bound, args)?
            };
            if !py.is_none(&r) {
                return Err(PyErr::type_error(format!(
                    "__init__() should return None, not '{}'",
                    r.ob_type().name()
                )));
            }
        }
        None => {
            let solid = crate::objects::heap_type::solid_base_of(py, ty)?;
            if solid.is_builtin_payload() {
                crate::objects::instance::builtin_init(py, &obj, args)?;
            } else if solid == crate::objects::heap_type::SolidBase::Object
                && new.is_none()
                && !args.values.is_empty()
            {
                return Err(PyErr::type_error(format!(
                    "{}() takes no arguments",
                    ty.name()
                )));
            }
        }
    }
    Ok(obj)
}

/// `slot_tp_init` calling a Python `__init__` `f` with `obj` prepended to `args`: `obj` is
/// lent (CPython's `_PyObject_Call_Prepend` puts the borrowed pointer in a stack array) and each
/// argument carries one reference more (the argument tuple `tp_call` received), so
/// `sys.getrefcount` inside `__init__` sees CPython's counts. No heap array for up to 4
/// arguments.
fn call_init(
    py: Python<'_>,
    f: &crate::objects::function::PyFunction,
    obj: &PyRef,
    args: Args<'_>,
) -> PyResult<PyRef> {
    use std::mem::ManuallyDrop;
    if !args.kwnames.is_empty() {
        // With keywords CPython unpacks the kwargs dict onto a new stack that holds a
        // reference to `obj` and to every argument (`_PyStack_UnpackDict`), on top of the
        // argument tuple and dict.
        let mut values = Vec::with_capacity(args.values.len() + 1);
        values.push(obj.clone());
        values.extend_from_slice(args.values);
        let held = args.values.to_vec();
        let r = crate::eval::call::call_function(
            py,
            f,
            Args {
                values: &values,
                kwnames: args.kwnames,
            },
        );
        drop(held);
        return r;
    }
    let item = |i: usize| -> ManuallyDrop<PyRef> {
        match i.checked_sub(1).and_then(|j| args.values.get(j)) {
            Some(v) => ManuallyDrop::new(v.clone()),
            // SAFETY: a second handle to `obj` that is never dropped (a borrow).
            None => ManuallyDrop::new(unsafe { PyRef::from_raw(NonNull::from(&**obj)) }),
        }
    };
    let run = |values: &mut [ManuallyDrop<PyRef>]| {
        // SAFETY: `ManuallyDrop<PyRef>` is `repr(transparent)` over `PyRef`.
        let slice = unsafe { &*(std::ptr::from_ref(&*values) as *const [PyRef]) };
        let r = crate::eval::call::call_function(
            py,
            f,
            Args {
                values: slice,
                kwnames: args.kwnames,
            },
        );
        for v in values.iter_mut().skip(1) {
            // SAFETY: the argument clones made by `item`, dropped once; item 0 is the borrow.
            unsafe { ManuallyDrop::drop(v) };
        }
        r
    };
    match args.values.len() {
        0 => run(&mut std::array::from_fn::<_, 1, _>(item)),
        1 => run(&mut std::array::from_fn::<_, 2, _>(item)),
        2 => run(&mut std::array::from_fn::<_, 3, _>(item)),
        3 => run(&mut std::array::from_fn::<_, 4, _>(item)),
        4 => run(&mut std::array::from_fn::<_, 5, _>(item)),
        n => run(&mut (0..=n).map(item).collect::<Vec<_>>()),
    }
}

/// Fill `ty`'s dict from the class namespace rules (`__eq__` without `__hash__` → unhashable),
/// call `__set_name__` on attributes and `__init_subclass__` on the parent.
pub fn finish_class(py: Python<'_>, ty: &PyType, kwargs: &[(PyRef<PyStr>, PyRef)]) -> PyResult<()> {
    let Some(dict) = ty.dict() else {
        return Ok(());
    };
    let eq = intern_str(py, "__eq__");
    let hash = intern_str(py, "__hash__");
    if dict.get_item(py, eq.as_object())?.is_some()
        && dict.get_item(py, hash.as_object())?.is_none()
    {
        dict.set_item(py, hash.into_object(), py.none())?;
    }
    // `__new__` and `__init_subclass__`/`__class_getitem__` are implicitly static/class methods.
    let new_key = intern_str(py, "__new__");
    if let Some(f) = dict.get_item(py, new_key.as_object())?
        && f.is_instance_of::<crate::objects::function::PyFunction>(py)
    {
        dict.set_item(
            py,
            new_key.into_object(),
            crate::objects::descriptors::PyStaticMethod::new(py, f).into_object(),
        )?;
    }
    for name in ["__init_subclass__", "__class_getitem__"] {
        let key = intern_str(py, name);
        if let Some(f) = dict.get_item(py, key.as_object())?
            && f.is_instance_of::<crate::objects::function::PyFunction>(py)
        {
            dict.set_item(
                py,
                key.into_object(),
                crate::objects::descriptors::PyClassMethod::new(py, f).into_object(),
            )?;
        }
    }
    crate::objects::type_::type_modified();
    // __set_name__, over a copy of the class dict (`type_new_set_names`: `PyDict_Copy`, a real
    // dict as in CPython, so the allocation shows in `gc.get_count()`).
    let names_to_set = dict.copy(py)?;
    for (k, v) in names_to_set.items() {
        if v.ob_type().is_heap() || v.is_instance_of::<crate::objects::descriptors::PyProperty>(py)
        {
            let set_name = v
                .ob_type()
                .lookup(py, intern_str(py, "__set_name__").as_object())?;
            if let Some(f) = set_name {
                call_found(py, &f, &v, &[ty.to_owned_ref().into_object(), k.clone()])?;
            }
        }
    }
    // __init_subclass__ of the nearest parent defining it.
    let mut mro = ty.mro();
    mro.next();
    for t in mro {
        if let Some(d) = t.dict()
            && let Some(f) = d.get_item(py, intern_str(py, "__init_subclass__").as_object())?
        {
            let bound = crate::eval::attr::descr_get(py, f, None, ty)?;
            let bound = match bound.downcast_ref::<crate::objects::method::PyMethod>(py) {
                Some(_) => bound,
                None => crate::objects::method::PyMethod::new(
                    py,
                    bound,
                    ty.to_owned_ref().into_object(),
                )
                .into_object(),
            };
            let names: Vec<PyRef<PyStr>> = kwargs.iter().map(|(k, _)| k.clone()).collect();
            let values: Vec<PyRef> = kwargs.iter().map(|(_, v)| v.clone()).collect();
            call(
                py,
                &bound,
                Args {
                    values: &values,
                    kwnames: &names,
                },
            )?;
            return Ok(());
        }
    }
    if !kwargs.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            ty.name()
        )));
    }
    Ok(())
}
