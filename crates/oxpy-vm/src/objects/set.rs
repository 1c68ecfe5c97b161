//! `set` and `frozenset` over [`crate::tables::set_table`] (`Objects/setobject.c`).
//!
//! Both types share one layout ([`PySet`]); a frozenset caches its hash. As in `dict.rs`, the
//! table is only touched inside [`PySet::with`], whose closure never runs Python code, and every
//! key comparison goes through the table's search cursor so a mutating `__eq__` makes the
//! search restart exactly where CPython's does. Iteration order, `pop()` order and
//! `sys.getsizeof` follow the table, hence CPython.

use std::cell::{Cell, UnsafeCell};
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::protocol;
use crate::object::trashcan::with_trashcan;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::dict::{
    Key, PyDict, for_each_item, hash_key, key_error, key_error_msg, keys_equal, keys_equal_pure,
};
use crate::objects::dict_views::{IterKind, PyDictView};
pub use crate::objects::set_iter::new_set_iter;
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};
use crate::ops::BinOp;
use crate::tables::set_table::{Compared, SET_BASE_SIZE, SearchMode, SetStep, SetTable};

/// A `set` or `frozenset` object (`PySetObject`): 200 bytes + GC head as CPython reports it.
#[repr(C)]
pub struct PySet {
    ob_base: PyObject,
    table: UnsafeCell<SetTable<Key>>,
    /// The cached frozenset hash (−1 = not computed; always −1 for a `set`).
    hash: Cell<isize>,
    /// `so->finger`: where the next `pop()` starts. Kept here rather than in the table because
    /// `set_swap_bodies` (in-place intersection) swaps the tables but not the fingers.
    finger: Cell<usize>,
}

// SAFETY: #[repr(C)], header first; `is_type_of` accepts set, frozenset and their subtypes
// (`PyAnySet_Check`), which all have this layout.
unsafe impl PyPayload for PySet {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().set()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = obj.ob_type();
        t.is_subtype(py.types().set()) || t.is_subtype(py.types().frozenset())
    }
}

/// Typed handle for frozensets (`PyFrozenSet_Check`); the layout is [`PySet`]'s.
#[repr(transparent)]
pub struct PyFrozenSet(PySet);

// SAFETY: transparent over `PySet`; accepts frozenset and its subtypes only.
unsafe impl PyPayload for PyFrozenSet {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().frozenset()
    }
}

impl std::ops::Deref for PyFrozenSet {
    type Target = PySet;
    fn deref(&self) -> &PySet {
        &self.0
    }
}

fn set_type_spec(name: &'static str, frozen: bool) -> TypeSpec {
    TypeSpec {
        methods: if frozen {
            FROZENSET_METHODS
        } else {
            SET_METHODS
        },
        name,
        basicsize: 200,
        itemsize: 0,
        flags: 0x0040_5500,
        slots: TypeSlots {
            traverse: Some(set_traverse),
            clear: Some(set_clear_slot),
            hash: if frozen { Some(frozenset_hash) } else { None },
            repr: Some(set_repr),
            richcompare: Some(set_richcompare),
            sizeof: Some(set_sizeof),
            binop: Some(set_binop),
            len: Some(set_len_slot),
            contains: Some(set_contains_slot),
            iter: Some(set_iter_slot),
            ..TypeSlots::new(set_dealloc)
        },
    }
}

/// `set`'s spec (basicsize 200, `__flags__` 0x405500 without the run-time version-tag bit).
pub(crate) fn set_spec() -> TypeSpec {
    set_type_spec("set", false)
}

/// `frozenset`'s spec.
pub(crate) fn frozenset_spec() -> TypeSpec {
    set_type_spec("frozenset", true)
}

/// `PyAnySet_Check`: `obj` as a set or frozenset.
pub fn as_any_set<'a>(py: Python<'_>, obj: &'a PyObject) -> Option<&'a PySet> {
    obj.downcast_ref::<PySet>(py)
}

impl PySet {
    fn alloc(py: Python<'_>, ty: &PyType) -> PyRef<PySet> {
        // SAFETY: every field is written before the handle is used.
        let s = unsafe {
            let obj = alloc_object(py, ty, size_of::<PySet>());
            let p = obj.cast::<PySet>().as_ptr();
            std::ptr::addr_of_mut!((*p).table).write(UnsafeCell::new(SetTable::new()));
            std::ptr::addr_of_mut!((*p).hash).write(Cell::new(-1));
            std::ptr::addr_of_mut!((*p).finger).write(Cell::new(0));
            PyRef::from_raw(NonNull::new_unchecked(p))
        };
        gc::track(py, s.as_object());
        s
    }

    /// `set()`: empty, tracked, on the inline table (216 bytes).
    pub fn new(py: Python<'_>) -> PyRef<PySet> {
        Self::alloc(py, py.types().set())
    }

    /// `frozenset()`: a new empty frozenset (not a singleton in 3.11).
    pub fn new_frozen(py: Python<'_>) -> PyRef<PySet> {
        Self::alloc(py, py.types().frozenset())
    }

