//! `dict`: CPython 3.11's compact dict over [`crate::tables::dict_table`].
//!
//! The table lives in an `UnsafeCell` and is only touched inside [`PyDict::with`], whose closure
//! never runs Python code (no hashing, no `__eq__`, no drop of a reference that might be the
//! last). Lookups use the table's search cursor: the key to compare is cloned out, compared with
//! no borrow held, and the cursor restarts exactly when CPython's `lookdict` restarts. Removed
//! keys and values are dropped only after the table is consistent again, because a drop may run
//! a finaliser that looks at this dict.
//!
//! Exact dicts start untracked and are tracked by the GC when a key or value that may be tracked
//! is stored (`MAINTAIN_TRACKING`), as in CPython 3.11.

use std::cell::UnsafeCell;
use std::mem::ManuallyDrop;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::protocol;
use crate::object::trashcan::with_trashcan;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::dict_views;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec, Visit};
use crate::tables::TableKey;
use crate::tables::dict_table::{
    Compared, DICT_BASE_SIZE, DictStep, DictTable, KeysKind, SharedKeys, SplitValues,
    estimate_log2_keysize, usable_fraction,
};

/// A key as the dict and set tables hold it: an owning handle whose table identity is `is`.
#[repr(transparent)]
#[derive(Clone)]
pub struct Key(pub PyRef);

impl Key {
    /// A key handle borrowing `obj` without owning a count. It must never be dropped, which
    /// `ManuallyDrop` guarantees unless the caller takes it out.
    #[inline]
    pub(crate) fn borrowed(obj: &PyObject) -> ManuallyDrop<Key> {
        // SAFETY: `obj` is live for the borrow; `ManuallyDrop` keeps the handle from giving
        // back a count it never took.
        ManuallyDrop::new(Key(unsafe { PyRef::from_raw(NonNull::from(obj)) }))
    }
}

impl TableKey for Key {
    #[inline]
    fn is_same(&self, other: &Self) -> bool {
        self.0.is(&other.0)
    }

    #[inline]
    fn is_exact_str(&self) -> bool {
        is_exact_str(&self.0)
    }

    const CACHES_HASH: bool = true;

    #[inline(always)]
    fn cached_hash(&self) -> i64 {
        // Only called on keys of a unicode table, which are all exact `str`.
        debug_assert!(is_exact_str(&self.0));
        // SAFETY: the key is an exact `str` (above).
        let s = unsafe { &*(self.0.as_ptr() as *const PyStr) };
        match s.cached_hash() {
            -1 => {
                // SAFETY: objects are reachable only on a thread holding the GIL.
                let py = unsafe { Python::assume_gil_acquired() };
                s.hash(py) as i64
            }
            h => h as i64,
        }
    }
}

/// `PyUnicode_CheckExact`.
#[inline]
pub(crate) fn is_exact_str(obj: &PyObject) -> bool {
    // SAFETY: objects are reachable only on a thread holding the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    PyStr::is_exact_type_of(py, obj)
}

/// `hash(key)` with the cached-hash fast path for exact `str`.
#[inline]
pub fn hash_key(py: Python<'_>, key: &PyObject) -> PyResult<i64> {
    if let Some(s) = exact_str(py, key) {
        return Ok(s.hash(py) as i64);
    }
    Ok(protocol::hash(py, key)? as i64)
}

#[inline]
fn exact_str<'a>(py: Python<'_>, obj: &'a PyObject) -> Option<&'a PyStr> {
    if PyStr::is_exact_type_of(py, obj) {
        // SAFETY: exact `str` checked just above.
        Some(unsafe { &*(obj as *const PyObject as *const PyStr) })
    } else {
        None
    }
}

/// `stored == searched` as the tables compare keys: exact strs by content (no Python code can
/// run), exact ints by value, everything else through `PyObject_RichCompareBool(stored, searched, Py_EQ)`.
#[inline]
pub fn keys_equal(py: Python<'_>, stored: &PyObject, searched: &PyObject) -> PyResult<bool> {
    if let (Some(a), Some(b)) = (exact_str(py, stored), exact_str(py, searched)) {
        return Ok(a.eq_str(b));
    }
    if PyInt::is_exact_type_of(py, stored)
        && PyInt::is_exact_type_of(py, searched)
        && let (Some(a), Some(b)) = (
            stored.downcast_ref::<PyInt>(py),
            searched.downcast_ref::<PyInt>(py),
        )
    {
        return Ok(a.value() == b.value());
    }
    protocol::rich_compare_bool(py, stored, searched, CompareOp::Eq)
}

/// [`keys_equal`] when it cannot run Python code (both exact `str` or both exact `int`):
/// `None` otherwise. Lookups use it to compare a stored key in place, without the
/// reference CPython takes on `startkey` for comparisons that may call `__eq__`.
#[inline]
pub(crate) fn keys_equal_pure(
    py: Python<'_>,
    stored: &PyObject,
    searched: &PyObject,
) -> Option<bool> {
    if let (Some(a), Some(b)) = (exact_str(py, stored), exact_str(py, searched)) {
        return Some(a.eq_str(b));
    }
    if PyInt::is_exact_type_of(py, stored) && PyInt::is_exact_type_of(py, searched) {
        let (a, b) = (
            stored.downcast_ref::<PyInt>(py)?,
            searched.downcast_ref::<PyInt>(py)?,
        );
        return Some(a.value() == b.value());
    }
    None
}

/// A searched key classified once per lookup for in-place comparisons (as
/// [`keys_equal_pure`]): only a stored key of the same exact type (`str` or `int`) compares
/// without Python code. Holds the key by address: the caller keeps it alive while comparing.
#[derive(Clone, Copy)]
pub(crate) enum PureKey {
    /// An exact `str`, compared by content with stored exact `str` keys.
    Str(*const PyStr, *const PyType),
    /// An exact `int`, compared by value with stored exact `int` keys.
    Int(*const PyInt, *const PyType),
    /// Anything else: every comparison goes through `__eq__`.
    Other,
}

