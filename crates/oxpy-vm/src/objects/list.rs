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
use crate::object::protocol;
use crate::object::trashcan::with_trashcan;
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::str::PyStr;
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
        methods: &[],
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

impl PyList {
    /// `[]`: empty, no buffer (capacity 0, `ob_item == NULL`).
    pub fn new_empty(py: Python<'_>) -> PyRef<PyList> {
        // SAFETY: all fields written before use; tracked after initialisation.
        let l = unsafe {
            let obj = alloc_object(py, py.types().list(), size_of::<PyList>());
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
        self.allocated.get().unsigned_abs()
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
    fn resize(&self, newsize: usize) -> PyResult<()> {
        if let Some(cap) = resize_capacity(self.capacity(), self.len(), newsize) {
            self.realloc_buffer(cap)?;
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
    size_of::<PyList>() + size_of::<PyRef>() * as_list(obj).capacity()
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
