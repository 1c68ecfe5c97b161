//! `dict_keys` / `dict_values` / `dict_items` views and the dict iterators
//! (`dict_keyiterator`, `dict_valueiterator`, `dict_itemiterator`), as in `Objects/dictobject.c`.
//!
//! Iterators walk entry positions and raise `RuntimeError: dictionary changed size during
//! iteration` when `len(d)` differs from the length at creation (sticky), and `dictionary keys
//! changed during iteration` when more items turn up than expected.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::dict::{PyDict, as_dict, for_each_item};
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};

/// What a view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IterKind {
    /// Keys (`dict_keys`, `dict_keyiterator`).
    Keys,
    /// Values (`dict_values`, `dict_valueiterator`).
    Values,
    /// `(key, value)` tuples (`dict_items`, `dict_itemiterator`).
    Items,
}

/// A dict view (`_PyDictViewObject`): 24 bytes + GC head, holding its dict.
#[repr(C)]
pub struct PyDictView {
    ob_base: PyObject,
    dict: PyRef,
    kind: IterKind,
}

// SAFETY: #[repr(C)], header first; `is_type_of` accepts exactly the three view types.
unsafe impl PyPayload for PyDictView {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().dict_keys()
    }
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = obj.ob_type();
        let ts = py.types();
        std::ptr::eq(t, ts.dict_keys())
            || std::ptr::eq(t, ts.dict_values())
            || std::ptr::eq(t, ts.dict_items())
    }
}

/// A dict iterator (`dictiterobject`): 56 bytes + GC head.
#[repr(C)]
pub struct PyDictIter {
    ob_base: PyObject,
    /// `di_dict`; `None` once exhausted.
    dict: Cell<Option<PyRef>>,
    /// `di_used`: the dict's length at creation, −1 once a size change was reported.
    used: Cell<isize>,
    /// `di_pos`.
    pos: Cell<usize>,
    /// `len`: items still expected.
    len: Cell<usize>,
    kind: IterKind,
    /// A `reversed()` iterator; then `pos` is one past the next position (0 = done).
    reverse: bool,
}

// SAFETY: #[repr(C)], header first; `is_type_of` accepts exactly the three iterator types.
unsafe impl PyPayload for PyDictIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().dict_keyiterator()
    }
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = obj.ob_type();
        let ts = py.types();
        std::ptr::eq(t, ts.dict_keyiterator())
            || std::ptr::eq(t, ts.dict_valueiterator())
            || std::ptr::eq(t, ts.dict_itemiterator())
            || std::ptr::eq(t, ts.dict_reversekeyiterator())
            || std::ptr::eq(t, ts.dict_reversevalueiterator())
            || std::ptr::eq(t, ts.dict_reverseitemiterator())
    }
}

const VIEW_FLAGS: u64 = 0x5180;
const ITER_FLAGS: u64 = 0x5180;

fn view_spec(name: &'static str, set_like: bool) -> TypeSpec {
    TypeSpec {
        methods: if set_like {
            SET_VIEW_METHODS
        } else {
            VIEW_METHODS
        },
        name,
        basicsize: 24,
        itemsize: 0,
        flags: VIEW_FLAGS,
        slots: TypeSlots {
            traverse: Some(view_traverse),
            hash: if set_like {
                None
            } else {
                Some(crate::objects::object::object_hash)
            },
            repr: Some(view_repr),
            richcompare: if set_like {
                Some(view_richcompare)
            } else {
                Some(crate::objects::object::object_richcompare)
            },
            len: Some(view_len),
            attr: Some(view_attr),
            contains: if set_like { Some(view_contains) } else { None },
            iter: Some(view_iter),
            binop: if set_like {
                Some(crate::objects::set::view_binop)
            } else {
                None
            },
            ..TypeSlots::new(view_dealloc)
        },
    }
}

/// `dict_keys`' spec.
pub(crate) fn keys_spec() -> TypeSpec {
    view_spec("dict_keys", true)
}

/// `dict_values`' spec.
pub(crate) fn values_spec() -> TypeSpec {
    view_spec("dict_values", false)
}

/// `dict_items`' spec.
pub(crate) fn items_spec() -> TypeSpec {
    view_spec("dict_items", true)
}

