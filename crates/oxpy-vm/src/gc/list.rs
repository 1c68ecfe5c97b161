//! The intrusive list primitives of `Modules/gcmodule.c` (`gc_list_*`).
//!
//! A list is a sentinel [`GcHead`] whose `next`/`prev` point to itself when empty. Every
//! node is the head of a live GC object or a sentinel; these functions keep that invariant and
//! never touch the objects themselves.

use super::head::GcHead;

/// The head at `addr`.
///
/// # Safety
/// `addr` must be the address of a live head (an object's or a sentinel).
#[inline]
pub(crate) unsafe fn at<'a>(addr: usize) -> &'a GcHead {
    // SAFETY: guaranteed by the caller.
    unsafe { &*(addr as *const GcHead) }
}

/// `gc_list_init`: make `list` an empty list.
pub(crate) fn init(list: &GcHead) {
    list.set_next(list.addr());
    list.set_prev(list.addr());
}

/// `gc_list_is_empty`.
#[inline]
pub(crate) fn is_empty(list: &GcHead) -> bool {
    list.next() == list.addr()
}

/// `gc_list_append`: link the unlinked `node` at the end of `list`.
pub(crate) fn append(node: &GcHead, list: &GcHead) {
    let last = list.prev();
    // SAFETY: `last` is the sentinel or a linked object's head, both live.
    unsafe { at(last) }.set_next(node.addr());
    node.set_prev(last);
    node.set_next(list.addr());
    list.set_prev(node.addr());
}

/// Unlink `node` from whatever list holds it, leaving its links stale.
fn unlink(node: &GcHead) {
    // SAFETY: a linked node's neighbours are live heads or sentinels.
    let (prev, next) = unsafe { (at(node.prev()), at(node.next())) };
    prev.set_next(next.addr());
    next.set_prev(prev.addr());
}

/// `gc_list_move`: move `node` from its list to the end of `list`.
pub(crate) fn move_to(node: &GcHead, list: &GcHead) {
    unlink(node);
    append(node, list);
}

/// `gc_list_merge`: append all of `from` to `to`; `from` becomes empty.
pub(crate) fn merge(from: &GcHead, to: &GcHead) {
    if is_empty(from) || from.addr() == to.addr() {
        return;
    }
    let to_tail = to.prev();
    // SAFETY: all addresses are live heads of the two lists.
    unsafe {
        at(to_tail).set_next(from.next());
        at(from.next()).set_prev(to_tail);
        to.set_prev(from.prev());
        at(from.prev()).set_next(to.addr());
    }
    init(from);
}

/// `gc_list_size`.
pub(crate) fn size(list: &GcHead) -> usize {
    let mut n = 0;
    let mut cur = list.next();
    while cur != list.addr() {
        n += 1;
        // SAFETY: nodes of a list are live heads.
        cur = unsafe { at(cur) }.next();
    }
    n
}

/// Addresses of the nodes of `list`, in order (a snapshot: the caller re-checks liveness).
pub(crate) fn nodes(list: &GcHead) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = list.next();
    while cur != list.addr() {
        out.push(cur);
        // SAFETY: nodes of a list are live heads.
        cur = unsafe { at(cur) }.next();
    }
    out
}

/// A list sentinel with a stable address (boxed, so the list survives moves of its owner).
pub(crate) fn new_list() -> Box<GcHead> {
    let l = Box::new(GcHead::new());
    init(&l);
    l
}
