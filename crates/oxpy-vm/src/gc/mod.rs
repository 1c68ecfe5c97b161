//! Cyclic-GC bookkeeping: generation lists, tracking and the allocation count.
//!
//! Mirrors CPython 3.11's `struct _gc_runtime_state`: three generations plus the permanent one,
//! each an intrusive circular doubly-linked list threaded through the objects' [`GcHead`]s.
//! The collector is in [`collect`] (`gc_collect_main`), the `gc` module's other operations in
//! [`api`], the list primitives in [`list`].

pub mod api;
pub mod collect;
pub mod head;
pub mod list;

use std::cell::Cell;
use std::ops::ControlFlow;

pub use head::{GC_HEAD_SIZE, GcHead};

use crate::gil::Python;
use crate::object::{PyObject, PyRef};

/// Number of collected generations (`NUM_GENERATIONS`).
pub const NUM_GENERATIONS: usize = 3;
/// Index of the permanent generation used by `gc.freeze()`.
pub const PERMANENT_GENERATION: usize = 3;
/// Default thresholds (`gc.get_threshold()`).
pub const DEFAULT_THRESHOLDS: [isize; NUM_GENERATIONS] = [700, 10, 10];

/// One generation: its list sentinel lives in [`GcState::heads`].
struct Generation {
    threshold: Cell<isize>,
    count: Cell<isize>,
}

/// Per-generation statistics (`struct gc_generation_stats`, `gc.get_stats()`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Number of collections of this generation.
    pub collections: isize,
    /// Objects collected by them.
    pub collected: isize,
    /// Uncollectable objects they found.
    pub uncollectable: isize,
}

/// `DEBUG_STATS`: print statistics of each collection.
pub const DEBUG_STATS: u32 = 1;
/// `DEBUG_COLLECTABLE`: print collectable objects.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// `DEBUG_UNCOLLECTABLE`: print uncollectable objects.
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// `DEBUG_SAVEALL`: append unreachable objects to `gc.garbage` instead of freeing them.
pub const DEBUG_SAVEALL: u32 = 32;
/// `DEBUG_LEAK` = collectable | uncollectable | saveall.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// The interpreter's GC state (`gcstate`).
pub struct GcState {
    /// List sentinels for generations 0, 1, 2 and permanent; boxed so their addresses are stable.
    heads: Box<[GcHead; NUM_GENERATIONS + 1]>,
    generations: [Generation; NUM_GENERATIONS],
    enabled: Cell<bool>,
    collecting: Cell<bool>,
    debug: Cell<u32>,
    /// Objects that survived the last full collection (`long_lived_total`).
    long_lived_total: Cell<isize>,
    /// Objects promoted to generation 2 since the last full collection (`long_lived_pending`).
    long_lived_pending: Cell<isize>,
    stats: [Cell<GcStats>; NUM_GENERATIONS],
    /// `gc.garbage`: a list owned (and deliberately never freed) by the state, made on first use.
    garbage: Cell<Option<std::ptr::NonNull<PyObject>>>,
    /// `gc.callbacks`, likewise.
    callbacks: Cell<Option<std::ptr::NonNull<PyObject>>>,
}

impl Default for GcState {
    fn default() -> Self {
        Self::new()
    }
}

impl GcState {
    /// Empty generations, default thresholds, enabled.
    pub fn new() -> GcState {
        let heads: Box<[GcHead; NUM_GENERATIONS + 1]> =
            Box::new(std::array::from_fn(|_| GcHead::new()));
        for h in heads.iter() {
            h.set_next(h.addr());
            h.set_prev(h.addr());
        }
        GcState {
            heads,
            generations: std::array::from_fn(|i| Generation {
                threshold: Cell::new(DEFAULT_THRESHOLDS[i]),
                count: Cell::new(0),
            }),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            debug: Cell::new(0),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            stats: Default::default(),
            garbage: Cell::new(None),
            callbacks: Cell::new(None),
        }
    }

    /// `gc.get_debug()`.
    pub fn debug(&self) -> u32 {
        self.debug.get()
    }

    /// `gc.set_debug(flags)`.
    pub fn set_debug(&self, flags: u32) {
        self.debug.set(flags);
    }