    /// `set(iterable)` / `frozenset(iterable)` (`make_new_set`): set/dict sources take the
    /// bulk paths, anything else is added item by item.
    pub fn from_iterable(
        py: Python<'_>,
        iterable: &PyObject,
        frozen: bool,
    ) -> PyResult<PyRef<PySet>> {
        let s = if frozen {
            Self::new_frozen(py)
        } else {
            Self::new(py)
        };
        s.update_internal(py, iterable)?;
        Ok(s)
    }

    /// `frozenset(iterable)`: an exact frozenset argument is returned as is.
    pub fn frozenset_from(py: Python<'_>, iterable: &PyObject) -> PyResult<PyRef> {
        if PyFrozenSet::is_exact_type_of(py, iterable) {
            return Ok(iterable.to_owned_ref());
        }
        Ok(Self::from_iterable(py, iterable, true)?.into_object())
    }

    /// A set of the given objects, added in order (`BUILD_SET`).
    pub fn from_items(py: Python<'_>, items: &[PyRef], frozen: bool) -> PyResult<PyRef<PySet>> {
        let s = if frozen {
            Self::new_frozen(py)
        } else {
            Self::new(py)
        };
        for item in items {
            s.add(py, item.clone())?;
        }
        Ok(s)
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// Run `f` on the table. `f` must not run Python code, drop a possibly-last reference or
    /// re-enter `with` on the same set.
    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&mut SetTable<Key>) -> R) -> R {
        // SAFETY: the GIL serialises access; `f` neither runs Python code nor re-enters `with`
        // on this set (contract above), so this is the only live borrow of the table.
        f(unsafe { &mut *self.table.get() })
    }

    /// True for frozenset and its subclasses.
    pub fn is_frozen(&self, py: Python<'_>) -> bool {
        self.as_object()
            .ob_type()
            .is_subtype(py.types().frozenset())
    }

    /// `len(s)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.with(|t| t.len())
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `sys.getsizeof` of an exact set/frozenset: 216, plus 16 per slot once not inline.
    pub fn getsizeof(&self) -> usize {
        self.with(|t| t.sizeof())
    }

    /// `(fill, used, mask)` of the table, for tests and `gc` statistics.
    pub fn table_state(&self) -> (usize, usize, usize) {
        self.with(|t| (t.fill(), t.len(), t.mask()))
    }

    /// `set_add_entry`: add `key` with a known hash; false if an equal key was present.
    pub fn add_entry(&self, py: Python<'_>, key: PyRef, hash: i64) -> PyResult<bool> {
        let key = Key(key);
        let mut s = self.with(|t| t.search(hash, SearchMode::Insert));
        loop {
            match self.with(|t| t.search_step(&mut s, &key)) {
                SetStep::Absent(slot) => {
                    self.with(|t| t.insert_absent(&s, slot, key));
                    return Ok(true);
                }
                SetStep::Found(_) => return Ok(false),
                SetStep::Compare(slot) => {
                    let pure = self.with(|t| {
                        let t: &SetTable<Key> = t;
                        let k = t.key_at(slot)?;
                        let eq = keys_equal_pure(py, &k.0, &key.0)?;
                        Some(t.compared(&mut s, slot, k, eq))
                    });
                    match pure {
                        Some(Compared::Found(_)) => return Ok(false),
                        Some(_) => continue,
                        None => {}
                    }
                    let Some(startkey) = self.with(|t| t.key_at(slot).cloned()) else {
                        s = self.with(|t| t.search(hash, SearchMode::Insert));
                        continue;
                    };
                    let eq = keys_equal(py, &startkey.0, &key.0)?;
                    let r = self.with(|t| t.compared(&mut s, slot, &startkey, eq));
                    drop(startkey);
                    if let Compared::Found(_) = r {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// `s.add(key)`: true if it was added.
    pub fn add(&self, py: Python<'_>, key: PyRef) -> PyResult<bool> {
        let hash = hash_key(py, &key)?;
        self.add_entry(py, key, hash)
    }

    /// `set_lookkey`: the slot of a key equal to `key`.
    fn lookup(&self, py: Python<'_>, key: &PyObject, hash: i64) -> PyResult<Option<usize>> {
        let k = Key::borrowed(key);
        let mut s = self.with(|t| t.search(hash, SearchMode::Lookup));
        loop {
            match self.with(|t| t.search_step(&mut s, &k)) {
                SetStep::Absent(_) => return Ok(None),
                SetStep::Found(slot) => return Ok(Some(slot)),
                SetStep::Compare(slot) => {
                    let pure = self.with(|t| {
                        let t: &SetTable<Key> = t;
                        let k = t.key_at(slot)?;
                        let eq = keys_equal_pure(py, &k.0, key)?;
                        Some(t.compared(&mut s, slot, k, eq))
                    });
                    match pure {
                        Some(Compared::Found(slot)) => return Ok(Some(slot)),
                        Some(_) => continue,
                        None => {}
                    }
                    let Some(startkey) = self.with(|t| t.key_at(slot).cloned()) else {
                        s = self.with(|t| t.search(hash, SearchMode::Lookup));
                        continue;
                    };
                    let eq = keys_equal(py, &startkey.0, key)?;
                    let r = self.with(|t| t.compared(&mut s, slot, &startkey, eq));
                    drop(startkey);
                    if let Compared::Found(slot) = r {
                        return Ok(Some(slot));
                    }
                }
            }
        }
    }

    /// `set_contains_entry`: membership with a known hash.
    pub fn contains_entry(&self, py: Python<'_>, key: &PyObject, hash: i64) -> PyResult<bool> {
        Ok(self.lookup(py, key, hash)?.is_some())
    }

    /// `key in s` (`set_contains`): an unhashable `set` key is looked up as a frozenset.
    pub fn contains(&self, py: Python<'_>, key: &PyObject) -> PyResult<bool> {
        match hash_key(py, key) {
            Ok(h) => self.contains_entry(py, key, h),
            Err(e) => match frozen_key(py, key, e)? {
                Some(fk) => self.contains(py, &fk),
                None => Ok(false),
            },
        }
    }

    /// `set_discard_entry` with a known hash: true if found (the removed key is dropped after).
    pub fn discard_entry(&self, py: Python<'_>, key: &PyObject, hash: i64) -> PyResult<bool> {
        let Some(slot) = self.lookup(py, key, hash)? else {
            return Ok(false);
        };
        let old = self.with(|t| t.remove_at(slot));
        let found = old.is_some();
        drop(old);
        Ok(found)
    }

    /// `s.discard(key)`: true if it was present. Unhashable sets are tried as frozensets.
    pub fn discard(&self, py: Python<'_>, key: &PyObject) -> PyResult<bool> {
        match hash_key(py, key) {
            Ok(h) => self.discard_entry(py, key, h),
            Err(e) => match frozen_key(py, key, e)? {
                Some(fk) => self.discard(py, &fk),
                None => Ok(false),
            },
        }
    }

    /// `s.remove(key)`: `KeyError(key)` when absent.
    pub fn remove(&self, py: Python<'_>, key: &PyObject) -> PyResult<()> {
        if self.discard(py, key)? {
            Ok(())
        } else {
            Err(key_error(py, key))
        }
    }

    /// `s.pop()`: CPython's finger order; `KeyError: 'pop from an empty set'`.
    pub fn pop(&self) -> PyResult<PyRef> {
        let finger = self.finger.get();
        let popped = self.with(|t| {
            if t.is_empty() {
                return None;
            }
            let mask = t.mask();
            let slots = t.slots();
            let mut i = finger & mask;
            while slots.get(i).is_some_and(|e| e.key().is_none()) {
                i = (i + 1) & mask;
            }
            Some((i, t.remove_at(i)))
        });
        match popped {
            Some((i, Some(k))) => {
                self.finger.set(i + 1);
                Ok(k.0)
            }
            _ => Err(key_error_msg("pop from an empty set")),
        }
    }

    /// `s.clear()`: back to the inline table; the keys are dropped after.
    pub fn clear(&self) {
        let old = self.with(|t| t.clear());
        drop(old);
    }

    /// `_PySet_NextEntry`: the active entry at or after slot `*pos`.
    pub fn next_entry(&self, pos: &mut usize) -> Option<(PyRef, i64)> {
        self.with(|t| t.next_entry(pos).map(|(k, h)| (k.0.clone(), h)))
    }

    /// Snapshot of the keys in iteration (slot) order.
    pub fn to_vec(&self) -> Vec<PyRef> {
        self.with(|t| t.iter().map(|(k, _)| k.0.clone()).collect())
    }

    /// `frozenset.__hash__` (cached); also usable on a `set` for `set_contains` conversions.
    pub fn frozen_hash(&self) -> isize {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = self.with(|t| t.frozenset_hash()) as isize;
        self.hash.set(h);
        h
    }

    /// `set_merge`: add every key of `other` (bulk paths of cpython-rules 1.9).
    fn merge_set(&self, py: Python<'_>, other: &PySet) -> PyResult<()> {
        if self.as_object().is(other.as_object()) || other.is_empty() {
            return Ok(());
        }
        let n = other.len();
        self.with(|t| t.presize_for(n));
        // With an empty target both bulk paths copy without comparing keys.
        let done = self.with(|t| {
            t.fill() == 0
                && other.with(|o| {
                    t.merge_set(o, |_: &Key, _: &Key| Err::<bool, ()>(()))
                        .is_ok()
                })
        });
        if done {
            return Ok(());
        }
        let mut pos = 0;
        while let Some((k, h)) = other.next_entry(&mut pos) {
            self.add_entry(py, k, h)?;
        }
        Ok(())
    }

    /// `set_update_internal`: from a set, an exact dict (presized) or any iterable.
    pub fn update_internal(&self, py: Python<'_>, other: &PyObject) -> PyResult<()> {
        if let Some(o) = as_any_set(py, other) {
            return self.merge_set(py, o);
        }
        if PyDict::is_exact_type_of(py, other)
            && let Some(d) = other.downcast_ref::<PyDict>(py)
        {
            let n = d.len();
            self.with(|t| t.presize_for(n));
            let mut pos = 0;
            while let Some((k, _, h)) = d.next_entry_hash(&mut pos) {
                self.add_entry(py, k, h)?;
            }
            return Ok(());
        }
        for_each_item(py, other, |k| self.add(py, k).map(|_| ()))
    }

    /// A new empty set of `self`'s base type (`make_new_set_basetype`).
    fn new_like(&self, py: Python<'_>) -> PyRef<PySet> {
        if self.is_frozen(py) {
            Self::new_frozen(py)
        } else {
            Self::new(py)
        }
    }

    /// `set_copy`: a new set of the base type holding the same keys (set-merge path).
    pub fn copy(&self, py: Python<'_>) -> PyResult<PyRef<PySet>> {
        let new = self.new_like(py);
        new.merge_set(py, self)?;
        Ok(new)
    }

    /// `s | other` / `s.union(other)` for one operand.
    pub fn union(&self, py: Python<'_>, other: &PyObject) -> PyResult<PyRef<PySet>> {
        let result = self.copy(py)?;
        if !self.as_object().is(other) {
            result.update_internal(py, other)?;
        }
        Ok(result)
    }

    /// `set_intersection`.
    pub fn intersection(&self, py: Python<'_>, other: &PyObject) -> PyResult<PyRef<PySet>> {
        if self.as_object().is(other) {
            return self.copy(py);
        }
        let result = self.new_like(py);
        if let Some(o) = as_any_set(py, other) {
            let (big, small) = if o.len() > self.len() {
                (o, self)
            } else {
                (self, o)
            };
            let mut pos = 0;
            while let Some((k, h)) = small.next_entry(&mut pos) {
                if big.contains_entry(py, &k, h)? {
                    result.add_entry(py, k, h)?;
                }
            }
            return Ok(result);
        }
        for_each_item(py, other, |k| {
            let h = hash_key(py, &k)?;
            if self.contains_entry(py, &k, h)? {
                result.add_entry(py, k, h)?;
            }
            Ok(())
        })?;
        Ok(result)
    }

    /// `set_difference_update_internal`, including the final dummy clean-up resize.
    pub fn difference_update_internal(&self, py: Python<'_>, other: &PyObject) -> PyResult<()> {
        if self.as_object().is(other) {
            self.clear();
            return Ok(());
        }
        if let Some(o) = as_any_set(py, other) {
            let inter;
            let src: &PySet = if (o.len() >> 3) > self.len() {
                inter = self.intersection(py, other)?;
                &inter
            } else {
                o
            };
            let mut pos = 0;
            while let Some((k, h)) = src.next_entry(&mut pos) {
                self.discard_entry(py, &k, h)?;
            }
        } else {
            for_each_item(py, other, |k| self.discard(py, &k).map(|_| ()))?;
        }
        self.with(|t| {
            if t.fill() - t.len() > t.mask() / 4 {
                let used = t.len();
                t.resize(if used > 50_000 { used * 2 } else { used * 4 });
            }
        });
        Ok(())
    }

    /// `set_difference`.
    pub fn difference(&self, py: Python<'_>, other: &PyObject) -> PyResult<PyRef<PySet>> {
        let other_size = if let Some(o) = as_any_set(py, other) {
            Some(o.len())
        } else if PyDict::is_exact_type_of(py, other) {
            other.downcast_ref::<PyDict>(py).map(PyDict::len)
        } else {
            None
        };
        let copy_and_difference = |s: &PySet| -> PyResult<PyRef<PySet>> {
            let result = s.copy(py)?;
            result.difference_update_internal(py, other)?;
            Ok(result)
        };
        let Some(other_size) = other_size else {
            return copy_and_difference(self);
        };
        if (self.len() >> 2) > other_size {
            return copy_and_difference(self);
        }
        let result = self.new_like(py);
        let dict = other.downcast_ref::<PyDict>(py);
        let oset = as_any_set(py, other);
        let mut pos = 0;
        while let Some((k, h)) = self.next_entry(&mut pos) {
            let present = match (dict, oset) {
                (Some(d), _) => d.contains_known_hash(py, &k, h)?,
                (_, Some(o)) => o.contains_entry(py, &k, h)?,
                _ => false,
            };
            if !present {
                result.add_entry(py, k, h)?;
            }
        }
        Ok(result)
    }

    /// `set_symmetric_difference_update`.
    pub fn symmetric_difference_update(&self, py: Python<'_>, other: &PyObject) -> PyResult<()> {
        if self.as_object().is(other) {
            self.clear();
            return Ok(());
        }
        if PyDict::is_exact_type_of(py, other)
            && let Some(d) = other.downcast_ref::<PyDict>(py)
        {
            let mut pos = 0;
            while let Some((k, _, h)) = d.next_entry_hash(&mut pos) {
                if !self.discard_entry(py, &k, h)? {
                    self.add_entry(py, k, h)?;
                }
            }
            return Ok(());
        }
        let tmp;
        let otherset: &PySet = match as_any_set(py, other) {
            Some(o) => o,
            None => {
                tmp = PySet::from_iterable(py, other, self.is_frozen(py))?;
                &tmp
            }
        };
        let mut pos = 0;
        while let Some((k, h)) = otherset.next_entry(&mut pos) {
            if !self.discard_entry(py, &k, h)? {
                self.add_entry(py, k, h)?;
            }
        }
        Ok(())
    }

    /// `set_symmetric_difference`: a copy of `other` (as `self`'s base type) updated with `self`.
    pub fn symmetric_difference(&self, py: Python<'_>, other: &PyObject) -> PyResult<PyRef<PySet>> {
        let result = PySet::from_iterable(py, other, self.is_frozen(py))?;
        result.symmetric_difference_update(py, self.as_object())?;
        Ok(result)
    }

    /// `set_intersection_update`: replace the contents with the intersection (`set_swap_bodies`).
    pub fn intersection_update(&self, py: Python<'_>, other: &PyObject) -> PyResult<()> {
        let tmp = self.intersection(py, other)?;
        self.swap_bodies(&tmp);
        Ok(())
    }

    fn swap_bodies(&self, other: &PySet) {
        self.with(|a| other.with(|b| std::mem::swap(a, b)));
        self.hash.set(-1);
        other.hash.set(-1);
    }

    /// `set_issubset` against another set.
    fn issubset_set(&self, py: Python<'_>, other: &PySet) -> PyResult<bool> {
        if self.len() > other.len() {
            return Ok(false);
        }
        let mut pos = 0;
        while let Some((k, h)) = self.next_entry(&mut pos) {
            if !other.contains_entry(py, &k, h)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `s <= other` / `s.issubset(other)` (any iterable).
    pub fn issubset(&self, py: Python<'_>, other: &PyObject) -> PyResult<bool> {
        if let Some(o) = as_any_set(py, other) {
            return self.issubset_set(py, o);
        }
        let tmp = PySet::from_iterable(py, other, false)?;
        self.issubset_set(py, &tmp)
    }

    /// `s >= other` / `s.issuperset(other)` (any iterable).
    pub fn issuperset(&self, py: Python<'_>, other: &PyObject) -> PyResult<bool> {
        if let Some(o) = as_any_set(py, other) {
            return o.issubset_set(py, self);
        }
        let mut result = true;
        for_each_item(py, other, |k| {
            if result && !self.contains(py, &k)? {
                result = false;
            }
            Ok(())
        })?;
        Ok(result)
    }

    /// `s.isdisjoint(other)`.
    pub fn isdisjoint(&self, py: Python<'_>, other: &PyObject) -> PyResult<bool> {
        if self.as_object().is(other) {
            return Ok(self.is_empty());
        }
        if let Some(o) = as_any_set(py, other)
            && (PySet::is_exact_type_of(py, other) || PyFrozenSet::is_exact_type_of(py, other))
        {
            let (big, small) = if o.len() > self.len() {
                (o, self)
            } else {
                (self, o)
            };
            let mut pos = 0;
            while let Some((k, h)) = small.next_entry(&mut pos) {
                if big.contains_entry(py, &k, h)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let mut disjoint = true;
        for_each_item(py, other, |k| {
            if disjoint {
                let h = hash_key(py, &k)?;
                if self.contains_entry(py, &k, h)? {
                    disjoint = false;
                }
            }
            Ok(())
        })?;
        Ok(disjoint)
    }
}

impl PySet {
    /// `set(...)` / `frozenset(...)` called on the exact type (`set_vectorcall`,
    /// `frozenset_vectorcall`): no keywords, at most one iterable.
    pub fn from_call(py: Python<'_>, args: Args<'_>, frozen: bool) -> PyResult<PyRef> {
        let name = if frozen { "frozenset" } else { "set" };
        let pos = args.exact_pos(name, 0, 1)?;
        match (pos.first(), frozen) {
            (Some(it), true) => PySet::frozenset_from(py, it),
            (Some(it), false) => Ok(PySet::from_iterable(py, it, false)?.into_object()),
            (None, true) => Ok(PySet::new_frozen(py).into_object()),
            (None, false) => Ok(PySet::new(py).into_object()),
        }
    }

    /// Initialise the set part of a freshly allocated instance of a `set`/`frozenset`
    /// subclass (allocated with at least `size_of::<PySet>()` bytes).
    ///
    /// # Safety
    /// `obj` points to such an allocation whose set part is uninitialised.
    pub unsafe fn init_subclass_instance(obj: NonNull<PyObject>) {
        // SAFETY: guaranteed by the caller: writable memory with PySet's layout.
        unsafe {
            let p = obj.cast::<PySet>().as_ptr();
            std::ptr::addr_of_mut!((*p).table).write(UnsafeCell::new(SetTable::new()));
            std::ptr::addr_of_mut!((*p).hash).write(Cell::new(-1));
            std::ptr::addr_of_mut!((*p).finger).write(Cell::new(0));
        }
    }

    /// Drop the set part of a dead subclass instance (before freeing it).
    ///
    /// # Safety
    /// `obj` is dead, was initialised with [`PySet::init_subclass_instance`], and its set part
    /// is not used again.
    pub unsafe fn drop_subclass_instance(obj: NonNull<PyObject>) {
        // SAFETY: guaranteed by the caller; the table is read out once and dropped.
        unsafe {
            let p = obj.cast::<PySet>().as_ptr();
            drop(std::ptr::addr_of_mut!((*p).table).read());
        }
    }
}

/// The retry of `set_contains`/`set_discard_key`/`set_remove` for an unhashable `set` key:
/// `Some(frozenset(key))` when `err` is a `TypeError` and `key` a set, else the error.
fn frozen_key(py: Python<'_>, key: &PyObject, err: PyErr) -> PyResult<Option<PyRef>> {
    if err.is_kind(crate::error::ExcKind::TypeError)
        && let Some(s) = key.downcast_ref::<PySet>(py)
        && !s.is_frozen(py)
    {
        let fk = PySet::from_iterable(py, key, true)?;
        return Ok(Some(fk.into_object()));
    }
    Err(err)
}

pub(crate) fn as_set(obj: &PyObject) -> &PySet {
    // SAFETY: only called from the set types' own slots, whose receiver is a set/frozenset.
    unsafe { &*(obj as *const PyObject as *const PySet) }
}

/// `set_dealloc`: untrack, then (inside the trashcan) drop the keys in slot order and free.
unsafe fn set_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead set: nobody else can reach it; its table is dropped once, then freed.
    unsafe {
        gc::untrack(py, obj.as_ref());
        with_trashcan(py, obj, || {
            crate::objects::weakref::clear_weakrefs(py, obj.as_ref());
            let p = obj.cast::<PySet>();
            let table = std::ptr::addr_of_mut!((*p.as_ptr()).table).read();
            drop(table);
            free_object(py, obj, size_of::<PySet>());
        });
    }
}

/// `set_traverse`: the keys in slot order.
fn set_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // Visiting borrows the keys in place (no incref/decref of every element): visitors only
    // read or count references and never touch this set's table.
    as_set(obj).with(|t| {
        let mut pos = 0;
        while let Some((k, _)) = t.next_entry(&mut pos) {
            visit(&k.0)?;
        }
        ControlFlow::Continue(())
    })
}

fn set_clear_slot(_py: Python<'_>, obj: &PyObject) {
    as_set(obj).clear();
}

/// `set.__sizeof__`: basic size, plus the external table.
fn set_sizeof(obj: &PyObject) -> usize {
    obj.ob_type().basicsize + as_set(obj).getsizeof() - SET_BASE_SIZE
}

fn frozenset_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(as_set(obj).frozen_hash())
}

/// `set_repr`: `{1, 2}`, `set()`, `frozenset({1})`; `set(...)` when recursive.
fn set_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let s = as_set(obj);
    let name = obj.ob_type().name();
    if s.is_empty() {
        return Ok(PyStr::new(py, &format!("{name}()")));
    }
    let Some(_guard) = protocol::ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, &format!("{name}(...)")));
    };
    let mut body = String::from("{");
    for (i, k) in s.to_vec().iter().enumerate() {
        if i > 0 {
            body.push_str(", ");
        }
        body.push_str(&protocol::repr(py, k)?.to_string_lossy());
    }
    body.push('}');
    if PySet::is_exact_type_of(py, obj) {
        Ok(PyStr::new(py, &body))
    } else {
        Ok(PyStr::new(py, &format!("{name}({body})")))
    }
}

/// `set_richcompare`: subset order for `<`, `<=`, `>`, `>=`; NotImplemented for non-sets.
fn set_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(v), Some(w)) = (as_any_set(py, a), as_any_set(py, b)) else {
        return Ok(py.not_implemented());
    };
    let r = match op {
        CompareOp::Eq => set_equal(py, v, w)?,
        CompareOp::Ne => !set_equal(py, v, w)?,
        CompareOp::Le => v.issubset_set(py, w)?,
        CompareOp::Ge => w.issubset_set(py, v)?,
        CompareOp::Lt => v.len() < w.len() && v.issubset_set(py, w)?,
        CompareOp::Gt => v.len() > w.len() && w.issubset_set(py, v)?,
    };
    Ok(py.bool(r).into_object())
}

