//! `list`: a growable array of owned references with CPython's capacity (`allocated`) rules.
//!
//! Every mutation first updates the list and only then drops the old references, because a
//! drop can run `__del__`, which may look at or mutate the same list (CPython's order).

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::iter;
use crate::object::protocol;
use crate::object::trashcan::with_trashcan;
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::free_list;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec, Visit};

/// A `list` object (`PyListObject`): 40 bytes + 16 GC head; items live in a separate buffer.
#[repr(C)]
pub struct PyList {
    ob_base: PyVarObject,
    /// `ob_item`: null (no buffer), dangling (zero-size buffer) or a buffer of `allocated` slots,
    /// the first `ob_size` initialised.
    ob_item: Cell<*mut PyRef>,
    allocated: Cell<isize>,
}

const _: () = assert!(size_of::<PyList>() == 40);

// SAFETY: #[repr(C)], header first; LIST_SUBCLASS marks list and its subclasses.
unsafe impl PyPayload for PyList {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().list()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::LIST_SUBCLASS)
    }
}

/// `list`'s spec (basicsize 40, `__flags__` 0x2405520).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &crate::objects::list_methods::LIST_METHODS,
        name: "list",
        basicsize: 40,
        itemsize: 0,
        flags: 0x0240_5520,
        slots: TypeSlots {
            traverse: Some(list_traverse),
            clear: Some(list_clear_slot),
            hash: None,
            repr: Some(list_repr),
            richcompare: Some(list_richcompare),
            sizeof: Some(list_sizeof),
            binop: Some(crate::objects::list_methods::list_binop),
            len: Some(crate::objects::list_methods::list_len),
            getitem: Some(crate::objects::list_methods::list_subscript),
            setitem: Some(crate::objects::list_methods::list_ass_subscript),
            contains: Some(crate::objects::list_methods::list_contains),
            iter: Some(crate::objects::list_methods::list_iter),
            ..TypeSlots::new(list_dealloc)
        },
    }
}

/// The capacity `list_resize` picks for `newsize` (cpython-rules 1.7), or `None` if the current
/// buffer is kept.
pub fn resize_capacity(allocated: usize, len: usize, newsize: usize) -> Option<usize> {
    if allocated >= newsize && newsize >= allocated >> 1 {
        return None;
    }
    let mut new_allocated = (newsize + (newsize >> 3) + 6) & !3;
    if newsize.saturating_sub(len) > new_allocated - newsize {
        new_allocated = (newsize + 3) & !3;
    }
    if newsize == 0 {
        new_allocated = 0;
    }
    Some(new_allocated)
}

fn buffer_layout(cap: usize) -> Option<std::alloc::Layout> {
    std::alloc::Layout::array::<PyRef>(cap).ok()
}

fn memory_error() -> PyErr {
    PyErr::new(ExcKind::MemoryError, "")
}

/// True if `obj` is exactly a `list` or exactly a `tuple` (the fast paths of `extend`).
fn is_exact_list_or_tuple(py: Python<'_>, obj: &PyObject) -> bool {
    PyList::is_exact_type_of(py, obj) || PyTuple::is_exact_type_of(py, obj)
}

impl PyList {
    /// `[]`: empty, no buffer (capacity 0, `ob_item == NULL`); recycled from the free list
    /// when possible (`PyList_New(0)`).
    pub fn new_empty(py: Python<'_>) -> PyRef<PyList> {
        let obj = match free_list::pop(py, 0) {
            Some(obj) => obj,
            // SAFETY: the body is written below before use.
            None => unsafe { alloc_object(py, py.types().list(), size_of::<PyList>()) },
        };
        // SAFETY: all fields written before use; tracked after initialisation.
        let l = unsafe {
            let p = obj.cast::<PyList>().as_ptr();
            (*p).ob_base.set_ob_size(0);
            std::ptr::addr_of_mut!((*p).ob_item).write(Cell::new(std::ptr::null_mut()));
            std::ptr::addr_of_mut!((*p).allocated).write(Cell::new(0));
            PyRef::from_raw(NonNull::new_unchecked(p))
        };
        gc::track(py, l.as_object());
        l
    }

