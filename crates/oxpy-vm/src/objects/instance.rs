//! Instances of class-statement types.
//!
//! Memory of an instance, from low to high addresses:
//!
//! ```text
//! [ managed dict ][ GC head ]  pre-header (managed dict only when the class has MANAGED_DICT)
//! [ payload ]                  the solid base's body: the header for `object`, a `PyList`,
//!                              a `PyInt`, a `PyTuple` with its items, ...
//! [ extras ]                   rounded up to 8: CPython's `basicsize - base basicsize` bytes —
//!                              `__slots__` values, the `__weakref__` word, and the `__dict__`
//!                              pointer of subclasses of variable-size types (last word)
//! ```
//!
//! `__slots__` offsets are CPython's (`C.x.__offset__`), translated to the real offset by
//! [`slot_real_offset`]. Weak references live in a side table (`objects::weakref`), so the
//! `__weakref__` word is only reserved, which keeps `sys.getsizeof` equal to CPython's.

use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{ManagedDictHeader, alloc_object, free_object, managed_dict_header};
use crate::object::{PyObject, PyRef};
use crate::objects::bytes::PyBytes;
use crate::objects::dict::{Key, PyDict, SharedKeysRef, is_exact_str, keys_equal};
use crate::objects::exception::PyBaseException;
use crate::objects::float::PyFloat;
use crate::objects::heap_type::SolidBase;
use crate::objects::inline_values::InlineValues;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::list::PyList;
use crate::objects::set::PySet;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeFlags};
use crate::tables::dict_table::SplitValues;
use crate::tables::sizing::DictPlacement;

const PTR: usize = 8;

fn solid_of(ty: &PyType) -> SolidBase {
    ty.heap.as_ref().map_or(SolidBase::Object, |h| h.solid)
}

/// Bytes of the solid base's body (header included) in `obj`.
fn payload_size(obj: &PyObject, solid: SolidBase) -> usize {
    // SAFETY (all casts below): `solid` is the layout of `obj`'s body (set when the class was
    // created from a base with that layout).
    match solid {
        SolidBase::Object => size_of::<PyObject>(),
        SolidBase::Exception => size_of::<PyBaseException>(),
        SolidBase::Int => size_of::<PyInt>(),
        SolidBase::Float => size_of::<PyFloat>(),
        SolidBase::List => size_of::<PyList>(),
        SolidBase::Dict => size_of::<PyDict>(),
        SolidBase::Set | SolidBase::FrozenSet => size_of::<PySet>(),
        SolidBase::Type => size_of::<PyType>(),
        SolidBase::Str => {
            let s = unsafe { &*(obj as *const PyObject as *const PyStr) };
            size_of::<PyStr>() + s.len() * s.kind().width()
        }
        SolidBase::Bytes => {
            let b = unsafe { &*(obj as *const PyObject as *const PyBytes) };
            size_of::<PyBytes>() + b.len() + 1
        }
        SolidBase::Tuple => {
            let t = unsafe { &*(obj as *const PyObject as *const PyTuple) };
            size_of::<PyTuple>() + PTR * t.len()
        }
    }
}

/// Where the extras start (payload rounded up to 8).
fn extras_start(obj: &PyObject, solid: SolidBase) -> usize {
    payload_size(obj, solid).next_multiple_of(PTR)
}

/// Bytes of the extras area of instances of `ty`.
fn extras_size(ty: &PyType) -> usize {
    match &ty.heap {
        Some(h) if !matches!(h.solid, SolidBase::Exception | SolidBase::Type) => {
            h.layout.basicsize.saturating_sub(h.base_basicsize)
        }
        _ => 0,
    }
}

/// Real byte offset of the slot CPython places at `offset` in `obj`.
pub fn slot_real_offset(obj: &PyObject, offset: usize) -> Option<usize> {
    let ty = obj.ob_type();
    let h = ty.heap.as_ref()?;
    if offset < h.base_basicsize || offset + PTR > h.layout.basicsize {
        return None;
    }
    Some(extras_start(obj, h.solid) + (offset - h.base_basicsize))
}

/// The slot word at `offset` (CPython numbering) of `obj`.
pub fn slot_cell(obj: &PyObject, offset: usize) -> Option<&std::cell::Cell<*mut PyObject>> {
    let real = slot_real_offset(obj, offset)?;
    // SAFETY: `real` lies in the extras area allocated for `obj`'s type, 8-aligned, and the
    // word is only accessed through this `Cell` under the GIL.
    Some(unsafe {
        &*((obj as *const PyObject as *const u8).add(real) as *const std::cell::Cell<*mut PyObject>)
    })
}