    /// `gc.get_stats()`: statistics of generations 0, 1, 2.
    pub fn stats(&self) -> [GcStats; NUM_GENERATIONS] {
        std::array::from_fn(|i| self.stats[i].get())
    }

    /// The sentinel of generation `g` (0–2, or [`PERMANENT_GENERATION`]).
    pub fn head(&self, g: usize) -> Option<&GcHead> {
        self.heads.get(g)
    }

    /// `gc.get_count()`.
    pub fn counts(&self) -> (isize, isize, isize) {
        let [a, b, c] = &self.generations;
        (a.count.get(), b.count.get(), c.count.get())
    }

    /// Overwrite generation `g`'s count (used by the collector and `gc.freeze`).
    pub fn set_count(&self, g: usize, n: isize) {
        if let Some(gen_) = self.generations.get(g) {
            gen_.count.set(n);
        }
    }

    /// `gc.get_threshold()`.
    pub fn thresholds(&self) -> (isize, isize, isize) {
        let [a, b, c] = &self.generations;
        (a.threshold.get(), b.threshold.get(), c.threshold.get())
    }

    /// Set generation `g`'s threshold.
    pub fn set_threshold(&self, g: usize, t: isize) {
        if let Some(gen_) = self.generations.get(g) {
            gen_.threshold.set(t);
        }
    }

    /// `gc.isenabled()`.
    pub fn is_enabled(&self) -> bool {
        self.enabled.get()
    }

    /// `gc.enable()` / `gc.disable()`.
    pub fn set_enabled(&self, on: bool) {
        self.enabled.set(on);
    }

    /// True while a collection runs.
    pub fn is_collecting(&self) -> bool {
        self.collecting.get()
    }

    /// `_PyObject_GC_Link`: memory for a GC object was obtained.
    #[inline]
    pub(crate) fn on_alloc(&self) {
        let c = &self.generations[0].count;
        c.set(c.get() + 1);
        // The automatic-collection check (count0 > threshold0 && enabled && !collecting) goes
        // here once the collector exists.
    }

    /// `PyObject_GC_Del`: memory of a GC object was released.
    #[inline]
    pub(crate) fn on_free(&self) {
        let c = &self.generations[0].count;
        if c.get() > 0 {
            c.set(c.get() - 1);
        }
    }

    /// Number of objects in list `g`.
    pub fn len(&self, g: usize) -> usize {
        let mut n = 0;
        // SAFETY: counting touches no object.
        let _ = unsafe {
            self.for_each(g, |_| {
                n += 1;
                ControlFlow::Continue(())
            })
        };
        n
    }

    /// True if every generation list (including permanent) is empty.
    pub fn is_empty(&self) -> bool {
        self.heads.iter().all(|h| h.next() == h.addr())
    }

    /// New references to the objects of list `g`, in list order.
    pub fn objects(&self, g: usize) -> Vec<PyRef> {
        let mut out = Vec::new();
        // SAFETY: the closure only increments counts, which cannot free or move anything.
        let _ = unsafe {
            self.for_each(g, |o| {
                out.push(o.to_owned_ref());
                ControlFlow::Continue(())
            })
        };
        out
    }

    /// Visit the objects of list `g` in list order; stop early when `f` breaks.
    ///
    /// # Safety
    /// `f` must not free, track or untrack any object of this list (the collector works on lists
    /// it has detached; safe callers use [`GcState::objects`]).
    pub unsafe fn for_each(
        &self,
        g: usize,
        mut f: impl FnMut(&PyObject) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let Some(head) = self.heads.get(g) else {
            return ControlFlow::Continue(());
        };
        let end = head.addr();
        let mut cur = head.next();
        while cur != end {
            // SAFETY: every non-sentinel address in a list is the head of a live tracked object.
            let h = unsafe { &*(cur as *const GcHead) };
            let next = h.next();
            // SAFETY: as above; the object follows its head.
            f(unsafe { h.object().as_ref() })?;
            cur = next;
        }
        ControlFlow::Continue(())
    }

    /// Append `obj` to the end of list `g` (`gc_list_append`). Untracked objects only.
    fn list_append(&self, g: usize, h: &GcHead) {
        if let Some(l) = self.heads.get(g) {
            list::append(h, l);
        }
    }