    /// `PyList_New(n)` filled with `items`: capacity exactly `items.len()`.
    pub fn from_vec(py: Python<'_>, items: Vec<PyRef>) -> PyResult<PyRef<PyList>> {
        let l = PyList::new_empty(py);
        if !items.is_empty() {
            let n = items.len();
            let buf = l.realloc_buffer(n)?;
            for (i, item) in items.into_iter().enumerate() {
                // SAFETY: the buffer has `n` slots; each slot written once.
                unsafe { buf.add(i).write(item) };
            }
            l.ob_base.set_ob_size(n as isize);
        }
        Ok(l)
    }

    /// `len(l)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.ob_base.ob_size().unsigned_abs()
    }

    /// True if empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The capacity (`allocated`), which `sys.getsizeof` reports.
    #[inline]
    pub fn capacity(&self) -> usize {
        // `allocated` is -1 while `sort` has the items detached (CPython's marker).
        self.allocated.get().max(0) as usize
    }

    /// True if the list has an item buffer (possibly of size 0); decides `extend`'s sizing rule.
    #[inline]
    pub fn has_buffer(&self) -> bool {
        !self.ob_item.get().is_null()
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base.ob_base
    }

    /// A new reference to item `i`.
    pub fn get(&self, i: usize) -> Option<PyRef> {
        if i < self.len() {
            // SAFETY: `i < ob_size`, so the slot is initialised.
            Some(unsafe { (*self.ob_item.get().add(i)).clone() })
        } else {
            None
        }
    }

    /// Change the buffer to exactly `cap` slots (items beyond `ob_size` are not touched).
    fn realloc_buffer(&self, cap: usize) -> PyResult<*mut PyRef> {
        let old = self.ob_item.get();
        let old_cap = self.capacity();
        let new_ptr = if cap == 0 {
            if !old.is_null() && old_cap > 0 {
                // SAFETY: `old` was allocated with `old_cap` slots.
                unsafe {
                    std::alloc::dealloc(
                        old as *mut u8,
                        buffer_layout(old_cap).ok_or_else(memory_error)?,
                    )
                };
            }
            // A zero-size buffer is still "a buffer" (CPython's realloc(p, 0) is non-NULL).
            NonNull::<PyRef>::dangling().as_ptr()
        } else {
            let layout = buffer_layout(cap).ok_or_else(memory_error)?;
            // SAFETY: fresh allocation, or a realloc of the buffer with its original layout.
            let p = unsafe {
                if old.is_null() || old_cap == 0 {
                    std::alloc::alloc(layout)
                } else {
                    let old_layout = buffer_layout(old_cap).ok_or_else(memory_error)?;
                    std::alloc::realloc(old as *mut u8, old_layout, layout.size())
                }
            };
            if p.is_null() {
                return Err(memory_error());
            }
            p as *mut PyRef
        };
        self.ob_item.set(new_ptr);
        self.allocated.set(cap as isize);
        Ok(new_ptr)
    }

    /// `list_resize(newsize)`: set the length, reallocating by CPython's rule. Slots between the
    /// old and new length are uninitialised when growing; shrinking must drop them first.
    pub(crate) fn resize(&self, newsize: usize) -> PyResult<()> {
        if let Some(cap) = resize_capacity(self.capacity(), self.len(), newsize) {
            match self.realloc_buffer(cap) {
                Ok(_) => {}
                // A failed shrink keeps the larger buffer (the items are already moved).
                Err(_) if newsize <= self.capacity() => {}
                Err(e) => return Err(e),
            }
        }
        self.ob_base.set_ob_size(newsize as isize);
        Ok(())
    }

    /// `list.append(item)`.
    pub fn append(&self, item: PyRef) -> PyResult<()> {
        let n = self.len();
        if self.capacity() > n {
            // SAFETY: `n < allocated`: the slot exists and is uninitialised.
            unsafe { self.ob_item.get().add(n).write(item) };
            self.ob_base.set_ob_size(n as isize + 1);
            return Ok(());
        }
        self.resize(n + 1)?;
        // SAFETY: resize made room for slot `n`.
        unsafe { self.ob_item.get().add(n).write(item) };
        Ok(())
    }

    /// `l[i] = item` for `0 <= i < len`; the old item is dropped after the store.
    pub fn set(&self, i: usize, item: PyRef) -> PyResult<()> {
        if i >= self.len() {
            return Err(PyErr::new(
                ExcKind::IndexError,
                "list assignment index out of range",
            ));
        }
        // SAFETY: `i < ob_size`: an initialised slot; replace then drop the old value.
        let old = unsafe { std::ptr::replace(self.ob_item.get().add(i), item) };
        drop(old);
        Ok(())
    }

    /// `list.insert(i, item)` with an already-clamped index (`i <= len`).
    pub fn insert(&self, i: usize, item: PyRef) -> PyResult<()> {
        let n = self.len();
        let i = i.min(n);
        self.resize(n + 1)?;
        // SAFETY: the buffer has `n + 1` slots; shift `[i, n)` up by one and fill slot `i`.
        unsafe {
            let p = self.ob_item.get();
            std::ptr::copy(p.add(i), p.add(i + 1), n - i);
            p.add(i).write(item);
        }
        Ok(())
    }

    /// `list.pop(i)` with a valid index; returns the item (the caller drops it).
    pub fn pop(&self, i: usize) -> PyResult<PyRef> {
        let n = self.len();
        if i >= n {
            return Err(PyErr::new(
                ExcKind::IndexError,
                if n == 0 {
                    "pop from empty list"
                } else {
                    "pop index out of range"
                },
            ));
        }
        // SAFETY: move slot `i` out, close the gap; then shrink (no slot beyond n-1 is initialised).
        let item = unsafe {
            let p = self.ob_item.get();
            let item = p.add(i).read();
            std::ptr::copy(p.add(i + 1), p.add(i), n - i - 1);
            item
        };
        // Shrink the length first so a failed reallocation cannot leave a duplicated slot.
        self.ob_base.set_ob_size(n as isize - 1);
        self.resize(n - 1)?;
        Ok(item)
    }

    /// `list.clear()` / `del l[:]`: detach the buffer (capacity 0, no buffer), then drop the items
    /// last to first.
    pub fn clear(&self) {
        let p = self.ob_item.replace(std::ptr::null_mut());
        let n = self.len();
        let cap = self.capacity();
        self.ob_base.set_ob_size(0);
        self.allocated.set(0);
        if p.is_null() {
            return;
        }
        // SAFETY: the detached buffer's first `n` slots are initialised and owned only here now.
        unsafe {
            for i in (0..n).rev() {
                std::ptr::drop_in_place(p.add(i));
            }
            if cap > 0
                && let Some(l) = buffer_layout(cap)
            {
                std::alloc::dealloc(p as *mut u8, l);
            }
        }
    }

    /// New references to all items (a snapshot safe against mutation during iteration).
    pub fn to_vec(&self) -> Vec<PyRef> {
        (0..self.len()).filter_map(|i| self.get(i)).collect()
    }
}