impl PureKey {
    /// Classify the searched key.
    #[inline]
    pub(crate) fn of(py: Python<'_>, key: &PyObject) -> Self {
        let ty: *const PyType = key.ob_type();
        let types = py.types();
        if std::ptr::eq(ty, types.str_()) {
            PureKey::Str(key as *const PyObject as *const PyStr, ty)
        } else if std::ptr::eq(ty, types.int()) {
            PureKey::Int(key as *const PyObject as *const PyInt, ty)
        } else {
            PureKey::Other
        }
    }

    /// `stored == searched` when no Python code can run, else `None`. The searched key must
    /// still be alive.
    #[inline(always)]
    pub(crate) fn eq(&self, stored: &PyObject) -> Option<bool> {
        match *self {
            PureKey::Str(s, ty) if std::ptr::eq(stored.ob_type(), ty) => {
                // SAFETY: `stored` has the exact `str` type; the searched key is alive.
                let (k, s) = unsafe { (&*(stored as *const PyObject as *const PyStr), &*s) };
                Some(k.eq_str(s))
            }
            PureKey::Int(i, ty) if std::ptr::eq(stored.ob_type(), ty) => {
                // SAFETY: `stored` has the exact `int` type; the searched key is alive.
                let (k, i) = unsafe { (&*(stored as *const PyObject as *const PyInt), &*i) };
                Some(k.value() == i.value())
            }
            _ => None,
        }
    }
}

/// `KeyError(key)` (`_PyErr_SetKeyError`): the key itself is the argument.
pub fn key_error(_py: Python<'_>, key: &PyObject) -> PyErr {
    PyErr::key_error(key.to_owned_ref())
}

/// `KeyError('text')` for a message argument (`str(exc)` shows it quoted, as CPython does).
pub(crate) fn key_error_msg(text: &str) -> PyErr {
    PyErr::new(ExcKind::KeyError, text)
}

/// `_PyObject_GC_MAY_BE_TRACKED`: GC objects except static types and untracked exact tuples.
pub(crate) fn may_be_tracked(py: Python<'_>, obj: &PyObject) -> bool {
    let ty = obj.ob_type();
    if !ty.is_gc() {
        return false;
    }
    if let Some(t) = obj.downcast_ref::<PyType>(py)
        && !t.flags().contains(TypeFlags::HEAPTYPE)
    {
        return false;
    }
    !PyTuple::is_exact_type_of(py, obj) || gc::is_tracked(obj)
}

/// The table type a dict owns.
pub type Table = DictTable<Key, PyRef>;

/// A class's shared-keys table as its split instance dicts hold it.
pub type SharedKeysRef = std::rc::Rc<std::cell::RefCell<SharedKeys<Key>>>;

/// How [`PyDict::merge`] treats keys already present (`dict_merge`'s `override`).
pub use crate::tables::dict_table::MergeMode;

/// A `dict` object (`PyDictObject`): header plus the compact table.
#[repr(C)]
pub struct PyDict {
    ob_base: PyObject,
    table: UnsafeCell<Table>,
}

// The body is 104 bytes (CPython's `PyDictObject` is 48): the header, `used`, the keys id and
// the table's fields inline; an 8-slot table keeps its index array inline too.
const _: () = assert!(size_of::<PyDict>() == 104);

// SAFETY: #[repr(C)], header first; DICT_SUBCLASS marks dict and its subclasses.
unsafe impl PyPayload for PyDict {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().dict()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::DICT_SUBCLASS)
    }
}

/// `dict`'s spec (basicsize 48, `__flags__` 0x20405540 without the run-time version-tag bit).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: DICT_METHODS,
        name: "dict",
        basicsize: 48,
        itemsize: 0,
        flags: 0x2040_5540,
        slots: TypeSlots {
            traverse: Some(dict_traverse),
            clear: Some(dict_clear_slot),
            hash: None,
            repr: Some(dict_repr),
            richcompare: Some(dict_richcompare),
            sizeof: Some(dict_sizeof),
            len: Some(dict_len_slot),
            getitem: Some(dict_getitem_slot),
            setitem: Some(dict_setitem_slot),
            contains: Some(dict_contains_slot),
            iter: Some(dict_iter_slot),
            binop: Some(dict_binop),
            ..TypeSlots::new(dict_dealloc)
        },
    }
}

impl PyDict {
    /// `PyDict_New()`: an empty, untracked dict on the shared empty table (64 bytes).
    pub fn new(py: Python<'_>) -> PyRef<PyDict> {
        Self::with_table(py, Table::new())
    }

    /// A dict of exact type `dict` owning `table` (untracked; inserts track it as needed).
    pub(crate) fn with_table(py: Python<'_>, table: Table) -> PyRef<PyDict> {
        // SAFETY: both fields are written before the handle is used.
        unsafe {
            // `PyDict_New` takes a dead dict from the free list first (no GC count change).
            let obj =
                match crate::objects::free_list::pop(py, crate::objects::free_list::DICT_STACK) {
                    Some(obj) => obj,
                    None => alloc_object(py, py.types().dict(), size_of::<PyDict>()),
                };
            let p = obj.cast::<PyDict>().as_ptr();
            std::ptr::addr_of_mut!((*p).table).write(UnsafeCell::new(table));
            PyRef::from_raw(NonNull::new_unchecked(p))
        }
    }

    /// `_PyDict_NewPresized(n)`: `{}` for `n <= 5`, else a general table sized for `n` items.
    pub fn new_presized(py: Python<'_>, n: usize) -> PyRef<PyDict> {
        Self::with_table(py, Table::new_presized(n, KeysKind::General))
    }