    /// True if an automatic collection is due (`_PyObject_GC_Link`'s test).
    fn collection_due(&self) -> bool {
        let g0 = &self.generations[0];
        g0.count.get() > g0.threshold.get()
            && self.enabled.get()
            && g0.threshold.get() != 0
            && !self.collecting.get()
    }
}

/// `_PyObject_GC_TRACK`: link `obj` at the end of generation 0. No-op if already tracked.
///
/// The object's type must have the GC flag; objects of other types are ignored. This is the
/// safe point of automatic collection: if generation 0's count exceeds its threshold (and
/// collection is enabled and not running), `collect_generations` runs here, just before `obj`
/// is linked (so the collection does not see it).
#[inline]
pub fn track(py: Python<'_>, obj: &PyObject) {
    if !obj.ob_type().is_gc() {
        return;
    }
    // SAFETY: GC type, so the head exists.
    let h = unsafe { GcHead::of(obj) };
    if h.is_tracked() {
        return;
    }
    let gc = &py.interp().gc;
    // CPython collects inside the allocation (`_PyObject_GC_Link`), before the new object is
    // linked: it is in no generation during that collection, and joins generation 0 after
    // it, so the next young collection examines it.
    if gc.collection_due() {
        collect::collect_automatic(py);
    }
    gc.list_append(0, h);
}

/// A GC object CPython allocates and frees with no Python code running in between (the bound
/// `write` method `PyFile_WriteObject` makes around a write of a `str`): it counts in
/// generation 0, may start an automatic collection before it is linked (as in [`track`]), and
/// is released. Only the count and the collection are observable, so no object is made.
pub(crate) fn transient_alloc(py: Python<'_>) {
    let gc = &py.interp().gc;
    gc.on_alloc();
    if gc.collection_due() {
        collect::collect_automatic(py);
    }
    gc.on_free();
}

/// `PyObject_GC_UnTrack`: unlink `obj` from its generation list. No-op if not tracked.
#[inline]
pub fn untrack(_py: Python<'_>, obj: &PyObject) {
    if !obj.ob_type().is_gc() {
        return;
    }
    // SAFETY: GC type, so the head exists.
    let h = unsafe { GcHead::of(obj) };
    if !h.is_tracked() {
        return;
    }
    // SAFETY: a tracked head's neighbours are live heads or sentinels.
    let (prev, next) = unsafe { (&*(h.prev() as *const GcHead), &*(h.next() as *const GcHead)) };
    prev.set_next(next.addr());
    next.set_prev(prev.addr());
    h.set_next(0);
    h.set_prev_word(h.prev_word() & head::PREV_MASK_FINALIZED);
}

/// `gc.is_tracked(obj)`.
#[inline]
pub fn is_tracked(obj: &PyObject) -> bool {
    // SAFETY: the head exists when the type has the GC flag (checked first).
    obj.ob_type().is_gc() && unsafe { GcHead::of(obj) }.is_tracked()
}

/// `gc.is_finalized(obj)`: the finalizer already ran (GC objects only).
pub fn is_finalized(obj: &PyObject) -> bool {
    // SAFETY: GC type checked first.
    obj.ob_type().is_gc() && unsafe { GcHead::of(obj) }.is_finalized()
}

/// Mark `obj`'s finalizer as run (GC objects only; others have no flag to set).
pub fn set_finalized(obj: &PyObject) {
    if obj.ob_type().is_gc() {
        // SAFETY: GC type checked first.
        unsafe { GcHead::of(obj) }.set_finalized();
    }
}

/// `gc.get_referents(obj)` order: call `visit` on each object `obj`'s traverse slot reports.
pub fn traverse(
    obj: &PyObject,
    visit: &mut dyn FnMut(&PyObject) -> ControlFlow<()>,
) -> ControlFlow<()> {
    match obj.ob_type().slots.traverse {
        Some(t) => t(obj, visit),
        None => ControlFlow::Continue(()),
    }
}

/// New references to the tracked objects of generations 0, 1, 2 in list order
/// (`gc.get_objects()` before it is turned into a list object).
pub fn tracked_objects(py: Python<'_>) -> Vec<PyRef> {
    let gc = &py.interp().gc;
    (0..NUM_GENERATIONS).flat_map(|g| gc.objects(g)).collect()
}
