//! A small-block allocator in the spirit of CPython's `pymalloc`, installed as the process's
//! global allocator by the `oxpy` binary.
//!
//! Requests of at most [`MAX_SMALL`] bytes with alignment at most 8 are served from size
//! classes of 8-byte granularity (pymalloc's `ALIGNMENT`), so an `int` body of 32 bytes costs
//! 32 bytes, not the 48 of a glibc chunk. Each class carves blocks out of 64 KiB chunks taken
//! from the system allocator and recycles freed blocks through an intrusive free list.
//!
//! The free lists are per thread (no locks, no atomics): a block freed on another thread than
//! the one that carved it simply joins that thread's list — a block is only bytes of its class.
//! The thread-local state has no destructor, so it stays usable during thread teardown; the
//! free blocks of an exiting thread are not reused by others (a bounded loss), and chunks are
//! never returned to the system. Larger or over-aligned requests go to the system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// Size-class granularity and the alignment every small block has.
pub const GRAIN: usize = 8;
/// Largest request served by the size classes (pymalloc's `SMALL_REQUEST_THRESHOLD`).
pub const MAX_SMALL: usize = 512;
const NCLASSES: usize = MAX_SMALL / GRAIN;
const CHUNK: usize = 64 * 1024;

#[derive(Clone, Copy)]
struct Class {
    /// Head of the free list (each free block's first word links to the next).
    free: *mut u8,
    /// Next never-used byte of the current chunk.
    bump: *mut u8,
    /// End of the current chunk.
    end: *mut u8,
}

struct Pool {
    classes: [Class; NCLASSES],
}

const EMPTY_CLASS: Class = Class {
    free: null_mut(),
    bump: null_mut(),
    end: null_mut(),
};

thread_local! {
    static POOL: UnsafeCell<Pool> = const {
        UnsafeCell::new(Pool { classes: [EMPTY_CLASS; NCLASSES] })
    };
}

/// The size class of a small request (`None`: use the system allocator).
#[inline(always)]
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size();
    if size == 0 || size > MAX_SMALL || layout.align() > GRAIN {
        return None;
    }
    Some((size - 1) / GRAIN)
}

impl Pool {
    /// A block of class `cls`, or null when the system is out of memory.
    #[inline(always)]
    unsafe fn alloc(&mut self, cls: usize) -> *mut u8 {
        let Some(c) = self.classes.get_mut(cls) else {
            return null_mut();
        };
        if !c.free.is_null() {
            let b = c.free;
            // SAFETY: a free block's first word holds the next free block.
            c.free = unsafe { b.cast::<*mut u8>().read() };
            return b;
        }
        let bs = (cls + 1) * GRAIN;
        if (c.end as usize) - (c.bump as usize) < bs {
            // SAFETY: CHUNK is a valid non-zero size with alignment GRAIN.
            let chunk = unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN)) };
            if chunk.is_null() {
                return null_mut();
            }
            c.bump = chunk;
            // SAFETY: one past the end of the chunk.
            c.end = unsafe { chunk.add(CHUNK) };
        }
        let b = c.bump;
        // SAFETY: `bs` bytes remain in the chunk.
        c.bump = unsafe { b.add(bs) };
        b
    }

    #[inline(always)]
    unsafe fn free(&mut self, cls: usize, p: *mut u8) {
        if let Some(c) = self.classes.get_mut(cls) {
            // SAFETY: `p` is a dead block of at least 8 bytes, 8-aligned.
            unsafe { p.cast::<*mut u8>().write(c.free) };
            c.free = p;
        }
    }
}

/// The allocator type; install with `#[global_allocator] static A: PoolAlloc = PoolAlloc;`.
pub struct PoolAlloc;

// SAFETY: small blocks come from per-thread lists (no sharing between threads except through
// `dealloc` handing a block to the freeing thread's list, which then owns it exclusively);
// every other request is forwarded to `System` with the same layout, and the class of a pointer
// is recomputed from the layout `dealloc`/`realloc` receive, which is the allocation's layout.
unsafe impl GlobalAlloc for PoolAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout) {
            Some(cls) => POOL
                // SAFETY: the thread's own pool; no re-entrancy (the pool never allocates
                // through the global allocator).
                .try_with(|p| unsafe { (*p.get()).alloc(cls) })
                // SAFETY: a valid non-zero layout.
                .unwrap_or_else(|_| unsafe { System.alloc(layout) }),
            // SAFETY: forwarded.
            None => unsafe { System.alloc(layout) },
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some(cls) => {
                // A thread whose pool is gone leaks the block (never happens with a
                // destructor-less const thread-local, kept for robustness).
                // SAFETY: the block is dead and of this class (allocated with `layout`).
                let _ = POOL.try_with(|p| unsafe { (*p.get()).free(cls, ptr) });
            }
            // SAFETY: forwarded with the allocation's layout.
            None => unsafe { System.dealloc(ptr, layout) },
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class_of(layout).is_none() {
            // SAFETY: forwarded.
            return unsafe { System.alloc_zeroed(layout) };
        }
        // SAFETY: a small valid layout.
        let p = unsafe { self.alloc(layout) };
        if !p.is_null() {
            // SAFETY: `p` has `layout.size()` writable bytes.
            unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
        }
        p
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `new_size` is valid for `layout.align()` (GlobalAlloc contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let (old_cls, new_cls) = (class_of(layout), class_of(new_layout));
        match (old_cls, new_cls) {
            // SAFETY: both outside the pool: the system allocator owns the block.
            (None, None) => unsafe { System.realloc(ptr, layout, new_size) },
            (Some(a), Some(b)) if a == b => ptr,
            _ => {
                // SAFETY: a fresh block of the new layout; copy the common prefix, free the
                // old block with its own layout.
                unsafe {
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_reused_and_distinct() {
        let a = PoolAlloc;
        let l = Layout::from_size_align(32, 8).unwrap_or(Layout::new::<u64>());
        // SAFETY: matched alloc/dealloc pairs with the same layout.
        unsafe {
            let p = a.alloc(l);
            let q = a.alloc(l);
            assert_ne!(p, q);
            a.dealloc(p, l);
            assert_eq!(a.alloc(l), p);
            let r = a.realloc(q, l, 1000);
            assert!(!r.is_null());
            a.dealloc(r, Layout::from_size_align(1000, 8).unwrap_or(l));
            a.dealloc(p, l);
        }
    }
}