    /// `_PyDict_FromItems` (`BUILD_MAP`, `BUILD_CONST_KEY_MAP`): presized for `keys.len()`
    /// items (unicode if every key is an exact `str`), then `d[k] = v` in order.
    pub fn from_keys_values(
        py: Python<'_>,
        keys: &[PyRef],
        values: &[PyRef],
    ) -> PyResult<PyRef<PyDict>> {
        let n = keys.len().min(values.len());
        let unicode = keys.iter().take(n).all(|k| is_exact_str(k));
        let kind = if unicode {
            KeysKind::Unicode
        } else {
            KeysKind::General
        };
        let d = Self::with_table(py, Table::new_presized(n, kind));
        for (k, v) in keys.iter().zip(values) {
            d.set_item(py, k.clone(), v.clone())?;
        }
        Ok(d)
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// Run `f` on the table. `f` must not run Python code or drop a reference (callers move
    /// removed objects out and drop them afterwards), and must not re-enter `with`.
    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&mut Table) -> R) -> R {
        // SAFETY: the GIL serialises all access; `f` neither runs Python code nor re-enters
        // `with` (contract above), so this is the only live borrow of the table.
        f(unsafe { &mut *self.table.get() })
    }

    /// `len(d)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.with(|t| t.len())
    }

    /// True for an empty dict.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes whenever the keys table is replaced (for caches in the eval loop).
    #[inline]
    pub fn keys_id(&self) -> u64 {
        self.with(|t| t.keys_id())
    }

    /// True for a split (shared-keys) table.
    #[inline]
    pub fn is_split(&self) -> bool {
        self.with(|t| t.is_split())
    }

    /// The entry number holding a key equal to `key` (for inline caches), `None` when absent.
    pub fn find_index(&self, py: Python<'_>, key: &PyObject) -> PyResult<Option<usize>> {
        if self.is_empty() {
            return Ok(None);
        }
        let hash = hash_key(py, key)?;
        let k = Key::borrowed(key);
        self.lookup(py, &k, hash)
    }

    /// The value of entry `ix` if that entry's key is `key` itself (inline-cache hit test:
    /// identity, so a stale index can only miss). Borrowed: valid until the dict changes.
    #[inline]
    pub fn cached_value(&self, ix: usize, key: &PyObject) -> Option<&PyObject> {
        // SAFETY: the GIL serialises access and nothing mutates the table while the caller
        // holds the returned borrow (it clones it before running any code).
        let t = unsafe { &*self.table.get() };
        t.value_if_key(ix, |k| std::ptr::eq(k.0.as_ptr(), key.as_ptr()))
            .map(|v| &**v)
    }

    /// Replace the value of entry `ix` if its key is `key` itself; gives the value back on a
    /// miss. The old value is returned for the caller to drop.
    #[inline]
    pub fn replace_cached(
        &self,
        py: Python<'_>,
        ix: usize,
        key: &PyObject,
        value: PyRef,
    ) -> Result<PyRef, PyRef> {
        if self.cached_value(ix, key).is_none() {
            return Err(value);
        }
        self.maintain_tracking(py, key, &value);
        self.with(|t| match t.value_at_mut(ix) {
            Some(slot) => Ok(std::mem::replace(slot, value)),
            None => Err(value),
        })
    }

    /// `log2` of the table size (0 for the shared empty table).
    pub fn log2_size(&self) -> u8 {
        self.with(|t| t.log2_size())
    }

    /// `sys.getsizeof(d)` of an exact dict (`64 + keys table`).
    pub fn getsizeof(&self) -> usize {
        self.with(|t| t.sizeof())
    }

    /// `_Py_dict_lookup`: the entry number of a key equal to `key`, restarting when a
    /// comparison mutated the table as CPython does.
    fn lookup(&self, py: Python<'_>, key: &Key, hash: i64) -> PyResult<Option<usize>> {
        let searched = PureKey::of(py, &key.0);
        let mut s = self.with(|t| t.search(hash));
        loop {
            match self.with(|t| t.search_pure(&mut s, key, |k| searched.eq(&k.0))) {
                DictStep::Absent => return Ok(None),
                DictStep::Found(ix) => return Ok(Some(ix)),
                DictStep::Compare(ix) => {
                    let Some(startkey) = self.with(|t| t.key_at(ix)) else {
                        s = self.with(|t| t.search(hash));
                        continue;
                    };
                    let eq = keys_equal(py, &startkey.0, &key.0)?;
                    let r = self.with(|t| t.compared(&mut s, ix, &startkey, eq));
                    drop(startkey);
                    if let Compared::Found(ix) = r {
                        return Ok(Some(ix));
                    }
                }
            }
        }
    }

    /// `_PyDict_Contains_KnownHash`.
    pub fn contains_known_hash(&self, py: Python<'_>, key: &PyObject, hash: i64) -> PyResult<bool> {
        Ok(self.get_item_known_hash(py, key, hash)?.is_some())
    }

    /// Lookup with the key's hash already known (`_PyDict_GetItem_KnownHash`).
    pub fn get_item_known_hash(
        &self,
        py: Python<'_>,
        key: &PyObject,
        hash: i64,
    ) -> PyResult<Option<PyRef>> {
        let k = Key::borrowed(key);
        Ok(match self.lookup(py, &k, hash)? {
            Some(ix) => self.with(|t| t.value_at(ix).cloned()),
            None => None,
        })
    }

    /// `d.get(key)` without a default (`PyDict_GetItemWithError`): `None` when absent; hashing
    /// and comparison errors propagate.
    pub fn get_item(&self, py: Python<'_>, key: &PyObject) -> PyResult<Option<PyRef>> {
        if self.is_empty() {
            // CPython hashes first; keep its TypeError for unhashable keys.
            hash_key(py, key)?;
            return Ok(None);
        }
        let hash = hash_key(py, key)?;
        self.get_item_known_hash(py, key, hash)
    }

    /// Lookup by a Rust string (globals, builtins, attribute names): no allocation, and no
    /// Python code runs (only exact-`str` keys can match, compared by content).
    pub fn get_str(&self, py: Python<'_>, name: &str) -> Option<PyRef> {
        if self.is_empty() {
            return None;
        }
        let hash = py.interp().hash_secret.hash_utf8(name);
        // A dict is unhashable, so it is never identical to a stored key: every same-hash
        // entry comes back as `Compare`.
        let probe = Key::borrowed(self.as_object());
        let mut s = self.with(|t| t.search(hash));
        loop {
            match self.with(|t| t.search_step(&mut s, &probe)) {
                DictStep::Absent => return None,
                DictStep::Found(ix) | DictStep::Compare(ix) => {
                    // Cloning and dropping a key the table still holds never frees it.
                    let found = self.with(|t| {
                        let startkey = t.key_at(ix)?;
                        let equal =
                            exact_str(py, &startkey.0).is_some_and(|k| str_eq_rust(k, name));
                        match t.compared(&mut s, ix, &startkey, equal) {
                            Compared::Found(ix) => Some(t.value_at(ix).cloned()),
                            _ => None,
                        }
                    });
                    if let Some(v) = found {
                        return v;
                    }
                }
            }
        }
    }

    /// `d[key] = value` (`PyDict_SetItem`): may resize; the replaced value is dropped last.
    pub fn set_item(&self, py: Python<'_>, key: PyRef, value: PyRef) -> PyResult<()> {
        let hash = hash_key(py, &key)?;
        self.set_item_known_hash(py, key, hash, value)
    }

    /// `d[key] = value` with the key's hash already computed (`_PyDict_SetItem_KnownHash`).
    pub fn set_item_known_hash(
        &self,
        py: Python<'_>,
        key: PyRef,
        hash: i64,
        value: PyRef,
    ) -> PyResult<()> {
        self.maintain_tracking(py, &key, &value);
        let key = Key(key);
        let searched = PureKey::of(py, &key.0);
        // Exact `str`/`int` keys: the whole `insertdict` in one pass over the table, as long as
        // no stored key needs `__eq__` (a key of another type with the same hash).
        let (key, value) = match searched {
            PureKey::Other => (key, value),
            _ => {
                let r = self.with(|t| {
                    t.prepare_insert(&key);
                    let mut s = t.search(hash);
                    match t.search_pure(&mut s, &key, |k| searched.eq(&k.0)) {
                        DictStep::Found(ix) => Ok(t.insert_looked_up(Some(ix), key, hash, value)),
                        DictStep::Absent => Ok(t.insert_looked_up(None, key, hash, value)),
                        DictStep::Compare(_) => Err((key, value)),
                    }
                });
                match r {
                    Ok(old) => {
                        drop(old);
                        return Ok(());
                    }
                    Err(kv) => kv,
                }
            }
        };
        self.with(|t| t.prepare_insert(&key));
        let found = self.lookup(py, &key, hash)?;
        let old = self.with(|t| t.insert_looked_up(found, key, hash, value));
        drop(old);
        Ok(())
    }

    /// Store a `str`-named item (globals, `**kwargs`).
    pub fn set_str(&self, py: Python<'_>, name: &str, value: PyRef) -> PyResult<()> {
        self.set_item(py, PyStr::new(py, name).into_object(), value)
    }

    /// `MAINTAIN_TRACKING`: start tracking once a possibly-tracked key or value is stored.
    #[inline]
    fn maintain_tracking(&self, py: Python<'_>, key: &PyObject, value: &PyObject) {
        if !gc::is_tracked(self.as_object())
            && (may_be_tracked(py, key) || may_be_tracked(py, value))
        {
            gc::track(py, self.as_object());
        }
    }

    /// `del d[key]` (`PyDict_DelItem`): `KeyError(key)` when absent.
    pub fn del_item(&self, py: Python<'_>, key: &PyObject) -> PyResult<()> {
        match self.pop_item(py, key)? {
            Some(v) => {
                drop(v);
                Ok(())
            }
            None => Err(key_error(py, key)),
        }
    }

    /// Remove `key` and return its value (`None` when absent; no error).
    pub fn pop_item(&self, py: Python<'_>, key: &PyObject) -> PyResult<Option<PyRef>> {
        let hash = hash_key(py, key)?;
        let k = Key::borrowed(key);
        let Some(ix) = self.lookup(py, &k, hash)? else {
            return Ok(None);
        };
        let removed = self.with(|t| t.remove_at(ix));
        Ok(removed.map(|(k, v)| {
            drop(k);
            v
        }))
    }

    /// `key in d` (`PyDict_Contains`).
    pub fn contains(&self, py: Python<'_>, key: &PyObject) -> PyResult<bool> {
        let hash = hash_key(py, key)?;
        let k = Key::borrowed(key);
        Ok(match self.lookup(py, &k, hash)? {
            Some(ix) => self.with(|t| t.value_at(ix).is_some()),
            None => false,
        })
    }

    /// `d.clear()`: back to the shared empty table (64 bytes); the items are dropped after.
    pub fn clear(&self) {
        let old = self.with(|t| t.clear());
        drop(old);
    }

    /// `_PyDict_Next`: the item at or after position `*pos` (start at 0), advancing `*pos`.
    /// Positions stay valid across mutation; the caller detects size changes itself.
    pub fn next_entry(&self, pos: &mut usize) -> Option<(PyRef, PyRef)> {
        self.with(|t| {
            while let Some(ix) = t.next_index(pos) {
                if let (Some(k), Some(v)) = (t.key_at(ix), t.value_at(ix)) {
                    return Some((k.0, v.clone()));
                }
            }
            None
        })
    }

    /// The item at position `pos` (`None` for a deleted entry); positions are those of
    /// [`PyDict::next_entry`] (entry numbers, insertion ranks for split tables).
    pub fn entry_at(&self, pos: usize) -> Option<(PyRef, PyRef)> {
        self.with(|t| {
            let ix = if t.is_split() {
                let mut p = pos;
                t.next_index(&mut p)?
            } else {
                pos
            };
            Some((t.key_at(ix)?.0, t.value_at(ix)?.clone()))
        })
    }

    /// Entries used so far, holes included (`dk_nentries`; `len` for split tables): one past
    /// the last position.
    pub fn nentries(&self) -> usize {
        self.with(|t| t.nentries())
    }

    /// [`PyDict::next_entry`] with the stored hash.
    pub fn next_entry_hash(&self, pos: &mut usize) -> Option<(PyRef, PyRef, i64)> {
        self.with(|t| {
            while let Some(ix) = t.next_index(pos) {
                if let (Some(k), Some(v), Some(h)) = (t.key_at(ix), t.value_at(ix), t.hash_at(ix)) {
                    return Some((k.0, v.clone(), h));
                }
            }
            None
        })
    }

    /// Snapshot of `(key, value)` pairs in order.
    pub fn items(&self) -> Vec<(PyRef, PyRef)> {
        self.with(|t| {
            let mut out = Vec::with_capacity(t.len());
            t.for_each(|k, v, _| out.push((k.0.clone(), v.clone())));
            out
        })
    }

    /// Snapshot of the keys in order.
    pub fn keys(&self) -> Vec<PyRef> {
        self.with(|t| {
            let mut out = Vec::with_capacity(t.len());
            t.for_each(|k, _, _| out.push(k.0.clone()));
            out
        })
    }

    /// Snapshot of the values in order.
    pub fn values(&self) -> Vec<PyRef> {
        self.with(|t| {
            let mut out = Vec::with_capacity(t.len());
            t.for_each(|_, v, _| out.push(v.clone()));
            out
        })
    }

    /// `d.popitem()`: the last item (LIFO); `KeyError: 'popitem(): dictionary is empty'`.
    pub fn popitem(&self) -> PyResult<(PyRef, PyRef)> {
        match self.with(|t| t.popitem()) {
            Some((k, v)) => Ok((k.0, v)),
            None => Err(key_error_msg("popitem(): dictionary is empty")),
        }
    }

    /// `d.setdefault(key, default)` (`PyDict_SetDefault`): the existing value, or `default`
    /// after inserting it.
    pub fn setdefault(&self, py: Python<'_>, key: PyRef, default: PyRef) -> PyResult<PyRef> {
        let hash = hash_key(py, &key)?;
        let key = Key(key);
        self.with(|t| t.prepare_insert(&key));
        let found = self.lookup(py, &key, hash)?;
        if let Some(ix) = found
            && let Some(v) = self.with(|t| t.value_at(ix).cloned())
        {
            return Ok(v);
        }
        self.maintain_tracking(py, &key.0, &default);
        let old = self.with(|t| t.insert_looked_up(found, key, hash, default.clone()));
        drop(old);
        Ok(default)
    }

    /// `d.pop(key[, default])` (`_PyDict_Pop`): an empty dict does not even hash the key.
    pub fn pop(&self, py: Python<'_>, key: &PyObject, default: Option<PyRef>) -> PyResult<PyRef> {
        if self.is_empty() {
            return default.ok_or_else(|| key_error(py, key));
        }
        match self.pop_item(py, key)? {
            Some(v) => Ok(v),
            None => default.ok_or_else(|| key_error(py, key)),
        }
    }

    /// `d.copy()` (`PyDict_Copy`): clone the table when it has few holes, else merge into a new
    /// dict. The copy is tracked if `self` is.
    pub fn copy(&self, py: Python<'_>) -> PyResult<PyRef<PyDict>> {
        let cloned = self.with(|t| {
            if t.is_empty() {
                Some(Table::new())
            } else if t.is_split() || t.len() >= (t.nentries() * 2) / 3 {
                // Neither path compares keys.
                t.copy(|_: &Key, _: &Key| Err::<bool, ()>(())).ok()
            } else {
                None
            }
        });
        let new = match cloned {
            Some(table) => {
                let copied_something = !table.is_empty();
                let d = Self::with_table(py, table);
                if copied_something && gc::is_tracked(self.as_object()) {
                    gc::track(py, d.as_object());
                }
                d
            }
            None => {
                let d = PyDict::new(py);
                d.merge(py, self, MergeMode::Override)?;
                d
            }
        };
        Ok(new)
    }

    /// Whether `dict_merge` may clone `other`'s table into an empty target.
    fn clonable_for_merge(t: &Table) -> bool {
        !t.is_split()
            && !t.is_empty_table()
            && t.len() == t.nentries()
            && (t.log2_size() == 3 || usable_fraction((1usize << t.log2_size()) / 2) < t.len())
    }

    /// `dict_merge(self, other, override)` for a dict `other` (`update`, `dict(other)`,
    /// `{**other}`). With [`MergeMode::ErrorOnDuplicate`] returns the first key already present
    /// (the caller raises `TypeError: f() got multiple values for keyword argument 'k'`).
    pub fn merge(
        &self,
        py: Python<'_>,
        other: &PyDict,
        mode: MergeMode,
    ) -> PyResult<Option<PyRef>> {
        if self.as_object().is(other.as_object()) || other.is_empty() {
            return Ok(None);
        }
        let mut mode = mode;
        if self.is_empty() {
            mode = MergeMode::Override;
            // `merge` into an empty table takes the clone path without comparing keys and bumps
            // the keys id, so pending searches restart. The replaced table holds no items.
            let cloned = self.with(|t| {
                other.with(|o| {
                    Self::clonable_for_merge(o)
                        && t.merge(o, MergeMode::Override, |_: &Key, _: &Key| {
                            Err::<bool, ()>(())
                        })
                        .is_ok()
                })
            });
            if cloned {
                if gc::is_tracked(other.as_object()) {
                    gc::track(py, self.as_object());
                }
                return Ok(None);
            }
        }
        let (other_len, other_unicode) = other.with(|o| (o.len(), o.kind() == KeysKind::Unicode));
        self.with(|t| {
            let capacity = if t.is_empty_table() {
                0
            } else {
                usable_fraction(1usize << t.log2_size())
            };
            if capacity < other_len {
                t.resize(estimate_log2_keysize(t.len() + other_len), other_unicode);
            }
        });
        let orig_nentries = other.with(|o| o.nentries());
        let mut pos = 0;
        while let Some((k, v, h)) = other.next_entry_hash(&mut pos) {
            match mode {
                MergeMode::Override => self.set_item_known_hash(py, k, h, v)?,
                MergeMode::KeepExisting | MergeMode::ErrorOnDuplicate => {
                    if self.get_item_known_hash(py, &k, h)?.is_some() {
                        if mode == MergeMode::ErrorOnDuplicate {
                            return Ok(Some(k));
                        }
                    } else {
                        self.set_item_known_hash(py, k, h, v)?;
                    }
                }
            }
            if other.with(|o| o.nentries()) != orig_nentries {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "dict mutated during update",
                ));
            }
        }
        Ok(None)
    }

    /// `d.update(other)` for any argument: a dict merges, anything else must be an iterable of
    /// key/value pairs (`PyDict_MergeFromSeq2`).
    pub fn update_from(&self, py: Python<'_>, arg: &PyObject) -> PyResult<()> {
        if let Some(other) = arg.downcast_ref::<PyDict>(py) {
            self.merge(py, other, MergeMode::Override)?;
            return Ok(());
        }
        // `dict_update_arg`: anything with `keys()` is a mapping.
        let keys_name = crate::objects::str::intern_str(py, "keys");
        if let Some(keys) = crate::eval::attr::getattr_opt(py, arg, &keys_name)? {
            let keys = crate::eval::call::call1(py, &keys, &[])?;
            for k in crate::eval::ops::collect_iterable(py, &keys)? {
                let v = crate::eval::ops::getitem(py, arg, &k)?;
                self.set_item(py, k, v)?;
            }
            return Ok(());
        }
        self.merge_from_seq2(py, arg)
    }

    /// `PyDict_MergeFromSeq2(d, seq, override=1)`.
    pub fn merge_from_seq2(&self, py: Python<'_>, seq: &PyObject) -> PyResult<()> {
        let mut i = 0usize;
        for_each_item(py, seq, |item| {
            let pair = fast_sequence(py, &item).map_err(|e| {
                if e.is_kind(ExcKind::TypeError) {
                    PyErr::type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                } else {
                    e
                }
            })?;
            if pair.len() != 2 {
                return Err(PyErr::value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            let mut it = pair.into_iter();
            if let (Some(k), Some(v)) = (it.next(), it.next()) {
                self.set_item(py, k, v)?;
            }
            i += 1;
            Ok(())
        })
    }

    /// `dict.fromkeys(iterable, value)` for `cls` = `dict`: presized when `iterable` is an
    /// exact dict or a set/frozenset (quirks of 1.8.4 included).
    pub fn fromkeys(py: Python<'_>, iterable: &PyObject, value: PyRef) -> PyResult<PyRef<PyDict>> {
        if PyDict::is_exact_type_of(py, iterable)
            && let Some(src) = iterable.downcast_ref::<PyDict>(py)
        {
            let (n, kind) = src.with(|t| (t.len(), t.kind()));
            let d = Self::with_table(py, Table::for_fromkeys(n, kind));
            let mut pos = 0;
            while let Some((k, _, h)) = src.next_entry_hash(&mut pos) {
                d.set_item_known_hash(py, k, h, value.clone())?;
            }
            return Ok(d);
        }
        if let Some(src) = crate::objects::set::as_any_set(py, iterable) {
            let d = Self::with_table(py, Table::for_fromkeys(src.len(), KeysKind::General));
            let mut pos = 0;
            while let Some((k, h)) = src.next_entry(&mut pos) {
                d.set_item_known_hash(py, k, h, value.clone())?;
            }
            return Ok(d);
        }
        let d = PyDict::new(py);
        for_each_item(py, iterable, |k| d.set_item(py, k, value.clone()))?;
        Ok(d)
    }
}

impl PyDict {
    /// `dict(...)` called on the exact type (`dict_vectorcall`): at most one positional
    /// argument (a dict to merge or an iterable of pairs), then each keyword inserted in order.
    pub fn from_call(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef<PyDict>> {
        let pos = args.pos();
        if pos.len() > 1 {
            return Err(PyErr::type_error(crate::object::native::arg_count_message(
                "dict",
                0,
                1,
                pos.len(),
            )));
        }
        let d = PyDict::new(py);
        if let Some(arg) = pos.first() {
            d.update_from(py, arg)?;
        }
        for (name, value) in args.kwargs() {
            d.set_item(py, name.as_object().to_owned_ref(), value.clone())?;
        }
        Ok(d)
    }

    /// A split dict over a class's shared keys and an instance's values
    /// (`make_dict_from_instance_attributes`): tracked if a value may be tracked. Its size is
    /// `64 + 8 * (nentries + usable)` of the shared keys at the time of asking.
    pub fn from_split(
        py: Python<'_>,
        keys: SharedKeysRef,
        values: SplitValues<PyRef>,
    ) -> PyRef<PyDict> {
        let track = (0..values.capacity())
            .filter_map(|ix| values.get(ix))
            .any(|v| may_be_tracked(py, v));
        let d = Self::with_table(py, Table::from_split(keys, values));
        if track {
            gc::track(py, d.as_object());
        }
        d
    }

    /// `_PyDict_MaybeUntrack`: untrack a tracked dict whose keys and values can never be part of
    /// a cycle (called by the collector, as CPython's `move_unreachable` does).
    pub fn maybe_untrack(&self, py: Python<'_>) {
        if !gc::is_tracked(self.as_object()) {
            return;
        }
        let general = self.with(|t| t.kind() == KeysKind::General);
        let mut pos = 0;
        while let Some((k, v)) = self.next_entry(&mut pos) {
            if may_be_tracked(py, &v) || (general && may_be_tracked(py, &k)) {
                return;
            }
        }
        gc::untrack(py, self.as_object());
    }

    /// Initialise the dict part of a freshly allocated instance of a `dict` subclass (the
    /// caller allocated `size_of::<PyDict>()` or more bytes with the subclass's type).
    ///
    /// # Safety
    /// `obj` points to such an allocation whose dict part is uninitialised.
    pub unsafe fn init_subclass_instance(obj: NonNull<PyObject>) {
        // SAFETY: guaranteed by the caller: writable memory with PyDict's layout after the header.
        unsafe {
            let p = obj.cast::<PyDict>().as_ptr();
            std::ptr::addr_of_mut!((*p).table).write(UnsafeCell::new(Table::new()));
        }
    }

    /// Drop the dict part of a dead instance of a `dict` subclass (before freeing it).
    ///
    /// # Safety
    /// `obj` is dead (count 0), was initialised with [`PyDict::init_subclass_instance`], and
    /// its dict part is not used again.
    pub unsafe fn drop_subclass_instance(obj: NonNull<PyObject>) {
        // SAFETY: guaranteed by the caller; the table is read out once and dropped.
        unsafe {
            let p = obj.cast::<PyDict>().as_ptr();
            drop(std::ptr::addr_of_mut!((*p).table).read());
        }
    }
}

/// Compare a `str` object with a Rust string by code points.
fn str_eq_rust(s: &PyStr, text: &str) -> bool {
    match s.as_ascii_str() {
        Some(a) => a == text,
        None => s.code_points().eq(text.chars().map(u32::from)),
    }
}

/// Iterate any iterable, calling `f` with each item (fast paths for list, tuple, dict, set;
/// otherwise the type's `iter`/`iternext` slots). `TypeError: 'X' object is not iterable`.
pub fn for_each_item(
    py: Python<'_>,
    obj: &PyObject,
    mut f: impl FnMut(PyRef) -> PyResult<()>,
) -> PyResult<()> {
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        let mut i = 0;
        while let Some(item) = l.get(i) {
            f(item)?;
            i += 1;
        }
        return Ok(());
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        for item in t.as_slice() {
            f(item.clone())?;
        }
        return Ok(());
    }
    let Some(iter) = obj.ob_type().slots.iter else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            obj.ob_type().name()
        )));
    };
    let it = iter(py, obj)?;
    let Some(next) = it.ob_type().slots.iternext else {
        return Err(PyErr::type_error(format!(
            "iter() returned non-iterator of type '{}'",
            it.ob_type().name()
        )));
    };
    while let Some(item) = next(py, &it)? {
        f(item)?;
    }
    Ok(())
}

