//! One collection: CPython 3.11's `gc_collect_main`, `collect_generations` and the callbacks
//! around them (`Modules/gcmodule.c`), step by step as cpython-rules §5.4 lists them.
//!
//! Reachability is CPython's own scheme: while `update_refs` … `move_unreachable` run, the
//! scratch `gc_refs` lives in `_gc_prev` (the examined list is singly linked meanwhile), the
//! `PREV_MASK_COLLECTING` bit marks the examined set and `NEXT_MASK_UNREACHABLE` the objects
//! put aside. No Python code runs (and nothing is freed) in that window.

use std::ops::ControlFlow;
use std::time::Instant;

use super::head::{GcHead, NEXT_MASK_UNREACHABLE};
use super::list;
use super::{
    DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS, GcState, NUM_GENERATIONS, PERMANENT_GENERATION,
};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};

/// The head of a GC object that is part of the examined set, if `obj` is one.
fn collecting_head(obj: &PyObject) -> Option<&GcHead> {
    if !obj.ob_type().is_gc() {
        return None;
    }
    // SAFETY: GC type, so the head exists (static types have a zeroed one, never flagged).
    let h = unsafe { GcHead::of(obj) };
    h.is_collecting().then_some(h)
}

/// The object of a list node.
///
/// # Safety
/// `addr` is the head of a live object (not a sentinel).
unsafe fn obj_at<'a>(addr: usize) -> &'a PyObject {
    // SAFETY: guaranteed by the caller.
    unsafe { list::at(addr).object().as_ref() }
}

/// `update_refs`: `gc_refs = refcount` and the COLLECTING bit for every object of `young`.
fn update_refs(young: &GcHead) {
    let mut cur = young.next();
    while cur != young.addr() {
        // SAFETY: nodes of a list are live object heads.
        let (h, o) = unsafe { (list::at(cur), obj_at(cur)) };
        h.reset_refs(o.refcnt());
        cur = h.next();
    }
}

/// `subtract_refs`: remove the references made from inside `young`.
fn subtract_refs(young: &GcHead) {
    let mut cur = young.next();
    while cur != young.addr() {
        // SAFETY: as above.
        let (h, o) = unsafe { (list::at(cur), obj_at(cur)) };
        let _ = super::traverse(o, &mut |r| {
            if let Some(rh) = collecting_head(r) {
                rh.decref();
            }
            ControlFlow::Continue(())
        });
        cur = h.next();
    }
}

/// `visit_reachable`: a referent of a reachable object is reachable.
fn visit_reachable(r: &PyObject, young: &GcHead) {
    let Some(h) = collecting_head(r) else {
        return;
    };
    if h.next() & NEXT_MASK_UNREACHABLE != 0 {
        // Put aside earlier, reachable after all: unlink it by hand from the unreachable list
        // (whose next pointers carry the mask) and append it to `young`.
        let prev = h.prev();
        let next = h.next() & !NEXT_MASK_UNREACHABLE;
        // SAFETY: neighbours in the unreachable list are live heads or its sentinel.
        unsafe {
            list::at(prev).set_next(h.next());
            list::at(next).set_prev(prev);
        }
        list::append(h, young);
        h.set_refs(1);
    } else if h.refs() == 0 {
        h.set_refs(1);
    }
}