impl PyList {
    /// The item buffer (null when there is none).
    #[inline]
    pub(crate) fn items_ptr(&self) -> *mut PyRef {
        self.ob_item.get()
    }

    /// `list_new_prealloc(n)`: an empty list with capacity exactly `n`.
    pub fn with_capacity(py: Python<'_>, n: usize) -> PyResult<PyRef<PyList>> {
        let l = PyList::new_empty(py);
        if n > 0 {
            l.realloc_buffer(n)?;
        }
        Ok(l)
    }

    /// Push while `len < capacity` (the caller made room).
    pub(crate) fn push_within_capacity(&self, item: PyRef) {
        let n = self.len();
        debug_assert!(n < self.capacity());
        // SAFETY: `n < allocated`: the slot exists and is uninitialised.
        unsafe { self.ob_item.get().add(n).write(item) };
        self.ob_base.set_ob_size(n as isize + 1);
    }

    /// A list of new references to the items of `src`, capacity exactly `src.len()`.
    pub fn from_slice(py: Python<'_>, src: &[PyRef]) -> PyResult<PyRef<PyList>> {
        let l = PyList::with_capacity(py, src.len())?;
        for x in src {
            l.push_within_capacity(x.clone());
        }
        Ok(l)
    }

    /// `list_slice(lo, hi)` for `0 <= lo`, `hi <= len` (exact capacity; `[]` has no buffer).
    pub fn slice(&self, py: Python<'_>, lo: usize, hi: usize) -> PyResult<PyRef<PyList>> {
        let n = hi.saturating_sub(lo);
        let l = PyList::with_capacity(py, n)?;
        for i in lo..lo + n {
            if let Some(x) = self.get(i) {
                l.push_within_capacity(x);
            }
        }
        Ok(l)
    }