/// `PySequence_Fast` for the pair conversion: the items of a list/tuple, or of any iterable.
fn fast_sequence(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        return Ok(t.as_slice().to_vec());
    }
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return Ok(l.to_vec());
    }
    let mut out = Vec::new();
    for_each_item(py, obj, |x| {
        out.push(x);
        Ok(())
    })?;
    Ok(out)
}

pub(crate) fn as_dict(obj: &PyObject) -> &PyDict {
    // SAFETY: only called from dict's own slots, whose receiver is a dict.
    unsafe { &*(obj as *const PyObject as *const PyDict) }
}

/// `dict_dealloc`: untrack, then (inside the trashcan) drop the items and free.
unsafe fn dict_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead dict: nobody else can reach it; its table is dropped once, then freed.
    unsafe {
        gc::untrack(py, obj.as_ref());
        with_trashcan(py, obj, || {
            let d = obj.cast::<PyDict>();
            let table = std::ptr::addr_of_mut!((*d.as_ptr()).table).read();
            drop(table);
            // `dict_dealloc`: exact dicts go to the free list (80 at most).
            if std::ptr::eq(obj.as_ref().ob_type(), py.types().dict())
                && crate::objects::free_list::push(
                    py,
                    crate::objects::free_list::DICT_STACK,
                    crate::objects::free_list::DICT_MAXFREELIST,
                    obj,
                )
            {
                return;
            }
            free_object(py, obj, size_of::<PyDict>());
        });
    }
}

