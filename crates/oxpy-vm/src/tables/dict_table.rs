//! CPython 3.11's compact `dict` (`Objects/dictobject.c`): combined and split tables.
//!
//! A combined table is an index array of `2**log2` slots (1/2/4/8 bytes each by size) over a
//! dense entry array of `USABLE_FRACTION(size)` entries in insertion order. Index slots hold
//! −1 (never used), −2 (deleted) or an entry number; probing is
//! `perturb >>= 5; i = (5*i + perturb + 1) & mask`. Deleting leaves holes; growth rebuilds
//! with `calculate_log2_keysize(used*3)` and compacts. A table is *unicode* (16-byte entries in
//! the size formula) while every key is an exact `str`, else *general* (24-byte entries).
//!
//! Split tables serve instance dicts: the class owns a [`SharedKeys`] table (64 slots, usable 30)
//! and every instance a [`SplitValues`] array. See [`super::sizing`] for the object sizes.
//!
//! Lookups return [`DictStep::Compare`] when a same-hash, non-identical key must be compared;
//! the caller compares with no borrow of the table held and reports via
//! [`DictTable::compared`], which restarts when CPython restarts (keys table replaced or the
//! entry changed). The `eq`-callback methods are the simple front end for keys whose
//! comparison cannot mutate the dict.

use super::TableKey;
use super::dict_index::{
    DKIX_DUMMY, DKIX_EMPTY, Indices, Probe, Slot, lookdict_index, slot_at, with_slots,
};
pub use super::set_table::Compared;
use std::cell::RefCell;
use std::rc::Rc;

/// `log2` of the size of the first table (`PyDict_LOG_MINSIZE`).
pub const DICT_LOG_MINSIZE: u8 = 3;
/// `sys.getsizeof` of a dict object without its keys table (48 + 16 GC).
pub const DICT_BASE_SIZE: usize = 64;
/// Header of a keys table (`PyDictKeysObject` before the index array).
pub const KEYS_HEADER_SIZE: usize = 32;
/// `log2` size of a class's shared-keys table.
pub const SHARED_KEYS_LOG2: u8 = 6;
/// Initial `usable` of a shared-keys table (`SHARED_KEYS_MAX_SIZE`).
pub const SHARED_KEYS_MAX_SIZE: usize = 30;
/// Largest `log2` a presized dict display gets (`dict_new_presized`).
pub const LOG2_MAX_PRESIZE: u8 = 17;

/// `USABLE_FRACTION(n) = (2n) / 3`: entries a table of `n` slots can hold.
#[inline]
pub const fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// 3.11's `calculate_log2_keysize`: `bit_length(((m | 8) - 1) | 7)` (quirks included: 1–7 → 4,
/// exact powers of two ≥ 16 → one more than needed).
#[inline]
pub const fn calculate_log2_keysize(minsize: usize) -> u8 {
    let m = ((minsize | 8) - 1) | 7;
    (usize::BITS - m.leading_zeros()) as u8
}

/// `estimate_log2_keysize(n) = calculate_log2_keysize((3n + 1) / 2)` for pre-sized builds.
#[inline]
pub const fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize((n * 3).div_ceil(2))
}

/// Bytes per index slot for a table of `2**log2` slots.
#[inline]
pub const fn index_width(log2: u8) -> usize {
    if log2 < 8 {
        1
    } else if log2 < 16 {
        2
    } else if log2 < 32 {
        4
    } else {
        8
    }
}

/// Whether the entries are counted as unicode (key, value) or general (hash, key, value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysKind {
    /// Every key is an exact `str`: 16-byte entries.
    Unicode,
    /// Any keys: 24-byte entries.
    General,
}

impl KeysKind {
    /// Entry size in the size formula.
    #[inline]
    pub const fn entry_size(self) -> usize {
        match self {
            KeysKind::Unicode => 16,
            KeysKind::General => 24,
        }
    }
}

/// `_PyDict_KeysSize`: bytes of a keys table with `2**log2` slots.
#[inline]
pub const fn keys_size(log2: u8, kind: KeysKind) -> usize {
    let size = 1usize << log2;
    KEYS_HEADER_SIZE + size * index_width(log2) + usable_fraction(size) * kind.entry_size()
}

/// The probe loop of a combined table over index slots of one width: identity first, then the
/// stored hash (`hash_of(key, ix)`), then `eq(stored)`; `None` from `eq` hands the comparison
/// back as [`DictStep::Compare`] with the search positioned on that slot.
#[inline(always)]
fn probe_combined<K: TableKey, V, I: Slot>(
    slots: &[I],
    entries: &[DictEntry<K, V>],
    hash_of: impl Fn(&K, usize) -> i64,
    s: &mut DictSearch,
    key: &K,
    eq: &mut impl FnMut(&K) -> Option<bool>,
) -> DictStep {
    loop {
        let ix = slot_at(slots, s.probe.i);
        if ix == DKIX_EMPTY {
            return DictStep::Absent;
        }
        if ix >= 0
            && let Some(DictEntry { key: Some(k), .. }) = entries.get(ix as usize)
        {
            let ix = ix as usize;
            if k.is_same(key) {
                return DictStep::Found(ix);
            }
            if hash_of(k, ix) == s.hash {
                match eq(k) {
                    Some(true) => return DictStep::Found(ix),
                    Some(false) => {}
                    None => return DictStep::Compare(ix),
                }
            }
        }
        s.probe.next();
    }
}

/// One entry of a combined table; a deleted entry has `key: None`. The hash lives in
/// [`CombinedKeys::hashes`] or, for unicode tables of keys that cache it, in the key itself
/// (CPython's 16-byte `PyDictUnicodeEntry`).
#[derive(Debug, Clone)]
pub(crate) struct DictEntry<K, V> {
    key: Option<K>,
    value: Option<V>,
}

