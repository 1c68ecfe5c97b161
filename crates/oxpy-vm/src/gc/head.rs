//! `PyGC_Head`: the two-word pre-header in front of every object of a GC type.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::object::PyObject;

/// CPython 3.11's `PyGC_Head` (`Include/internal/pycore_gc.h`): `_gc_next` links the
/// generation list (0 = not tracked); `_gc_prev` holds the previous head's address in its upper
/// bits and two flags in its low bits.
#[repr(C)]
pub struct GcHead {
    gc_next: Cell<usize>,
    gc_prev: Cell<usize>,
}

/// `_PyGC_PREV_MASK_FINALIZED`: `__del__` (tp_finalize) already ran for this object.
pub const PREV_MASK_FINALIZED: usize = 1;
/// `_PyGC_PREV_MASK_COLLECTING`: the object is in the generation being collected.
pub const PREV_MASK_COLLECTING: usize = 2;
/// `NEXT_MASK_UNREACHABLE`: set in `_gc_next` of objects `move_unreachable` put aside.
pub const NEXT_MASK_UNREACHABLE: usize = 1;
/// `_PyGC_PREV_SHIFT`: number of flag bits in `_gc_prev`.
pub const PREV_SHIFT: u32 = 2;
/// `_PyGC_PREV_MASK`: the pointer part of `_gc_prev`.
pub const PREV_MASK: usize = usize::MAX << PREV_SHIFT;

/// Size of the GC pre-header in bytes (the 16 in `sys.getsizeof`).
pub const GC_HEAD_SIZE: usize = std::mem::size_of::<GcHead>();

const _: () = assert!(GC_HEAD_SIZE == 16);

impl GcHead {
    /// An unlinked head (untracked, no flags).
    pub const fn new() -> GcHead {
        GcHead {
            gc_next: Cell::new(0),
            gc_prev: Cell::new(0),
        }
    }

    /// The GC head in front of `obj`.
    ///
    /// # Safety
    /// `obj`'s type must have the GC flag (so the pre-header exists).
    #[inline]
    pub unsafe fn of(obj: &PyObject) -> &GcHead {
        // SAFETY: GC objects are allocated with the head immediately before them.
        unsafe { &*((obj as *const PyObject as *const u8).sub(GC_HEAD_SIZE) as *const GcHead) }
    }

    /// The object that follows this head.
    ///
    /// # Safety
    /// `self` must be the head of an object (not a generation sentinel).
    #[inline]
    pub unsafe fn object(&self) -> NonNull<PyObject> {
        // SAFETY: object heads are immediately followed by their object.
        unsafe {
            NonNull::new_unchecked(
                (self as *const GcHead as *const u8).add(GC_HEAD_SIZE) as *mut PyObject
            )
        }
    }

    /// The raw address of this head.
    #[inline]
    pub fn addr(&self) -> usize {
        self as *const GcHead as usize
    }

    /// `_gc_next` (the next head's address, 0 if untracked).
    #[inline]
    pub fn next(&self) -> usize {
        self.gc_next.get()
    }

    /// Set `_gc_next`.
    #[inline]
    pub fn set_next(&self, next: usize) {
        self.gc_next.set(next);
    }

    /// The previous head's address (`_PyGCHead_PREV`).
    #[inline]
    pub fn prev(&self) -> usize {
        self.gc_prev.get() & PREV_MASK
    }

    /// Set the previous pointer, keeping the flag bits (`_PyGCHead_SET_PREV`).
    #[inline]
    pub fn set_prev(&self, prev: usize) {
        debug_assert_eq!(prev & !PREV_MASK, 0);
        self.gc_prev.set((self.gc_prev.get() & !PREV_MASK) | prev);
    }

    /// Raw `_gc_prev` word (pointer and flags).
    #[inline]
    pub fn prev_word(&self) -> usize {
        self.gc_prev.get()
    }

    /// Overwrite the raw `_gc_prev` word.
    #[inline]
    pub fn set_prev_word(&self, word: usize) {
        self.gc_prev.set(word);
    }

    /// `_PyGCHead_FINALIZED`.
    #[inline]
    pub fn is_finalized(&self) -> bool {
        self.gc_prev.get() & PREV_MASK_FINALIZED != 0
    }

    /// `_PyGCHead_SET_FINALIZED`.
    #[inline]
    pub fn set_finalized(&self) {
        self.gc_prev.set(self.gc_prev.get() | PREV_MASK_FINALIZED);
    }

    /// `gc_is_collecting`: the object belongs to the set being collected and was not yet
    /// proven reachable.
    #[inline]
    pub fn is_collecting(&self) -> bool {
        self.gc_prev.get() & PREV_MASK_COLLECTING != 0
    }

    /// Set `PREV_MASK_COLLECTING`.
    #[inline]
    pub fn set_collecting(&self) {
        self.gc_prev.set(self.gc_prev.get() | PREV_MASK_COLLECTING);
    }

    /// `gc_clear_collecting`.
    #[inline]
    pub fn clear_collecting(&self) {
        self.gc_prev.set(self.gc_prev.get() & !PREV_MASK_COLLECTING);
    }

    /// `gc_get_refs`: the scratch reference count kept in `_gc_prev` during a collection.
    #[inline]
    pub fn refs(&self) -> isize {
        (self.gc_prev.get() >> PREV_SHIFT) as isize
    }

    /// `gc_set_refs`: overwrite the scratch count, keeping the flags.
    #[inline]
    pub fn set_refs(&self, refs: isize) {
        let w = self.gc_prev.get();
        self.gc_prev
            .set((w & !PREV_MASK) | ((refs as usize) << PREV_SHIFT));
    }

    /// `gc_reset_refs`: start a collection of this object with scratch count `refs`
    /// (keeps FINALIZED, sets COLLECTING; the previous pointer is lost until relinked).
    #[inline]
    pub fn reset_refs(&self, refs: isize) {
        let w = self.gc_prev.get();
        self.gc_prev.set(
            (w & PREV_MASK_FINALIZED) | PREV_MASK_COLLECTING | ((refs as usize) << PREV_SHIFT),
        );
    }

    /// `gc_decref`.
    #[inline]
    pub fn decref(&self) {
        self.gc_prev
            .set(self.gc_prev.get().wrapping_sub(1 << PREV_SHIFT));
    }

    /// True if the head is linked into a generation list (`_PyObject_GC_IS_TRACKED`).
    #[inline]
    pub fn is_tracked(&self) -> bool {
        self.gc_next.get() != 0
    }
}

impl Default for GcHead {
    fn default() -> Self {
        Self::new()
    }
}