    /// `list_preallocate_exact(n)`: give a list without a buffer room for `n` items, rounded up
    /// to even (CPython's allocator granularity).
    fn preallocate_exact(&self, n: usize) -> PyResult<()> {
        debug_assert!(!self.has_buffer());
        let n = n.checked_add(1).ok_or_else(memory_error)? & !1;
        self.realloc_buffer(n)?;
        Ok(())
    }

    /// `list.extend(iterable)` (`list_extend`) with CPython's capacity rules: exact (even)
    /// pre-allocation into a list without buffer, the resize rule otherwise, the length hint
    /// for other iterables and a final trim.
    pub fn extend(&self, py: Python<'_>, iterable: &PyObject) -> PyResult<()> {
        if is_exact_list_or_tuple(py, iterable) || iterable.is(self.as_object()) {
            let items = iter::sequence_fast(py, iterable, "argument must be iterable")?;
            return self.extend_from_items(items);
        }
        let it = iter::get_iter(py, iterable)?;
        let hint = iter::length_hint(py, iterable, 8)?;
        let m = self.len();
        if m.checked_add(hint).is_none_or(|t| t > isize::MAX as usize) {
            // The hint lied or we will run out of memory in the loop; ignore it.
        } else if !self.has_buffer() {
            if hint > 0 {
                self.preallocate_exact(hint)?;
            }
        } else {
            self.resize(m + hint)?;
            self.ob_base.set_ob_size(m as isize);
        }
        let result = (|| {
            while let Some(item) = iter::iter_next(py, &it)? {
                if self.len() < self.capacity() {
                    self.push_within_capacity(item);
                } else {
                    self.append(item)?;
                }
            }
            Ok(())
        })();
        // Cut back if the guess was too large (also after an error, like CPython's
        // `list_resize` on the success path; on error CPython leaves the capacity).
        if result.is_ok() && self.len() < self.capacity() {
            self.resize(self.len())?;
        }
        result
    }

    /// Append `items` (the list/tuple branch of `list_extend`).
    fn extend_from_items(&self, items: Vec<PyRef>) -> PyResult<()> {
        let n = items.len();
        if n == 0 {
            return Ok(());
        }
        let m = self.len();
        if !self.has_buffer() {
            self.preallocate_exact(n)?;
        } else {
            self.resize(m + n)?;
            self.ob_base.set_ob_size(m as isize);
        }
        for item in items {
            self.push_within_capacity(item);
        }
        Ok(())
    }

    /// `list(iterable)` (`list___init__` on a new list): pre-size from `len()` when the object
    /// has one, then `extend`.
    pub fn from_iterable(py: Python<'_>, iterable: &PyObject) -> PyResult<PyRef<PyList>> {
        let l = PyList::new_empty(py);
        l.init_from(py, iterable)?;
        Ok(l)
    }