/// A combined keys table (`PyDictKeysObject` of kind unicode or general, with its values).
#[derive(Debug, Clone)]
pub(crate) struct CombinedKeys<K, V> {
    log2_size: u8,
    kind: KeysKind,
    /// `dk_usable` (a table of more than 2**32 usable entries cannot be allocated anyway).
    usable: u32,
    indices: Indices,
    entries: Vec<DictEntry<K, V>>,
    /// The entries' hashes (room for `USABLE_FRACTION(size)`) when the keys cannot give theirs
    /// back ([`TableKey::CACHES_HASH`] false, or a general table); empty otherwise.
    hashes: Box<[i64]>,
}

impl<K: TableKey, V> CombinedKeys<K, V> {
    /// `new_keys_object(log2, unicode)`: all indices −1, `usable = USABLE_FRACTION(size)`.
    fn new(log2_size: u8, kind: KeysKind) -> Self {
        let usable = usable_fraction(1 << log2_size);
        CombinedKeys {
            log2_size,
            kind,
            usable: u32::try_from(usable).unwrap_or(u32::MAX),
            indices: Indices::new(log2_size),
            entries: Vec::with_capacity(usable),
            hashes: if Self::stores_hashes(kind) {
                vec![0; usable].into()
            } else {
                Box::default()
            },
        }
    }

    #[inline(always)]
    fn stores_hashes(kind: KeysKind) -> bool {
        kind == KeysKind::General || !K::CACHES_HASH
    }

    /// The hash of entry `ix` (its key's, for unicode tables of hash-caching keys).
    #[inline(always)]
    fn hash_of(&self, ix: usize) -> i64 {
        if self.hashes.is_empty() {
            self.entries
                .get(ix)
                .and_then(|e| e.key.as_ref())
                .map_or(0, K::cached_hash)
        } else {
            self.hashes.get(ix).copied().unwrap_or(0)
        }
    }

    /// The table becomes general (a non-`str` key was added): hashes are stored from now on.
    fn make_general(&mut self) {
        if self.kind == KeysKind::General {
            return;
        }
        if self.hashes.is_empty() {
            let cap = self.entries.len() + self.usable as usize;
            let mut h = vec![0; cap.max(usable_fraction(1 << self.log2_size))];
            for (ix, slot) in h.iter_mut().enumerate().take(self.entries.len()) {
                *slot = self.hash_of(ix);
            }
            self.hashes = h.into();
        }
        self.kind = KeysKind::General;
    }

    #[inline(always)]
    fn mask(&self) -> usize {
        (1usize << self.log2_size) - 1
    }

    /// Append an entry for a new key at the first free index slot.
    fn push(&mut self, hash: i64, key: K, value: V) {
        let slot = self.indices.find_empty_slot(self.mask(), hash);
        let ix = self.entries.len();
        self.indices.set(slot, ix as isize);
        if let Some(h) = self.hashes.get_mut(ix) {
            *h = hash;
        }
        self.entries.push(DictEntry {
            key: Some(key),
            value: Some(value),
        });
        self.usable = self.usable.saturating_sub(1);
    }

    /// `build_indices`: index every entry (a fresh table) in entry order.
    fn build_indices(&mut self) {
        let mask = self.mask();
        for ix in 0..self.entries.len() {
            let slot = self.indices.find_empty_slot(mask, self.hash_of(ix));
            self.indices.set(slot, ix as isize);
        }
    }
}

/// The keys table a class shares among its instances (split table, kind `DICT_KEYS_SPLIT`).
#[derive(Debug, Clone)]
pub struct SharedKeys<K> {
    usable: usize,
    indices: Indices,
    keys: Vec<(K, i64)>,
}

impl<K> Default for SharedKeys<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> SharedKeys<K> {
    /// A class's fresh shared table: 64 slots, usable 30, no keys.
    pub fn new() -> Self {
        SharedKeys {
            usable: SHARED_KEYS_MAX_SIZE,
            indices: Indices::new(SHARED_KEYS_LOG2),
            keys: Vec::new(),
        }
    }

    /// Keys added so far (`dk_nentries`).
    #[inline]
    pub fn nentries(&self) -> usize {
        self.keys.len()
    }

    /// Names that can still be added (`dk_usable`).
    #[inline]
    pub fn usable(&self) -> usize {
        self.usable
    }

    /// `shared_keys_usable_size`: `nentries + usable`, the size of a new values array.
    #[inline]
    pub fn usable_size(&self) -> usize {
        self.keys.len() + self.usable
    }

    /// Bytes of the table, counted in `sys.getsizeof(cls)` (768).
    #[inline]
    pub fn keys_size(&self) -> usize {
        keys_size(SHARED_KEYS_LOG2, KeysKind::Unicode)
    }

    /// The key at entry `ix` and its hash.
    #[inline]
    pub fn key_at(&self, ix: usize) -> Option<(&K, i64)> {
        self.keys.get(ix).map(|(k, h)| (k, *h))
    }

    /// `init_inline_values`: a new instance's values array; decrements `usable` while it is
    /// above 1, then sizes the array `nentries + usable`.
    pub fn new_instance_values<V>(&mut self) -> SplitValues<V> {
        if self.usable > 1 {
            self.usable -= 1;
        }
        SplitValues::with_size(self.usable_size())
    }

    /// `init_inline_values` without the array: decrement `usable` while it is above 1 and
    /// return the size the new instance's values array must have (`nentries + usable`).
    pub fn reserve_instance(&mut self) -> usize {
        if self.usable > 1 {
            self.usable -= 1;
        }
        self.usable_size()
    }