/// `==` of two sets: sizes, then cached frozenset hashes, then subset.
fn set_equal(py: Python<'_>, v: &PySet, w: &PySet) -> PyResult<bool> {
    if v.len() != w.len() {
        return Ok(false);
    }
    let (hv, hw) = (v.hash.get(), w.hash.get());
    if hv != -1 && hw != -1 && hv != hw {
        return Ok(false);
    }
    v.issubset_set(py, w)
}

/// `set_or` / `set_and` / `set_sub` / `set_xor`: both operands must be sets; the result has
/// the left operand's base type.
fn set_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(v), Some(_)) = (as_any_set(py, a), as_any_set(py, b)) else {
        return Ok(py.not_implemented());
    };
    let r = match op {
        BinOp::Or => v.union(py, b)?,
        BinOp::And => v.intersection(py, b)?,
        BinOp::Subtract => v.difference(py, b)?,
        BinOp::Xor => v.symmetric_difference(py, b)?,
        _ => return Ok(py.not_implemented()),
    };
    Ok(r.into_object())
}

/// `set_ior` / `set_iand` / `set_isub` / `set_ixor` for a `set` left operand: update in place
/// and return it; NotImplemented when either operand is not a set (frozensets have no in-place
/// forms: the eval loop falls back to [`TypeSlots::binop`]).
pub fn set_inplace_op(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(v), Some(_)) = (as_any_set(py, a), as_any_set(py, b)) else {
        return Ok(py.not_implemented());
    };
    if v.is_frozen(py) {
        return Ok(py.not_implemented());
    }
    match op {
        BinOp::Or => v.update_internal(py, b)?,
        BinOp::And => v.intersection_update(py, b)?,
        BinOp::Subtract => v.difference_update_internal(py, b)?,
        BinOp::Xor => v.symmetric_difference_update(py, b)?,
        _ => return Ok(py.not_implemented()),
    }
    Ok(a.to_owned_ref())
}

