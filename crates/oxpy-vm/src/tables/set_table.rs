//! CPython 3.11's `set`/`frozenset` table (`Objects/setobject.c`), slot for slot.
//!
//! Open addressing over `mask + 1` slots (8 inline slots while small). A search examines a run of
//! one slot, or ten (`i .. i+LINEAR_PROBES`) when `i + 9 <= mask`, then perturbs:
//! `perturb >>= 5; i = (5*i + 1 + perturb) & mask`. Deleted slots become *dummies*; an insertion
//! takes the last dummy seen before the first empty slot, otherwise the empty slot (`fill += 1`)
//! and then resizes when `fill*5 >= mask*3`. Iteration and `pop()` walk slot order, so orders and
//! `sys.getsizeof` match CPython exactly.
//!
//! Key equality may run Python code. The convenience methods take a fallible `eq` callback (for
//! keys whose comparison cannot touch this table). For the general case use the search cursor
//! ([`SetTable::search`], [`SetTable::search_step`], [`SetTable::compared`]): the caller compares
//! with no borrow held and the cursor restarts exactly when CPython restarts.

use super::TableKey;

/// Slots of a new (or cleared) set: the inline small table (`PySet_MINSIZE`).
pub const SET_MINSIZE: usize = 8;
/// Extra slots examined after the start slot of each run.
pub const LINEAR_PROBES: usize = 9;
/// Shift applied to `perturb` between runs.
pub const PERTURB_SHIFT: u32 = 5;
/// `sys.getsizeof(set())`: 200-byte object + 16-byte GC header.
pub const SET_BASE_SIZE: usize = 216;
/// Bytes per slot of an external table (key pointer + hash).
pub const SET_ENTRY_SIZE: usize = 16;

/// One slot: empty (`key: None, hash: 0`), dummy (`key: None, hash: -1`) or active.
#[derive(Debug, Clone)]
pub struct SetEntry<K> {
    key: Option<K>,
    hash: i64,
}

impl<K> SetEntry<K> {
    const EMPTY: Self = SetEntry { key: None, hash: 0 };
    const DUMMY_HASH: i64 = -1;

    /// The key of an active slot.
    #[inline]
    pub fn key(&self) -> Option<&K> {
        self.key.as_ref()
    }

    /// The stored hash (0 for empty slots, −1 for dummies).
    #[inline]
    pub fn hash(&self) -> i64 {
        self.hash
    }

    /// Whether this slot was never used since the last rebuild.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.key.is_none() && self.hash == 0
    }

    /// Whether this slot holds a deleted entry.
    #[inline]
    pub fn is_dummy(&self) -> bool {
        self.key.is_none() && self.hash == Self::DUMMY_HASH
    }
}

/// What the search needs to do next: lookups and insertions restart under different conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// `set_lookkey`: restart if the table changed, even when the comparison said equal.
    Lookup,
    /// `set_add_entry`: an equal comparison wins before the restart check; dummies are recorded.
    Insert,
}

/// A search in progress (the local variables of `set_lookkey` / `set_add_entry`).
#[derive(Debug, Clone)]
pub struct SetSearch {
    hash: i64,
    perturb: u64,
    base: usize,
    pos: usize,
    run_end: usize,
    freeslot: Option<usize>,
    table_id: u64,
    mode: SearchMode,
}

impl SetSearch {
    /// The hash being searched.
    #[inline]
    pub fn hash(&self) -> i64 {
        self.hash
    }

    #[inline]
    fn start(hash: i64, mask: usize, table_id: u64, mode: SearchMode) -> Self {
        let base = (hash as u64 as usize) & mask;
        SetSearch {
            hash,
            perturb: hash as u64,
            base,
            pos: base,
            run_end: run_end(base, mask),
            freeslot: None,
            table_id,
            mode,
        }
    }

    /// Move to the next slot of the probe sequence.
    #[inline]
    fn advance(&mut self, mask: usize) {
        if self.pos < self.run_end {
            self.pos += 1;
        } else {
            self.perturb >>= PERTURB_SHIFT;
            self.base = (self
                .base
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(self.perturb as usize))
                & mask;
            self.pos = self.base;
            self.run_end = run_end(self.base, mask);
        }
    }
}

#[inline(always)]
fn run_end(i: usize, mask: usize) -> usize {
    if i + LINEAR_PROBES <= mask {
        i + LINEAR_PROBES
    } else {
        i
    }
}

/// One step of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetStep {
    /// The key is absent; `slot` is the first empty slot (an insertion may prefer a dummy).
    Absent(usize),
    /// The key is present at `slot` (identical key).
    Found(usize),
    /// Same hash, not identical: compare the key at `slot` with the searched key, then call
    /// [`SetTable::compared`].
    Compare(usize),
}

