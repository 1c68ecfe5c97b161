//! Iterators over sequences: `list_iterator`, `list_reverseiterator`, `tuple_iterator`, the
//! generic `iterator` for types with only `__getitem__`, and `range_iterator` /
//! `longrange_iterator`.
//!
//! The sequence iterators share one layout (`{ it_index, it_seq }`, 32 bytes + 16 GC head) and
//! release their sequence as soon as they are exhausted, as CPython's do.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::error::PyResult;
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// Allocate an object of layout `T` of type `ty`, let `init` write every field after the
/// header, and track it if `ty` is a GC type.
///
/// # Safety
/// `T` must be the layout of `ty`'s instances and `init` must initialise every field of `T`
/// except the header.
pub(crate) unsafe fn alloc_with<T: PyPayload>(
    py: Python<'_>,
    ty: &PyType,
    init: impl FnOnce(*mut T),
) -> PyRef<T> {
    // SAFETY: forwarded from the caller; the allocator wrote the header.
    let r = unsafe {
        let p = alloc_object(py, ty, size_of::<T>()).cast::<T>();
        init(p.as_ptr());
        PyRef::from_raw(p)
    };
    gc::track(py, r.as_object());
    r
}

/// A sequence iterator (`listiterobject`, `listreviterobject`, `tupleiterobject`,
/// `seqiterobject`): the next index and the sequence, `None` once exhausted.
#[repr(C)]
pub struct PySeqIter {
    ob_base: PyObject,
    index: Cell<isize>,
    seq: Cell<Option<PyRef>>,
}

const _: () = assert!(size_of::<PySeqIter>() == 32);

// SAFETY: #[repr(C)], header first; the check accepts exactly the four types with this layout.
unsafe impl PyPayload for PySeqIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().list_iterator()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = py.types();
        let ty = obj.ob_type();
        [
            t.list_iterator(),
            t.list_reverseiterator(),
            t.tuple_iterator(),
            t.iterator(),
        ]
        .iter()
        .any(|x| std::ptr::eq(*x, ty))
    }
}

impl PySeqIter {
    /// The sequence (`None` once exhausted).
    pub fn seq(&self) -> Option<PyRef> {
        // SAFETY: cloning only increments a count and cannot re-enter the iterator.
        unsafe { (*self.seq.as_ptr()).clone() }
    }

    /// The next index (`it_index`).
    pub fn index(&self) -> isize {
        self.index.get()
    }

    fn exhaust(&self) {
        let old = self.seq.replace(None);
        drop(old);
    }

    /// Borrow the sequence without touching its count.
    ///
    /// # Safety
    /// No code that could replace `seq` (user code, `exhaust`) may run while the borrow lives.
    unsafe fn seq_borrowed(&self) -> Option<&PyObject> {
        // SAFETY: guaranteed by the caller.
        unsafe { (*self.seq.as_ptr()).as_deref() }
    }
}

static LIST_ITER_METHODS: [MethodDef; 1] = [MethodDef::new("__length_hint__", length_hint_method)];

fn seq_iter_spec(
    name: &'static str,
    flags: u64,
    iternext: crate::objects::type_::IterNextFn,
) -> TypeSpec {
    TypeSpec {
        methods: &LIST_ITER_METHODS,
        name,
        basicsize: 32,
        itemsize: 0,
        flags,
        slots: TypeSlots {
            traverse: Some(seq_iter_traverse),
            iter: Some(self_iter),
            iternext: Some(iternext),
            ..TypeSlots::new(seq_iter_dealloc)
        },
    }
}

/// `list_iterator`'s spec.
pub(crate) fn list_iterator_spec() -> TypeSpec {
    seq_iter_spec("list_iterator", 0x5180, list_iter_next)
}

/// `list_reverseiterator`'s spec.
pub(crate) fn list_reverseiterator_spec() -> TypeSpec {
    seq_iter_spec("list_reverseiterator", 0x5180, list_reviter_next)
}

/// `tuple_iterator`'s spec.
pub(crate) fn tuple_iterator_spec() -> TypeSpec {
    seq_iter_spec("tuple_iterator", 0x5180, tuple_iter_next)
}

/// `iterator`'s spec (the generic `__getitem__` iterator).
pub(crate) fn iterator_spec() -> TypeSpec {
    seq_iter_spec("iterator", 0x5180, generic_iter_next)
}

fn new_seq_iter(py: Python<'_>, ty: &PyType, seq: PyRef, index: isize) -> PyRef {
    // SAFETY: both fields written; `ty` is one of the four sequence-iterator types.
    unsafe {
        alloc_with::<PySeqIter>(py, ty, |p| {
            std::ptr::addr_of_mut!((*p).index).write(Cell::new(index));
            std::ptr::addr_of_mut!((*p).seq).write(Cell::new(Some(seq)));
        })
    }
    .into_object()
}