/// `dictviews_to_set`: a `dict_keys` view of an exact dict converts from the dict itself.
fn view_to_set(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PySet>> {
    if let Some(v) = obj.downcast_ref::<PyDictView>(py)
        && v.kind() == IterKind::Keys
        && PyDict::is_exact_type_of(py, v.dict().as_object())
    {
        return PySet::from_iterable(py, v.dict().as_object(), false);
    }
    PySet::from_iterable(py, obj, false)
}

/// `dictviews_or` / `_and` / `_sub` / `_xor` for `dict_keys` and `dict_items` (either operand
/// may be the view): the result is always a `set`.
pub(crate) fn view_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let r = match op {
        BinOp::Or => {
            let r = view_to_set(py, a)?;
            r.update_internal(py, b)?;
            r
        }
        BinOp::Subtract => {
            let r = view_to_set(py, a)?;
            r.difference_update_internal(py, b)?;
            r
        }
        BinOp::Xor => {
            let r = view_to_set(py, a)?;
            r.symmetric_difference_update(py, b)?;
            r
        }
        BinOp::And => {
            // `_PyDictView_Intersect`: iterate the other operand, keep what the view contains.
            let (view, other) = if a.downcast_ref::<PyDictView>(py).is_some() {
                (a, b)
            } else {
                (b, a)
            };
            let result = PySet::new(py);
            let Some(contains) = view.ob_type().slots.contains else {
                return Ok(py.not_implemented());
            };
            for_each_item(py, other, |k| {
                if contains(py, view, &k)? {
                    result.add(py, k)?;
                }
                Ok(())
            })?;
            result
        }
        _ => return Ok(py.not_implemented()),
    };
    Ok(r.into_object())
}