/// The `__dict__` word of instances of variable-size types (last word of the extras).
fn after_items_dict_cell(obj: &PyObject) -> Option<&std::cell::Cell<*mut PyObject>> {
    let ty = obj.ob_type();
    let h = ty.heap.as_ref()?;
    if h.layout.dict != DictPlacement::AfterItems {
        return None;
    }
    let real = extras_start(obj, h.solid) + extras_size(ty) - PTR;
    // SAFETY: the last word of the extras area, reserved for the dict (AfterItems layout).
    Some(unsafe {
        &*((obj as *const PyObject as *const u8).add(real) as *const std::cell::Cell<*mut PyObject>)
    })
}

/// Allocate a zeroed instance body of `ty` with room for `payload` bytes plus the extras.
fn alloc_instance(py: Python<'_>, ty: &PyType, payload: usize) -> NonNull<PyObject> {
    let total = payload.next_multiple_of(PTR) + extras_size(ty);
    // SAFETY: the body after the header is zeroed here, then filled by the caller.
    unsafe {
        let p = alloc_object(py, ty, total);
        std::ptr::write_bytes(
            (p.as_ptr() as *mut u8).add(size_of::<PyObject>()),
            0,
            total - size_of::<PyObject>(),
        );
        p
    }
}

/// Copy the body of `src` after its header into `dst` (`n` bytes including the header).
///
/// # Safety
/// `dst` has room for `n` bytes; `src` is at least `n` bytes.
unsafe fn copy_body(dst: NonNull<PyObject>, src: &PyObject, n: usize) {
    let h = size_of::<PyObject>();
    // SAFETY: guaranteed by the caller; the regions do not overlap (fresh allocation).
    unsafe {
        std::ptr::copy_nonoverlapping(
            (src as *const PyObject as *const u8).add(h),
            (dst.as_ptr() as *mut u8).add(h),
            n - h,
        );
    }
}

/// Allocate an empty instance of heap type `ty` (`object.__new__`, and the `__new__` of the
/// mutable bases list/dict/set), tracked by the GC. Immutable payloads get their zero value.
pub fn new_instance(py: Python<'_>, ty: &PyType) -> PyResult<PyRef> {
    let obj = match solid_of(ty) {
        SolidBase::Object => {
            let p = alloc_instance(py, ty, size_of::<PyObject>());
            // SAFETY: header written, the rest zeroed (empty slots, no dict).
            let obj: PyRef = unsafe { PyRef::from_raw(p) };
            init_inline_values(&obj);
            obj
        }
        SolidBase::Exception => {
            if extras_size_needs_storage(ty) {
                return Err(PyErr::type_error(
                    "oxpy does not support nonempty __slots__ on exception subclasses yet",
                ));
            }
            PyBaseException::new_of_type(py, ty, Vec::new()).into_object()
        }
        SolidBase::List => {
            let empty = PyList::new_empty(py);
            let p = alloc_instance(py, ty, size_of::<PyList>());
            // SAFETY: an empty list owns no buffer, so its body can be shared bitwise.
            unsafe { copy_body(p, empty.as_object(), size_of::<PyList>()) };
            drop(empty);
            // SAFETY: body initialised.
            unsafe { PyRef::from_raw(p) }
        }
        SolidBase::Dict => {
            let p = alloc_instance(py, ty, size_of::<PyDict>());
            // SAFETY: a fresh allocation of PyDict's size; the dict part is initialised here.
            unsafe {
                PyDict::init_subclass_instance(p);
                PyRef::from_raw(p)
            }
        }
        SolidBase::Set | SolidBase::FrozenSet => {
            let p = alloc_instance(py, ty, size_of::<PySet>());
            // SAFETY: as for dict.
            unsafe {
                PySet::init_subclass_instance(p);
                PyRef::from_raw(p)
            }
        }
        SolidBase::Type => {
            return Err(PyErr::type_error(
                "type.__new__() takes exactly 3 arguments",
            ));
        }
        SolidBase::Int => return new_instance_from(py, ty, PyInt::new(py, 0).as_object()),
        SolidBase::Float => {
            return new_instance_from(py, ty, PyFloat::new(py, 0.0).as_object());
        }
        SolidBase::Str => {
            return new_instance_from(py, ty, PyStr::new(py, "").as_object());
        }
        SolidBase::Bytes => {
            return new_instance_from(py, ty, PyBytes::new(py, b"").as_object());
        }
        SolidBase::Tuple => {
            return new_instance_from(py, ty, PyTuple::new(py, Vec::new()).as_object());
        }
    };
    crate::gc::track(py, &obj);
    Ok(obj)
}