    /// `list.__init__(self, iterable)`: clear, pre-size from `len()`, extend.
    pub fn init_from(&self, py: Python<'_>, iterable: &PyObject) -> PyResult<()> {
        if self.has_buffer() {
            self.clear();
        }
        if let Some(len) = iterable.ob_type().slots.len {
            match len(py, iterable) {
                Ok(n) if n > 0 && !self.has_buffer() => self.preallocate_exact(n)?,
                Ok(_) => {}
                Err(e) if e.is_kind(ExcKind::TypeError) => {}
                Err(e) => return Err(e),
            }
        }
        self.extend(py, iterable)
    }

    /// `list_ass_slice(ilow, ihigh, v)`: replace `self[ilow:ihigh]` by the items of `v`
    /// (`None` deletes). `v` may be the list itself (it is copied first).
    pub fn ass_slice(
        &self,
        py: Python<'_>,
        ilow: isize,
        ihigh: isize,
        v: Option<&PyObject>,
    ) -> PyResult<()> {
        let items = match v {
            None => Vec::new(),
            Some(v) if v.is(self.as_object()) => self.to_vec(),
            Some(v) => iter::sequence_fast(py, v, "can only assign an iterable")?,
        };
        self.ass_slice_items(ilow, ihigh, items)
    }

    /// The core of `list_ass_slice` once the new items are known.
    pub(crate) fn ass_slice_items(
        &self,
        ilow: isize,
        ihigh: isize,
        items: Vec<PyRef>,
    ) -> PyResult<()> {
        let size = self.len() as isize;
        let ilow = ilow.clamp(0, size);
        let ihigh = ihigh.clamp(ilow, size);
        let (lo, hi) = (ilow as usize, ihigh as usize);
        let n = items.len();
        let norig = hi - lo;
        if self.len() + n - norig == 0 {
            self.clear();
            return Ok(());
        }
        let p = self.ob_item.get();
        // Move the replaced items out first ("recycle"); they are dropped at the very end.
        let mut recycle: Vec<PyRef> = Vec::with_capacity(norig);
        for i in lo..hi {
            // SAFETY: `i < ob_size`: initialised; the slot is overwritten or closed below.
            recycle.push(unsafe { p.add(i).read() });
        }
        let len = self.len();
        if n < norig {
            // SAFETY: shift the tail `[hi, len)` down to `lo + n`; in bounds of the old buffer.
            unsafe { std::ptr::copy(p.add(hi), p.add(lo + n), len - hi) };
            self.resize(len + n - norig)?;
        } else if n > norig {
            if let Err(e) = self.resize(len + n - norig) {
                // Put the recycled items back; the list is unchanged.
                for (k, item) in recycle.into_iter().enumerate() {
                    // SAFETY: the slots we read from are still in the unchanged buffer.
                    unsafe { p.add(lo + k).write(item) };
                }
                return Err(e);
            }
            let p = self.ob_item.get();
            // SAFETY: the buffer now holds `len + n - norig` slots; move the tail up.
            unsafe { std::ptr::copy(p.add(hi), p.add(lo + n), len - hi) };
        }
        let p = self.ob_item.get();
        for (k, item) in items.into_iter().enumerate() {
            // SAFETY: slots `[lo, lo + n)` are vacated and inside the new length.
            unsafe { p.add(lo + k).write(item) };
        }
        // Drop the removed items last to first, after the list is consistent again.
        while let Some(x) = recycle.pop() {
            drop(x);
        }
        Ok(())
    }

