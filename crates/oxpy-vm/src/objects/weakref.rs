//! Weak references: `weakref.ReferenceType` (`weakref.ref`) and `weakref.ProxyType`.
//!
//! CPython keeps an object's weak references in a list headed by its `__weakref__` word. oxpy
//! reserves that word (so `sys.getsizeof` matches) but keeps the lists in a side table keyed by
//! the referent's address, in CPython's list order: the basic ref (no callback) first, then the
//! basic proxy, then the others newest first. A dying referent's dealloc calls
//! [`clear_weakrefs`], which kills every ref and then runs the callbacks in list order.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::fxhash::FxHashMap;
use crate::gil::Python;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};

/// An interpreter's weak reference lists: referent address → its weak references, in
/// CPython's list order. Shared by the interpreter's threads (a referent may die on any).
#[derive(Default)]
pub struct WeakrefTable {
    map: RefCell<FxHashMap<usize, Vec<NonNull<PyWeakref>>>>,
}

fn with_table<R>(
    py: Python<'_>,
    f: impl FnOnce(&RefCell<FxHashMap<usize, Vec<NonNull<PyWeakref>>>>) -> R,
) -> R {
    f(&py.interp().weakrefs.map)
}

/// A weak reference or proxy (`PyWeakReference`).
#[repr(C)]
pub struct PyWeakref {
    ob_base: PyObject,
    /// `wr_object`: the referent, null once it died.
    referent: Cell<*const PyObject>,
    /// `wr_callback`.
    callback: RefCell<Option<PyRef>>,
    /// Cached hash of the referent (−1 = not computed).
    hash: Cell<isize>,
}

// SAFETY: #[repr(C)], header first; the ref and proxy types share this layout.
unsafe impl PyPayload for PyWeakref {
    fn type_object(py: Python<'_>) -> &PyType {
        ref_type(py)
    }
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(ref_type(py)) || std::ptr::eq(obj.ob_type(), proxy_type(py))
    }
}

fn make_type<'a>(py: Python<'a>, name: &'static str, spec: fn() -> TypeSpec) -> &'a PyType {
    py.interp().lazy_type(name, || {
        let t = PyType::new_native(py, py.types().object(), spec());
        let p = NonNull::from(&*t);
        // Lives as long as the interpreter.
        std::mem::forget(t);
        p
    })
}

const FLAGS: u64 = (1 << 14) | (1 << 12) | (1 << 18) | (1 << 8);

/// `weakref.ReferenceType` (`weakref.ref`).
pub fn ref_type(py: Python<'_>) -> &PyType {
    make_type(py, "weakref.ReferenceType", || TypeSpec {
        name: "weakref.ReferenceType",
        basicsize: 64,
        itemsize: 0,
        flags: FLAGS | (1 << 10),
        slots: TypeSlots {
            traverse: Some(weakref_traverse),
            clear: Some(weakref_clear),
            hash: Some(weakref_hash),
            repr: Some(weakref_repr),
            richcompare: Some(weakref_richcompare),
            call: Some(weakref_call),
            attr: Some(weakref_attr),
            ..TypeSlots::new(weakref_dealloc)
        },
        methods: &[],
    })
}

/// `weakref.ProxyType`.
pub fn proxy_type(py: Python<'_>) -> &PyType {
    make_type(py, "weakref.ProxyType", || TypeSpec {
        name: "weakref.ProxyType",
        basicsize: 64,
        itemsize: 0,
        flags: FLAGS,
        slots: TypeSlots {
            traverse: Some(weakref_traverse),
            clear: Some(weakref_clear),
            hash: Some(proxy_hash),
            repr: Some(weakref_repr),
            str: Some(proxy_str),
            attr: Some(proxy_attr),
            call: Some(proxy_call),
            ..TypeSlots::new(weakref_dealloc)
        },
        methods: &[],
    })
}

fn addr(obj: &PyObject) -> usize {
    obj as *const PyObject as usize
}

fn as_weakref(obj: &PyObject) -> &PyWeakref {
    // SAFETY: only called from the slots of the two weakref types.
    unsafe { &*(obj as *const PyObject as *const PyWeakref) }
}