/// `move_unreachable`: scan `young` in order; objects with no outside references go
/// (tentatively) to `unreachable`, referents of reachable ones come back. Restores the
/// previous pointers of `young`; `unreachable` keeps the mask until [`clear_unreachable_mask`].
fn move_unreachable(young: &GcHead, unreachable: &GcHead) {
    let mut prev = young.addr();
    let mut cur = young.next();
    while cur != young.addr() {
        // SAFETY: `cur` is a node of `young`, a live object head.
        let h = unsafe { list::at(cur) };
        if h.refs() != 0 {
            // SAFETY: as above.
            let o = unsafe { obj_at(cur) };
            // `visit_reachable` may change `h.next()` when `h` is young's last node.
            let _ = super::traverse(o, &mut |r| {
                visit_reachable(r, young);
                ControlFlow::Continue(())
            });
            h.set_prev(prev);
            h.clear_collecting();
            prev = cur;
        } else {
            // SAFETY: `prev` is young's sentinel or a scanned node.
            let p = unsafe { list::at(prev) };
            p.set_next(h.next());
            let last = unreachable.prev();
            // SAFETY: the unreachable list's last node (or sentinel) is live.
            unsafe { list::at(last) }.set_next(NEXT_MASK_UNREACHABLE | cur);
            h.set_prev(last);
            h.set_next(NEXT_MASK_UNREACHABLE | unreachable.addr());
            unreachable.set_prev(cur);
        }
        // SAFETY: `prev` is young's sentinel or a live node.
        cur = unsafe { list::at(prev) }.next();
    }
    young.set_prev(prev);
    unreachable.set_next(unreachable.next() & !NEXT_MASK_UNREACHABLE);
}

/// Drop `NEXT_MASK_UNREACHABLE` from every node of `unreachable` (a normal list again).
fn clear_unreachable_mask(unreachable: &GcHead) {
    let mut cur = unreachable.next();
    while cur != unreachable.addr() {
        // SAFETY: nodes of the list are live heads.
        let h = unsafe { list::at(cur) };
        let next = h.next() & !NEXT_MASK_UNREACHABLE;
        h.set_next(next);
        cur = next;
    }
}

/// `deduce_unreachable`: split `base` into reachable (stays, COLLECTING cleared) and
/// `unreachable` (COLLECTING still set).
fn deduce_unreachable(base: &GcHead, unreachable: &GcHead) {
    update_refs(base);
    subtract_refs(base);
    move_unreachable(base, unreachable);
    clear_unreachable_mask(unreachable);
}

/// `untrack_tuples`: untrack each exact tuple of `young` none of whose items may be tracked.
/// Returns the number of objects left in `young` (what `gc_list_size` would count next).
fn untrack_tuples(py: Python<'_>, young: &GcHead) -> usize {
    let tuple_type = py.types().tuple();
    let mut left = 0;
    let mut cur = young.next();
    while cur != young.addr() {
        // SAFETY: nodes of `young` are live object heads; no Python code runs in this pass and
        // the next link is read before the node may be unlinked.
        let (h, o) = unsafe { (list::at(cur), obj_at(cur)) };
        cur = h.next();
        if std::ptr::eq(o.ob_type(), tuple_type)
            && let Some(t) = o.downcast_ref::<crate::objects::tuple::PyTuple>(py)
            && t.as_slice()
                .iter()
                .all(|i| !crate::objects::dict::may_be_tracked(py, i))
        {
            super::untrack(py, o);
        } else {
            left += 1;
        }
    }
    left
}

/// `untrack_dicts` (`_PyDict_MaybeUntrack`): untrack each exact dict of `young` none of whose
/// keys or values may be tracked (str keys never are, so checking keys is harmless).
fn untrack_dicts(py: Python<'_>, young: &GcHead) {
    let dict_type = py.types().dict();
    let mut cur = young.next();
    while cur != young.addr() {
        // SAFETY: as in `untrack_tuples`.
        let (h, o) = unsafe { (list::at(cur), obj_at(cur)) };
        cur = h.next();
        if std::ptr::eq(o.ob_type(), dict_type)
            && let Some(d) = o.downcast_ref::<crate::objects::dict::PyDict>(py)
        {
            let mut pos = 0;
            let mut keep = false;
            while let Some((k, v)) = d.next_entry(&mut pos) {
                if crate::objects::dict::may_be_tracked(py, &v)
                    || crate::objects::dict::may_be_tracked(py, &k)
                {
                    keep = true;
                    break;
                }
            }
            if !keep {
                super::untrack(py, o);
            }
        }
    }
}

/// `debug_cycle`: `gc: collectable <list 0x7f…>`.
fn debug_cycle(msg: &str, o: &PyObject) {
    crate::eval::builtins::write_stderr(&format!(
        "gc: {msg} <{} {:#x}>\n",
        o.ob_type().name(),
        o as *const PyObject as usize
    ));
}