/// `iter(list)`.
pub fn list_iter_new(py: Python<'_>, list: PyRef) -> PyRef {
    new_seq_iter(py, py.types().list_iterator(), list, 0)
}

/// `reversed(list)` / `list.__reversed__()`.
pub fn list_reviter_new(py: Python<'_>, list: PyRef) -> PyRef {
    let n = list.downcast_ref::<PyList>(py).map_or(0, PyList::len) as isize;
    new_seq_iter(py, py.types().list_reverseiterator(), list, n - 1)
}

/// `iter(tuple)`.
pub fn tuple_iter_new(py: Python<'_>, tuple: PyRef) -> PyRef {
    new_seq_iter(py, py.types().tuple_iterator(), tuple, 0)
}

/// `iter(obj)` for an object with `__getitem__` but no `__iter__` (`PySeqIter_New`).
pub fn seq_iter_new(py: Python<'_>, seq: PyRef) -> PyRef {
    new_seq_iter(py, py.types().iterator(), seq, 0)
}

fn as_seq_iter(obj: &PyObject) -> &PySeqIter {
    // SAFETY: only called from the sequence iterators' own slots.
    unsafe { &*(obj as *const PyObject as *const PySeqIter) }
}

unsafe fn seq_iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead iterator: untrack, drop the sequence, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PySeqIter>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).seq));
        free_object(py, obj, size_of::<PySeqIter>());
    }
}

fn seq_iter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    match as_seq_iter(obj).seq() {
        Some(s) => visit(&s),
        None => ControlFlow::Continue(()),
    }
}

/// `__iter__` of every iterator: the iterator itself.
pub fn self_iter(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

fn list_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_seq_iter(obj);
    let i = it.index.get();
    // SAFETY: only `get` (a count increment) runs while the sequence is borrowed.
    let item = match unsafe { it.seq_borrowed() } {
        None => return Ok(None),
        Some(seq) => seq
            .downcast_ref::<PyList>(py)
            .and_then(|l| l.get(i as usize)),
    };
    if item.is_some() {
        it.index.set(i + 1);
    } else {
        it.exhaust();
    }
    Ok(item)
}

fn list_reviter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_seq_iter(obj);
    let Some(seq) = it.seq() else { return Ok(None) };
    let i = it.index.get();
    if i >= 0
        && let Some(item) = seq
            .downcast_ref::<PyList>(py)
            .and_then(|l| l.get(i as usize))
    {
        it.index.set(i - 1);
        return Ok(Some(item));
    }
    it.index.set(-1);
    it.exhaust();
    Ok(None)
}

fn tuple_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_seq_iter(obj);
    let i = it.index.get();
    // SAFETY: only a count increment runs while the sequence is borrowed.
    let item = match unsafe { it.seq_borrowed() } {
        None => return Ok(None),
        Some(seq) => seq
            .downcast_ref::<PyTuple>(py)
            .and_then(|t| t.get(i as usize))
            .cloned(),
    };
    if item.is_some() {
        it.index.set(i + 1);
    } else {
        it.exhaust();
    }
    Ok(item)
}

fn generic_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_seq_iter(obj);
    let Some(seq) = it.seq() else { return Ok(None) };
    let i = it.index.get();
    let Some(getitem) = seq.ob_type().slots.getitem else {
        it.exhaust();
        return Ok(None);
    };
    let key = PyInt::new(py, i as i64);
    match getitem(py, &seq, key.as_object()) {
        Ok(v) => {
            it.index.set(i + 1);
            Ok(Some(v))
        }
        Err(e) if crate::object::iter::ends_sequence(&e) => {
            it.exhaust();
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `__length_hint__` of the builtin iterators that have one (`None` for other objects).
pub fn builtin_length_hint(py: Python<'_>, obj: &PyObject) -> Option<usize> {
    let t = py.types();
    let ty = obj.ob_type();
    if std::ptr::eq(ty, t.list_iterator()) || std::ptr::eq(ty, t.tuple_iterator()) {
        let it = as_seq_iter(obj);
        let n = match it.seq() {
            Some(s) => seq_len(py, &s).saturating_sub(it.index.get().max(0) as usize),
            None => 0,
        };
        return Some(n);
    }
    if std::ptr::eq(ty, t.list_reverseiterator()) {
        let it = as_seq_iter(obj);
        let i = it.index.get();
        return Some(match it.seq() {
            Some(s) if i >= 0 && (i as usize) < seq_len(py, &s) => i as usize + 1,
            _ => 0,
        });
    }
    if std::ptr::eq(ty, t.range_iterator()) {
        return Some(as_range_iter(obj).len.get().max(0) as usize);
    }
    if std::ptr::eq(ty, t.longrange_iterator()) {
        return as_longrange_iter(obj).len.to_bigint().to_usize();
    }
    crate::objects::reversed::reversed_length_hint(py, obj)
}

fn seq_len(py: Python<'_>, s: &PyObject) -> usize {
    if let Some(l) = s.downcast_ref::<PyList>(py) {
        l.len()
    } else if let Some(t) = s.downcast_ref::<PyTuple>(py) {
        t.len()
    } else {
        0
    }
}

/// `it.__length_hint__()`.
pub fn length_hint_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__length_hint__", 0, 0)?;
    let n = builtin_length_hint(py, this).unwrap_or(0);
    Ok(PyInt::new(py, n as i64).into_object())
}

/// `range_iterator`: the fast iterator for ranges whose bounds fit a machine word
/// (`{ start, step, len }`; CPython reports 48 bytes, not a GC type).
#[repr(C)]
pub struct PyRangeIter {
    ob_base: PyObject,
    start: Cell<i64>,
    step: Cell<i64>,
    len: Cell<i64>,
}

// SAFETY: #[repr(C)], header first; exact type check.
unsafe impl PyPayload for PyRangeIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().range_iterator()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().range_iterator())
    }
}