    /// Search step over the shared keys.
    fn step<Q: TableKey>(&self, s: &mut DictSearch, key: &Q) -> DictStep
    where
        K: std::borrow::Borrow<Q>,
    {
        let mask = (1usize << SHARED_KEYS_LOG2) - 1;
        loop {
            let ix = self.indices.get(s.probe.i);
            if ix == DKIX_EMPTY {
                return DictStep::Absent;
            }
            if ix >= 0
                && let Some((k, h)) = self.keys.get(ix as usize)
            {
                if k.borrow().is_same(key) {
                    return DictStep::Found(ix as usize);
                }
                if *h == s.hash {
                    return DictStep::Compare(ix as usize);
                }
            }
            s.probe.mask = mask;
            s.probe.next();
        }
    }

    /// `insert_into_dictkeys`: append a name the search found absent; `None` when the table is
    /// full (`usable == 0`), which makes the instance materialise a combined dict.
    pub fn append(&mut self, key: K, hash: i64) -> Option<usize> {
        if self.usable == 0 {
            return None;
        }
        let slot = self
            .indices
            .find_empty_slot((1 << SHARED_KEYS_LOG2) - 1, hash);
        let ix = self.keys.len();
        self.indices.set(slot, ix as isize);
        self.keys.push((key, hash));
        self.usable -= 1;
        Some(ix)
    }

    /// Find or add a name (exact `str`) for an attribute store; `eq` compares names.
    pub fn insert_name<E>(
        &mut self,
        key: &K,
        hash: i64,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E>
    where
        K: TableKey + Clone,
    {
        let mut s = DictSearch::new(hash, SHARED_KEYS_LOG2, 0);
        loop {
            match self.step(&mut s, key) {
                DictStep::Found(ix) => return Ok(Some(ix)),
                DictStep::Absent => return Ok(self.append(key.clone(), hash)),
                DictStep::Compare(ix) => {
                    if let Some((k, _)) = self.key_at(ix)
                        && eq(k, key)?
                    {
                        return Ok(Some(ix));
                    }
                    s.probe.next();
                }
            }
        }
    }

    /// Find a name's entry number.
    pub fn find_name<E>(
        &self,
        key: &K,
        hash: i64,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E>
    where
        K: TableKey,
    {
        let mut s = DictSearch::new(hash, SHARED_KEYS_LOG2, 0);
        loop {
            match self.step(&mut s, key) {
                DictStep::Found(ix) => return Ok(Some(ix)),
                DictStep::Absent => return Ok(None),
                DictStep::Compare(ix) => {
                    if let Some((k, _)) = self.key_at(ix)
                        && eq(k, key)?
                    {
                        return Ok(Some(ix));
                    }
                    s.probe.next();
                }
            }
        }
    }
}

/// An instance's attribute values over its class's [`SharedKeys`] (`PyDictValues`), with the
/// per-instance insertion order.
#[derive(Debug, Clone)]
pub struct SplitValues<V> {
    values: Box<[Option<V>]>,
    order: Vec<u8>,
}

impl<V> SplitValues<V> {
    /// An empty values array of `size` slots.
    pub fn with_size(size: usize) -> Self {
        SplitValues {
            values: (0..size).map(|_| None).collect(),
            order: Vec::new(),
        }
    }

    /// A values array from its slots and the entry numbers in insertion order (an instance's
    /// inline values when its `__dict__` is materialised).
    pub fn from_parts(values: Box<[Option<V>]>, order: Vec<u8>) -> Self {
        SplitValues { values, order }
    }

    /// Number of slots (`nentries + usable` when allocated).
    #[inline]
    pub fn capacity(&self) -> usize {
        self.values.len()
    }

    /// Number of attributes set.
    #[inline]
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no attribute is set.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The value for entry `ix`.
    #[inline]
    pub fn get(&self, ix: usize) -> Option<&V> {
        self.values.get(ix).and_then(Option::as_ref)
    }

    /// Store a value (`_PyObject_StoreInstanceAttribute`); a first store appends `ix` to the
    /// insertion order. Returns the old value, or `Err(value)` if `ix` is out of range.
    pub fn set(&mut self, ix: usize, value: V) -> Result<Option<V>, V> {
        let Some(slot) = self.values.get_mut(ix) else {
            return Err(value);
        };
        let old = slot.replace(value);
        if old.is_none() {
            self.order.push(ix as u8);
        }
        Ok(old)
    }

    /// Remove the value of entry `ix` (`delete_index_from_values`).
    pub fn remove(&mut self, ix: usize) -> Option<V> {
        let old = self.values.get_mut(ix)?.take()?;
        if let Some(p) = self.order.iter().position(|&o| o as usize == ix) {
            self.order.remove(p);
        }
        Some(old)
    }

    /// Entry numbers in insertion order.
    pub fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.order.iter().map(|&o| o as usize)
    }
}

/// Access to a class's shared keys from its split dicts. The VM may implement this over its own
/// GIL-protected cell; `Rc<RefCell<SharedKeys<K>>>` is provided. Implementations must not hold
/// the borrow across calls (the tables never call back into Python inside `with`).
pub trait SharedKeysHandle<K>: Clone {
    /// Run `f` on the shared keys.
    fn with<R>(&self, f: impl FnOnce(&SharedKeys<K>) -> R) -> R;
    /// Run `f` on the shared keys, mutably.
    fn with_mut<R>(&self, f: impl FnOnce(&mut SharedKeys<K>) -> R) -> R;
}

impl<K> SharedKeysHandle<K> for Rc<RefCell<SharedKeys<K>>> {
    fn with<R>(&self, f: impl FnOnce(&SharedKeys<K>) -> R) -> R {
        f(&self.borrow())
    }
    fn with_mut<R>(&self, f: impl FnOnce(&mut SharedKeys<K>) -> R) -> R {
        f(&mut self.borrow_mut())
    }
}

/// The storage state of a dict.
#[derive(Debug, Clone)]
enum Storage<K, V, S> {
    /// The shared empty table (`Py_EMPTY_KEYS`).
    Empty,
    Combined(CombinedKeys<K, V>),
    Split {
        keys: S,
        values: SplitValues<V>,
    },
}

/// A keys-table identity never used before by any table (0 stays the empty table's), so that
/// caches in the eval loop keyed by `(dict address, keys_id)` cannot be fooled by a new dict
/// at a freed dict's address.
/// Ids are handed out to each thread in blocks, so that making a table (every first insert into
/// a dict) costs no atomic operation.
#[inline]
fn fresh_keys_id() -> u64 {
    const BLOCK: u64 = 1 << 16;
    static NEXT_BLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    thread_local! {
        /// The next id of this thread's block and the end of the block.
        static NEXT: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
    }
    NEXT.with(|c| {
        let (mut next, mut end) = c.get();
        if next == end {
            next = NEXT_BLOCK.fetch_add(BLOCK, std::sync::atomic::Ordering::Relaxed);
            end = next + BLOCK;
        }
        c.set((next + 1, end));
        next
    })
}

/// A lookup in progress.
#[derive(Debug, Clone)]
pub struct DictSearch {
    hash: i64,
    probe: Probe,
    keys_id: u64,
}

impl DictSearch {
    fn new(hash: i64, log2: u8, keys_id: u64) -> Self {
        DictSearch {
            hash,
            probe: Probe::new(hash, (1usize << log2) - 1),
            keys_id,
        }
    }