/// `show_stats_each_generations`.
fn show_stats(gc: &GcState) {
    crate::eval::builtins::write_stderr(&format!(
        "gc: objects in each generation: {} {} {}\ngc: objects in permanent generation: {}\n",
        gc.len(0),
        gc.len(1),
        gc.len(2),
        gc.len(PERMANENT_GENERATION)
    ));
}

/// The `__del__` of a heap type, found along its MRO.
fn heap_del(py: Python<'_>, o: &PyObject) -> Option<PyRef> {
    let ty = o.ob_type();
    ty.heap.as_ref()?;
    ty.mro()
        .find_map(|t| {
            // A namespace being replaced right now cannot hold a finalizer we could run.
            let d = t.dict.try_borrow().ok()?;
            d.as_ref().and_then(|d| d.get_str(py, "__del__"))
        })
        .filter(|f| !py.is_none(f))
}

/// True if `o`'s type has a `tp_finalize` (Python `__del__`, generators, coroutines).
fn has_finalizer(py: Python<'_>, o: &PyObject) -> bool {
    o.downcast_ref::<crate::objects::generator::PyGenerator>(py)
        .is_some()
        || heap_del(py, o).is_some()
}

/// [`has_finalizer`] over one pass of `finalize_garbage`: remembers the types found to have
/// no finalizer, and forgets them whenever Python code ran (a finalizer may give a class a
/// `__del__`, which CPython's `tp_finalize` slot would see at once).
#[derive(Default)]
struct FinalizerCache {
    without: Vec<*const crate::objects::type_::PyType>,
}

impl FinalizerCache {
    fn has_finalizer(&mut self, py: Python<'_>, o: &PyObject) -> bool {
        let ty: *const crate::objects::type_::PyType = o.ob_type();
        if self.without.contains(&ty) {
            return false;
        }
        let has = has_finalizer(py, o);
        if !has && self.without.len() < 16 {
            self.without.push(ty);
        }
        has
    }

    fn python_code_ran(&mut self) {
        self.without.clear();
    }
}

/// Run `o`'s `tp_finalize` (the caller holds a reference and marked it finalized). Errors are
/// reported as unraisable, the current exception is preserved.
fn run_finalizer(py: Python<'_>, o: &PyObject) {
    let saved = crate::eval::current_exception();
    if o.downcast_ref::<crate::objects::generator::PyGenerator>(py)
        .is_some()
    {
        if let Err(e) = crate::objects::generator::gen_close(py, o) {
            crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(o));
        }
    } else if let Some(del) = heap_del(py, o) {
        let r = crate::eval::attr::descr_get(py, del.clone(), Some(o), o.ob_type())
            .and_then(|bound| crate::eval::call::call1(py, &bound, &[]));
        if let Err(e) = r {
            crate::eval::run::write_unraisable(py, e, "Exception ignored in", Some(&del));
        }
    }
    drop(crate::eval::set_current_exception(saved));
}

