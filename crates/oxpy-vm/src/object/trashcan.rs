//! The trashcan: bounded native recursion when deallocating deeply nested containers.
//!
//! CPython 3.11's `Py_TRASHCAN_BEGIN/END` (`Objects/object.c`, `_PyTrash_begin/_end`): each
//! container dealloc increments a per-thread nesting counter; beyond [`UNWIND_LEVEL`] the object
//! is not destroyed but pushed on a per-thread stack (linked through its GC head's prev word,
//! free because the object is already untracked). When the outermost dealloc finishes, the stack
//! is drained, each deferred object's dealloc running again at a shallow depth. So freeing a
//! chain of any length uses at most `UNWIND_LEVEL` nested dealloc frames.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::gc::GcHead;
use crate::gil::Python;
use crate::object::PyObject;

/// `_PyTrash_UNWIND_LEVEL`.
pub const UNWIND_LEVEL: usize = 50;

thread_local! {
    /// `tstate->trash_delete_nesting`.
    static NESTING: Cell<usize> = const { Cell::new(0) };
    /// `tstate->trash_delete_later`: top of the deferred stack (null = empty).
    static DELETE_LATER: Cell<*mut PyObject> = const { Cell::new(std::ptr::null_mut()) };
}

/// Run `body` (the part of a dealloc that releases children and frees the object) inside the
/// trashcan, or defer the whole dealloc if the nesting is too deep.
///
/// # Safety
/// `obj` is a dead (count 0), untracked object of a GC type whose dealloc slot calls this function
/// again when re-run, and `body` frees it.
#[inline]
pub unsafe fn with_trashcan(_py: Python<'_>, obj: NonNull<PyObject>, body: impl FnOnce()) {
    let nesting = NESTING.with(|n| n.get());
    if nesting >= UNWIND_LEVEL {
        // SAFETY: GC type (caller contract), so the head exists and, untracked, its prev word is
        // free for the link.
        let head = unsafe { GcHead::of(obj.as_ref()) };
        let top = DELETE_LATER.with(|d| d.get());
        head.set_prev(top as usize);
        DELETE_LATER.with(|d| d.set(obj.as_ptr()));
        return;
    }
    NESTING.with(|n| n.set(nesting + 1));
    body();
    NESTING.with(|n| n.set(n.get() - 1));
    if NESTING.with(|n| n.get()) == 0 && !DELETE_LATER.with(|d| d.get()).is_null() {
        destroy_chain();
    }
}

/// `_PyTrash_thread_destroy_chain`: deallocate the deferred objects, most recent first.
#[cold]
fn destroy_chain() {
    NESTING.with(|n| n.set(n.get() + 1));
    loop {
        let top = DELETE_LATER.with(|d| d.get());
        let Some(obj) = NonNull::new(top) else { break };
        // SAFETY: deferred objects are dead, untracked GC objects; the link is in their head.
        let next = unsafe { GcHead::of(obj.as_ref()) }.prev();
        DELETE_LATER.with(|d| d.set(next as *mut PyObject));
        // Clear the link so the re-run dealloc sees a clean head.
        // SAFETY: as above.
        unsafe { GcHead::of(obj.as_ref()) }.set_prev(0);
        // SAFETY: the object is dead (count 0) and this thread holds the GIL (we are inside a
        // dealloc, which only runs under the GIL).
        unsafe { crate::object::pyref::dealloc_object(obj) };
    }
    NESTING.with(|n| n.set(n.get() - 1));
}

/// Current trashcan nesting on this thread (for tests).
pub fn nesting() -> usize {
    NESTING.with(|n| n.get())
}