    /// `del l[start:stop:step]` for an extended slice (`step != 1`, already normalised with
    /// `slicelength > 0` items selected).
    pub(crate) fn delete_extended(
        &self,
        mut start: isize,
        step: isize,
        slicelength: usize,
    ) -> PyResult<()> {
        if slicelength == 0 {
            return Ok(());
        }
        let mut step = step;
        if step < 0 {
            // Walk forwards: `start` becomes the lowest selected index.
            start += step * (slicelength as isize - 1);
            step = -step;
        }
        let (start, step) = (start as usize, step as usize);
        let len = self.len();
        let p = self.ob_item.get();
        let mut garbage: Vec<PyRef> = Vec::with_capacity(slicelength);
        let mut dst = start;
        for k in 0..slicelength {
            let cur = start + k * step;
            // SAFETY: `cur < len`: initialised; moved out exactly once.
            garbage.push(unsafe { p.add(cur).read() });
            let next = (cur + step).min(len);
            let keep = next - cur - 1;
            // SAFETY: the kept run `(cur, next)` moves down to `dst`; all in bounds.
            unsafe { std::ptr::copy(p.add(cur + 1), p.add(dst), keep) };
            dst += keep;
        }
        let tail_start = start + slicelength * step;
        if tail_start < len {
            // SAFETY: the rest of the list after the last selected item.
            unsafe { std::ptr::copy(p.add(tail_start), p.add(dst), len - tail_start) };
        }
        self.ob_base.set_ob_size((len - slicelength) as isize);
        let r = self.resize(len - slicelength);
        drop(garbage);
        r
    }

    /// `list_repeat`: `self * n` (exact capacity; `MemoryError` for impossible sizes).
    pub fn repeat(&self, py: Python<'_>, n: isize) -> PyResult<PyRef<PyList>> {
        let n = n.max(0) as usize;
        let len = self.len();
        let size = len.checked_mul(n).filter(|&s| s <= isize::MAX as usize);
        let Some(size) = size else {
            return Err(memory_error());
        };
        if size == 0 {
            return Ok(PyList::new_empty(py));
        }
        buffer_layout(size)
            .filter(|l| l.size() <= isize::MAX as usize)
            .ok_or_else(memory_error)?;
        let out = PyList::with_capacity(py, size)?;
        let items = self.to_vec();
        for _ in 0..n {
            for x in &items {
                out.push_within_capacity(x.clone());
            }
        }
        Ok(out)
    }

    /// `list_inplace_repeat`: `self *= n`.
    pub fn inplace_repeat(&self, n: isize) -> PyResult<()> {
        let len = self.len();
        if len == 0 || n == 1 {
            return Ok(());
        }
        if n < 1 {
            self.clear();
            return Ok(());
        }
        let n = n as usize;
        let size = len
            .checked_mul(n)
            .filter(|&s| s <= isize::MAX as usize)
            .ok_or_else(memory_error)?;
        buffer_layout(size).ok_or_else(memory_error)?;
        let items = self.to_vec();
        self.resize(size)?;
        self.ob_base.set_ob_size(len as isize);
        for _ in 1..n {
            for x in &items {
                self.push_within_capacity(x.clone());
            }
        }
        Ok(())
    }

    /// Move the last `k` items out and shorten the list without reallocating (what `UNPACK_EX`
    /// does with `Py_SET_SIZE`).
    pub fn take_tail(&self, k: usize) -> Vec<PyRef> {
        let n = self.len();
        let k = k.min(n);
        let p = self.ob_item.get();
        // Shorten first: the moved-out slots are no longer part of the list.
        self.ob_base.set_ob_size((n - k) as isize);
        // SAFETY: slots `[n - k, n)` were initialised and are now outside the length, so each
        // is read (moved) exactly once.
        (n - k..n).map(|i| unsafe { p.add(i).read() }).collect()
    }

    /// `list.reverse()` in place.
    pub fn reverse(&self) {
        let n = self.len();
        if n < 2 {
            return;
        }
        // SAFETY: the first `n` slots are initialised; reversing moves no ownership.
        unsafe { std::slice::from_raw_parts_mut(self.ob_item.get(), n) }.reverse();
    }

    /// Detach the items for `sort` (`ob_item = NULL`, `allocated = -1`): returns the buffer,
    /// its length and capacity.
    pub(crate) fn detach_for_sort(&self) -> (*mut PyRef, usize, usize) {
        let p = self.ob_item.replace(std::ptr::null_mut());
        let n = self.len();
        let cap = self.capacity();
        self.ob_base.set_ob_size(0);
        self.allocated.set(-1);
        (p, n, cap)
    }

