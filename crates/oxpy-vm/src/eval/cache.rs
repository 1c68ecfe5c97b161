//! Per-instruction inline caches (CPython 3.11's specialising interpreter, `Python/specialize.c`)
//! for `LOAD_GLOBAL`, `LOAD_ATTR`, `LOAD_METHOD` and `STORE_ATTR`.
//!
//! Every cacheable instruction of a code object owns one [`Entry`] in the code object's
//! [`InlineCaches`]; its number is kept in the argument of the instruction's first `CACHE` unit.
//! An entry remembers what the generic path found last time, keyed by:
//!
//! - the *type epoch* ([`type_epoch`]): bumped by `type_modified()` whenever any class namespace
//!   changes (assignment or deletion of a class attribute, a new class). It stands for CPython's
//!   per-type `tp_version_tag`: while it is unchanged, nothing found along an MRO can differ;
//! - the type's address (types live as long as their interpreter, and a class statement bumps
//!   the epoch, so an address cannot silently denote another type);
//! - an entry number in a dict, checked at each hit by the *identity* of the key stored there
//!   (names are interned), so a stale number can only miss, never give another key's value;
//! - for builtins found by `LOAD_GLOBAL`: the globals' keys table identity and entry count, which
//!   change whenever a key is added to globals (CPython's `dk_version`), so a global that starts
//!   shadowing a builtin is seen.
//!
//! A miss runs the generic path and re-specialises. Semantics are exactly the generic path's:
//! entries are only made where that path would have taken the same road.

use std::cell::Cell;
use std::ptr;

use oxpy_bytecode::Opcode;

use crate::error::PyResult;
use crate::eval::attr;
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::builtin_function::PyMethodDescr;
use crate::objects::code::Instr;
use crate::objects::descriptors::{PyClassMethod, PyProperty, PyStaticMethod};
use crate::objects::dict::PyDict;
use crate::objects::function::PyFunction;
use crate::objects::member_descr::PyMemberDescr;
use crate::objects::module::PyModule;
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeFlags, type_epoch};

/// What one instruction's cache remembers.
#[derive(Clone, Copy, Default)]
pub enum Entry {
    /// Nothing yet.
    #[default]
    Empty,
    /// Specialising failed: retry after this many more misses (CPython's adaptive backoff).
    Backoff(u8),
    /// `LOAD_GLOBAL` found the name in globals at entry `ix` (`LOAD_GLOBAL_MODULE`).
    GlobalModule { globals: *const PyDict, ix: u32 },
    /// `LOAD_GLOBAL` found the name in builtins at entry `ix`, and globals (with keys table
    /// `keys_id` holding `nentries` entries) had no such key (`LOAD_GLOBAL_BUILTIN`).
    GlobalBuiltin {
        globals: *const PyDict,
        keys_id: u64,
        nentries: u32,
        builtins: *const PyDict,
        ix: u32,
    },
    /// `LOAD_ATTR` on an instance of `ty` whose attribute lives in its own dict at entry `ix`
    /// (`LOAD_ATTR_INSTANCE_VALUE`); no data descriptor or `__getattribute__` on the type.
    InstanceValue {
        ty: *const PyType,
        epoch: u64,
        ix: u32,
    },
    /// `LOAD_ATTR` of a property of `ty` (found in `owner`'s dict at `ix`): call its getter.
    Property {
        ty: *const PyType,
        epoch: u64,
        owner: *const PyType,
        ix: u32,
    },
    /// `LOAD_METHOD`/`LOAD_ATTR` of a non-data attribute of `ty` found in `owner`'s dict at
    /// `ix`, when the instance's own attributes do not hold the name (`LOAD_METHOD_WITH_DICT`).
    /// `instance_dict`: the type's instances have attribute dicts to check first.
    TypeAttr {
        ty: *const PyType,
        epoch: u64,
        owner: *const PyType,
        ix: u32,
        instance_dict: bool,
        /// A function or method descriptor: `LOAD_METHOD` pushes it unbound.
        method: bool,
        /// [`attr::instance_attr_probe`] of the name: how to see cheaply that an instance with
        /// inline values does not shadow it.
        probe: u32,
    },
    /// `LOAD_ATTR`/`LOAD_METHOD` of a `__slots__` member of `ty` at CPython offset `offset`
    /// (`LOAD_ATTR_SLOT`): no `__getattribute__`/`__getattr__`, the member descriptor is what
    /// the MRO finds, and it applies to `ty`.
    Slot {
        ty: *const PyType,
        epoch: u64,
        offset: u32,
    },
    /// `STORE_ATTR` into a `__slots__` member (`STORE_ATTR_SLOT`): as [`Entry::Slot`], and no
    /// `__setattr__`.
    StoreSlot {
        ty: *const PyType,
        epoch: u64,
        offset: u32,
    },
    /// `LOAD_ATTR`/`LOAD_METHOD` of a module attribute at entry `ix` of its dict
    /// (`LOAD_ATTR_MODULE`, `LOAD_METHOD_MODULE`).
    Module { dict: *const PyDict, ix: u32 },
    /// `STORE_ATTR` into the own attributes of an instance of `ty`: no `__setattr__`, no data
    /// descriptor of that name; `ix` is where the name was last stored
    /// (`STORE_ATTR_INSTANCE_VALUE`).
    StoreInstance {
        ty: *const PyType,
        epoch: u64,
        ix: u32,
    },
}