fn extras_size_needs_storage(ty: &PyType) -> bool {
    ty.heap
        .as_ref()
        .is_some_and(|h| !h.layout.slot_offsets.is_empty())
}

/// An instance of heap type `ty` whose builtin payload is a copy of `value` (an instance of the
/// solid base: `int.__new__(cls, 5)`, `tuple.__new__(cls, it)`).
pub fn new_instance_from(py: Python<'_>, ty: &PyType, value: &PyObject) -> PyResult<PyRef> {
    let solid = solid_of(ty);
    let n = payload_size(value, solid);
    let p = alloc_instance(py, ty, n);
    // SAFETY: `value` has `solid`'s layout (checked by the callers' constructors), `p` has room
    // for `n` payload bytes; owned fields are re-owned right after the bitwise copy.
    unsafe {
        copy_body(p, value, n);
        let base = p.as_ptr() as *mut u8;
        match solid {
            SolidBase::Int => {
                let v = (*(value as *const PyObject as *const PyInt))
                    .value()
                    .clone();
                base.add(size_of::<PyObject>()).cast::<IntValue>().write(v);
            }
            SolidBase::Tuple => {
                for it in (*(value as *const PyObject as *const PyTuple)).as_slice() {
                    std::mem::forget(it.clone());
                }
            }
            SolidBase::Str => (*(base as *const PyStr)).clear_interned_copy(),
            SolidBase::Float | SolidBase::Bytes => {}
            _ => {
                free_object(py, p, n.next_multiple_of(PTR) + extras_size(ty));
                return Err(PyErr::type_error("cannot copy this payload"));
            }
        }
    }
    // SAFETY: body initialised.
    let obj: PyRef = unsafe { PyRef::from_raw(p) };
    crate::gc::track(py, &obj);
    Ok(obj)
}

/// `object.__new__(cls, *args)` for heap type `cls`: the empty instance, or for immutable
/// builtin bases the value the base's constructor builds from `args`.
pub fn heap_new(py: Python<'_>, cls: &PyType, args: crate::object::Args<'_>) -> PyResult<PyRef> {
    let solid = solid_of(cls);
    let base = match solid {
        SolidBase::Int => py.types().int(),
        SolidBase::Float => py.types().float(),
        SolidBase::Str => py.types().str_(),
        SolidBase::Bytes => {
            let [src, enc, errs] = args.parse("bytes", ["source", "encoding", "errors"], 0)?;
            let v = match src {
                Some(o) => crate::objects::bytes::bytes_from_object(
                    py,
                    o,
                    enc.map(|e| &**e),
                    errs.map(|e| &**e),
                )?,
                None => PyBytes::new(py, b""),
            };
            return new_instance_from(py, cls, v.as_object());
        }
        SolidBase::Tuple => py.types().tuple(),
        SolidBase::FrozenSet => {
            let a = args.exact_pos("frozenset", 0, 1)?;
            let obj = new_instance(py, cls)?;
            if let (Some(it), Some(s)) = (a.first(), obj.downcast_ref::<PySet>(py)) {
                s.update_internal(py, it)?;
            }
            return Ok(obj);
        }
        SolidBase::Exception => {
            let obj = new_instance(py, cls)?;
            if let Some(e) = obj.downcast_ref::<PyBaseException>(py) {
                *e.args.borrow_mut() = PyTuple::new(py, args.pos().to_vec());
            }
            return Ok(obj);
        }
        SolidBase::Type => {
            let a = args.pos();
            if a.len() != 3 {
                return Err(PyErr::type_error(
                    "type.__new__() takes exactly 3 arguments",
                ));
            }
            return crate::eval::builtins::type_new(py, cls, &a[0], &a[1], &a[2]);
        }
        _ => return new_instance(py, cls),
    };
    let v = crate::eval::builtins::construct_builtin(py, base, args)?;
    if !v.ob_type().is_subtype(base) {
        return Err(PyErr::type_error(format!(
            "{}.__new__ returned non-{}",
            base.name(),
            base.name()
        )));
    }
    new_instance_from(py, cls, &v)
}