/// Outcome of [`SetTable::compared`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// The key is present at this slot.
    Found(usize),
    /// Not equal; call [`SetTable::search_step`] again.
    Continue,
    /// The table was mutated during the comparison; the search restarted from the beginning.
    Restarted,
}

/// The set table. `K` is the key handle; `K::is_same` is identity.
///
/// `Clone` copies the table slot for slot; Python's `s.copy()` / `set(s)` is
/// [`SetTable::merge_set`] into a new table (it may choose a smaller size).
#[derive(Debug, Clone)]
pub struct SetTable<K> {
    small: [SetEntry<K>; SET_MINSIZE],
    large: Box<[SetEntry<K>]>,
    fill: usize,
    used: usize,
    mask: usize,
    finger: usize,
    table_id: u64,
}

impl<K> Default for SetTable<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> SetTable<K> {
    /// An empty set using the inline 8-slot table.
    pub fn new() -> Self {
        SetTable {
            small: [SetEntry::EMPTY; SET_MINSIZE],
            large: Box::new([]),
            fill: 0,
            used: 0,
            mask: SET_MINSIZE - 1,
            finger: 0,
            table_id: 0,
        }
    }

    /// The slots, `mask + 1` of them.
    #[inline(always)]
    pub fn slots(&self) -> &[SetEntry<K>] {
        if self.large.is_empty() {
            &self.small
        } else {
            &self.large
        }
    }

    #[inline(always)]
    fn slots_mut(&mut self) -> &mut [SetEntry<K>] {
        if self.large.is_empty() {
            &mut self.small
        } else {
            &mut self.large
        }
    }

    /// Number of live keys (`used`, `len(s)`).
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set has no live keys.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Active plus dummy slots (`fill`).
    #[inline]
    pub fn fill(&self) -> usize {
        self.fill
    }

    /// Table size minus one (`mask`).
    #[inline]
    pub fn mask(&self) -> usize {
        self.mask
    }

    /// Where the next `pop()` starts (`finger`).
    #[inline]
    pub fn finger(&self) -> usize {
        self.finger
    }

    /// Whether the inline small table is in use.
    #[inline]
    pub fn is_small(&self) -> bool {
        self.large.is_empty()
    }

    /// Changes whenever the slot storage is replaced (resize, clear): CPython's `table` pointer.
    #[inline]
    pub fn table_id(&self) -> u64 {
        self.table_id
    }

    /// `sys.getsizeof` of a set with this table: 216, plus 16 per slot when not inline.
    #[inline]
    pub fn sizeof(&self) -> usize {
        if self.is_small() {
            SET_BASE_SIZE
        } else {
            SET_BASE_SIZE + SET_ENTRY_SIZE * (self.mask + 1)
        }
    }

    /// The key at `slot`, if that slot is active.
    #[inline]
    pub fn key_at(&self, slot: usize) -> Option<&K> {
        self.slots().get(slot).and_then(|e| e.key.as_ref())
    }