/// `dict_traverse`: values only for unicode tables, value then key for general ones.
fn dict_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let d = as_dict(obj);
    let general = d.with(|t| t.kind() == KeysKind::General);
    let mut pos = 0;
    while let Some((k, v)) = d.next_entry(&mut pos) {
        visit(&v)?;
        if general {
            visit(&k)?;
        }
    }
    ControlFlow::Continue(())
}

fn dict_clear_slot(_py: Python<'_>, obj: &PyObject) {
    as_dict(obj).clear();
}

/// `dict.__sizeof__`: basic size plus the keys table (`_PyDict_SizeOf`).
fn dict_sizeof(obj: &PyObject) -> usize {
    obj.ob_type().basicsize + as_dict(obj).getsizeof() - DICT_BASE_SIZE
}

/// `dict_repr`: `{k: v, ...}`, `{...}` when recursive.
fn dict_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let d = as_dict(obj);
    if d.is_empty() {
        return Ok(PyStr::new(py, "{}"));
    }
    let Some(_guard) = protocol::ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, "{...}"));
    };
    let mut out = String::from("{");
    let mut pos = 0;
    let mut first = true;
    while let Some((k, v)) = d.next_entry(&mut pos) {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&protocol::repr(py, &k)?.to_string_lossy());
        out.push_str(": ");
        out.push_str(&protocol::repr(py, &v)?.to_string_lossy());
    }
    out.push('}');
    Ok(PyStr::new(py, &out))
}