/// The caches of one code object, one [`Entry`] per cacheable instruction.
#[derive(Default)]
pub struct InlineCaches {
    entries: Box<[Cell<Entry>]>,
    /// One entry per name `LOAD_NAME`/`STORE_NAME` use (by name number; CPython 3.11 has no
    /// cache units after them): where the name was last found in an exact-dict namespace.
    names: Box<[Cell<Entry>]>,
}

/// True for the instructions that own an entry.
fn cacheable(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::LOAD_GLOBAL | Opcode::LOAD_ATTR | Opcode::LOAD_METHOD | Opcode::STORE_ATTR
    )
}

impl InlineCaches {
    /// Number the cacheable instructions of `instrs` (writing each number into the argument of
    /// the instruction's first `CACHE` unit) and make their empty entries.
    pub fn number(instrs: &mut [Instr]) -> InlineCaches {
        let mut n: u32 = 0;
        for i in 0..instrs.len() {
            if cacheable(instrs[i].op)
                && let Some(c) = instrs.get_mut(i + 1)
                && c.op == Opcode::CACHE
            {
                c.arg = n;
                n += 1;
            }
        }
        let names = instrs
            .iter()
            .filter(|i| matches!(i.op, Opcode::LOAD_NAME | Opcode::STORE_NAME))
            .map(|i| i.arg as usize + 1)
            .max()
            .unwrap_or(0);
        InlineCaches {
            entries: (0..n).map(|_| Cell::new(Entry::Empty)).collect(),
            names: (0..names).map(|_| Cell::new(Entry::Empty)).collect(),
        }
    }

    /// The entry of `LOAD_NAME`/`STORE_NAME` of name number `arg`.
    #[inline]
    pub fn name_entry(&self, arg: u32) -> Option<&Cell<Entry>> {
        self.names.get(arg as usize)
    }

    /// The entry of the instruction at code unit `at`.
    #[inline]
    pub fn entry(&self, instrs: &[Instr], at: usize) -> Option<&Cell<Entry>> {
        let c = instrs.get(at + 1)?;
        if c.op != Opcode::CACHE {
            return None;
        }
        self.entries.get(c.arg as usize)
    }