    /// Re-attach the buffer after `sort`; returns `false` if the list was modified meanwhile
    /// (its new contents are then cleared and replaced by the sorted items anyway).
    ///
    /// # Safety
    /// `(p, n, cap)` came from [`PyList::detach_for_sort`] on this list.
    pub(crate) unsafe fn reattach_after_sort(&self, p: *mut PyRef, n: usize, cap: usize) -> bool {
        let modified = self.allocated.get() != -1 || !self.ob_item.get().is_null();
        let old_p = self.ob_item.replace(p);
        let old_n = self.len();
        let old_cap = self.capacity();
        self.ob_base.set_ob_size(n as isize);
        self.allocated.set(cap as isize);
        if !old_p.is_null() {
            // SAFETY: the buffer made during the sort: its first `old_n` slots are initialised
            // and nothing else refers to it now.
            unsafe {
                for i in (0..old_n).rev() {
                    std::ptr::drop_in_place(old_p.add(i));
                }
                if old_cap > 0
                    && let Some(l) = buffer_layout(old_cap)
                {
                    std::alloc::dealloc(old_p as *mut u8, l);
                }
            }
        }
        !modified
    }
}

/// `list.__sizeof__()` value: 40 + 8 × capacity.
///
/// During `sort` CPython's `allocated` is -1, so the list reports 32 then.
pub fn list_sizeof_value(l: &PyList) -> usize {
    // `_PyObject_SIZE(Py_TYPE(self))`: subclasses report their own basic size.
    (l.ob_base.ob_base.ob_type().basicsize as isize
        + size_of::<PyRef>() as isize * l.allocated.get()) as usize
}

fn as_list(obj: &PyObject) -> &PyList {
    // SAFETY: only called from list's own slots.
    unsafe { &*(obj as *const PyObject as *const PyList) }
}

/// `list_dealloc`: untrack; inside the trashcan drop items last to first, free buffer and object.
unsafe fn list_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead list: nothing else can reach it, so `clear` + free is sound.
    unsafe {
        gc::untrack(py, obj.as_ref());
        with_trashcan(py, obj, || {
            as_list(obj.as_ref()).clear();
            if PyList::is_exact_type_of(py, obj.as_ref())
                && free_list::push(py, 0, free_list::LIST_MAXFREELIST, obj)
            {
                return;
            }
            free_object(py, obj, size_of::<PyList>());
        });
    }
}

/// `list_traverse`: items from last to first. Each item is visited through a new reference, so
/// a visitor that mutates the list cannot leave a dangling borrow.
fn list_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let l = as_list(obj);
    for i in (0..l.len()).rev() {
        if let Some(item) = l.get(i) {
            visit(&item)?;
        }
    }
    ControlFlow::Continue(())
}

fn list_clear_slot(_py: Python<'_>, obj: &PyObject) {
    as_list(obj).clear();
}

/// `list.__sizeof__`: 40 + 8 × capacity.
fn list_sizeof(obj: &PyObject) -> usize {
    list_sizeof_value(as_list(obj))
}

fn list_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let l = as_list(obj);
    if l.is_empty() {
        return Ok(PyStr::new(py, "[]"));
    }
    let Some(_guard) = protocol::ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, "[...]"));
    };
    let mut out = String::from("[");
    let mut i = 0;
    // Re-read the length each time: an item's repr may mutate the list.
    while let Some(item) = l.get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&protocol::repr(py, &item)?.to_string_lossy());
        i += 1;
    }
    out.push(']');
    Ok(PyStr::new(py, &out))
}

fn list_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PyList>(py) else {
        return Ok(py.not_implemented());
    };
    // Compare snapshots: user `__eq__` may mutate either list.
    protocol::sequence_richcompare(py, &as_list(a).to_vec(), &b.to_vec(), op)
}