/// `longrange_iterator`: the iterator of ranges with bounds beyond a machine word.
#[repr(C)]
pub struct PyLongRangeIter {
    ob_base: PyObject,
    start: PyRef<PyInt>,
    step: PyRef<PyInt>,
    len: PyRef<PyInt>,
}

// SAFETY: #[repr(C)], header first; exact type check.
unsafe impl PyPayload for PyLongRangeIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().longrange_iterator()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().longrange_iterator())
    }
}

static RANGE_ITER_METHODS: [MethodDef; 1] = [MethodDef::new("__length_hint__", length_hint_method)];

fn sizeof_48(_obj: &PyObject) -> usize {
    48
}

/// `range_iterator`'s spec (basicsize 48, not GC).
pub(crate) fn range_iterator_spec() -> TypeSpec {
    TypeSpec {
        methods: &RANGE_ITER_METHODS,
        name: "range_iterator",
        basicsize: 48,
        itemsize: 0,
        flags: 0x1180,
        slots: TypeSlots {
            iter: Some(self_iter),
            iternext: Some(range_iter_next),
            sizeof: Some(sizeof_48),
            ..TypeSlots::new(range_iter_dealloc)
        },
    }
}

/// `longrange_iterator`'s spec (basicsize 48, not GC).
pub(crate) fn longrange_iterator_spec() -> TypeSpec {
    TypeSpec {
        methods: &RANGE_ITER_METHODS,
        name: "longrange_iterator",
        basicsize: 48,
        itemsize: 0,
        flags: 0x1180,
        slots: TypeSlots {
            iter: Some(self_iter),
            iternext: Some(longrange_iter_next),
            sizeof: Some(sizeof_48),
            ..TypeSlots::new(longrange_iter_dealloc)
        },
    }
}

/// A `range_iterator` yielding `len` values `start, start + step, …` (all fit an `i64`).
pub fn range_iter_new(py: Python<'_>, start: i64, step: i64, len: i64) -> PyRef {
    // SAFETY: all fields written; not a GC type.
    unsafe {
        alloc_with::<PyRangeIter>(py, py.types().range_iterator(), |p| {
            std::ptr::addr_of_mut!((*p).start).write(Cell::new(start));
            std::ptr::addr_of_mut!((*p).step).write(Cell::new(step));
            std::ptr::addr_of_mut!((*p).len).write(Cell::new(len));
        })
    }
    .into_object()
}

/// A `longrange_iterator` yielding `len` values `start, start + step, …`.
pub fn longrange_iter_new(py: Python<'_>, start: BigInt, step: BigInt, len: BigInt) -> PyRef {
    let (start, step, len) = (
        PyInt::from_bigint(py, start),
        PyInt::from_bigint(py, step),
        PyInt::from_bigint(py, len),
    );
    // SAFETY: all fields written; not a GC type.
    unsafe {
        alloc_with::<PyLongRangeIter>(py, py.types().longrange_iterator(), |p| {
            std::ptr::addr_of_mut!((*p).start).write(start);
            std::ptr::addr_of_mut!((*p).step).write(step);
            std::ptr::addr_of_mut!((*p).len).write(len);
        })
    }
    .into_object()
}

fn as_range_iter(obj: &PyObject) -> &PyRangeIter {
    // SAFETY: only called on range_iterator objects.
    unsafe { &*(obj as *const PyObject as *const PyRangeIter) }
}

fn as_longrange_iter(obj: &PyObject) -> &PyLongRangeIter {
    // SAFETY: only called on longrange_iterator objects.
    unsafe { &*(obj as *const PyObject as *const PyLongRangeIter) }
}