    /// Bytes of memory the entries take (for `__sizeof__`-like accounting, if ever needed).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if no instruction is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Borrow a dict an entry points to.
///
/// # Safety
/// `p` is the address of a dict the caller holds a reference to.
#[inline]
unsafe fn dict_at<'a>(p: *const PyDict) -> &'a PyDict {
    // SAFETY: guaranteed by the caller.
    unsafe { &*p }
}

/// `LOAD_GLOBAL name` through `entry`.
#[inline]
pub fn load_global(
    py: Python<'_>,
    globals: &PyDict,
    builtins: &PyDict,
    name: &PyStr,
    entry: Option<&Cell<Entry>>,
) -> PyResult<PyRef> {
    if let Some(e) = entry {
        match e.get() {
            Entry::GlobalModule { globals: g, ix } if ptr::eq(g, globals) => {
                if let Some(v) = globals.cached_value(ix as usize, name.as_object()) {
                    return Ok(v.to_owned_ref());
                }
            }
            Entry::GlobalBuiltin {
                globals: g,
                keys_id,
                nentries,
                builtins: b,
                ix,
            } if ptr::eq(g, globals)
                && ptr::eq(b, builtins)
                && globals.keys_id() == keys_id
                && globals.nentries() == nentries as usize =>
            {
                if let Some(v) = builtins.cached_value(ix as usize, name.as_object()) {
                    return Ok(v.to_owned_ref());
                }
            }
            _ => {}
        }
    }
    load_global_miss(py, globals, builtins, name, entry)
}

#[inline(never)]
fn load_global_miss(
    py: Python<'_>,
    globals: &PyDict,
    builtins: &PyDict,
    name: &PyStr,
    entry: Option<&Cell<Entry>>,
) -> PyResult<PyRef> {
    let key = name.as_object();
    if let Some(ix) = globals.find_index(py, key)? {
        if let Some(v) = globals.cached_value(ix, key) {
            let v = v.to_owned_ref();
            if let (Some(e), Ok(ix)) = (entry, u32::try_from(ix)) {
                e.set(Entry::GlobalModule {
                    globals: ptr::from_ref(globals),
                    ix,
                });
            }
            return Ok(v);
        }
        if let Some(v) = globals.get_item(py, key)? {
            return Ok(v);
        }
    }
    if let Some(ix) = builtins.find_index(py, key)? {
        if let Some(v) = builtins.cached_value(ix, key) {
            let v = v.to_owned_ref();
            if let (Some(e), Ok(ix), Ok(nentries)) =
                (entry, u32::try_from(ix), u32::try_from(globals.nentries()))
                && !globals.is_split()
            {
                e.set(Entry::GlobalBuiltin {
                    globals: ptr::from_ref(globals),
                    keys_id: globals.keys_id(),
                    nentries,
                    builtins: ptr::from_ref(builtins),
                    ix,
                });
            }
            return Ok(v);
        }
        if let Some(v) = builtins.get_item(py, key)? {
            return Ok(v);
        }
    }
    Err(crate::eval::name_error(name))
}

/// `LOAD_NAME name` when the frame's locals are the exact dict `locals`: `Ok(None)` when the
/// name is not in them and they are not the globals (the caller goes on to globals and
/// builtins). When they are the globals (module code), this is `LOAD_GLOBAL`, cache included.
#[inline]
pub fn load_name(
    py: Python<'_>,
    locals: &PyDict,
    globals: &PyDict,
    builtins: &PyDict,
    name: &PyStr,
    entry: Option<&Cell<Entry>>,
) -> PyResult<Option<PyRef>> {
    if ptr::eq(locals, globals) {
        return load_global(py, globals, builtins, name, entry).map(Some);
    }
    let key = name.as_object();
    if let Some(e) = entry
        && let Entry::GlobalModule { globals: d, ix } = e.get()
        && ptr::eq(d, locals)
        && let Some(v) = locals.cached_value(ix as usize, key)
    {
        return Ok(Some(v.to_owned_ref()));
    }
    let Some(ix) = locals.find_index(py, key)? else {
        return Ok(None);
    };
    if let Some(v) = locals.cached_value(ix, key) {
        let v = v.to_owned_ref();
        if let (Some(e), Ok(ix)) = (entry, u32::try_from(ix)) {
            e.set(Entry::GlobalModule {
                globals: ptr::from_ref(locals),
                ix,
            });
        }
        return Ok(Some(v));
    }
    locals.get_item(py, key)
}

/// `STORE_NAME name` into the exact dict `locals`: replace the value in place at the entry
/// where the name was last found (what `PyDict_SetItem` does for a present key).
#[inline]
pub fn store_name(
    py: Python<'_>,
    locals: &PyDict,
    name: &PyStr,
    value: PyRef,
    entry: Option<&Cell<Entry>>,
) -> PyResult<()> {
    let key = name.as_object();
    let Some(e) = entry else {
        return locals.set_item(py, key.to_owned_ref(), value);
    };
    let value = match e.get() {
        Entry::GlobalModule { globals: d, ix } if ptr::eq(d, locals) => {
            match locals.replace_cached(py, ix as usize, key, value) {
                Ok(old) => {
                    drop(old);
                    return Ok(());
                }
                Err(value) => value,
            }
        }
        _ => value,
    };
    locals.set_item(py, key.to_owned_ref(), value)?;
    if let Some(ix) = locals.find_index(py, key)?
        && let Ok(ix) = u32::try_from(ix)
    {
        e.set(Entry::GlobalModule {
            globals: ptr::from_ref(locals),
            ix,
        });
    }
    Ok(())
}

/// The value at entry `ix` of `owner`'s namespace if the key there is `name`.
#[inline]
fn type_dict_value(owner: *const PyType, ix: u32, name: &PyStr) -> Option<PyRef> {
    // SAFETY: types outlive every code object of their interpreter.
    let owner = unsafe { &*owner };
    let d = owner.dict.borrow();
    d.as_ref()?
        .cached_value(ix as usize, name.as_object())
        .map(PyObject::to_owned_ref)
}

/// What a `LOAD_ATTR`/`LOAD_METHOD` hit produced.
pub enum Hit {
    /// The attribute's value.
    Value(PyRef),
    /// A function found on the type, to call with the instance first (`LOAD_METHOD` only).
    Method(PyRef),
}

/// `LOAD_ATTR`/`LOAD_METHOD` through `entry`; `None` on a miss (run the generic path, then
/// [`specialize_load`]).
#[inline]
pub fn load_attr_hit(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    entry: &Cell<Entry>,
    want_method: bool,
) -> Option<PyResult<Hit>> {
    let ty = ptr::from_ref(obj.ob_type());
    match entry.get() {
        Entry::InstanceValue { ty: t, epoch, ix } if t == ty && epoch == type_epoch() => {
            attr::instance_attr_at(obj, name, ix as usize).map(|v| Ok(Hit::Value(v)))
        }
        Entry::TypeAttr {
            ty: t,
            epoch,
            owner,
            ix,
            instance_dict,
            method,
            probe,
        } if t == ty && epoch == type_epoch() => {
            if instance_dict {
                match attr::instance_attr_absent_probe(py, obj, name, probe) {
                    Ok(true) => {}
                    Ok(false) => return None,
                    Err(e) => return Some(Err(e)),
                }
            }
            let v = type_dict_value(owner, ix, name)?;
            if want_method && method {
                return Some(Ok(Hit::Method(v)));
            }
            // SAFETY: `ty` is `obj`'s live type.
            let ty = unsafe { &*ty };
            Some(attr::descr_get(py, v, Some(obj), ty).map(Hit::Value))
        }
        Entry::Property {
            ty: t,
            epoch,
            owner,
            ix,
        } if t == ty && epoch == type_epoch() => {
            let p = type_dict_value(owner, ix, name)?;
            let prop = p.downcast_ref::<PyProperty>(py)?;
            let fget = prop.fget.borrow().clone()?;
            Some(crate::eval::call::call_getter(py, fget, obj).map(Hit::Value))
        }
        Entry::Slot {
            ty: t,
            epoch,
            offset,
        } if t == ty && epoch == type_epoch() => {
            let p = crate::objects::instance::slot_cell(obj, offset as usize)?.get();
            // SAFETY: a non-null slot word owns a reference to a live object.
            unsafe { p.as_ref() }.map(|v| Ok(Hit::Value(v.to_owned_ref())))
        }
        Entry::Module { dict, ix } => {
            let m = obj.downcast_ref::<PyModule>(py)?;
            if !ptr::eq(&*m.dict, dict) || obj.ob_type().is_heap() {
                return None;
            }
            // SAFETY: `dict` is the module's own dict, alive while `obj` is.
            let d = unsafe { dict_at(dict) };
            d.cached_value(ix as usize, name.as_object())
                .map(|v| Ok(Hit::Value(v.to_owned_ref())))
        }
        _ => None,
    }
}

/// After a generic `LOAD_ATTR`/`LOAD_METHOD` of `name` on `obj`, record in `entry` how a later
/// one can take a short cut (or nothing, if none is safe).
pub fn specialize_load(py: Python<'_>, obj: &PyObject, name: &PyStr, entry: &Cell<Entry>) {
    if backing_off(entry) {
        return;
    }
    let new = specialize_load_inner(py, obj, name).unwrap_or(None);
    entry.set(new.unwrap_or(Entry::Backoff(BACKOFF)));
}

/// Misses to wait after a failed specialisation.
const BACKOFF: u8 = 64;

/// Count down a backoff entry; true while it lasts.
#[inline]
fn backing_off(entry: &Cell<Entry>) -> bool {
    match entry.get() {
        Entry::Backoff(n) if n > 0 => {
            entry.set(Entry::Backoff(n - 1));
            true
        }
        _ => false,
    }
}

fn specialize_load_inner(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<Entry>> {
    let key = name.as_object();
    if let Some(m) = obj.downcast_ref::<PyModule>(py) {
        if obj.ob_type().is_heap() {
            return Ok(None);
        }
        let d = &*m.dict;
        return Ok(match d.find_index(py, key)? {
            Some(ix) if d.cached_value(ix, key).is_some() => {
                u32::try_from(ix).ok().map(|ix| Entry::Module {
                    dict: ptr::from_ref(d),
                    ix,
                })
            }
            _ => None,
        });
    }
    let ty = obj.ob_type();
    let epoch = type_epoch();
    let kind = attr::attr_kind(py, obj)?;
    let instance_dict = match kind {
        attr::AttrKind::Generic { instance_dict } => instance_dict,
        attr::AttrKind::Other => return Ok(None),
    };
    let Some((owner, ix, found)) = lookup_with_owner(py, ty, name)? else {
        // Only in the instance (or nowhere).
        if instance_dict && let Some(ix) = attr::instance_attr_index(py, obj, name)? {
            return Ok(u32::try_from(ix).ok().map(|ix| Entry::InstanceValue {
                ty: ptr::from_ref(ty),
                epoch,
                ix,
            }));
        }
        return Ok(None);
    };
    let Ok(ix32) = u32::try_from(ix) else {
        return Ok(None);
    };
    if let Some(m) = found.downcast_ref::<PyMemberDescr>(py) {
        return Ok(
            (PyMemberDescr::is_exact_type_of(py, &found) && ty.is_subtype(m.owner()))
                .then(|| u32::try_from(m.offset).ok())
                .flatten()
                .map(|offset| Entry::Slot {
                    ty: ptr::from_ref(ty),
                    epoch,
                    offset,
                }),
        );
    }
    if found.is_instance_of::<PyProperty>(py) {
        return Ok(Some(Entry::Property {
            ty: ptr::from_ref(ty),
            epoch,
            owner: ptr::from_ref(owner),
            ix: ix32,
        }));
    }
    if attr::is_data_descriptor(py, &found)? {
        return Ok(None);
    }
    if instance_dict && let Some(ix) = attr::instance_attr_index(py, obj, name)? {
        return Ok(u32::try_from(ix).ok().map(|ix| Entry::InstanceValue {
            ty: ptr::from_ref(ty),
            epoch,
            ix,
        }));
    }
    // Cached as type attributes: plain functions and builtin method descriptors (`LOAD_METHOD`
    // skips binding them), static and class methods, and values that are no descriptor at all
    // (class constants): `descr_get` of each has no side effects.
    let method =
        PyFunction::is_exact_type_of(py, &found) || PyMethodDescr::is_exact_type_of(py, &found);
    if method
        || found.is_instance_of::<PyStaticMethod>(py)
        || found.is_instance_of::<PyClassMethod>(py)
        || plain_value(py, &found)
    {
        return Ok(Some(Entry::TypeAttr {
            ty: ptr::from_ref(ty),
            epoch,
            owner: ptr::from_ref(owner),
            ix: ix32,
            instance_dict,
            method,
            probe: if instance_dict {
                attr::instance_attr_probe(py, ty, name)
            } else {
                u32::MAX
            },
        }));
    }
    Ok(None)
}

/// True for a value `descr_get` returns unchanged: of a builtin type that is no descriptor.
fn plain_value(py: Python<'_>, v: &PyObject) -> bool {
    !v.ob_type().is_heap()
        && !v.is_instance_of::<PyFunction>(py)
        && !v.is_instance_of::<PyMethodDescr>(py)
        && !v.is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py)
        && !v.is_instance_of::<PyStaticMethod>(py)
        && !v.is_instance_of::<PyClassMethod>(py)
        && !v.is_instance_of::<PyProperty>(py)
        && !v.is_instance_of::<crate::objects::member_descr::PyMemberDescr>(py)
        && !v.is_instance_of::<crate::objects::descriptors::PyGetSetDescr>(py)
}

/// `_PyType_Lookup` that also says which class of the MRO holds the name and at which entry.
pub(crate) fn lookup_with_owner<'t>(
    py: Python<'_>,
    ty: &'t PyType,
    name: &PyStr,
) -> PyResult<Option<(&'t PyType, usize, PyRef)>> {
    let key = name.as_object();
    for t in ty.mro() {
        let Some(d) = t.dict() else { continue };
        if let Some(ix) = d.find_index(py, key)? {
            return Ok(match d.cached_value(ix, key) {
                Some(v) => Some((t, ix, v.to_owned_ref())),
                None => None,
            });
        }
    }
    Ok(None)
}