fn set_len_slot(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_set(obj).len())
}

fn set_contains_slot(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    as_set(obj).contains(py, key)
}

fn set_iter_slot(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(crate::objects::set_iter::new_set_iter(py, obj))
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

fn this_set<'a>(py: Python<'_>, this: &'a PyObject, name: &str) -> PyResult<&'a PySet> {
    as_any_set(py, this).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            this.ob_type().name()
        ))
    })
}

fn none(py: Python<'_>) -> PyResult<PyRef> {
    Ok(py.none())
}

/// `set.add(elem, /)`.
pub fn set_add(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "add")?;
    let a = args.exact_pos("set.add", 1, 1)?;
    s.add(py, a[0].clone())?;
    none(py)
}

/// `set.discard(elem, /)`.
pub fn set_discard(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "discard")?;
    let a = args.exact_pos("set.discard", 1, 1)?;
    s.discard(py, &a[0])?;
    none(py)
}

/// `set.remove(elem, /)`.
pub fn set_remove(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "remove")?;
    let a = args.exact_pos("set.remove", 1, 1)?;
    s.remove(py, &a[0])?;
    none(py)
}

/// `set.pop()`.
pub fn set_pop(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "pop")?;
    args.exact_pos("set.pop", 0, 0)?;
    s.pop()
}

