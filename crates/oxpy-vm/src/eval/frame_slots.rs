//! Frame storage: `localsplus` and the value stack in one buffer, carved from a per-thread
//! data stack (CPython's `_PyThreadState_PushFrame` over `datastack_chunk`) so a call
//! allocates nothing; frames that outlive their call (generators) use the heap instead.

use std::cell::{Cell, RefCell};
use std::mem::MaybeUninit;
use std::ptr::{self, NonNull};

use crate::object::PyRef;

/// One slot: a value or NULL.
type Slot = Option<PyRef>;

/// Slots in a thread's data stack; a frame that does not fit goes to the heap.
const DATA_STACK_SLOTS: usize = 16 * 1024;

thread_local! {
    /// First free slot of this thread's data stack (null until the stack is made, or after
    /// the thread has released it).
    static DATA_TOP: Cell<*mut Slot> = const { Cell::new(ptr::null_mut()) };
    /// One past the last slot of the data stack.
    static DATA_END: Cell<*mut Slot> = const { Cell::new(ptr::null_mut()) };
    /// Owns the data stack's memory; frees it when the thread ends.
    static DATA_STACK: RefCell<Option<DataStack>> = const { RefCell::new(None) };
}

/// The memory of one thread's data stack (only held, to be freed with the thread; frames
/// reach it through `DATA_TOP`).
struct DataStack(#[allow(dead_code)] Box<[MaybeUninit<Slot>]>);

impl Drop for DataStack {
    fn drop(&mut self) {
        // Later frames (a destructor running Python code at thread exit) use the heap.
        DATA_TOP.with(|t| t.set(ptr::null_mut()));
        DATA_END.with(|e| e.set(ptr::null_mut()));
    }
}

/// Make this thread's data stack (first frame on the thread).
#[cold]
fn make_data_stack() -> bool {
    DATA_STACK
        .try_with(|d| {
            let Ok(mut d) = d.try_borrow_mut() else {
                return false;
            };
            if d.is_some() {
                return false;
            }
            let mut mem: Box<[MaybeUninit<Slot>]> = Box::new_uninit_slice(DATA_STACK_SLOTS);
            let start = mem.as_mut_ptr().cast::<Slot>();
            DATA_TOP.with(|t| t.set(start));
            // SAFETY: one past the end of the allocation.
            DATA_END.with(|e| e.set(unsafe { start.add(DATA_STACK_SLOTS) }));
            *d = Some(DataStack(mem));
            true
        })
        .unwrap_or(false)
}

/// Where a frame's slots live.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Storage {
    /// A region of the thread's data stack, released when the frame ends through the
    /// thread's `DATA_TOP` cell (kept here so the release reaches it without a thread-local
    /// lookup; the cell lives as long as the thread, and a data-stack frame never leaves it).
    DataStack(NonNull<Cell<*mut Slot>>),
    /// A heap allocation of `cap` slots (suspendable frames, or no room on the data stack).
    Heap,
}

/// `localsplus` followed by the value stack: `len` initialised slots out of `cap`, the first
/// `nlocals` of which are the locals.
pub(crate) struct Slots {
    ptr: NonNull<Slot>,
    len: usize,
    cap: usize,
    nlocals: usize,
    storage: Storage,
}

impl Slots {
    /// Room for `nlocals` locals (all NULL) and a stack of `stacksize`; `on_heap` for frames
    /// that may outlive the call that makes them.
    #[inline]
    pub(crate) fn new(nlocals: usize, stacksize: usize, on_heap: bool) -> Slots {
        // One spare slot: a resumed generator's sent value and handlers' pushes stay inside
        // `co_stacksize`, but an overflow only costs a move to the heap.
        let cap = nlocals + stacksize + 1;
        let on_data_stack = if on_heap { None } else { data_stack_alloc(cap) };
        let (ptr, cap, storage) = match on_data_stack {
            Some((p, top)) => (p, cap, Storage::DataStack(top)),
            None => {
                let (p, cap) = heap_alloc(cap);
                (p, cap, Storage::Heap)
            }
        };
        for i in 0..nlocals {
            // SAFETY: `i < cap`, the slot is uninitialised memory of this frame.
            unsafe { ptr.as_ptr().add(i).write(None) };
        }
        Slots {
            ptr,
            len: nlocals,
            cap,
            nlocals,
            storage,
        }
    }