    /// The hash being searched.
    #[inline]
    pub fn hash(&self) -> i64 {
        self.hash
    }
}

/// One step of a dict lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictStep {
    /// Not present (`DKIX_EMPTY`).
    Absent,
    /// Present at entry number `ix`.
    Found(usize),
    /// Compare the key of entry `ix` with the searched key, then call [`DictTable::compared`].
    Compare(usize),
}

/// How [`DictTable::merge`] treats keys already in the target (`dict_merge`'s `override`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMode {
    /// `update`, `dict(other)`, `{**a}`: later values win (override = 1).
    Override,
    /// Keep existing values (override = 0).
    KeepExisting,
    /// Stop at the first duplicate key (override = 2, `f(**a, **b)`).
    ErrorOnDuplicate,
}

/// The dict table: `used` live items over empty, combined or split storage.
#[derive(Debug, Clone)]
pub struct DictTable<K, V, S = Rc<RefCell<SharedKeys<K>>>> {
    used: usize,
    storage: Storage<K, V, S>,
    keys_id: u64,
}

impl<K, V, S> Default for DictTable<K, V, S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V, S> DictTable<K, V, S> {
    /// `{}`: the shared empty table.
    pub const fn new() -> Self {
        DictTable {
            used: 0,
            storage: Storage::Empty,
            keys_id: 0,
        }
    }

    /// A combined table of `2**log2` slots (`dictresize` of an empty dict, as in `fromkeys`).
    pub fn with_log2(log2: u8, kind: KeysKind) -> Self
    where
        K: TableKey,
    {
        DictTable {
            used: 0,
            storage: Storage::Combined(CombinedKeys::new(log2.max(DICT_LOG_MINSIZE), kind)),
            keys_id: fresh_keys_id(),
        }
    }

    /// `dict_new_presized(n, unicode)` (dict displays, `_PyDict_NewPresized`): `{}` for
    /// `n <= 5`, else `estimate_log2_keysize(n)` capped at `2**17` slots.
    pub fn new_presized(n: usize, kind: KeysKind) -> Self
    where
        K: TableKey,
    {
        if n <= usable_fraction(1 << DICT_LOG_MINSIZE) {
            return Self::new();
        }
        let log2 = if n > usable_fraction(1 << LOG2_MAX_PRESIZE) {
            LOG2_MAX_PRESIZE
        } else {
            estimate_log2_keysize(n)
        };
        Self::with_log2(log2, kind)
    }

    /// `dict.fromkeys(arg)` with an exact dict/set argument of `n` items: presized with
    /// `estimate_log2_keysize(n)` even when `n == 0`; `kind` is the argument dict's kind, or
    /// general for a set.
    pub fn for_fromkeys(n: usize, kind: KeysKind) -> Self
    where
        K: TableKey,
    {
        Self::with_log2(estimate_log2_keysize(n), kind)
    }

    /// A split dict materialised from an instance's values (`make_dict_from_instance_attributes`).
    pub fn from_split(keys: S, values: SplitValues<V>) -> Self {
        DictTable {
            used: values.len(),
            storage: Storage::Split { keys, values },
            keys_id: fresh_keys_id(),
        }
    }

    /// Number of items (`ma_used`).
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the dict is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Whether the dict uses a split table.
    #[inline]
    pub fn is_split(&self) -> bool {
        matches!(self.storage, Storage::Split { .. })
    }

    /// Whether the dict uses the shared empty table.
    #[inline]
    pub fn is_empty_table(&self) -> bool {
        matches!(self.storage, Storage::Empty)
    }

    /// Changes whenever the keys table is replaced (resize, clear, conversion).
    #[inline]
    pub fn keys_id(&self) -> u64 {
        self.keys_id
    }

    /// `log2` of the table size (0 for the empty table, 6 for split).
    pub fn log2_size(&self) -> u8 {
        match &self.storage {
            Storage::Empty => 0,
            Storage::Combined(c) => c.log2_size,
            Storage::Split { .. } => SHARED_KEYS_LOG2,
        }
    }

    /// The table kind (split and empty tables count as unicode, as in CPython).
    pub fn kind(&self) -> KeysKind {
        match &self.storage {
            Storage::Combined(c) => c.kind,
            _ => KeysKind::Unicode,
        }
    }

    /// Entries appended so far, including holes (`dk_nentries`; combined tables only).
    pub fn nentries(&self) -> usize {
        match &self.storage {
            Storage::Combined(c) => c.entries.len(),
            _ => self.used,
        }
    }