/// `set.clear()`.
pub fn set_clear(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "clear")?;
    args.exact_pos("set.clear", 0, 0)?;
    s.clear();
    none(py)
}

/// `set.copy()` / `frozenset.copy()` (an exact frozenset returns itself).
pub fn set_copy(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "copy")?;
    let name = if s.is_frozen(py) {
        "frozenset.copy"
    } else {
        "set.copy"
    };
    args.exact_pos(name, 0, 0)?;
    if PyFrozenSet::is_exact_type_of(py, this) {
        return Ok(this.to_owned_ref());
    }
    Ok(s.copy(py)?.into_object())
}

/// `set.union(*others)`.
pub fn set_union(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "union")?;
    args.no_kwargs("union")?;
    let result = s.copy(py)?;
    for other in args.pos() {
        if !this.is(other) {
            result.update_internal(py, other)?;
        }
    }
    Ok(result.into_object())
}

/// `set.intersection(*others)`.
pub fn set_intersection(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "intersection")?;
    args.no_kwargs("intersection")?;
    Ok(intersection_multi(py, s, args.pos())?.into_object())
}

fn intersection_multi(py: Python<'_>, s: &PySet, others: &[PyRef]) -> PyResult<PyRef<PySet>> {
    let mut result: Option<PyRef<PySet>> = None;
    for other in others {
        let next = match &result {
            Some(r) => r.intersection(py, other)?,
            None => s.intersection(py, other)?,
        };
        result = Some(next);
    }
    match result {
        Some(r) => Ok(r),
        None => s.copy(py),
    }
}