fn iter_spec(name: &'static str) -> TypeSpec {
    TypeSpec {
        methods: DICT_ITER_METHODS,
        name,
        basicsize: 56,
        itemsize: 0,
        flags: ITER_FLAGS,
        slots: TypeSlots {
            traverse: Some(iter_traverse),
            iter: Some(iter_self),
            iternext: Some(dictiter_iternext),
            ..TypeSlots::new(iter_dealloc)
        },
    }
}

/// `dict_keyiterator`'s spec.
pub(crate) fn keyiter_spec() -> TypeSpec {
    iter_spec("dict_keyiterator")
}

/// `dict_valueiterator`'s spec.
pub(crate) fn valueiter_spec() -> TypeSpec {
    iter_spec("dict_valueiterator")
}

/// `dict_itemiterator`'s spec.
pub(crate) fn itemiter_spec() -> TypeSpec {
    iter_spec("dict_itemiterator")
}

/// `dict_reversekeyiterator`'s spec.
pub(crate) fn reversekeyiter_spec() -> TypeSpec {
    iter_spec("dict_reversekeyiterator")
}

/// `dict_reversevalueiterator`'s spec.
pub(crate) fn reversevalueiter_spec() -> TypeSpec {
    iter_spec("dict_reversevalueiterator")
}

/// `dict_reverseitemiterator`'s spec.
pub(crate) fn reverseitemiter_spec() -> TypeSpec {
    iter_spec("dict_reverseitemiterator")
}

/// A new view of `dict` (`_PyDictView_New`); tracked.
pub fn new_view(py: Python<'_>, dict: &PyObject, kind: IterKind) -> PyRef {
    let ts = py.types();
    let ty = match kind {
        IterKind::Keys => ts.dict_keys(),
        IterKind::Values => ts.dict_values(),
        IterKind::Items => ts.dict_items(),
    };
    // SAFETY: every field is written before the handle is used.
    let v = unsafe {
        let obj = alloc_object(py, ty, size_of::<PyDictView>());
        let p = obj.cast::<PyDictView>().as_ptr();
        std::ptr::addr_of_mut!((*p).dict).write(dict.to_owned_ref());
        std::ptr::addr_of_mut!((*p).kind).write(kind);
        PyRef::from_raw(obj)
    };
    gc::track(py, &v);
    v
}

/// A new iterator over `dict` (`dictiter_new`); tracked.
pub fn new_dict_iter(py: Python<'_>, dict: &PyObject, kind: IterKind) -> PyRef {
    alloc_dict_iter(py, dict, kind, false)
}

/// A new `reversed()` iterator over `dict` (`dictiter_new` with a reverse type); tracked.
pub fn new_dict_reverse_iter(py: Python<'_>, dict: &PyObject, kind: IterKind) -> PyRef {
    alloc_dict_iter(py, dict, kind, true)
}

fn alloc_dict_iter(py: Python<'_>, dict: &PyObject, kind: IterKind, reverse: bool) -> PyRef {
    let ts = py.types();
    let ty = match (kind, reverse) {
        (IterKind::Keys, false) => ts.dict_keyiterator(),
        (IterKind::Values, false) => ts.dict_valueiterator(),
        (IterKind::Items, false) => ts.dict_itemiterator(),
        (IterKind::Keys, true) => ts.dict_reversekeyiterator(),
        (IterKind::Values, true) => ts.dict_reversevalueiterator(),
        (IterKind::Items, true) => ts.dict_reverseitemiterator(),
    };
    let d = as_dict(dict);
    let n = d.len();
    let start = if reverse { d.nentries() } else { 0 };
    // SAFETY: every field is written before the handle is used.
    let it = unsafe {
        let obj = alloc_object(py, ty, size_of::<PyDictIter>());
        let p = obj.cast::<PyDictIter>().as_ptr();
        std::ptr::addr_of_mut!((*p).dict).write(Cell::new(Some(dict.to_owned_ref())));
        std::ptr::addr_of_mut!((*p).used).write(Cell::new(n as isize));
        std::ptr::addr_of_mut!((*p).pos).write(Cell::new(start));
        std::ptr::addr_of_mut!((*p).len).write(Cell::new(n));
        std::ptr::addr_of_mut!((*p).kind).write(kind);
        std::ptr::addr_of_mut!((*p).reverse).write(reverse);
        PyRef::from_raw(obj)
    };
    gc::track(py, &it);
    it
}

fn as_view(obj: &PyObject) -> &PyDictView {
    // SAFETY: only called from the view types' own slots.
    unsafe { &*(obj as *const PyObject as *const PyDictView) }
}