    /// Remaining `usable` of a combined table (0 for the empty table).
    pub fn usable(&self) -> usize {
        match &self.storage {
            Storage::Combined(c) => c.usable as usize,
            _ => 0,
        }
    }

    fn replace_storage(&mut self, storage: Storage<K, V, S>) -> Storage<K, V, S> {
        self.keys_id = fresh_keys_id();
        std::mem::replace(&mut self.storage, storage)
    }

    /// `dict.clear()`: back to the shared empty table. Returns the old contents for the caller
    /// to drop when it is safe to run `__del__`.
    pub fn clear(&mut self) -> DictTable<K, V, S> {
        let old = self.replace_storage(Storage::Empty);
        let used = std::mem::take(&mut self.used);
        DictTable {
            used,
            storage: old,
            keys_id: 0,
        }
    }

    /// Combined-table items in order, ignoring split storage.
    fn combined_iter(c: &CombinedKeys<K, V>) -> impl Iterator<Item = (&K, &V, i64)>
    where
        K: TableKey,
    {
        c.entries
            .iter()
            .enumerate()
            .filter_map(|(ix, e)| match (&e.key, &e.value) {
                (Some(k), Some(v)) => Some((k, v, c.hash_of(ix))),
                _ => None,
            })
    }
}

impl<K, V, S: SharedKeysHandle<K>> DictTable<K, V, S> {
    /// `sys.getsizeof(d)` (1.8): 64 for the empty table, `64 + keys_size` for a combined one,
    /// `64 + 8 * (nentries + usable)` of the shared keys (at call time) for a split one.
    pub fn sizeof(&self) -> usize {
        match &self.storage {
            Storage::Empty => DICT_BASE_SIZE,
            Storage::Combined(c) => DICT_BASE_SIZE + keys_size(c.log2_size, c.kind),
            Storage::Split { keys, .. } => DICT_BASE_SIZE + 8 * keys.with(SharedKeys::usable_size),
        }
    }

    /// Start a lookup of `hash` (cursor API, for comparisons that may run Python code).
    #[inline]
    pub fn search(&self, hash: i64) -> DictSearch {
        DictSearch::new(hash, self.log2_size(), self.keys_id)
    }

    /// Run a lookup until it needs a comparison or ends.
    #[inline]
    pub fn search_step(&self, s: &mut DictSearch, key: &K) -> DictStep
    where
        K: TableKey,
    {
        self.search_pure(s, key, |_| None)
    }

    /// Run a lookup, comparing same-hash keys with `eq(stored)` where the comparison cannot run
    /// Python code (`Some(equal)`); stops at a [`DictStep::Compare`] only where `eq` gives
    /// `None` (the caller compares and reports through [`DictTable::compared`]). The probe loop
    /// is monomorphic in the index width and the hash storage.
    #[inline]
    pub fn search_pure(
        &self,
        s: &mut DictSearch,
        key: &K,
        mut eq: impl FnMut(&K) -> Option<bool>,
    ) -> DictStep
    where
        K: TableKey,
    {
        match &self.storage {
            Storage::Empty => DictStep::Absent,
            Storage::Combined(c) => {
                let entries = &c.entries[..];
                if c.hashes.is_empty() {
                    with_slots!(&c.indices, a => probe_combined(a, entries, |k, _| k.cached_hash(), s, key, &mut eq))
                } else {
                    let hashes = &c.hashes[..];
                    with_slots!(&c.indices, a => probe_combined(
                        a,
                        entries,
                        |_, ix| hashes.get(ix).copied().unwrap_or(0),
                        s,
                        key,
                        &mut eq,
                    ))
                }
            }
            Storage::Split { keys, .. } => keys.with(|sk| {
                loop {
                    match sk.step(s, key) {
                        DictStep::Compare(ix) => match sk.key_at(ix).and_then(|(k, _)| eq(k)) {
                            Some(true) => return DictStep::Found(ix),
                            Some(false) => s.probe.next(),
                            None => return DictStep::Compare(ix),
                        },
                        step => return step,
                    }
                }
            }),
        }
    }