/// `set.difference(*others)`.
pub fn set_difference(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "difference")?;
    args.no_kwargs("difference")?;
    let pos = args.pos();
    let Some((first, rest)) = pos.split_first() else {
        return Ok(s.copy(py)?.into_object());
    };
    let result = s.difference(py, first)?;
    for other in rest {
        result.difference_update_internal(py, other)?;
    }
    Ok(result.into_object())
}

/// `set.symmetric_difference(other, /)`.
pub fn set_symmetric_difference(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let s = this_set(py, this, "symmetric_difference")?;
    let name = if s.is_frozen(py) {
        "frozenset.symmetric_difference"
    } else {
        "set.symmetric_difference"
    };
    let a = args.exact_pos(name, 1, 1)?;
    Ok(s.symmetric_difference(py, &a[0])?.into_object())
}

/// `set.update(*others)`.
pub fn set_update(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "update")?;
    args.no_kwargs("update")?;
    for other in args.pos() {
        s.update_internal(py, other)?;
    }
    none(py)
}

/// `set.intersection_update(*others)`.
pub fn set_intersection_update(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "intersection_update")?;
    args.no_kwargs("intersection_update")?;
    let tmp = intersection_multi(py, s, args.pos())?;
    s.swap_bodies(&tmp);
    none(py)
}