/// `dict_equal`: same length, and every key of `a` maps to an equal value in `b` (looked up
/// with the stored hash).
pub fn dict_equal(py: Python<'_>, a: &PyDict, b: &PyDict) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    let mut pos = 0;
    while let Some((k, av, h)) = a.next_entry_hash(&mut pos) {
        let Some(bv) = b.get_item_known_hash(py, &k, h)? else {
            return Ok(false);
        };
        if !protocol::rich_compare_bool(py, &av, &bv, CompareOp::Eq)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn dict_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(a), Some(b)) = (a.downcast_ref::<PyDict>(py), b.downcast_ref::<PyDict>(py)) else {
        return Ok(py.not_implemented());
    };
    match op {
        CompareOp::Eq => Ok(py.bool(dict_equal(py, a, b)?).into_object()),
        CompareOp::Ne => Ok(py.bool(!dict_equal(py, a, b)?).into_object()),
        _ => Ok(py.not_implemented()),
    }
}

/// `dict | other` / `dict |= other` (PEP 584): only for two dicts.
fn dict_binop(
    py: Python<'_>,
    op: crate::ops::BinOp,
    a: &PyObject,
    b: &PyObject,
) -> PyResult<PyRef> {
    if op != crate::ops::BinOp::Or {
        return Ok(py.not_implemented());
    }
    let (Some(a), Some(b)) = (a.downcast_ref::<PyDict>(py), b.downcast_ref::<PyDict>(py)) else {
        return Ok(py.not_implemented());
    };
    let new = a.copy(py)?;
    new.merge(py, b, MergeMode::Override)?;
    Ok(new.into_object())
}