/// Fill a fresh instance of a mutable builtin base from the constructor arguments
/// (`list.__init__`, `dict.__init__`, `set.__init__`) when the class defines no `__init__`.
pub fn builtin_init(py: Python<'_>, obj: &PyObject, args: crate::object::Args<'_>) -> PyResult<()> {
    let (base, name) = match solid_of(obj.ob_type()) {
        SolidBase::List => (py.types().list(), "__init__"),
        SolidBase::Dict => (py.types().dict(), "update"),
        SolidBase::Set => (py.types().set(), "update"),
        _ => return Ok(()),
    };
    if name == "update" && args.values.is_empty() {
        return Ok(());
    }
    if name == "update" && args.pos().len() > 1 {
        return Err(PyErr::type_error(format!(
            "{} expected at most 1 argument, got {}",
            base.name(),
            args.pos().len()
        )));
    }
    let f = crate::eval::attr::getattr(
        py,
        base.as_object(),
        &crate::objects::str::intern_str(py, name),
    )?;
    let mut values = vec![obj.to_owned_ref()];
    values.extend_from_slice(args.values);
    crate::eval::call::call(
        py,
        &f,
        crate::object::Args {
            values: &values,
            kwnames: args.kwnames,
        },
    )?;
    Ok(())
}

/// The class's shared keys table (`CACHED_KEYS(tp)`), if its instances have a managed dict.
#[inline]
fn cached_keys(ty: &PyType) -> Option<&SharedKeysRef> {
    ty.heap.as_ref()?.cached_keys.as_ref()
}

/// The managed-dict pre-header of `obj`, if its type has one.
#[inline]
fn managed_header(obj: &PyObject) -> Option<&ManagedDictHeader> {
    if obj.ob_type().flags().contains(TypeFlags::MANAGED_DICT) {
        // SAFETY: MANAGED_DICT types have the pre-header.
        Some(unsafe { managed_dict_header(obj) })
    } else {
        None
    }
}

/// The inline values of `obj` (none once its `__dict__` is materialised).
#[inline]
fn inline_values(header: &ManagedDictHeader) -> Option<InlineValues> {
    // SAFETY: the values word is null or a live block owned by the object.
    unsafe { InlineValues::from_raw(header.values.get()) }
}

/// `init_inline_values` (`_PyObject_InitializeDict` from `object.__new__`): give a fresh
/// instance of a class with a managed dict its values array, sized `nentries + usable` of the
/// class's shared keys after taking one slot of `usable` away (down to 1).
fn init_inline_values(obj: &PyObject) {
    let (Some(h), Some(keys)) = (managed_header(obj), cached_keys(obj.ob_type())) else {
        return;
    };
    let size = keys.borrow_mut().reserve_instance();
    h.values.set(InlineValues::alloc(size).as_raw());
}

#[inline]
fn name_hash(py: Python<'_>, name: &PyStr) -> i64 {
    name.hash(py) as i64
}

/// Exact-`str` names compare by content; no Python code runs.
fn names_equal(py: Python<'_>, a: &Key, b: &Key) -> PyResult<bool> {
    keys_equal(py, &a.0, &b.0)
}

/// The entry number of attribute `name` in `ty`'s shared keys, if the class has them and the
/// name was ever stored on one of its instances. The number never changes for a class (shared
/// keys only grow), so it can be cached per class.
pub fn shared_key_index(py: Python<'_>, ty: &PyType, name: &PyStr) -> Option<usize> {
    if !is_exact_str(name.as_object()) {
        return None;
    }
    let keys = cached_keys(ty)?;
    let k = Key::borrowed(name.as_object());
    let found = keys
        .borrow()
        .find_name(&k, name_hash(py, name), |a, b| names_equal(py, a, b));
    found.ok().flatten()
}

/// Number of names in `ty`'s shared keys (`dk_nentries`), if the class has them. Shared keys
/// only grow, so an unchanged count means no name was added since it was read.
#[inline]
pub fn shared_keys_len(ty: &PyType) -> Option<usize> {
    cached_keys(ty).map(|k| k.borrow().nentries())
}

/// Whether inline value `ix` of `obj` is set; `None` when `obj` has no inline values (its
/// `__dict__` was materialised, or its class has no managed dict).
#[inline]
pub fn inline_value_is_set(obj: &PyObject, ix: usize) -> Option<bool> {
    let v = inline_values(managed_header(obj)?)?;
    Some(v.get(ix).is_some())
}

/// The inline value at entry `ix` of `obj` (from [`shared_key_index`] of its class): `None`
/// when the attribute is not set or the instance has no inline values (its `__dict__` was
/// materialised; fall back to [`instance_lookup`]).
#[inline]
pub fn inline_value_at(obj: &PyObject, ix: usize) -> Option<PyRef> {
    let v = inline_values(managed_header(obj)?)?;
    v.get(ix).map(PyObject::to_owned_ref)
}