    /// The key of entry `ix`, cloned (as CPython increfs `startkey` before comparing).
    pub fn key_at(&self, ix: usize) -> Option<K>
    where
        K: Clone,
    {
        match &self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => c.entries.get(ix).and_then(|e| e.key.clone()),
            Storage::Split { keys, .. } => keys.with(|sk| sk.key_at(ix).map(|(k, _)| k.clone())),
        }
    }

    /// The stored hash of entry `ix`.
    pub fn hash_at(&self, ix: usize) -> Option<i64>
    where
        K: TableKey,
    {
        match &self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => c
                .entries
                .get(ix)
                .filter(|e| e.key.is_some())
                .map(|_| c.hash_of(ix)),
            Storage::Split { keys, .. } => keys.with(|sk| sk.key_at(ix).map(|(_, h)| h)),
        }
    }

    /// The value of entry `ix` if its key satisfies `is_key` (inline caches: the key is
    /// checked by identity, so a stale index never yields another key's value).
    #[inline]
    pub fn value_if_key(&self, ix: usize, is_key: impl Fn(&K) -> bool) -> Option<&V> {
        match &self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => {
                let e = c.entries.get(ix)?;
                if is_key(e.key.as_ref()?) {
                    e.value.as_ref()
                } else {
                    None
                }
            }
            Storage::Split { keys, values } => {
                if keys.with(|sk| sk.key_at(ix).is_some_and(|(k, _)| is_key(k))) {
                    values.get(ix)
                } else {
                    None
                }
            }
        }
    }

    fn entry_key_is(&self, ix: usize, startkey: &K) -> bool
    where
        K: TableKey,
    {
        match &self.storage {
            Storage::Empty => false,
            Storage::Combined(c) => c
                .entries
                .get(ix)
                .and_then(|e| e.key.as_ref())
                .is_some_and(|k| k.is_same(startkey)),
            Storage::Split { keys, .. } => {
                keys.with(|sk| sk.key_at(ix).is_some_and(|(k, _)| k.is_same(startkey)))
            }
        }
    }

    /// Report the comparison of entry `ix` (whose key was `startkey` when it began) with the
    /// searched key. Restarts the lookup when the keys table was replaced or the entry no
    /// longer holds `startkey`, whatever the comparison said (`DKIX_KEY_CHANGED`).
    pub fn compared(&self, s: &mut DictSearch, ix: usize, startkey: &K, equal: bool) -> Compared
    where
        K: TableKey,
    {
        if s.keys_id != self.keys_id || !self.entry_key_is(ix, startkey) {
            *s = self.search(s.hash);
            return Compared::Restarted;
        }
        if equal {
            return Compared::Found(ix);
        }
        s.probe.next();
        Compared::Continue
    }

    /// Compare the key of entry `ix` of a combined table in place with `eq`, for comparisons
    /// that cannot run code (`None` from `eq`, or another storage: use [`DictTable::compared`]).
    /// Found, or the search moves on to the next slot.
    #[inline]
    pub fn compare_in_place(
        &self,
        s: &mut DictSearch,
        ix: usize,
        eq: impl FnOnce(&K) -> Option<bool>,
    ) -> Option<Compared> {
        let Storage::Combined(c) = &self.storage else {
            return None;
        };
        if s.keys_id != self.keys_id {
            return None;
        }
        if eq(c.entries.get(ix)?.key.as_ref()?)? {
            return Some(Compared::Found(ix));
        }
        s.probe.next();
        Some(Compared::Continue)
    }

    /// Compare entry `ix` with `key` through `eq(stored, searched)`.
    fn compare_entry<E>(
        &self,
        ix: usize,
        key: &K,
        eq: &mut impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E>
    where
        K: Clone,
    {
        match &self.storage {
            Storage::Combined(c) => match c.entries.get(ix).and_then(|e| e.key.as_ref()) {
                Some(k) => eq(k, key),
                None => Ok(false),
            },
            _ => match self.key_at(ix) {
                Some(k) => eq(&k, key),
                None => Ok(false),
            },
        }
    }

    /// `_Py_dict_lookup` with an `eq(stored, searched)` callback that cannot mutate this dict:
    /// the entry number of an equal key. For a split dict the entry may have no value here.
    pub fn lookup<E>(
        &self,
        key: &K,
        hash: i64,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E>
    where
        K: TableKey + Clone,
    {
        let mut s = self.search(hash);
        loop {
            match self.search_step(&mut s, key) {
                DictStep::Absent => return Ok(None),
                DictStep::Found(ix) => return Ok(Some(ix)),
                DictStep::Compare(ix) => {
                    if self.compare_entry(ix, key, &mut eq)? {
                        return Ok(Some(ix));
                    }
                    s.probe.next();
                }
            }
        }
    }

    /// The value of entry `ix` (None for a split entry this instance has not set).
    #[inline]
    pub fn value_at(&self, ix: usize) -> Option<&V> {
        match &self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => c.entries.get(ix).and_then(|e| e.value.as_ref()),
            Storage::Split { values, .. } => values.get(ix),
        }
    }

    /// Mutable access to the value of entry `ix` (replacing a value never resizes).
    #[inline]
    pub fn value_at_mut(&mut self, ix: usize) -> Option<&mut V> {
        match &mut self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => c.entries.get_mut(ix).and_then(|e| e.value.as_mut()),
            Storage::Split { values, .. } => values.values.get_mut(ix).and_then(Option::as_mut),
        }
    }

    /// `d[key]` / `d.get(key)`.
    pub fn get<E>(
        &self,
        key: &K,
        hash: i64,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<&V>, E>
    where
        K: TableKey + Clone,
    {
        Ok(self.lookup(key, hash, eq)?.and_then(|ix| self.value_at(ix)))
    }

    /// `dictresize`: rebuild as a combined table of `2**log2` slots, compacting the entries
    /// (a split table in the instance's insertion order). `unicode` only keeps a unicode or split
    /// table unicode; a general table stays general.
    pub fn resize(&mut self, log2: u8, unicode: bool)
    where
        K: TableKey + Clone,
    {
        let kind = if unicode && self.kind() == KeysKind::Unicode {
            KeysKind::Unicode
        } else {
            KeysKind::General
        };
        let mut new = CombinedKeys::new(log2.max(DICT_LOG_MINSIZE), kind);
        match self.replace_storage(Storage::Empty) {
            Storage::Empty => {}
            Storage::Combined(old) => {
                let hashes: Vec<i64> = (0..old.entries.len()).map(|ix| old.hash_of(ix)).collect();
                for (e, h) in old.entries.into_iter().zip(hashes) {
                    if e.key.is_some() && e.value.is_some() {
                        if let Some(slot) = new.hashes.get_mut(new.entries.len()) {
                            *slot = h;
                        }
                        new.entries.push(e);
                    }
                }
            }
            Storage::Split { keys, mut values } => {
                let order: Vec<usize> = values.order().collect();
                keys.with(|sk| {
                    for ix in order {
                        let value = values.values.get_mut(ix).and_then(Option::take);
                        if let (Some((k, h)), Some(v)) = (sk.key_at(ix), value) {
                            if let Some(slot) = new.hashes.get_mut(new.entries.len()) {
                                *slot = h;
                            }
                            new.entries.push(DictEntry {
                                key: Some(k.clone()),
                                value: Some(v),
                            });
                        }
                    }
                });
            }
        }
        new.usable = new
            .usable
            .saturating_sub(u32::try_from(new.entries.len()).unwrap_or(u32::MAX));
        new.build_indices();
        self.used = new.entries.len();
        self.storage = Storage::Combined(new);
    }

    /// `insertion_resize`: `dictresize(calculate_log2_keysize(used * 3), unicode)`.
    #[inline]
    pub fn insertion_resize(&mut self, unicode: bool)
    where
        K: TableKey + Clone,
    {
        self.resize(calculate_log2_keysize(self.used * 3), unicode);
    }

    /// First step of `insertdict`: a key that is not an exact `str` turns a unicode or split table
    /// into a general one (`insertion_resize(mp, 0)`), even when there is room.
    pub fn prepare_insert(&mut self, key: &K)
    where
        K: TableKey + Clone,
    {
        let unicode = match &self.storage {
            Storage::Empty => false,
            Storage::Combined(c) => c.kind == KeysKind::Unicode,
            Storage::Split { .. } => true,
        };
        if unicode && !key.is_exact_str() {
            self.insertion_resize(false);
        }
    }

    /// Rest of `insertdict` after [`DictTable::prepare_insert`] and a lookup that returned
    /// `found`: replace the value, or add a new key (growing first if `usable == 0`).
    /// Returns the replaced value.
    pub fn insert_looked_up(
        &mut self,
        found: Option<usize>,
        key: K,
        hash: i64,
        value: V,
    ) -> Option<V>
    where
        K: TableKey + Clone,
    {
        let value = match (found, &mut self.storage) {
            (Some(ix), Storage::Combined(c)) => match c.entries.get_mut(ix) {
                Some(e) if e.key.is_some() => return e.value.replace(value),
                _ => value,
            },
            (Some(ix), Storage::Split { values, .. }) => match values.set(ix, value) {
                Ok(None) => {
                    self.used += 1;
                    return None;
                }
                Ok(old) => return old,
                Err(value) => value,
            },
            (_, _) => value,
        };
        self.insert_new(key, hash, value);
        None
    }

    /// `d[key] = value` for keys whose `eq(stored, searched)` cannot mutate this dict.
    /// Returns the replaced value.
    pub fn insert<E>(
        &mut self,
        key: K,
        hash: i64,
        value: V,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<V>, E>
    where
        K: TableKey + Clone,
    {
        self.prepare_insert(&key);
        let found = self.lookup(&key, hash, eq)?;
        Ok(self.insert_looked_up(found, key, hash, value))
    }

    /// Insert a key known to be absent (`insert_to_emptydict` or the new-slot path).
    fn insert_new(&mut self, key: K, hash: i64, value: V)
    where
        K: TableKey + Clone,
    {
        if matches!(self.storage, Storage::Empty) {
            let kind = if key.is_exact_str() {
                KeysKind::Unicode
            } else {
                KeysKind::General
            };
            self.replace_storage(Storage::Combined(CombinedKeys::new(DICT_LOG_MINSIZE, kind)));
        }
        let full = match &self.storage {
            Storage::Combined(c) => c.usable == 0,
            Storage::Split { keys, .. } => keys.with(|sk| sk.usable == 0),
            Storage::Empty => true,
        };
        if full {
            self.insertion_resize(true);
        }
        let value = match &mut self.storage {
            Storage::Split { keys, values } => {
                match keys.with_mut(|sk| sk.append(key.clone(), hash)) {
                    Some(ix) => match values.set(ix, value) {
                        Ok(_) => {
                            self.used += 1;
                            return;
                        }
                        Err(value) => value,
                    },
                    None => value,
                }
            }
            _ => value,
        };
        if self.is_split() {
            // Unreachable for consistent tables: fall back to a combined table.
            self.insertion_resize(true);
        }
        if let Storage::Combined(c) = &mut self.storage {
            if c.kind == KeysKind::Unicode && !key.is_exact_str() {
                c.make_general();
            }
            c.push(hash, key, value);
            self.used += 1;
        }
    }

    /// `delitem_common` for entry `ix`: the index slot becomes −2 and the entry a hole (a split
    /// dict only clears its value). Returns the removed key and value.
    pub fn remove_at(&mut self, ix: usize) -> Option<(K, V)>
    where
        K: TableKey + Clone,
    {
        match &mut self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => {
                let mask = c.mask();
                let hash = c.hash_of(ix);
                let e = c.entries.get_mut(ix)?;
                e.value.as_ref()?;
                let key = e.key.take()?;
                let value = e.value.take()?;
                if let Some(slot) = lookdict_index(&c.indices, mask, hash, ix) {
                    c.indices.set(slot, DKIX_DUMMY);
                }
                self.used -= 1;
                Some((key, value))
            }
            Storage::Split { keys, values } => {
                let value = values.remove(ix)?;
                self.used -= 1;
                let key = keys.with(|sk| sk.key_at(ix).map(|(k, _)| k.clone()));
                key.map(|k| (k, value))
            }
        }
    }

    /// `del d[key]` / `d.pop(key)`: remove an equal key; `None` when absent.
    pub fn remove<E>(
        &mut self,
        key: &K,
        hash: i64,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<(K, V)>, E>
    where
        K: TableKey + Clone,
    {
        Ok(match self.lookup(key, hash, eq)? {
            Some(ix) => self.remove_at(ix),
            None => None,
        })
    }

    /// `d.popitem()`: remove the last entry (LIFO). A split table is first converted to a
    /// combined unicode one of the same size. `nentries` is cut back, `usable` is not restored.
    pub fn popitem(&mut self) -> Option<(K, V)>
    where
        K: TableKey + Clone,
    {
        if self.used == 0 {
            return None;
        }
        if self.is_split() {
            self.resize(SHARED_KEYS_LOG2, true);
        }
        let Storage::Combined(c) = &mut self.storage else {
            return None;
        };
        let mask = c.mask();
        let i = c.entries.iter().rposition(|e| e.value.is_some())?;
        let hash = c.hash_of(i);
        let e = c.entries.get_mut(i)?;
        let (key, value) = (e.key.take()?, e.value.take()?);
        if let Some(slot) = lookdict_index(&c.indices, mask, hash, i) {
            c.indices.set(slot, DKIX_DUMMY);
        }
        c.entries.truncate(i);
        self.used -= 1;
        Some((key, value))
    }

    /// `_PyDict_Next`: the entry number of the next item at or after position `*pos`
    /// (positions are entry numbers for combined tables, insertion ranks for split ones).
    pub fn next_index(&self, pos: &mut usize) -> Option<usize> {
        match &self.storage {
            Storage::Empty => None,
            Storage::Combined(c) => {
                while let Some(e) = c.entries.get(*pos) {
                    *pos += 1;
                    if e.value.is_some() {
                        return Some(*pos - 1);
                    }
                }
                None
            }
            Storage::Split { values, .. } => {
                let ix = values.order.get(*pos)?;
                *pos += 1;
                Some(*ix as usize)
            }
        }
    }

    /// Call `f(key, value, hash)` for every item in iteration order.
    pub fn for_each(&self, mut f: impl FnMut(&K, &V, i64))
    where
        K: TableKey,
    {
        match &self.storage {
            Storage::Empty => {}
            Storage::Combined(c) => {
                for (k, v, h) in Self::combined_iter(c) {
                    f(k, v, h);
                }
            }
            Storage::Split { keys, values } => keys.with(|sk| {
                for ix in values.order() {
                    if let (Some((k, h)), Some(v)) = (sk.key_at(ix), values.get(ix)) {
                        f(k, v, h);
                    }
                }
            }),
        }
    }

    /// The items `(key, value, hash)` in iteration order, cloned.
    pub fn items(&self) -> Vec<(K, V, i64)>
    where
        K: TableKey + Clone,
        V: Clone,
    {
        let mut out = Vec::with_capacity(self.used);
        self.for_each(|k, v, h| out.push((k.clone(), v.clone(), h)));
        out
    }

    /// `clone_combined_dict_keys` eligibility in `dict_merge`: combined, no holes, and either
    /// 8 slots or more than `USABLE_FRACTION(size / 2)` items.
    fn clonable_for_merge(&self) -> bool {
        match &self.storage {
            Storage::Combined(c) => {
                self.used == c.entries.len()
                    && (c.log2_size == DICT_LOG_MINSIZE
                        || usable_fraction((1usize << c.log2_size) / 2) < self.used)
            }
            _ => false,
        }
    }

    /// A byte-for-byte clone of a combined table (same size, holes, −2 slots and `usable`).
    fn clone_combined(&self) -> Option<CombinedKeys<K, V>>
    where
        K: Clone,
        V: Clone,
    {
        match &self.storage {
            Storage::Combined(c) => Some(c.clone()),
            _ => None,
        }
    }

    /// `dict_merge(self, other, override)` for an exact-dict `other`: clone `other`'s table into
    /// an empty target when eligible, else pre-size (if `USABLE_FRACTION(size) < len(other)`, to
    /// `estimate_log2_keysize(len(self) + len(other))`) and insert in `other`'s order.
    /// With [`MergeMode::ErrorOnDuplicate`] returns the first duplicate key (nothing after it is
    /// inserted).
    pub fn merge<E>(
        &mut self,
        other: &Self,
        mut mode: MergeMode,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<K>, E>
    where
        K: TableKey + Clone,
        V: Clone,
    {
        if other.used == 0 {
            return Ok(None);
        }
        if self.used == 0 {
            mode = MergeMode::Override;
            if other.clonable_for_merge()
                && let Some(keys) = other.clone_combined()
            {
                self.replace_storage(Storage::Combined(keys));
                self.used = other.used;
                return Ok(None);
            }
        }
        let capacity = match &self.storage {
            Storage::Empty => 0,
            _ => usable_fraction(1usize << self.log2_size()),
        };
        if capacity < other.used {
            self.resize(
                estimate_log2_keysize(self.used + other.used),
                other.kind() == KeysKind::Unicode,
            );
        }
        for (k, v, h) in other.items() {
            match mode {
                MergeMode::Override => {}
                MergeMode::KeepExisting | MergeMode::ErrorOnDuplicate => {
                    if self
                        .lookup(&k, h, &mut eq)?
                        .is_some_and(|ix| self.value_at(ix).is_some())
                    {
                        if mode == MergeMode::ErrorOnDuplicate {
                            return Ok(Some(k));
                        }
                        continue;
                    }
                }
            }
            self.insert(k, h, v, &mut eq)?;
        }
        Ok(None)
    }

    /// `dict.copy()`: split dicts stay split (a fresh values array of the shared table's current
    /// `nentries + usable`); a combined table with `used >= 2*nentries/3` is cloned; otherwise
    /// an empty dict merges the items.
    pub fn copy<E>(&self, eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<Self, E>
    where
        K: TableKey + Clone,
        V: Clone,
    {
        if self.used == 0 {
            return Ok(Self::new());
        }
        match &self.storage {
            Storage::Split { keys, values } => {
                let size = keys.with(SharedKeys::usable_size);
                let mut nv = SplitValues::with_size(size);
                for (dst, src) in nv.values.iter_mut().zip(values.values.iter()) {
                    dst.clone_from(src);
                }
                nv.order = values.order.clone();
                return Ok(DictTable {
                    used: self.used,
                    storage: Storage::Split {
                        keys: keys.clone(),
                        values: nv,
                    },
                    keys_id: fresh_keys_id(),
                });
            }
            Storage::Combined(c) if self.used >= (c.entries.len() * 2) / 3 => {
                return Ok(DictTable {
                    used: self.used,
                    storage: Storage::Combined(c.clone()),
                    keys_id: fresh_keys_id(),
                });
            }
            _ => {}
        }
        let mut new = Self::new();
        new.merge(self, MergeMode::Override, eq)?;
        Ok(new)
    }
}