    /// Active `(key, hash)` pairs in slot order (iteration order of `for x in s`).
    pub fn iter(&self) -> impl Iterator<Item = (&K, i64)> + '_ {
        self.slots()
            .iter()
            .filter_map(|e| e.key.as_ref().map(|k| (k, e.hash)))
    }

    /// `frozenset.__hash__` of the live entries (CPython caches the result on the object).
    pub fn frozenset_hash(&self) -> i64 {
        let mut h = super::hash::FrozensetHasher::new();
        for (_, hash) in self.iter() {
            h.push(hash);
        }
        h.finish(self.used)
    }

    /// `_PySet_NextEntry`: the next active entry at or after `*pos`, advancing `*pos` past it.
    pub fn next_entry(&self, pos: &mut usize) -> Option<(&K, i64)> {
        let slots = self.slots();
        while let Some(e) = slots.get(*pos) {
            *pos += 1;
            if let Some(k) = &e.key {
                return Some((k, e.hash));
            }
        }
        None
    }

    /// Start a search for `hash` (use with [`SetTable::search_step`]).
    #[inline]
    pub fn search(&self, hash: i64, mode: SearchMode) -> SetSearch {
        SetSearch::start(hash, self.mask, self.table_id, mode)
    }

    /// Run the search until it needs a comparison or ends. `key` is the searched key.
    #[inline]
    pub fn search_step(&self, s: &mut SetSearch, key: &K) -> SetStep
    where
        K: TableKey,
    {
        let slots = self.slots();
        let mask = self.mask;
        loop {
            let Some(e) = slots.get(s.pos) else {
                // Only reachable if a cursor outlived its table; treat it as a fresh search.
                *s = SetSearch::start(s.hash, mask, self.table_id, s.mode);
                continue;
            };
            match &e.key {
                None if e.hash == 0 => return SetStep::Absent(s.pos),
                None => s.freeslot = Some(s.pos),
                Some(k) if e.hash == s.hash => {
                    if k.is_same(key) {
                        return SetStep::Found(s.pos);
                    }
                    return SetStep::Compare(s.pos);
                }
                Some(_) => {}
            }
            s.advance(mask);
        }
    }

    /// Report the result of comparing the key at `slot` (which was `startkey` when the
    /// comparison began) with the searched key. Restarts the search exactly when CPython does:
    /// the table was replaced or that slot no longer holds `startkey`.
    pub fn compared(&self, s: &mut SetSearch, slot: usize, startkey: &K, equal: bool) -> Compared
    where
        K: TableKey,
    {
        let changed =
            s.table_id != self.table_id || !self.key_at(slot).is_some_and(|k| k.is_same(startkey));
        if equal && s.mode == SearchMode::Insert {
            return Compared::Found(slot);
        }
        if changed {
            *s = SetSearch::start(s.hash, self.mask, self.table_id, s.mode);
            return Compared::Restarted;
        }
        if equal {
            return Compared::Found(slot);
        }
        s.advance(self.mask);
        Compared::Continue
    }

    /// Finish an insertion whose search returned [`SetStep::Absent`]`(slot)`: take the last
    /// dummy seen, else the empty slot (then resize if `fill*5 >= mask*3`).
    pub fn insert_absent(&mut self, s: &SetSearch, slot: usize, key: K) {
        let hash = s.hash;
        if let Some(free) = s.freeslot.filter(|_| s.mode == SearchMode::Insert)
            && let Some(e) = self.slots_mut().get_mut(free)
        {
            *e = SetEntry {
                key: Some(key),
                hash,
            };
            self.used += 1;
            return;
        }
        match self.slots_mut().get_mut(slot) {
            Some(e) if e.is_empty() => {
                *e = SetEntry {
                    key: Some(key),
                    hash,
                }
            }
            _ => {
                // A stale search: place the key with a clean insertion instead.
                self.insert_clean(key, hash);
            }
        }
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= self.mask * 3 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// `set_add_entry` for keys whose `eq` cannot mutate this table. Returns whether the key
    /// was inserted (false: an equal key was already present; `key` is dropped).
    pub fn add<E>(
        &mut self,
        key: K,
        hash: i64,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E>
    where
        K: TableKey,
    {
        let mut s = self.search(hash, SearchMode::Insert);
        loop {
            match self.search_step(&mut s, &key) {
                SetStep::Absent(slot) => {
                    self.insert_absent(&s, slot, key);
                    return Ok(true);
                }
                SetStep::Found(_) => return Ok(false),
                SetStep::Compare(slot) => {
                    if let Some(k) = self.key_at(slot)
                        && eq(k, &key)?
                    {
                        return Ok(false);
                    }
                    s.advance(self.mask);
                }
            }
        }
    }

    /// `set_lookkey`: the slot holding a key equal to `key`, if any.
    pub fn find<E>(
        &self,
        key: &K,
        hash: i64,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E>
    where
        K: TableKey,
    {
        let mut s = self.search(hash, SearchMode::Lookup);
        loop {
            match self.search_step(&mut s, key) {
                SetStep::Absent(_) => return Ok(None),
                SetStep::Found(slot) => return Ok(Some(slot)),
                SetStep::Compare(slot) => {
                    if let Some(k) = self.key_at(slot)
                        && eq(k, key)?
                    {
                        return Ok(Some(slot));
                    }
                    s.advance(self.mask);
                }
            }
        }
    }

    /// `key in s`.
    pub fn contains<E>(
        &self,
        key: &K,
        hash: i64,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E>
    where
        K: TableKey,
    {
        Ok(self.find(key, hash, eq)?.is_some())
    }

    /// `set_discard_entry`: remove an equal key, returning it (its slot becomes a dummy).
    pub fn discard<E>(
        &mut self,
        key: &K,
        hash: i64,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<K>, E>
    where
        K: TableKey,
    {
        Ok(match self.find(key, hash, eq)? {
            Some(slot) => self.remove_at(slot),
            None => None,
        })
    }

    /// Turn an active slot into a dummy and return its key (`used -= 1`, `fill` unchanged).
    pub fn remove_at(&mut self, slot: usize) -> Option<K> {
        let e = self.slots_mut().get_mut(slot)?;
        let key = e.key.take()?;
        e.hash = SetEntry::<K>::DUMMY_HASH;
        self.used -= 1;
        Some(key)
    }

    /// `set.pop()`: from `finger & mask` forward (wrapping) to the first active slot; `None`
    /// when empty (CPython: `KeyError('pop from an empty set')`).
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask;
        let mut i = self.finger & mask;
        let slots = self.slots();
        while slots.get(i).is_some_and(|e| e.key.is_none()) {
            i = (i + 1) & mask;
        }
        self.finger = i + 1;
        self.remove_at(i)
    }

    /// `set.clear()`: back to the empty inline table (the finger is kept, as in CPython).
    /// Returns the old contents so the caller can drop the keys when it is safe to run code.
    pub fn clear(&mut self) -> SetTable<K> {
        let mut fresh = SetTable::new();
        fresh.finger = self.finger;
        fresh.table_id = self.table_id.wrapping_add(1);
        std::mem::replace(self, fresh)
    }

    /// Place an entry in the first empty slot of its probe sequence (`set_insert_clean`);
    /// does not touch the counters.
    fn insert_clean(&mut self, key: K, hash: i64) {
        let mask = self.mask;
        let slots = self.slots_mut();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let end = run_end(i, mask);
            for j in i..=end {
                if let Some(e) = slots.get_mut(j)
                    && e.key.is_none()
                {
                    *e = SetEntry {
                        key: Some(key),
                        hash,
                    };
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize`: rebuild with the smallest power of two `> minused` slots (at least 8),
    /// re-inserting live entries in old slot order and dropping dummies.
    pub fn resize(&mut self, minused: usize) {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == SET_MINSIZE && self.is_small() && self.fill == self.used {
            return;
        }
        let old: Vec<SetEntry<K>> = if self.is_small() {
            std::mem::replace(&mut self.small, [SetEntry::EMPTY; SET_MINSIZE]).into()
        } else {
            std::mem::replace(&mut self.large, Box::new([])).into_vec()
        };
        if newsize != SET_MINSIZE {
            self.large = (0..newsize).map(|_| SetEntry::EMPTY).collect();
        }
        self.mask = newsize - 1;
        self.fill = self.used;
        self.table_id = self.table_id.wrapping_add(1);
        for e in old {
            if let Some(k) = e.key {
                self.insert_clean(k, e.hash);
            }
        }
    }

    /// The pre-size step of the bulk merges (`set_merge`, update from a dict): if
    /// `(fill + incoming)*5 >= mask*3`, resize for `(used + incoming)*2`.
    pub fn presize_for(&mut self, incoming: usize) {
        if (self.fill + incoming) * 5 >= self.mask * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// `set_merge` (`set(other)`, `s.copy()`, `s |= other`, `s.update(other)` with a set):
    /// pre-size, then copy verbatim, re-insert cleanly, or add normally.
    pub fn merge_set<E>(
        &mut self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<(), E>
    where
        K: TableKey + Clone,
    {
        if other.used == 0 {
            return Ok(());
        }
        self.presize_for(other.used);
        if self.fill == 0 && self.mask == other.mask && other.fill == other.used {
            let dst = self.slots_mut();
            for (d, s) in dst.iter_mut().zip(other.slots()) {
                if s.key.is_some() {
                    *d = s.clone();
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (k, h) in other.iter() {
                self.insert_clean(k.clone(), h);
            }
            return Ok(());
        }
        for (k, h) in other.iter() {
            self.add(k.clone(), h, &mut eq)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl TableKey for i64 {
        fn is_same(&self, other: &Self) -> bool {
            self == other
        }
    }

    fn add(t: &mut SetTable<i64>, k: i64) {
        let r: Result<bool, ()> = t.add(k, crate::tables::hash::hash_i64(k), |a, b| Ok(a == b));
        assert!(r.is_ok());
    }

    #[test]
    fn small_ints_and_dummy_reuse() {
        let mut t = SetTable::new();
        for k in [0, 8] {
            add(&mut t, k);
        }
        let r: Result<_, ()> = t.discard(&0, 0, |a, b| Ok(a == b));
        assert_eq!(r, Ok(Some(0)));
        add(&mut t, 16);
        // recorded: (lambda s: (s.discard(0), s.add(16), list(s))[2])({0, 8}) == [16, 8]
        assert_eq!(t.iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![16, 8]);
        assert_eq!((t.fill(), t.len()), (2, 2));
    }

    #[test]
    fn restart_when_slot_changes() {
        let mut t = SetTable::new();
        add(&mut t, 1);
        add(&mut t, 9);
        let mut s = t.search(9, SearchMode::Lookup);
        let step = t.search_step(&mut s, &17);
        // 9 collided with 1 at slot 1 and moved to slot 6 (perturbed step 5*1+1).
        assert_eq!(step, SetStep::Compare(6));
        let mut s = t.search(1, SearchMode::Lookup);
        assert_eq!(t.search_step(&mut s, &1), SetStep::Found(1));
        let mut t2 = t.clone();
        let mut s = t2.search(1, SearchMode::Lookup);
        t2.clear();
        assert_eq!(t2.compared(&mut s, 1, &1, true), Compared::Restarted);
    }
}