impl PyWeakref {
    /// The referent if it is still alive.
    pub fn get(&self) -> Option<PyRef> {
        let p = self.referent.get();
        // SAFETY: a non-null referent is alive (its dealloc nulls this field first).
        (!p.is_null()).then(|| unsafe { (*p).to_owned_ref() })
    }

    fn is_proxy(&self, py: Python<'_>) -> bool {
        std::ptr::eq(self.ob_base.ob_type(), proxy_type(py))
    }
}

/// Number of weak references to `obj` (`weakref.getweakrefcount`).
pub fn weakref_count(py: Python<'_>, obj: &PyObject) -> usize {
    with_table(py, |t| t.borrow().get(&addr(obj)).map_or(0, Vec::len))
}

/// The weak references to `obj`, in list order (`weakref.getweakrefs`).
pub fn weakrefs_of(py: Python<'_>, obj: &PyObject) -> Vec<PyRef> {
    with_table(py, |t| {
        t.borrow().get(&addr(obj)).map_or_else(Vec::new, |v| {
            v.iter()
                // SAFETY: listed refs are alive (they unlist themselves when they die).
                .map(|r| unsafe { r.as_ref() }.ob_base.to_owned_ref())
                .collect()
        })
    })
}

/// Builtin types whose instances CPython 3.11 lets you weakly reference (a non-zero
/// `tp_weaklistoffset`); their deallocs call [`clear_weakrefs`].
const WEAKREFABLE_BUILTINS: &[&str] = &[
    "function",
    "set",
    "frozenset",
    "generator",
    "coroutine",
    "async_generator",
    "method",
    "builtin_function_or_method",
    "code",
    "module",
];

fn check_referent(py: Python<'_>, obj: &PyObject) -> PyResult<()> {
    let ty = obj.ob_type();
    if crate::objects::heap_type::supports_weakrefs(py, obj)
        || (!ty.is_heap() && WEAKREFABLE_BUILTINS.contains(&ty.name()))
    {
        return Ok(());
    }
    Err(PyErr::type_error(format!(
        "cannot create weak reference to '{}' object",
        obj.ob_type().name()
    )))
}

/// `weakref.ref(obj[, callback])` / `weakref.proxy(obj[, callback])`: reuses the basic ref or
/// proxy when there is no callback (`weakref___new__` / `PyWeakref_NewProxy`).
pub fn new_weakref(
    py: Python<'_>,
    obj: &PyObject,
    callback: Option<PyRef>,
    proxy: bool,
) -> PyResult<PyRef> {
    check_referent(py, obj)?;
    let callback = callback.filter(|c| !py.is_none(c));
    let ty = if proxy { proxy_type(py) } else { ref_type(py) };
    let key = addr(obj);
    // (basic ref, basic proxy) at the head of the list.
    let basics = with_table(py, |t| {
        let t = t.borrow();
        let list = t.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        let mut basic_ref = None;
        let mut basic_proxy = None;
        for (i, r) in list.iter().take(2).enumerate() {
            // SAFETY: listed refs are alive.
            let w = unsafe { r.as_ref() };
            if w.callback.borrow().is_some() {
                break;
            }
            if std::ptr::eq(w.ob_base.ob_type(), ref_type(py)) && i == 0 {
                basic_ref = Some(*r);
            } else if w.is_proxy(py) {
                basic_proxy = Some(*r);
            }
        }
        (basic_ref, basic_proxy)
    });
    if callback.is_none() {
        let reuse = if proxy { basics.1 } else { basics.0 };
        if let Some(r) = reuse {
            // SAFETY: alive (listed).
            return Ok(unsafe { r.as_ref() }.ob_base.to_owned_ref());
        }
    }
    let has_cb = callback.is_some();
    let w = crate::object::alloc::new_object(py, ty, |ob_base| PyWeakref {
        ob_base,
        referent: Cell::new(obj as *const PyObject),
        callback: RefCell::new(callback),
        hash: Cell::new(-1),
    });
    let p = NonNull::from(&*w);
    with_table(py, |t| {
        let mut t = t.borrow_mut();
        let list = t.entry(key).or_default();
        let pos = if !has_cb && !proxy {
            0
        } else if !has_cb {
            // The basic proxy goes after the basic ref.
            usize::from(basics.0.is_some())
        } else {
            usize::from(basics.0.is_some()) + usize::from(basics.1.is_some())
        };
        list.insert(pos.min(list.len()), p);
    });
    crate::gc::track(py, w.as_object());
    Ok(w.into_object())
}