/// True while `obj` keeps its attributes inline (no `__dict__` object exists).
#[inline]
pub fn has_inline_values(obj: &PyObject) -> bool {
    managed_header(obj).is_some_and(|h| !h.values.get().is_null())
}

/// Store `value` at entry `ix` of `obj`'s inline values (a cached [`shared_key_index`]).
/// Returns the replaced value, or `Err(value)` when the instance has no inline values or `ix`
/// is beyond its array (use [`instance_store`] then).
#[inline]
pub fn inline_store_at(obj: &PyObject, ix: usize, value: PyRef) -> Result<Option<PyRef>, PyRef> {
    match managed_header(obj).and_then(inline_values) {
        Some(v) => v.set(ix, value),
        None => Err(value),
    }
}

/// The dict word of a non-managed instance that has one (subclasses of variable-size types,
/// exceptions, functions), creating the dict on first use as before.
fn other_dict(py: Python<'_>, obj: &PyObject, create: bool) -> Option<PyRef<PyDict>> {
    let ty = obj.ob_type();
    if ty.is_heap()
        && !obj.is_instance_of::<PyType>(py)
        && let Some(cell) = after_items_dict_cell(obj)
    {
        if !create && cell.get().is_null() {
            return None;
        }
        return Some(dict_in_cell(py, cell));
    }
    if let Some(e) = obj.downcast_ref::<PyBaseException>(py) {
        return Some(e.dict(py));
    }
    if let Some(f) = obj.downcast_ref::<crate::objects::function::PyFunction>(py) {
        let mut d = f.dict.borrow_mut();
        return Some(d.get_or_insert_with(|| PyDict::new(py)).clone());
    }
    None
}

/// The materialised dict of a managed-dict instance, if any (no inline values are converted).
fn managed_dict_if_any(header: &ManagedDictHeader) -> Option<PyRef<PyDict>> {
    let p = header.dict.get();
    if p.is_null() {
        return None;
    }
    // SAFETY: the dict word owns a reference to a live dict.
    Some(unsafe { (*p).to_owned_ref().downcast_unchecked::<PyDict>() })
}

/// `_PyObject_MakeDictFromInstanceAttributes` / `PyObject_GenericGetDict` for a managed dict:
/// turn the inline values into a split dict over the class's shared keys (the instance then
/// keeps using that dict), or create an empty dict if there are no inline values.
fn materialize(py: Python<'_>, obj: &PyObject, header: &ManagedDictHeader) -> PyRef<PyDict> {
    if let Some(d) = managed_dict_if_any(header) {
        return d;
    }
    let d = match (inline_values(header), cached_keys(obj.ob_type())) {
        (Some(v), Some(keys)) => {
            header.values.set(std::ptr::null_mut());
            // SAFETY: the block was detached from the object just above.
            let (values, order) = unsafe { v.into_parts() };
            PyDict::from_split(py, keys.clone(), SplitValues::from_parts(values, order))
        }
        _ => PyDict::new(py),
    };
    header.dict.set(d.clone().into_raw().as_ptr().cast());
    d
}

/// `new_dict_with_shared_keys`: the dict an attribute store creates for a managed-dict
/// instance without inline values (e.g. of a `list` subclass).
fn dict_for_store(py: Python<'_>, obj: &PyObject, header: &ManagedDictHeader) -> PyRef<PyDict> {
    if let Some(d) = managed_dict_if_any(header) {
        return d;
    }
    if inline_values(header).is_some() {
        return materialize(py, obj, header);
    }
    let d = match cached_keys(obj.ob_type()) {
        Some(keys) => {
            let size = keys.borrow().usable_size();
            PyDict::from_split(py, keys.clone(), SplitValues::with_size(size))
        }
        None => PyDict::new(py),
    };
    header.dict.set(d.clone().into_raw().as_ptr().cast());
    d
}

/// The instance `__dict__`, created (materialised from the inline values) on first use.
/// `None` if the object has none.
pub fn instance_dict(py: Python<'_>, obj: &PyObject) -> Option<PyRef<PyDict>> {
    if let Some(h) = managed_header(obj) {
        return Some(materialize(py, obj, h));
    }
    other_dict(py, obj, true)
}

