//! CPython 3.11's *inline values* (`PyDictValues`): the attribute values of an instance whose
//! class has a managed dict, stored in one array next to the object while no `__dict__` object
//! exists. The names live in the class's shared keys table (`ht_cached_keys`); entry `ix` of
//! that table names value `ix` of every instance's array.
//!
//! One allocation, as CPython's `new_values`:
//!
//! ```text
//! [ cap: u8 ][ len: u8 ][ order: len entry numbers ]  padded to 8 (`prefix`)
//! [ values: cap pointers, null = not set ]
//! ```
//!
//! `order` is the per-instance insertion order (`_PyDictValues_AddToInsertionOrder`), which a
//! materialised dict iterates in. `cap <= SHARED_KEYS_MAX_SIZE` (30), so bytes suffice.

use std::alloc::Layout;
use std::ptr::NonNull;

use crate::object::{PyObject, PyRef};

const PTR: usize = size_of::<usize>();

/// Bytes before the values (`cap`, `len`, the order bytes), rounded up to a pointer.
#[inline]
const fn prefix(cap: usize) -> usize {
    (cap + 2).next_multiple_of(PTR)
}

fn layout(cap: usize) -> Layout {
    match Layout::from_size_align(prefix(cap) + PTR * cap, PTR) {
        Ok(l) => l,
        // `cap` is at most 255, so the layout is always valid.
        Err(_) => std::alloc::handle_alloc_error(Layout::new::<usize>()),
    }
}

/// A borrowed view of an inline values block (the raw pointer in the managed-dict pre-header).
#[derive(Clone, Copy)]
pub struct InlineValues {
    base: NonNull<u8>,
}

impl InlineValues {
    /// Allocate an empty block of `cap` slots (`new_values` + all values NULL).
    pub fn alloc(cap: usize) -> InlineValues {
        let cap = cap.min(u8::MAX as usize);
        let l = layout(cap);
        // SAFETY: the layout has non-zero size (prefix >= 8).
        let p = unsafe { std::alloc::alloc_zeroed(l) };
        let Some(base) = NonNull::new(p) else {
            std::alloc::handle_alloc_error(l);
        };
        // SAFETY: the first byte of the fresh block.
        unsafe { base.as_ptr().write(cap as u8) };
        InlineValues { base }
    }

    /// View the block at `p` (the pre-header word); `None` for null.
    ///
    /// # Safety
    /// `p` is null or a block made by [`InlineValues::alloc`] and not yet freed.
    #[inline]
    pub unsafe fn from_raw(p: *mut u8) -> Option<InlineValues> {
        NonNull::new(p).map(|base| InlineValues { base })
    }

    /// The raw pointer, for the pre-header word.
    #[inline]
    pub fn as_raw(self) -> *mut u8 {
        self.base.as_ptr()
    }

    /// Number of value slots.
    #[inline]
    pub fn capacity(self) -> usize {
        // SAFETY: byte 0 of a live block.
        unsafe { *self.base.as_ptr() as usize }
    }

    /// Number of values set.
    #[inline]
    pub fn len(self) -> usize {
        // SAFETY: byte 1 of a live block.
        unsafe { *self.base.as_ptr().add(1) as usize }
    }

    /// True when no value is set.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn set_len(self, n: usize) {
        // SAFETY: byte 1 of a live block; n <= cap <= 255.
        unsafe { *self.base.as_ptr().add(1) = n as u8 }
    }

    /// Entry numbers in insertion order.
    #[inline]
    pub fn order(&self) -> &[u8] {
        // SAFETY: `len <= cap` order bytes follow the two counters inside the prefix.
        unsafe { std::slice::from_raw_parts(self.base.as_ptr().add(2), self.len()) }
    }

    #[inline]
    fn slot(self, ix: usize) -> Option<*mut *mut PyObject> {
        if ix >= self.capacity() {
            return None;
        }
        // SAFETY: `ix < cap`, inside the values part of the block, pointer-aligned.
        Some(unsafe {
            self.base
                .as_ptr()
                .add(prefix(self.capacity()) + PTR * ix)
                .cast::<*mut PyObject>()
        })
    }

    /// The value of entry `ix`, borrowed (`None` if not set or out of range).
    #[inline]
    pub fn get(&self, ix: usize) -> Option<&PyObject> {
        let s = self.slot(ix)?;
        // SAFETY: a non-null slot owns a reference to a live object.
        unsafe { (*s).as_ref() }
    }

    /// Store `value` at entry `ix` (`_PyObject_StoreInstanceAttribute`): a first store appends
    /// `ix` to the insertion order. Returns the old value, or `Err(value)` when `ix` is out of
    /// range.
    pub fn set(self, ix: usize, value: PyRef) -> Result<Option<PyRef>, PyRef> {
        let Some(s) = self.slot(ix) else {
            return Err(value);
        };
        // SAFETY: the slot is in the block; it owns the reference it holds.
        let old = unsafe { s.replace(value.into_raw().as_ptr()) };
        match NonNull::new(old) {
            // SAFETY: the slot owned this reference; it moves to the caller.
            Some(p) => Ok(Some(unsafe { PyRef::from_raw(p) })),
            None => {
                let n = self.len();
                // SAFETY: n < cap (each set slot has one order byte), inside the prefix.
                unsafe { *self.base.as_ptr().add(2 + n) = ix as u8 };
                self.set_len(n + 1);
                Ok(None)
            }
        }
    }

    /// Remove the value of entry `ix` (`delete_index_from_values`).
    pub fn remove(self, ix: usize) -> Option<PyRef> {
        let s = self.slot(ix)?;
        // SAFETY: the slot is in the block.
        let old = NonNull::new(unsafe { s.replace(std::ptr::null_mut()) })?;
        let n = self.len();
        if let Some(pos) = self.order().iter().position(|&o| o as usize == ix) {
            // SAFETY: moving order bytes within `2..2+n`.
            unsafe {
                let o = self.base.as_ptr().add(2);
                std::ptr::copy(o.add(pos + 1), o.add(pos), n - pos - 1);
            }
            self.set_len(n - 1);
        }
        // SAFETY: the slot owned this reference.
        Some(unsafe { PyRef::from_raw(old) })
    }

    /// Take the value of entry `ix` out without touching the order (`Py_CLEAR` of one slot in
    /// `_PyObject_ClearInstanceAttributes`).
    pub fn take(self, ix: usize) -> Option<PyRef> {
        let s = self.slot(ix)?;
        // SAFETY: the slot is in the block and owned its reference.
        NonNull::new(unsafe { s.replace(std::ptr::null_mut()) })
            .map(|p| unsafe { PyRef::from_raw(p) })
    }

    /// Forget the insertion order (after every slot was taken).
    pub fn reset_order(self) {
        self.set_len(0);
    }

    /// Move the values out as `(slots, order)` for a split dict, and free the block.
    ///
    /// # Safety
    /// Nothing else may use the block afterwards.
    pub unsafe fn into_parts(self) -> (Box<[Option<PyRef>]>, Vec<u8>) {
        let cap = self.capacity();
        let order = self.order().to_vec();
        let values = (0..cap).map(|ix| self.take(ix)).collect();
        // SAFETY: forwarded: the block is no longer used.
        unsafe { self.free() };
        (values, order)
    }

    /// Free the block. Its values must already have been taken.
    ///
    /// # Safety
    /// Nothing else may use the block afterwards.
    pub unsafe fn free(self) {
        let l = layout(self.capacity());
        // SAFETY: allocated by `alloc` with this layout.
        unsafe { std::alloc::dealloc(self.base.as_ptr(), l) }
    }
}