/// Remove `w` from its referent's list.
fn unlist(py: Python<'_>, w: &PyWeakref) {
    let p = w.referent.get();
    if p.is_null() {
        return;
    }
    let key = p as usize;
    with_table(py, |t| {
        let mut t = t.borrow_mut();
        if let Some(list) = t.get_mut(&key) {
            list.retain(|r| !std::ptr::eq(r.as_ptr(), w));
            if list.is_empty() {
                t.remove(&key);
            }
        }
    });
}

/// Unlist and return the weak references to `obj` (`None` if it has none).
fn take_refs(py: Python<'_>, obj: &PyObject) -> Option<Vec<NonNull<PyWeakref>>> {
    with_table(py, |t| {
        let mut t = t.borrow_mut();
        if t.is_empty() {
            return None;
        }
        t.remove(&addr(obj))
    })
}

/// `PyObject_ClearWeakRefs`: called by the dealloc of a dying referent (count 0); kills its
/// weak references, then calls their callbacks in list order.
pub fn clear_weakrefs(py: Python<'_>, obj: &PyObject) {
    let refs = take_refs(py, obj);
    let Some(refs) = refs else {
        return;
    };
    // Own every ref and kill it before any callback runs.
    let mut pending: Vec<(PyRef, PyRef)> = Vec::new();
    let mut owned: Vec<PyRef> = Vec::with_capacity(refs.len());
    for r in refs {
        // SAFETY: listed refs are alive.
        let w = unsafe { r.as_ref() };
        w.referent.set(std::ptr::null());
        let me = w.ob_base.to_owned_ref();
        if let Some(cb) = w.callback.borrow_mut().take() {
            pending.push((me, cb));
        } else {
            owned.push(me);
        }
    }
    for (me, cb) in pending {
        if let Err(e) = crate::eval::call::call1(py, &cb, std::slice::from_ref(&me)) {
            crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(&cb));
        }
    }
    drop(owned);
}

/// `_PyWeakref_ClearRef` for the collector: if `obj` is a weak reference, kill it (its referent
/// reads as dead) but keep its callback, which will never be called by the referent's death.
pub fn gc_clear_ref(py: Python<'_>, obj: &PyObject) {
    if PyWeakref::is_type_of(py, obj) {
        let w = as_weakref(obj);
        unlist(py, w);
        w.referent.set(std::ptr::null());
    }
}

/// The collector's pass over an unreachable referent (`handle_weakrefs`): kill every weak
/// reference to `obj`, keeping their callbacks, and return new references to those that have a
/// callback, in list order. No Python code runs.
pub fn gc_clear_refs_to(py: Python<'_>, obj: &PyObject) -> Vec<PyRef> {
    let refs = take_refs(py, obj);
    let Some(refs) = refs else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in refs {
        // SAFETY: listed refs are alive.
        let w = unsafe { r.as_ref() };
        w.referent.set(std::ptr::null());
        if w.callback.borrow().is_some() {
            out.push(w.ob_base.to_owned_ref());
        }
    }
    out
}

/// Call the callback of a weak reference the collector cleared (`handle_weakrefs`' second
/// pass); errors are reported as unraisable.
pub fn gc_call_callback(py: Python<'_>, wr: &PyRef) {
    let Some(cb) = as_weakref(wr).callback.borrow().clone() else {
        return;
    };
    if let Err(e) = crate::eval::call::call1(py, &cb, std::slice::from_ref(wr)) {
        crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(&cb));
    }
}

/// The dealloc of a builtin type with a weak reference list: kill the weak references (and run
/// their callbacks), then drop the fields and free (`PyObject_ClearWeakRefs` + dealloc).
///
/// # Safety
/// As any dealloc slot: `obj` is dead (count 0), was made by `new_object` as a `T`, and the GIL
/// is held.
pub unsafe fn dealloc_weakrefable<T>(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: the object is intact until `dealloc_object` frees it.
    unsafe {
        clear_weakrefs(py, obj.as_ref());
        crate::object::alloc::dealloc_object::<T>(py, obj);
    }
}