/// The instance-dict step of `PyObject_GenericGetAttr`: the value of attribute `name` stored on
/// `obj` itself (inline values or `__dict__`), without creating a dict. A name that is a `str`
/// subclass materialises the dict, as in CPython.
pub fn instance_lookup(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<PyRef>> {
    let Some(h) = managed_header(obj) else {
        return match other_dict(py, obj, false) {
            Some(d) => d.get_item(py, name.as_object()),
            None => Ok(None),
        };
    };
    if let Some(v) = inline_values(h) {
        if is_exact_str(name.as_object())
            && let Some(keys) = cached_keys(obj.ob_type())
        {
            let k = Key::borrowed(name.as_object());
            let ix = keys
                .borrow()
                .find_name(&k, name_hash(py, name), |a, b| names_equal(py, a, b))?;
            return Ok(ix.and_then(|ix| v.get(ix)).map(PyObject::to_owned_ref));
        }
        return materialize(py, obj, h).get_item(py, name.as_object());
    }
    match managed_dict_if_any(h) {
        Some(d) => d.get_item(py, name.as_object()),
        None => Ok(None),
    }
}

/// Outcome of [`instance_store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOutcome {
    /// Stored (or deleted).
    Done,
    /// A delete of an attribute the instance does not have (raise `AttributeError`).
    Missing,
    /// The object has no instance dict at all.
    NoDict,
}

/// The instance-dict step of `PyObject_GenericSetAttr` (`value` `None` = delete): store into
/// the inline values while the name fits the class's shared keys
/// (`_PyObject_StoreInstanceAttribute`), else into the (materialised) `__dict__`.
pub fn instance_store(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    value: Option<PyRef>,
) -> PyResult<StoreOutcome> {
    let Some(h) = managed_header(obj) else {
        return match other_dict(py, obj, true) {
            Some(d) => dict_store(py, &d, name, value),
            None => Ok(StoreOutcome::NoDict),
        };
    };
    if let Some(v) = inline_values(h)
        && is_exact_str(name.as_object())
        && let Some(keys) = cached_keys(obj.ob_type())
    {
        let k = Key::borrowed(name.as_object());
        // `insert_into_dictkeys`: a new name is added even for a delete (CPython does too).
        let ix = keys
            .borrow_mut()
            .insert_name(&k, name_hash(py, name), |a, b| names_equal(py, a, b))?;
        if let Some(ix) = ix {
            match value {
                Some(val) => match v.set(ix, val) {
                    Ok(old) => {
                        drop(old);
                        return Ok(StoreOutcome::Done);
                    }
                    Err(val) => {
                        let d = materialize(py, obj, h);
                        return dict_store(py, &d, name, Some(val));
                    }
                },
                None => {
                    return Ok(match v.remove(ix) {
                        Some(old) => {
                            drop(old);
                            StoreOutcome::Done
                        }
                        None => StoreOutcome::Missing,
                    });
                }
            }
        }
    }
    let d = dict_for_store(py, obj, h);
    dict_store(py, &d, name, value)
}

fn dict_store(
    py: Python<'_>,
    d: &PyDict,
    name: &PyStr,
    value: Option<PyRef>,
) -> PyResult<StoreOutcome> {
    match value {
        Some(v) => {
            d.set_item(py, name.as_object().to_owned_ref(), v)?;
            Ok(StoreOutcome::Done)
        }
        None => Ok(match d.pop_item(py, name.as_object())? {
            Some(old) => {
                drop(old);
                StoreOutcome::Done
            }
            None => StoreOutcome::Missing,
        }),
    }
}

fn dict_in_cell(py: Python<'_>, cell: &std::cell::Cell<*mut PyObject>) -> PyRef<PyDict> {
    if cell.get().is_null() {
        let d = PyDict::new(py);
        cell.set(d.into_raw().as_ptr().cast());
    }
    let p = cell.get();
    // SAFETY: the cell owns one reference to a live dict; we add one for the caller.
    unsafe { (*p).to_owned_ref().downcast_unchecked::<PyDict>() }
}

/// Replace the instance `__dict__` (`obj.__dict__ = d`). False if the object has no dict word.
/// Inline values are materialised first (`_PyObject_GetDictPtr`), then that dict is replaced.
pub fn set_instance_dict(py: Python<'_>, obj: &PyObject, d: PyRef<PyDict>) -> bool {
    let cell = if let Some(h) = managed_header(obj) {
        if inline_values(h).is_some() {
            drop(materialize(py, obj, h));
        }
        &h.dict
    } else if let Some(c) = after_items_dict_cell(obj) {
        c
    } else {
        return false;
    };
    let old = cell.replace(d.into_raw().as_ptr().cast());
    // SAFETY: the cell owned the old reference.
    drop(NonNull::new(old).map(|p| unsafe { PyRef::<PyObject>::from_raw(p) }));
    true
}

