//! `tuple`: immutable sequence with inline items (`PyTupleObject`), the empty-tuple singleton.

use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object_in, free_object};
use crate::object::protocol;
use crate::object::trashcan::with_trashcan;
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::free_list;
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec, Visit};
use crate::tables::hash::TupleHasher;

/// A `tuple` object: var header followed by `ob_size` owned item references.
#[repr(C)]
pub struct PyTuple {
    ob_base: PyVarObject,
}

const ITEMS_OFFSET: usize = size_of::<PyTuple>();
const _: () = assert!(ITEMS_OFFSET == 24);

// SAFETY: #[repr(C)], header first; TUPLE_SUBCLASS marks tuple and its subclasses.
unsafe impl PyPayload for PyTuple {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().tuple()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::TUPLE_SUBCLASS)
    }
}

/// `tuple`'s spec (basicsize 24, itemsize 8, `__flags__` 0x4405520).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &crate::objects::tuple_methods::TUPLE_METHODS,
        name: "tuple",
        basicsize: 24,
        itemsize: 8,
        flags: 0x0440_5520,
        slots: TypeSlots {
            traverse: Some(tuple_traverse),
            hash: Some(tuple_hash),
            repr: Some(tuple_repr),
            richcompare: Some(tuple_richcompare),
            binop: Some(crate::objects::tuple_methods::tuple_binop),
            len: Some(crate::objects::tuple_methods::tuple_len),
            getitem: Some(crate::objects::tuple_methods::tuple_subscript),
            contains: Some(crate::objects::tuple_methods::tuple_contains),
            iter: Some(crate::objects::tuple_methods::tuple_iter),
            ..TypeSlots::new(tuple_dealloc)
        },
    }
}

fn body_size(n: usize) -> usize {
    ITEMS_OFFSET + n * size_of::<PyRef>()
}

/// Allocate a tuple of type `ty` holding `items`.
///
/// # Safety
/// `items` must yield exactly `n` references (all private callers pass exact-size sources).
unsafe fn alloc_tuple(
    gcs: Option<&gc::GcState>,
    ty: NonNull<PyType>,
    n: usize,
    items: impl Iterator<Item = PyRef>,
) -> NonNull<PyTuple> {
    // SAFETY: the header and all `n` item slots are written before the object is used (the
    // caller guarantees `n` items); the GC head is zeroed (untracked) by the allocator.
    unsafe { fill_tuple(alloc_object_in(gcs, ty, body_size(n)), n, items) }
}

/// Write the size and `n` items into tuple memory whose header is already set.
///
/// # Safety
/// `obj` has room for `n` items and `items` yields exactly `n` references.
unsafe fn fill_tuple(
    obj: NonNull<PyObject>,
    n: usize,
    items: impl Iterator<Item = PyRef>,
) -> NonNull<PyTuple> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let p = obj.cast::<PyTuple>();
        (*p.as_ptr()).ob_base.set_ob_size(n as isize);
        let dst = (p.as_ptr() as *mut u8).add(ITEMS_OFFSET) as *mut PyRef;
        for (i, item) in items.take(n).enumerate() {
            dst.add(i).write(item);
        }
        p
    }
}

/// The empty-tuple singleton, created at start-up (never tracked, not counted).
pub(crate) fn new_empty_in(ty: NonNull<PyType>) -> PyRef<PyTuple> {
    // SAFETY: a fresh tuple owned by the new handle.
    unsafe { PyRef::from_raw(alloc_tuple(None, ty, 0, std::iter::empty())) }
}

impl PyTuple {
    /// A tuple of `items` (tracked by the GC from creation); `()` is the singleton.
    pub fn new(py: Python<'_>, items: Vec<PyRef>) -> PyRef<PyTuple> {
        let n = items.len();
        // SAFETY: a vector's iterator yields exactly `len` items.
        unsafe { Self::build(py, n, items.into_iter()) }
    }

    /// A tuple of a fixed number of items, without an intermediate vector.
    pub fn from_array<const N: usize>(py: Python<'_>, items: [PyRef; N]) -> PyRef<PyTuple> {
        // SAFETY: an array's iterator yields exactly `N` items.
        unsafe { Self::build(py, N, items.into_iter()) }
    }

    /// A tuple holding new references to the objects of `items` (`BUILD_TUPLE` from a stack slice).
    pub fn from_slice(py: Python<'_>, items: &[PyRef]) -> PyRef<PyTuple> {
        // SAFETY: a slice's cloning iterator yields exactly `len` items.
        unsafe { Self::build(py, items.len(), items.iter().cloned()) }
    }