fn as_iter(obj: &PyObject) -> &PyDictIter {
    // SAFETY: only called from the iterator types' own slots.
    unsafe { &*(obj as *const PyObject as *const PyDictIter) }
}

impl PyDictView {
    /// The viewed dict.
    pub fn dict(&self) -> &PyDict {
        as_dict(&self.dict)
    }

    /// What the view yields.
    pub fn kind(&self) -> IterKind {
        self.kind
    }
}

unsafe fn view_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead view: drop its dict reference once, then free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyDictView>().as_ptr();
        let d = std::ptr::addr_of_mut!((*p).dict).read();
        drop(d);
        free_object(py, obj, size_of::<PyDictView>());
    }
}

fn view_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    visit(&as_view(obj).dict)
}

unsafe fn iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead iterator: drop its dict reference once, then free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let d = as_iter(obj.as_ref()).dict.take();
        drop(d);
        free_object(py, obj, size_of::<PyDictIter>());
    }
}

fn iter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let it = as_iter(obj);
    let d = it.dict.take();
    let r = match &d {
        Some(d) => visit(d),
        None => ControlFlow::Continue(()),
    };
    it.dict.set(d);
    r
}

fn iter_self(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

/// `dictiter_iternextkey` / `value` / `item`.
fn dictiter_iternext(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_iter(obj);
    let Some(dref) = it.dict.take() else {
        return Ok(None);
    };
    let d = as_dict(&dref);
    if it.used.get() != d.len() as isize {
        it.used.set(-1);
        it.dict.set(Some(dref));
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "dictionary changed size during iteration",
        ));
    }
    if it.reverse {
        return dictreviter_next(py, it, dref);
    }
    let mut pos = it.pos.get();
    let Some((k, v)) = d.next_entry(&mut pos) else {
        // Exhausted: drop the dict reference (`di_dict = NULL`).
        drop(dref);
        return Ok(None);
    };
    if it.len.get() == 0 {
        drop(dref);
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "dictionary keys changed during iteration",
        ));
    }
    it.pos.set(pos);
    it.len.set(it.len.get() - 1);
    it.dict.set(Some(dref));
    Ok(Some(make_item(py, it.kind, k, v)))
}

/// `dictreviter_iternext`: walks positions downwards; no "keys changed" check.
fn dictreviter_next(py: Python<'_>, it: &PyDictIter, dref: PyRef) -> PyResult<Option<PyRef>> {
    let d = as_dict(&dref);
    let mut i = it.pos.get();
    let (k, v) = loop {
        if i == 0 {
            drop(dref);
            return Ok(None);
        }
        i -= 1;
        if let Some(kv) = d.entry_at(i) {
            break kv;
        }
    };
    it.pos.set(i);
    it.len.set(it.len.get().saturating_sub(1));
    it.dict.set(Some(dref));
    Ok(Some(make_item(py, it.kind, k, v)))
}

fn make_item(py: Python<'_>, kind: IterKind, k: PyRef, v: PyRef) -> PyRef {
    match kind {
        IterKind::Keys => k,
        IterKind::Values => v,
        IterKind::Items => PyTuple::from_array(py, [k, v]).into_object(),
    }
}

/// `dict_keys.__reversed__()` and friends.
fn view_reversed(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__reversed__", 0, 0)?;
    match this.downcast_ref::<PyDictView>(py) {
        Some(v) => Ok(new_dict_reverse_iter(py, &v.dict, v.kind)),
        None => Err(PyErr::type_error(format!(
            "descriptor '__reversed__' requires a dict view, not '{}'",
            this.ob_type().name()
        ))),
    }
}

/// `dictiter.__length_hint__()`: items still expected (0 once exhausted or invalidated).
pub fn dictiter_len(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    let n = match this.downcast_ref::<PyDictIter>(py) {
        Some(it) => {
            let d = it.dict.take();
            let n = match &d {
                Some(dr) if it.used.get() == as_dict(dr).len() as isize => it.len.get(),
                _ => 0,
            };
            it.dict.set(d);
            n
        }
        None => 0,
    };
    Ok(crate::objects::int::PyInt::new(py, n as i64).into_object())
}

static DICT_ITER_METHODS: &[MethodDef] = &[MethodDef::new("__length_hint__", dictiter_len)];

fn view_len(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_view(obj).dict().len())
}

fn view_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let v = as_view(obj);
    Ok(new_dict_iter(py, &v.dict, v.kind))
}