/// `STORE_ATTR` through `entry`: `Ok(None)` if it was done, else the value back for the
/// generic path.
#[inline]
pub fn store_attr_hit(
    py: Python<'_>,
    obj: &PyObject,
    name: &PyStr,
    value: PyRef,
    entry: &Cell<Entry>,
) -> PyResult<Option<PyRef>> {
    match entry.get() {
        Entry::StoreInstance { ty, epoch, ix }
            if ptr::eq(ty, obj.ob_type()) && epoch == type_epoch() =>
        {
            if let Some(new_ix) = attr::instance_attr_store(py, obj, name, value, ix as usize)?
                && new_ix != ix as usize
                && let Ok(new_ix) = u32::try_from(new_ix)
            {
                entry.set(Entry::StoreInstance {
                    ty,
                    epoch,
                    ix: new_ix,
                });
            }
            Ok(None)
        }
        Entry::StoreSlot { ty, epoch, offset }
            if ptr::eq(ty, obj.ob_type()) && epoch == type_epoch() =>
        {
            let Some(cell) = crate::objects::instance::slot_cell(obj, offset as usize) else {
                return Ok(Some(value));
            };
            let old = cell.replace(value.into_raw().as_ptr());
            // SAFETY: the slot owned the reference it held, if any.
            drop(ptr::NonNull::new(old).map(|p| unsafe { PyRef::<PyObject>::from_raw(p) }));
            Ok(None)
        }
        _ => Ok(Some(value)),
    }
}