    /// # Safety
    /// `items` yields exactly `n` references.
    unsafe fn build(
        py: Python<'_>,
        n: usize,
        items: impl Iterator<Item = PyRef>,
    ) -> PyRef<PyTuple> {
        if n == 0 {
            return py.interp().singletons.empty_tuple.clone();
        }
        let ty = NonNull::from(py.types().tuple());
        let p = match (n < free_list::TUPLE_MAXSAVESIZE)
            .then(|| free_list::pop(py, n))
            .flatten()
        {
            // SAFETY: a recycled tuple of exactly `n` slots; header reset by `pop`; the caller
            // guarantees `n` items.
            Some(obj) => unsafe { fill_tuple(obj, n, items) },
            // SAFETY: forwarded from the caller.
            None => unsafe { alloc_tuple(Some(&py.interp().gc), ty, n, items) },
        };
        // SAFETY: a fresh tuple owned by the new handle.
        let t = unsafe { PyRef::from_raw(p) };
        gc::track(py, t.as_object());
        t
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.ob_base.ob_size().unsigned_abs()
    }

    /// True for `()`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items.
    #[inline]
    pub fn as_slice(&self) -> &[PyRef] {
        // SAFETY: `len` initialised item references follow the header; tuples are immutable once
        // built, so the slice stays valid as long as the tuple.
        unsafe {
            std::slice::from_raw_parts(
                (self as *const PyTuple as *const u8).add(ITEMS_OFFSET) as *const PyRef,
                self.len(),
            )
        }
    }

    /// Item `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&PyRef> {
        self.as_slice().get(i)
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base.ob_base
    }

    /// Replace item `i` in place and return the old item (`PyTuple_SET_ITEM` on a tuple nobody
    /// else can see, as `enumerate`/`zip` do when they recycle their result tuple).
    ///
    /// # Safety
    /// The caller must hold the only reference to the tuple (count 1 plus its own handle), so
    /// no one observes the mutation; `i < len`.
    pub(crate) unsafe fn replace_item(&self, i: usize, item: PyRef) -> PyRef {
        debug_assert!(i < self.len());
        // SAFETY: `i < len` (caller contract): an initialised slot inside this tuple.
        unsafe {
            let slot = (self as *const PyTuple as *mut u8).add(ITEMS_OFFSET) as *mut PyRef;
            std::ptr::replace(slot.add(i), item)
        }
    }
}

fn as_tuple(obj: &PyObject) -> &PyTuple {
    // SAFETY: only called from tuple's own slots.
    unsafe { &*(obj as *const PyObject as *const PyTuple) }
}

/// `tupledealloc`: untrack, then (inside the trashcan) drop the items last to first and free.
unsafe fn tuple_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead tuple; its items are owned and dropped exactly once, then the memory freed.
    unsafe {
        gc::untrack(py, obj.as_ref());
        with_trashcan(py, obj, || {
            let t = obj.cast::<PyTuple>();
            let n = t.as_ref().len();
            let items = (t.as_ptr() as *mut u8).add(ITEMS_OFFSET) as *mut PyRef;
            for i in (0..n).rev() {
                std::ptr::drop_in_place(items.add(i));
            }
            // `maybe_freelist_push`: lengths 1..=20 (3.11 never reuses length 20).
            if (1..=free_list::TUPLE_MAXSAVESIZE).contains(&n)
                && PyTuple::is_exact_type_of(py, obj.as_ref())
                && free_list::push(py, n, free_list::TUPLE_MAXFREELIST, obj)
            {
                return;
            }
            free_object(py, obj, body_size(n));
        });
    }
}

/// `tupletraverse`: items from last to first.
fn tuple_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    for item in as_tuple(obj).as_slice().iter().rev() {
        visit(item)?;
    }
    ControlFlow::Continue(())
}

/// `tuplehash` (xxHash-style, via the tables crate).
fn tuple_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let t = as_tuple(obj);
    let mut h = TupleHasher::new();
    for item in t.as_slice() {
        h.push(protocol::hash(py, item)? as i64);
    }
    Ok(h.finish(t.len()) as isize)
}

/// `tuplerepr`: `(a, b)`, `(a,)`, `()`; `(...)` for a tuple already being repr'd.
fn tuple_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let t = as_tuple(obj);
    if t.is_empty() {
        return Ok(PyStr::new(py, "()"));
    }
    let Some(_guard) = protocol::ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, "(...)"));
    };
    let mut out = String::from("(");
    for (i, item) in t.as_slice().iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&protocol::repr(py, item)?.to_string_lossy());
    }
    if t.len() == 1 {
        out.push(',');
    }
    out.push(')');
    Ok(PyStr::new(py, &out))
}

fn tuple_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PyTuple>(py) else {
        return Ok(py.not_implemented());
    };
    // Items may be dropped only with the tuples, which the caller keeps alive.
    protocol::sequence_richcompare(py, as_tuple(a).as_slice(), b.as_slice(), op)
}