/// Drop every inline value in entry order (`_PyObject_ClearInstanceAttributes`), one at a
/// time so a finaliser sees a consistent object; the array itself stays.
fn clear_inline_values(obj: &PyObject) {
    let Some(h) = managed_header(obj) else {
        return;
    };
    let Some(v) = inline_values(h) else {
        return;
    };
    for ix in 0..v.capacity() {
        // Re-read the word: a finaliser may have materialised the dict meanwhile.
        match inline_values(h) {
            Some(cur) => drop(cur.take(ix)),
            None => return,
        }
    }
    if let Some(cur) = inline_values(h) {
        cur.reset_order();
    }
}

/// Free the inline values of a dying instance (`_PyObject_FreeInstanceAttributes`).
fn free_inline_values(obj: &PyObject) {
    clear_inline_values(obj);
    if let Some(h) = managed_header(obj)
        && let Some(v) = inline_values(h)
    {
        h.values.set(std::ptr::null_mut());
        // SAFETY: detached from the object; all values were taken.
        unsafe { v.free() };
    }
}

/// Take the dict word out of an instance (dealloc / clear).
fn take_dict(obj: &PyObject) -> Option<PyRef> {
    let p = if let Some(h) = managed_header(obj) {
        h.dict.replace(std::ptr::null_mut())
    } else {
        after_items_dict_cell(obj)?.replace(std::ptr::null_mut())
    };
    // SAFETY: the dict word owned this reference.
    NonNull::new(p).map(|p| unsafe { PyRef::from_raw(p) })
}

/// Take every `__slots__` value out of an instance (`clear_slots`).
fn take_slots(obj: &PyObject) -> Vec<PyRef> {
    let Some(h) = obj.ob_type().heap.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (_, off) in &h.layout.slot_offsets {
        if let Some(c) = slot_cell(obj, *off) {
            let p = c.replace(std::ptr::null_mut());
            // SAFETY: a slot word owns its reference.
            if let Some(p) = NonNull::new(p) {
                out.push(unsafe { PyRef::from_raw(p) });
            }
        }
    }
    out
}

/// `subtype_dealloc`: `__del__`, weakref callbacks, release slots and dict, then the payload.
///
/// # Safety
/// As any dealloc slot.
pub unsafe fn heap_instance_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: the object is still intact (count 0).
    let o = unsafe { obj.as_ref() };
    if crate::eval::slots::call_finalizer(py, o) {
        // Resurrected by `__del__`.
        return;
    }
    if solid_of(o.ob_type()) == SolidBase::Type {
        // Class objects release their namespace but are never freed (see `release_heap_type`).
        crate::objects::type_::release_heap_type(py, o);
        return;
    }
    crate::objects::weakref::clear_weakrefs(py, o);
    if o.refcnt() > 0 {
        // Resurrected by a weakref callback (cannot happen: refs are dead) — be safe.
        return;
    }
    let ty = o.ob_type();
    let solid = solid_of(ty);
    crate::gc::untrack(py, o);
    drop(take_slots(o));
    drop(take_dict(o));
    free_inline_values(o);
    let total = extras_start(o, solid) + extras_size(ty);
    let p = obj.as_ptr() as *mut u8;
    // SAFETY: the payload has `solid`'s layout and is dropped exactly once before the memory is
    // freed with the size it was allocated with.
    unsafe {
        match solid {
            SolidBase::Exception => {
                return crate::object::alloc::dealloc_object::<PyBaseException>(py, obj);
            }
            SolidBase::Object
            | SolidBase::Float
            | SolidBase::Str
            | SolidBase::Bytes
            | SolidBase::Type => {}
            SolidBase::Int => {
                std::ptr::drop_in_place(p.add(size_of::<PyObject>()).cast::<IntValue>())
            }
            SolidBase::Tuple => {
                let t = &*(p as *const PyTuple);
                let items = p.add(size_of::<PyTuple>()) as *mut PyRef;
                for i in (0..t.len()).rev() {
                    std::ptr::drop_in_place(items.add(i));
                }
            }
            SolidBase::List => (*(p as *const PyList)).clear(),
            SolidBase::Dict => PyDict::drop_subclass_instance(obj),
            SolidBase::Set | SolidBase::FrozenSet => PySet::drop_subclass_instance(obj),
        }
        free_object(py, obj, total);
    }
}