/// `dictkeys_contains` / `dictitems_contains`.
fn view_contains(py: Python<'_>, obj: &PyObject, item: &PyObject) -> PyResult<bool> {
    let v = as_view(obj);
    match v.kind {
        IterKind::Keys => v.dict().contains(py, item),
        IterKind::Items => {
            let Some(t) = item.downcast_ref::<PyTuple>(py) else {
                return Ok(false);
            };
            let [key, value] = t.as_slice() else {
                return Ok(false);
            };
            match v.dict().get_item(py, key)? {
                Some(found) => protocol::rich_compare_bool(py, &found, value, CompareOp::Eq),
                None => Ok(false),
            }
        }
        IterKind::Values => {
            let mut found = false;
            for x in v.dict().values() {
                if protocol::rich_compare_bool(py, &x, item, CompareOp::Eq)? {
                    found = true;
                    break;
                }
            }
            Ok(found)
        }
    }
}

/// The items a view yields, as a list snapshot (`PySequence_List(view)`).
pub fn view_items(py: Python<'_>, v: &PyDictView) -> Vec<PyRef> {
    let d = v.dict();
    match v.kind {
        IterKind::Keys => d.keys(),
        IterKind::Values => d.values(),
        IterKind::Items => d
            .items()
            .into_iter()
            .map(|(k, val)| PyTuple::from_array(py, [k, val]).into_object())
            .collect(),
    }
}

/// `dictview_repr`: `dict_keys(['a'])`; `...` when recursive.
fn view_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let Some(_guard) = protocol::ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, "..."));
    };
    let list = PyList::from_vec(py, view_items(py, as_view(obj)))?;
    let inner = protocol::repr(py, list.as_object())?;
    Ok(PyStr::new(
        py,
        &format!("{}({})", obj.ob_type().name(), inner.to_string_lossy()),
    ))
}

/// `len()` of a set or set-like view operand.
fn setlike_len(py: Python<'_>, obj: &PyObject) -> Option<usize> {
    if let Some(v) = obj.downcast_ref::<PyDictView>(py)
        && v.kind != IterKind::Values
    {
        return Some(v.dict().len());
    }
    crate::objects::set::as_any_set(py, obj).map(|s| s.len())
}

/// `item in container` for a set or set-like view.
fn setlike_contains(py: Python<'_>, container: &PyObject, item: &PyObject) -> PyResult<bool> {
    match container.ob_type().slots.contains {
        Some(f) => f(py, container, item),
        None => Ok(false),
    }
}

/// `all_contained_in(self, other)`.
fn all_contained_in(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let mut ok = true;
    for_each_item(py, a, |x| {
        if ok && !setlike_contains(py, b, &x)? {
            ok = false;
        }
        Ok(())
    })?;
    Ok(ok)
}

/// `dictview_richcompare`: set comparisons against sets and set-like views.
fn view_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(la), Some(lb)) = (setlike_len(py, a), setlike_len(py, b)) else {
        return Ok(py.not_implemented());
    };
    let ok = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = la == lb && all_contained_in(py, a, b)?;
            if op == CompareOp::Ne { !eq } else { eq }
        }
        CompareOp::Lt => la < lb && all_contained_in(py, a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(py, a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(py, b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(py, b, a)?,
    };
    Ok(py.bool(ok).into_object())
}

/// `dict_keys.isdisjoint(other)` / `dict_items.isdisjoint(other)`.
fn view_isdisjoint(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("isdisjoint", 1, 1)?;
    let other = &a[0];
    let mut disjoint = true;
    for_each_item(py, other, |x| {
        if disjoint && setlike_contains(py, this, &x)? {
            disjoint = false;
        }
        Ok(())
    })?;
    Ok(py.bool(disjoint).into_object())
}

static SET_VIEW_METHODS: &[MethodDef] = &[
    MethodDef::new("isdisjoint", view_isdisjoint),
    MethodDef::new("__reversed__", view_reversed),
];

static VIEW_METHODS: &[MethodDef] = &[MethodDef::new("__reversed__", view_reversed)];

/// `view.mapping`: a read-only proxy of the underlying dict (`dictview_mapping`).
fn view_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    if name != "mapping" {
        return Ok(None);
    }
    Ok(obj
        .downcast_ref::<PyDictView>(py)
        .map(|v| crate::objects::mappingproxy::mappingproxy_wrap(py, v.dict.clone())))
}