/// After a generic `STORE_ATTR`, record whether later ones may store straight into the
/// instance's own attributes.
pub fn specialize_store(py: Python<'_>, obj: &PyObject, name: &PyStr, entry: &Cell<Entry>) {
    if backing_off(entry) {
        return;
    }
    let new = specialize_store_inner(py, obj, name).unwrap_or(None);
    entry.set(new.unwrap_or(Entry::Backoff(BACKOFF)));
}

fn specialize_store_inner(py: Python<'_>, obj: &PyObject, name: &PyStr) -> PyResult<Option<Entry>> {
    let ty = obj.ob_type();
    if let Some(offset) = attr::plain_slot_store(py, obj, name)? {
        return Ok(Some(Entry::StoreSlot {
            ty: ptr::from_ref(ty),
            epoch: type_epoch(),
            offset,
        }));
    }
    if !attr::plain_setattr(py, obj, name)? {
        return Ok(None);
    }
    let ix = attr::instance_attr_index(py, obj, name)?.unwrap_or(0);
    Ok(u32::try_from(ix).ok().map(|ix| Entry::StoreInstance {
        ty: ptr::from_ref(ty),
        epoch: type_epoch(),
        ix,
    }))
}

/// True if a heap type's instance keeps attributes in a managed dict (the only storage the
/// instance entries read).
#[inline]
pub fn has_managed_dict(ty: &PyType) -> bool {
    ty.flags().contains(TypeFlags::MANAGED_DICT)
}