/// `handle_weakrefs`: kill the weak references to unreachable objects (and the unreachable weak
/// references themselves) before any finalizer runs, then call the callbacks of the killed
/// references that are themselves reachable. Returns how many of those died after their
/// callback (they count as collected).
fn handle_weakrefs(py: Python<'_>, unreachable: &GcHead) -> usize {
    use crate::objects::weakref::{gc_call_callback, gc_clear_ref, gc_clear_refs_to};
    let mut to_call: Vec<PyRef> = Vec::new();
    let mut cur = unreachable.next();
    if cur == unreachable.addr() {
        return 0;
    }
    // Made on first use, as `gc_clear_ref`'s own test would.
    let ref_type = crate::objects::weakref::ref_type(py);
    let proxy_type = crate::objects::weakref::proxy_type(py);
    while cur != unreachable.addr() {
        // SAFETY: no Python code runs in this loop and nothing is unlinked or freed, so the
        // nodes are live object heads.
        let (h, o) = unsafe { (list::at(cur), obj_at(cur)) };
        cur = h.next();
        let t = o.ob_type();
        // Only weak references are cleared here (`gc_clear_ref` tests it again).
        if std::ptr::eq(t, ref_type)
            || std::ptr::eq(t, proxy_type)
            || (t.is_heap() && t.is_subtype(ref_type))
        {
            gc_clear_ref(py, o);
        }
        for wr in gc_clear_refs_to(py, o) {
            // A weak reference that is garbage itself never calls back.
            if collecting_head(&wr).is_none() {
                to_call.push(wr);
            }
        }
    }
    let mut freed = 0;
    for wr in to_call {
        gc_call_callback(py, &wr);
        if wr.refcnt() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}

/// `finalize_garbage`: call each not-yet-finalized object's finalizer, in list order.
fn finalize_garbage(py: Python<'_>, collectable: &GcHead) {
    let seen = list::new_list();
    let mut cache = FinalizerCache::default();
    while !list::is_empty(collectable) {
        let addr = collectable.next();
        // SAFETY: a node of a list is a live object head.
        let (h, o) = unsafe { (list::at(addr), obj_at(addr)) };
        list::move_to(h, &seen);
        if !h.is_finalized() && cache.has_finalizer(py, o) {
            h.set_finalized();
            let keep = o.to_owned_ref();
            run_finalizer(py, &keep);
            // May free the object, which unlinks it from `seen`.
            drop(keep);
            cache.python_code_ran();
        }
    }
    list::merge(&seen, collectable);
}

/// `handle_resurrected_objects`: objects a finalizer made reachable again go to `old`; the
/// rest end up in `still_unreachable`.
fn handle_resurrected(unreachable: &GcHead, still_unreachable: &GcHead, old: &GcHead) {
    let mut cur = unreachable.next();
    while cur != unreachable.addr() {
        // SAFETY: nodes of a list are live heads; clearing a flag unlinks nothing.
        let h = unsafe { list::at(cur) };
        h.clear_collecting();
        cur = h.next();
    }
    deduce_unreachable(unreachable, still_unreachable);
    list::merge(unreachable, old);
}

/// `delete_garbage`: break the cycles with each object's `tp_clear` (or save the objects to
/// `gc.garbage` with `DEBUG_SAVEALL`); survivors move to `old`.
fn delete_garbage(py: Python<'_>, gc: &GcState, collectable: &GcHead, old: &GcHead) {
    let saveall = gc.debug.get() & DEBUG_SAVEALL != 0;
    while !list::is_empty(collectable) {
        let addr = collectable.next();
        // SAFETY: a node of a list is a live object head.
        let keep = unsafe { obj_at(addr) }.to_owned_ref();
        if saveall {
            let g = super::api::garbage(py);
            let _ = g.append(keep.clone());
        } else if let Some(clear) = keep.ob_type().slots.clear {
            clear(py, &keep);
        }
        drop(keep);
        if collectable.next() == addr {
            // Still alive: it may die later.
            // SAFETY: the object is alive (it is still linked).
            let h = unsafe { list::at(addr) };
            h.clear_collecting();
            list::move_to(h, old);
        }
    }
}

/// `gc_collect_main`: collect generation `generation`; returns `(collected, uncollectable)`.
fn collect_main(py: Python<'_>, generation: usize) -> (usize, usize) {
    let gc = &py.interp().gc;
    if generation == NUM_GENERATIONS - 1 {
        // The method cache owns references to class attributes; CPython's borrows them. Drop
        // it so a class namespace referenced only by garbage is garbage too.
        crate::objects::type_::clear_thread_type_cache();
    }
    let debug = gc.debug.get();
    let t0 = Instant::now();
    if debug & DEBUG_STATS != 0 {
        crate::eval::builtins::write_stderr(&format!(
            "gc: collecting generation {generation}...\n"
        ));
        show_stats(gc);
    }
    if generation + 1 < NUM_GENERATIONS {
        let c = &gc.generations[generation + 1].count;
        c.set(c.get() + 1);
    }
    for g in &gc.generations[..=generation] {
        g.count.set(0);
    }
    let young = &gc.heads[generation];
    for i in 0..generation {
        list::merge(&gc.heads[i], young);
    }
    let old = if generation + 1 < NUM_GENERATIONS {
        &gc.heads[generation + 1]
    } else {
        young
    };

    let unreachable = list::new_list();
    deduce_unreachable(young, &unreachable);
    let young_size = untrack_tuples(py, young);
    if !std::ptr::eq(young, old) {
        if generation == NUM_GENERATIONS - 2 {
            let p = &gc.long_lived_pending;
            p.set(p.get() + young_size as isize);
        }
        list::merge(young, old);
    } else {
        untrack_dicts(py, young);
        gc.long_lived_pending.set(0);
        gc.long_lived_total.set(list::size(young) as isize);
    }
    // No type has a legacy `tp_del`, so the uncollectable set is always empty.
    let uncollectable = 0;
    if debug & DEBUG_COLLECTABLE != 0 {
        for addr in list::nodes(&unreachable) {
            // SAFETY: nothing ran since the unreachable set was built.
            debug_cycle("collectable", unsafe { obj_at(addr) });
        }
    }
    let weakrefs_freed = handle_weakrefs(py, &unreachable);
    finalize_garbage(py, &unreachable);
    let final_unreachable = list::new_list();
    handle_resurrected(&unreachable, &final_unreachable, old);
    let collected = weakrefs_freed + list::size(&final_unreachable);
    delete_garbage(py, gc, &final_unreachable, old);
    if debug & DEBUG_STATS != 0 {
        crate::eval::builtins::write_stderr(&format!(
            "gc: done, {} unreachable, {} uncollectable, {:.4}s elapsed\n",
            collected + uncollectable,
            uncollectable,
            t0.elapsed().as_secs_f64()
        ));
    }
    if generation == NUM_GENERATIONS - 1 {
        crate::objects::free_list::clear_free_lists(py);
    }
    let s = &gc.stats[generation];
    let mut st = s.get();
    st.collections += 1;
    st.collected += collected as isize;
    st.uncollectable += uncollectable as isize;
    s.set(st);
    (collected, uncollectable)
}

/// `gc_collect_with_callback`: `collect_main` between the "start" and "stop" callbacks.
fn collect_with_callback(py: Python<'_>, generation: usize) -> usize {
    super::api::invoke_callbacks(py, "start", generation, 0, 0);
    let (collected, uncollectable) = collect_main(py, generation);
    super::api::invoke_callbacks(py, "stop", generation, collected, uncollectable);
    collected + uncollectable
}

/// `gc.collect(generation)` (`gc_collect_impl`): 0 if a collection is already running.
/// `generation` must be 0, 1 or 2 (the module checks it); larger values collect generation 2.
pub fn collect(py: Python<'_>, generation: usize) -> usize {
    let gc = &py.interp().gc;
    if gc.collecting.get() {
        return 0;
    }
    gc.collecting.set(true);
    let n = collect_with_callback(py, generation.min(NUM_GENERATIONS - 1));
    gc.collecting.set(false);
    n
}

/// `collect_generations`: the oldest generation whose count exceeds its threshold, except that a
/// full collection also needs `long_lived_pending >= long_lived_total / 4`.
fn collect_generations(py: Python<'_>) -> usize {
    let gc = &py.interp().gc;
    for i in (0..NUM_GENERATIONS).rev() {
        let g = &gc.generations[i];
        if g.count.get() > g.threshold.get() {
            if i == NUM_GENERATIONS - 1
                && gc.long_lived_pending.get() < gc.long_lived_total.get() / 4
            {
                continue;
            }
            return collect_with_callback(py, i);
        }
    }
    0
}

/// The automatic collection run from `gc::track` once generation 0 is over its threshold.
pub(crate) fn collect_automatic(py: Python<'_>) {
    let gc = &py.interp().gc;
    gc.collecting.set(true);
    collect_generations(py);
    gc.collecting.set(false);
}