/// `d |= other` (`dict_ior`): update in place from a dict or an iterable of pairs.
pub fn dict_inplace_or(py: Python<'_>, a: &PyDict, b: &PyObject) -> PyResult<()> {
    a.update_from(py, b)
}

fn dict_len_slot(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_dict(obj).len())
}

/// `dict_subscript`: `KeyError(key)` when absent (`__missing__` of subclasses is the caller's).
fn dict_getitem_slot(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    match as_dict(obj).get_item(py, key)? {
        Some(v) => Ok(v),
        None => Err(key_error(py, key)),
    }
}

fn dict_setitem_slot(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    let d = as_dict(obj);
    match value {
        Some(v) => d.set_item(py, key.to_owned_ref(), v),
        None => d.del_item(py, key),
    }
}

fn dict_contains_slot(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    as_dict(obj).contains(py, key)
}

fn dict_iter_slot(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(dict_views::new_dict_iter(
        py,
        obj,
        dict_views::IterKind::Keys,
    ))
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

fn this_dict<'a>(py: Python<'_>, this: &'a PyObject, name: &str) -> PyResult<&'a PyDict> {
    this.downcast_ref::<PyDict>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
            this.ob_type().name()
        ))
    })
}

/// `dict.get(key, default=None, /)`.
pub fn dict_get(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "get")?;
    let a = args.exact_pos("get", 1, 2)?;
    let (key, default) = (&a[0], a.get(1));
    Ok(match d.get_item(py, key)? {
        Some(v) => v,
        None => default.cloned().unwrap_or_else(|| py.none()),
    })
}