    /// A frame's slots whose first `nargs` locals are the top `nargs` values of `caller`'s
    /// stack, moved (the caller's stack shrinks by `nargs` and no count changes, as CPython's
    /// `initialize_locals` steals the stack's references); the other locals are NULL.
    /// Always on the data stack or the heap, never suspendable (no generator code here).
    #[inline(always)]
    pub(crate) fn new_with_args(
        nlocals: usize,
        stacksize: usize,
        caller: &mut Slots,
        nargs: usize,
    ) -> Slots {
        let cap = nlocals + stacksize + 1;
        let (ptr, cap, storage) = match data_stack_alloc(cap) {
            Some((p, top)) => (p, cap, Storage::DataStack(top)),
            None => {
                let (p, cap) = heap_alloc(cap);
                (p, cap, Storage::Heap)
            }
        };
        let nargs = nargs.min(nlocals).min(caller.stack_len());
        let from = caller.len - nargs;
        // SAFETY: slots `from..caller.len` are initialised values of the caller's stack; they
        // move bitwise into this frame's first `nargs` slots (`nargs <= nlocals < cap`) and the
        // caller forgets them by shrinking its length. The regions are distinct frames' slots.
        unsafe {
            let src = caller.ptr.as_ptr().add(from);
            let dst = ptr.as_ptr();
            // Calls take few arguments: a `memcpy` call costs more than moving them.
            match nargs {
                0 => {}
                1 => dst.write(src.read()),
                2 => {
                    dst.write(src.read());
                    dst.add(1).write(src.add(1).read());
                }
                _ => ptr::copy_nonoverlapping(src, dst, nargs),
            }
        }
        caller.len = from;
        for i in nargs..nlocals {
            // SAFETY: `i < cap`, the slot is uninitialised memory of this frame.
            unsafe { ptr.as_ptr().add(i).write(None) };
        }
        Slots {
            ptr,
            len: nlocals,
            cap,
            nlocals,
            storage,
        }
    }

    /// `co_nlocalsplus`.
    #[inline]
    pub(crate) fn nlocals(&self) -> usize {
        self.nlocals
    }