/// `set.difference_update(*others)`.
pub fn set_difference_update(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "difference_update")?;
    args.no_kwargs("difference_update")?;
    for other in args.pos() {
        s.difference_update_internal(py, other)?;
    }
    none(py)
}

/// `set.symmetric_difference_update(other, /)`.
pub fn set_symmetric_difference_update(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let s = this_set(py, this, "symmetric_difference_update")?;
    let a = args.exact_pos("set.symmetric_difference_update", 1, 1)?;
    s.symmetric_difference_update(py, &a[0])?;
    none(py)
}

/// `set.issubset(other, /)`.
pub fn set_issubset(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "issubset")?;
    let name = if s.is_frozen(py) {
        "frozenset.issubset"
    } else {
        "set.issubset"
    };
    let a = args.exact_pos(name, 1, 1)?;
    Ok(py.bool(s.issubset(py, &a[0])?).into_object())
}

/// `set.issuperset(other, /)`.
pub fn set_issuperset(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "issuperset")?;
    let name = if s.is_frozen(py) {
        "frozenset.issuperset"
    } else {
        "set.issuperset"
    };
    let a = args.exact_pos(name, 1, 1)?;
    Ok(py.bool(s.issuperset(py, &a[0])?).into_object())
}

/// `set.isdisjoint(other, /)`.
pub fn set_isdisjoint(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "isdisjoint")?;
    let name = if s.is_frozen(py) {
        "frozenset.isdisjoint"
    } else {
        "set.isdisjoint"
    };
    let a = args.exact_pos(name, 1, 1)?;
    Ok(py.bool(s.isdisjoint(py, &a[0])?).into_object())
}

/// `set.__contains__(key, /)`.
pub fn set_contains(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let s = this_set(py, this, "__contains__")?;
    let name = if s.is_frozen(py) {
        "frozenset.__contains__"
    } else {
        "set.__contains__"
    };
    let a = args.exact_pos(name, 1, 1)?;
    Ok(py.bool(s.contains(py, &a[0])?).into_object())
}

/// `set.__sizeof__()`.
pub fn set_sizeof_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    this_set(py, this, "__sizeof__")?;
    args.exact_pos("__sizeof__", 0, 0)?;
    Ok(crate::objects::int::PyInt::new(py, set_sizeof(this) as i64).into_object())
}

/// `set`'s method table.
pub static SET_METHODS: &[MethodDef] = &[
    MethodDef::new("add", set_add),
    MethodDef::new("clear", set_clear),
    MethodDef::new("__contains__", set_contains),
    MethodDef::new("copy", set_copy),
    MethodDef::new("discard", set_discard),
    MethodDef::new("difference", set_difference),
    MethodDef::new("difference_update", set_difference_update),
    MethodDef::new("intersection", set_intersection),
    MethodDef::new("intersection_update", set_intersection_update),
    MethodDef::new("isdisjoint", set_isdisjoint),
    MethodDef::new("issubset", set_issubset),
    MethodDef::new("issuperset", set_issuperset),
    MethodDef::new("pop", set_pop),
    MethodDef::new("remove", set_remove),
    MethodDef::new("__sizeof__", set_sizeof_method),
    MethodDef::new("symmetric_difference", set_symmetric_difference),
    MethodDef::new(
        "symmetric_difference_update",
        set_symmetric_difference_update,
    ),
    MethodDef::new("union", set_union),
    MethodDef::new("update", set_update),
];

/// `frozenset`'s method table.
pub static FROZENSET_METHODS: &[MethodDef] = &[
    MethodDef::new("__contains__", set_contains),
    MethodDef::new("copy", set_copy),
    MethodDef::new("difference", set_difference),
    MethodDef::new("intersection", set_intersection),
    MethodDef::new("isdisjoint", set_isdisjoint),
    MethodDef::new("issubset", set_issubset),
    MethodDef::new("issuperset", set_issuperset),
    MethodDef::new("__sizeof__", set_sizeof_method),
    MethodDef::new("symmetric_difference", set_symmetric_difference),
    MethodDef::new("union", set_union),
];