unsafe fn weakref_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead weakref: unlist it, then drop the callback and free.
    unsafe {
        unlist(py, as_weakref(obj.as_ref()));
        crate::object::alloc::dealloc_object::<PyWeakref>(py, obj);
    }
}

fn weakref_traverse(obj: &PyObject, visit: Visit<'_>) -> std::ops::ControlFlow<()> {
    if let Some(cb) = &*as_weakref(obj).callback.borrow() {
        visit(cb)?;
    }
    std::ops::ControlFlow::Continue(())
}

fn weakref_clear(py: Python<'_>, obj: &PyObject) {
    let w = as_weakref(obj);
    unlist(py, w);
    w.referent.set(std::ptr::null());
    drop(w.callback.borrow_mut().take());
}

fn weakref_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("weakref", 0, 0)?;
    Ok(as_weakref(obj).get().unwrap_or_else(|| py.none()))
}

fn weakref_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let w = as_weakref(obj);
    if w.hash.get() != -1 {
        return Ok(w.hash.get());
    }
    let Some(o) = w.get() else {
        return Err(PyErr::type_error("weak object has gone away"));
    };
    let h = crate::object::protocol::hash(py, &o)?;
    w.hash.set(h);
    Ok(h)
}

fn weakref_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let w = as_weakref(obj);
    let kind = if w.is_proxy(py) {
        "weakproxy"
    } else {
        "weakref"
    };
    let text = match w.get() {
        None => format!("<{kind} at {:#x}; dead>", addr(obj)),
        Some(o) => format!(
            "<{kind} at {:#x}; to '{}' at {:#x}>",
            addr(obj),
            o.ob_type().name(),
            addr(&o)
        ),
    };
    Ok(PyStr::new(py, &text))
}

fn weakref_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<PyRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne)
        || !std::ptr::eq(a.ob_type(), ref_type(py))
        || !std::ptr::eq(b.ob_type(), ref_type(py))
    {
        return Ok(py.not_implemented());
    }
    match (as_weakref(a).get(), as_weakref(b).get()) {
        (Some(x), Some(y)) => crate::object::protocol::rich_compare(py, &x, &y, op),
        _ => {
            let same = std::ptr::eq(a, b);
            Ok(py
                .bool(if op == CompareOp::Eq { same } else { !same })
                .into_object())
        }
    }
}

fn weakref_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    Ok(match name {
        "__callback__" => Some(
            as_weakref(obj)
                .callback
                .borrow()
                .clone()
                .unwrap_or_else(|| py.none()),
        ),
        _ => None,
    })
}

fn proxy_target(obj: &PyObject) -> PyResult<PyRef> {
    as_weakref(obj).get().ok_or_else(|| {
        PyErr::new(
            ExcKind::ReferenceError,
            "weakly-referenced object no longer exists",
        )
    })
}

fn proxy_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let target = proxy_target(obj)?;
    crate::eval::attr::getattr_str(py, &target, name).map(Some)
}

/// Calling a proxy calls its referent (CPython's `CallableProxyType`).
fn proxy_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let target = proxy_target(obj)?;
    crate::eval::call::call(py, &target, args)
}

fn proxy_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Err(PyErr::type_error(format!(
        "unhashable type: '{}'",
        obj.ob_type().name()
    )))
}

fn proxy_str(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let target = proxy_target(obj)?;
    crate::object::protocol::str_(py, &target)
}

/// `type.__call__` for the weakref types: `weakref.ref(obj[, callback])`. `None` if `ty` is
/// not one of them.
pub fn construct(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<Option<PyRef>> {
    let proxy = std::ptr::eq(ty, proxy_type(py));
    if !proxy && !std::ptr::eq(ty, ref_type(py)) {
        return Ok(None);
    }
    let name = if proxy { "proxy" } else { "__new__" };
    let a = args.exact_pos(name, 1, 2)?;
    let (Some(obj), cb) = (a.first(), a.get(1).cloned()) else {
        return Ok(None);
    };
    new_weakref(py, obj, cb, proxy).map(Some)
}