/// The builtin base type whose slots implement the payload of `ty`'s instances.
fn payload_type(ty: &PyType) -> Option<&PyType> {
    ty.mro().find(|t| !t.is_heap())
}

/// `tp_traverse` of heap-type instances (`subtype_traverse`): `__slots__` values, inline
/// values in entry order, the `__dict__`, the type, then the builtin payload.
pub fn heap_instance_traverse(
    obj: &PyObject,
    visit: crate::objects::type_::Visit<'_>,
) -> std::ops::ControlFlow<()> {
    let ty = obj.ob_type();
    let solid = solid_of(ty);
    if solid == SolidBase::Exception {
        visit(ty.as_object())?;
        return crate::objects::exception::exception_traverse(obj, visit);
    }
    if solid == SolidBase::Type {
        visit(ty.as_object())?;
        return match payload_type(ty).and_then(|t| t.slots.traverse) {
            Some(tr) => tr(obj, visit),
            None => std::ops::ControlFlow::Continue(()),
        };
    }
    if let Some(h) = ty.heap.as_ref()
        && !h.layout.slot_offsets.is_empty()
    {
        // `slot_real_offset` for each slot, with the extras' start computed once.
        let start = extras_start(obj, h.solid);
        for (_, off) in &h.layout.slot_offsets {
            let off = *off;
            if off < h.base_basicsize || off + PTR > h.layout.basicsize {
                continue;
            }
            // SAFETY: as in `slot_cell`: a slot word inside the instance's extras area.
            let c = unsafe {
                &*((obj as *const PyObject as *const u8).add(start + (off - h.base_basicsize))
                    as *const std::cell::Cell<*mut PyObject>)
            };
            let p = c.get();
            if !p.is_null() {
                // SAFETY: owned by the slot, alive.
                visit(unsafe { &*p })?;
            }
        }
    }
    let p = if let Some(h) = managed_header(obj) {
        if let Some(v) = inline_values(h) {
            for ix in 0..v.capacity() {
                if let Some(x) = v.get(ix) {
                    visit(x)?;
                }
            }
        }
        h.dict.get()
    } else {
        after_items_dict_cell(obj).map_or(std::ptr::null_mut(), |c| c.get())
    };
    if !p.is_null() {
        // SAFETY: owned by the instance, alive.
        visit(unsafe { &*p })?;
    }
    visit(ty.as_object())?;
    if solid.is_builtin_payload()
        && let Some(t) = payload_type(ty)
        && let Some(tr) = t.slots.traverse
    {
        tr(obj, visit)?;
    }
    std::ops::ControlFlow::Continue(())
}

/// `tp_clear` of heap-type instances.
pub fn heap_instance_clear(py: Python<'_>, obj: &PyObject) {
    let ty = obj.ob_type();
    let solid = solid_of(ty);
    if solid == SolidBase::Exception {
        crate::objects::exception::exception_clear(py, obj);
        return;
    }
    if solid == SolidBase::Type {
        crate::objects::type_::type_clear(py, obj);
        return;
    }
    drop(take_slots(obj));
    clear_inline_values(obj);
    drop(take_dict(obj));
    if solid.is_builtin_payload()
        && let Some(t) = payload_type(ty)
        && let Some(c) = t.slots.clear
    {
        c(py, obj);
    }
}

/// `__sizeof__` of heap-type instances: the payload's size with this class's basic size.
pub fn heap_instance_sizeof(obj: &PyObject) -> usize {
    let ty = obj.ob_type();
    let Some(h) = ty.heap.as_ref() else {
        return crate::objects::type_::default_sizeof(obj);
    };
    let base_sizeof = |o: &PyObject| match payload_type(ty).and_then(|t| t.slots.sizeof) {
        Some(f) => f(o),
        None => crate::objects::type_::default_sizeof(o),
    };
    match h.solid {
        SolidBase::Object
        | SolidBase::Exception
        | SolidBase::Tuple
        | SolidBase::Bytes
        | SolidBase::Float => crate::objects::type_::default_sizeof(obj),
        // `int.__sizeof__` and `dict.__sizeof__` already use the fixed offset / `Py_TYPE`.
        SolidBase::Int | SolidBase::Dict | SolidBase::Type => base_sizeof(obj),
        // These use `Py_TYPE(self)->tp_basicsize` (str: the two-block subclass size).
        SolidBase::Str | SolidBase::List | SolidBase::Set | SolidBase::FrozenSet => {
            base_sizeof(obj)
        }
    }
}