/// `dict.setdefault(key, default=None, /)`.
pub fn dict_setdefault(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "setdefault")?;
    let a = args.exact_pos("setdefault", 1, 2)?;
    let default = a.get(1).cloned().unwrap_or_else(|| py.none());
    d.setdefault(py, a[0].clone(), default)
}

/// `dict.pop(key[, default], /)`.
pub fn dict_pop(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "pop")?;
    let a = args.exact_pos("pop", 1, 2)?;
    d.pop(py, &a[0], a.get(1).cloned())
}

/// `dict.popitem()`: a `(key, value)` tuple.
pub fn dict_popitem(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "popitem")?;
    args.exact_pos("dict.popitem", 0, 0)?;
    let (k, v) = d.popitem()?;
    Ok(PyTuple::from_array(py, [k, v]).into_object())
}

/// `dict.keys()`: a `dict_keys` view.
pub fn dict_keys(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_dict(py, this, "keys")?;
    args.exact_pos("dict.keys", 0, 0)?;
    Ok(dict_views::new_view(py, this, dict_views::IterKind::Keys))
}

/// `dict.values()`: a `dict_values` view.
pub fn dict_values(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_dict(py, this, "values")?;
    args.exact_pos("dict.values", 0, 0)?;
    Ok(dict_views::new_view(py, this, dict_views::IterKind::Values))
}

/// `dict.items()`: a `dict_items` view.
pub fn dict_items(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_dict(py, this, "items")?;
    args.exact_pos("dict.items", 0, 0)?;
    Ok(dict_views::new_view(py, this, dict_views::IterKind::Items))
}

/// `dict.update([other], **kwargs)`.
pub fn dict_update(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "update")?;
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "update expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(arg) = pos.first() {
        d.update_from(py, arg)?;
    }
    for (name, value) in args.kwargs() {
        let key = name.as_object().to_owned_ref();
        d.set_item(py, key, value.clone())?;
    }
    Ok(py.none())
}

/// `dict.clear()`.
pub fn dict_clear(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "clear")?;
    args.exact_pos("dict.clear", 0, 0)?;
    d.clear();
    Ok(py.none())
}

/// `dict.copy()`.
pub fn dict_copy(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "copy")?;
    args.exact_pos("dict.copy", 0, 0)?;
    Ok(d.copy(py)?.into_object())
}

/// `dict.fromkeys(iterable, value=None, /)`; called with the class as `this` (only `dict`
/// itself is supported until classes can be called from native code).
pub fn dict_fromkeys(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("fromkeys", 1, 2)?;
    let value = a.get(1).cloned().unwrap_or_else(|| py.none());
    Ok(PyDict::fromkeys(py, &a[0], value)?.into_object())
}

/// `dict.__reversed__()`: a `dict_reversekeyiterator`.
pub fn dict_reversed(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_dict(py, this, "__reversed__")?;
    args.exact_pos("dict.__reversed__", 0, 0)?;
    Ok(dict_views::new_dict_reverse_iter(
        py,
        this,
        dict_views::IterKind::Keys,
    ))
}

/// `dict.__contains__(key, /)`.
pub fn dict_contains(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "__contains__")?;
    let a = args.exact_pos("dict.__contains__", 1, 1)?;
    Ok(py.bool(d.contains(py, &a[0])?).into_object())
}

/// `dict.__len__()`.
pub fn dict_len(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let d = this_dict(py, this, "__len__")?;
    args.exact_pos("dict.__len__", 0, 0)?;
    Ok(crate::objects::int::PyInt::new(py, d.len() as i64).into_object())
}

/// `dict.__sizeof__()`.
pub fn dict_sizeof_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_dict(py, this, "__sizeof__")?;
    args.exact_pos("dict.__sizeof__", 0, 0)?;
    Ok(crate::objects::int::PyInt::new(py, dict_sizeof(this) as i64).into_object())
}

/// `dict`'s method table (`mapp_methods`).
pub static DICT_METHODS: &[MethodDef] = &[
    MethodDef::new("__contains__", dict_contains),
    MethodDef::new("__len__", dict_len),
    MethodDef::new("__sizeof__", dict_sizeof_method),
    MethodDef::new("get", dict_get),
    MethodDef::new("setdefault", dict_setdefault),
    MethodDef::new("pop", dict_pop),
    MethodDef::new("popitem", dict_popitem),
    MethodDef::new("keys", dict_keys),
    MethodDef::new("items", dict_items),
    MethodDef::new("values", dict_values),
    MethodDef::new("update", dict_update),
    MethodDef::new("fromkeys", dict_fromkeys),
    MethodDef::new("clear", dict_clear),
    MethodDef::new("copy", dict_copy),
    MethodDef::new("__reversed__", dict_reversed),
];
