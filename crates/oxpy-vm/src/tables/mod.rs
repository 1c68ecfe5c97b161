//! CPython-exact hash-table and sizing algorithms, independent of the object model.
//!
//! Everything here is generic over the key/value handle types (`PyRef` in the VM, plain Rust
//! values in tests). The rules come from `docs/cpython-rules.md` sections 1–3; the design notes
//! are in `docs/hash-tables.md`.
//!
//! * [`hash`] — hash functions and the `PYTHONHASHSEED` secret.
//! * [`set_table`] — the open-addressed `set`/`frozenset` table.
//! * [`dict_table`] — the compact `dict` table (combined and split).
//! * [`sizing`] — `sys.getsizeof` formulas and list/bytearray growth.

mod dict_index;
pub mod dict_table;
pub mod hash;
pub mod set_table;
pub mod sizing;

/// What a table needs to know about a key beyond its hash.
///
/// Equality (`__eq__`) is not part of this trait: it may run Python code and fail, so the tables
/// take it as a fallible callback, or hand the comparison back to the caller (search cursors).
pub trait TableKey {
    /// Identity (`a is b`): identical keys are equal without calling `__eq__`.
    fn is_same(&self, other: &Self) -> bool;

    /// Whether the key is an exact `str` (not a subclass); decides dict unicode-table rules.
    fn is_exact_str(&self) -> bool {
        false
    }

    /// True if an exact-`str` key remembers its hash ([`TableKey::cached_hash`]), so unicode
    /// dict tables need not store hashes (CPython's 16-byte unicode entries).
    const CACHES_HASH: bool = false;

    /// The hash of an exact-`str` key that was hashed before (only called on keys stored in a
    /// unicode table when [`TableKey::CACHES_HASH`] is true).
    fn cached_hash(&self) -> i64 {
        0
    }
}