unsafe fn range_iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead range iterator owns no references.
    unsafe { free_object(py, obj, size_of::<PyRangeIter>()) }
}

unsafe fn longrange_iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead long range iterator: drop its three ints and free.
    unsafe {
        let p = obj.cast::<PyLongRangeIter>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).start));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).step));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).len));
        free_object(py, obj, size_of::<PyLongRangeIter>());
    }
}

fn range_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_range_iter(obj);
    let len = it.len.get();
    if len <= 0 {
        return Ok(None);
    }
    let v = it.start.get();
    it.start.set(v.wrapping_add(it.step.get()));
    it.len.set(len - 1);
    Ok(Some(PyInt::new(py, v).into_object()))
}

fn longrange_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let p = obj as *const PyObject as *mut PyLongRangeIter;
    let it = as_longrange_iter(obj);
    let len = it.len.to_bigint();
    if len <= BigInt::zero() {
        return Ok(None);
    }
    let cur = it.start.clone();
    let next = PyInt::from_bigint(py, cur.to_bigint() + it.step.to_bigint());
    let new_len = PyInt::from_bigint(py, len - 1);
    // SAFETY: GIL held; the fields are replaced in place and the old values dropped afterwards
    // (dropping an int cannot re-enter this iterator).
    unsafe {
        let old_start = std::ptr::replace(std::ptr::addr_of_mut!((*p).start), next);
        let old_len = std::ptr::replace(std::ptr::addr_of_mut!((*p).len), new_len);
        drop(old_start);
        drop(old_len);
    }
    Ok(Some(cur.into_object()))
}

/// `callable_iterator` (`calliterobject`): `iter(callable, sentinel)`; both references are
/// dropped once the sentinel is seen.
#[repr(C)]
pub struct PyCallIter {
    ob_base: PyObject,
    callable: Cell<Option<PyRef>>,
    sentinel: Cell<Option<PyRef>>,
}

const _: () = assert!(size_of::<PyCallIter>() == 32);

// SAFETY: #[repr(C)], header first; exact type check.
unsafe impl PyPayload for PyCallIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().callable_iterator()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().callable_iterator())
    }
}

/// `callable_iterator`'s spec (basicsize 32, GC).
pub(crate) fn callable_iterator_spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "callable_iterator",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5180,
        slots: TypeSlots {
            traverse: Some(call_iter_traverse),
            iter: Some(self_iter),
            iternext: Some(call_iter_next),
            ..TypeSlots::new(call_iter_dealloc)
        },
    }
}

/// `iter(callable, sentinel)`.
pub fn callable_iter_new(py: Python<'_>, callable: PyRef, sentinel: PyRef) -> PyRef {
    // SAFETY: both fields written; GC type tracked by `alloc_with`.
    unsafe {
        alloc_with::<PyCallIter>(py, py.types().callable_iterator(), |p| {
            std::ptr::addr_of_mut!((*p).callable).write(Cell::new(Some(callable)));
            std::ptr::addr_of_mut!((*p).sentinel).write(Cell::new(Some(sentinel)));
        })
    }
    .into_object()
}

fn as_call_iter(obj: &PyObject) -> &PyCallIter {
    // SAFETY: only called on callable_iterator objects.
    unsafe { &*(obj as *const PyObject as *const PyCallIter) }
}

fn cell_clone(c: &Cell<Option<PyRef>>) -> Option<PyRef> {
    // SAFETY: cloning only increments a count and cannot re-enter the cell.
    unsafe { (*c.as_ptr()).clone() }
}

unsafe fn call_iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead callable iterator: untrack, drop both references, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyCallIter>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).callable));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).sentinel));
        free_object(py, obj, size_of::<PyCallIter>());
    }
}

fn call_iter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let it = as_call_iter(obj);
    if let Some(c) = cell_clone(&it.callable) {
        visit(&c)?;
    }
    if let Some(s) = cell_clone(&it.sentinel) {
        visit(&s)?;
    }
    ControlFlow::Continue(())
}

fn call_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let it = as_call_iter(obj);
    let (Some(callable), Some(sentinel)) = (cell_clone(&it.callable), cell_clone(&it.sentinel))
    else {
        return Ok(None);
    };
    let clear = || {
        let (c, s) = (it.callable.replace(None), it.sentinel.replace(None));
        drop((c, s));
    };
    match crate::object::call::call(py, &callable, Args::positional(&[])) {
        Ok(v) => {
            // `sentinel == result`, sentinel on the left as in `calliter_iternext`.
            if crate::object::protocol::rich_compare_bool(
                py,
                &sentinel,
                &v,
                crate::objects::type_::CompareOp::Eq,
            )? {
                clear();
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        Err(e) if e.is_kind(crate::error::ExcKind::StopIteration) => {
            clear();
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