    /// Every initialised slot: locals, then the stack.
    #[inline]
    pub(crate) fn all(&self) -> &[Slot] {
        // SAFETY: the first `len` slots are initialised and owned by this frame.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The locals.
    #[inline]
    pub(crate) fn locals(&self) -> &[Slot] {
        // SAFETY: `nlocals <= len`: the locals are initialised at creation and never popped.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.nlocals) }
    }

    /// The locals, writable.
    #[inline]
    pub(crate) fn locals_mut(&mut self) -> &mut [Slot] {
        // SAFETY: as `locals`, with exclusive access through `&mut self`.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.nlocals) }
    }

    /// The value stack, bottom first.
    #[inline]
    pub(crate) fn stack(&self) -> &[Slot] {
        // SAFETY: slots `nlocals..len` are initialised.
        unsafe {
            std::slice::from_raw_parts(self.ptr.as_ptr().add(self.nlocals), self.len - self.nlocals)
        }
    }

    /// The value stack, writable.
    #[inline]
    pub(crate) fn stack_mut(&mut self) -> &mut [Slot] {
        // SAFETY: as `stack`, with exclusive access through `&mut self`.
        unsafe {
            std::slice::from_raw_parts_mut(
                self.ptr.as_ptr().add(self.nlocals),
                self.len - self.nlocals,
            )
        }
    }

    /// Number of values on the stack.
    #[inline]
    pub(crate) fn stack_len(&self) -> usize {
        self.len - self.nlocals
    }

    /// Push a slot on the stack.
    #[inline(always)]
    pub(crate) fn push(&mut self, v: Slot) {
        if self.len == self.cap {
            self.grow();
        }
        // SAFETY: `len < cap` (just ensured); the slot is uninitialised.
        unsafe { self.ptr.as_ptr().add(self.len).write(v) };
        self.len += 1;
    }

    /// Pop the top slot of the stack (`None` if the stack is empty).
    #[inline(always)]
    pub(crate) fn pop(&mut self) -> Option<Slot> {
        if self.len > self.nlocals {
            self.len -= 1;
            // SAFETY: the slot was initialised and is no longer counted in `len`.
            Some(unsafe { self.ptr.as_ptr().add(self.len).read() })
        } else {
            None
        }
    }

    /// Cut the stack down to `depth` values.
    #[inline]
    pub(crate) fn truncate(&mut self, depth: usize) {
        let new_len = self.nlocals + depth;
        while self.len > new_len {
            // Pop one at a time: a destructor run by the drop sees a consistent frame.
            drop(self.pop());
        }
    }

    /// Remove the top `n` values of the stack (fewer if the stack is shorter), bottom first.
    pub(crate) fn pop_n(&mut self, n: usize) -> Vec<Slot> {
        let start = self.len.saturating_sub(n).max(self.nlocals);
        let count = self.len - start;
        let mut out = Vec::with_capacity(count);
        // SAFETY: slots `start..len` are initialised; they are moved out and `len` shrinks
        // to `start` before anything else can look at the frame.
        unsafe {
            ptr::copy_nonoverlapping(self.ptr.as_ptr().add(start), out.as_mut_ptr(), count);
            out.set_len(count);
        }
        self.len = start;
        out
    }

    /// Move to a bigger heap buffer (the compiler's `co_stacksize` was exceeded).
    #[cold]
    fn grow(&mut self) {
        let (new, new_cap) = heap_alloc(self.cap * 2 + 4);
        // SAFETY: the `len` initialised slots move to the new buffer (a bitwise move; the
        // old buffer is released without dropping them).
        unsafe { ptr::copy_nonoverlapping(self.ptr.as_ptr(), new.as_ptr(), self.len) };
        self.release();
        self.ptr = new;
        self.cap = new_cap;
        self.storage = Storage::Heap;
    }

    /// Give back the memory (the slots must have been dropped or moved out).
    fn release(&mut self) {
        match self.storage {
            Storage::DataStack(top) => {
                // SAFETY: one past this frame's region of the data stack.
                let end = unsafe { self.ptr.as_ptr().add(self.cap) };
                // SAFETY: this thread's `DATA_TOP`, alive while the thread runs (see `Storage`).
                let t = unsafe { top.as_ref() };
                // Frames end in the reverse order of their start; should one not, its
                // region stays reserved rather than being handed out twice.
                if t.get() == end {
                    t.set(self.ptr.as_ptr());
                }
            }
            Storage::Heap => {
                // SAFETY: allocated by `heap_alloc` with capacity `self.cap`; length 0 drops no
                // slot.
                drop(unsafe { Vec::from_raw_parts(self.ptr.as_ptr(), 0, self.cap) });
            }
        }
    }
}

impl Drop for Slots {
    fn drop(&mut self) {
        // Locals first, then the stack (as `_PyFrame_Clear`). `len` shrinks before each value
        // goes, so a destructor that runs Python code never sees a dropped slot.
        let len = self.len;
        self.len = 0;
        for i in 0..len {
            // SAFETY: slot `i` was initialised and is dropped exactly once.
            unsafe { ptr::drop_in_place(self.ptr.as_ptr().add(i)) };
        }
        self.release();
    }
}

/// Reserve `cap` slots on this thread's data stack; also gives the thread's `DATA_TOP` cell.
#[inline]
fn data_stack_alloc(cap: usize) -> Option<(NonNull<Slot>, NonNull<Cell<*mut Slot>>)> {
    let (mut top, cell) = DATA_TOP.with(|t| (t.get(), NonNull::from(t)));
    if top.is_null() {
        if !make_data_stack() {
            return None;
        }
        top = DATA_TOP.with(Cell::get);
    }
    let end = DATA_END.with(Cell::get);
    // Compare as addresses: `top` and `end` are in the same allocation, `top <= end`.
    let room = (end as usize - top as usize) / std::mem::size_of::<Slot>();
    if cap > room {
        return None;
    }
    // SAFETY: `cell` is this thread's `DATA_TOP`; `top + cap <= end`, inside the data stack.
    unsafe { cell.as_ref().set(top.add(cap)) };
    Some((NonNull::new(top)?, cell))
}

/// A heap buffer of at least `cap` uninitialised slots, and its capacity.
fn heap_alloc(cap: usize) -> (NonNull<Slot>, usize) {
    let mut v: Vec<Slot> = Vec::with_capacity(cap);
    let p = v.as_mut_ptr();
    let cap = v.capacity();
    std::mem::forget(v);
    // SAFETY: `Vec::as_mut_ptr` is never null (dangling but non-null for zero capacity).
    (unsafe { NonNull::new_unchecked(p) }, cap)
}

/// The instruction loop's stack operations, always inlined into its arms (the `#[inline]`
/// ones above are left to the compiler, which outlines them in a function as large as
/// `step_loop`).
impl Slots {
    /// Pop the top slot; `None` for NULL or an empty stack.
    #[inline(always)]
    pub(crate) fn pop_hot(&mut self) -> Slot {
        if self.len > self.nlocals {
            self.len -= 1;
            // SAFETY: the slot was initialised and is no longer counted in `len`.
            unsafe { self.ptr.as_ptr().add(self.len).read() }
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top() -> *mut Slot {
        DATA_TOP.with(Cell::get)
    }

    #[test]
    fn frames_share_the_data_stack_in_call_order() {
        let outer = Slots::new(3, 2, false);
        let after_outer = top();
        assert!(!after_outer.is_null());
        {
            let inner = Slots::new(1, 1, false);
            assert_eq!(inner.ptr.as_ptr(), after_outer);
            assert!(top() > after_outer);
        }
        assert_eq!(top(), after_outer);
        drop(outer);
        assert!(top() < after_outer);
    }

    #[test]
    fn arguments_move_from_the_caller_stack_into_the_locals() {
        let mut caller = Slots::new(1, 4, false);
        caller.push(None);
        caller.push(None);
        caller.push(None);
        let callee = Slots::new_with_args(3, 1, &mut caller, 2);
        assert_eq!(caller.stack_len(), 1);
        assert_eq!(callee.locals().len(), 3);
        assert_eq!(callee.stack_len(), 0);
        drop(callee);
        drop(caller);
    }

    #[test]
    fn stack_grows_past_its_size_onto_the_heap() {
        let mut s = Slots::new(2, 1, false);
        for _ in 0..10 {
            s.push(None);
        }
        assert_eq!(s.stack_len(), 10);
        assert_eq!(s.locals().len(), 2);
        assert_eq!(s.pop_n(4).len(), 4);
        s.truncate(1);
        assert_eq!(s.stack_len(), 1);
        assert!(s.pop().is_some());
        assert!(s.pop().is_none(), "locals are never popped");
    }

    #[test]
    fn out_of_order_release_never_hands_a_region_out_twice() {
        let a = Slots::new(4, 0, false);
        let b = Slots::new(4, 0, false);
        let b_end = top();
        drop(a);
        assert_eq!(top(), b_end, "a's region stays reserved under b");
        let c = Slots::new(1, 0, false);
        assert_eq!(c.ptr.as_ptr(), b_end);
        drop(c);
        drop(b);
    }

    #[test]
    fn suspendable_and_oversized_frames_use_the_heap() {
        let g = Slots::new(2, 2, true);
        assert!(g.storage == Storage::Heap);
        let big = Slots::new(DATA_STACK_SLOTS, 0, false);
        assert!(big.storage == Storage::Heap);
    }
}
