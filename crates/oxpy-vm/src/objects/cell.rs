//! `cell`: the box a closure variable lives in (`PyCellObject`).

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `cell` object: header + optional reference (24 bytes + 16 GC head, as CPython).
#[repr(C)]
pub struct PyCell {
    ob_base: PyObject,
    ob_ref: Cell<Option<PyRef>>,
}

const _: () = assert!(size_of::<PyCell>() == 24);

// SAFETY: #[repr(C)], header first; `cell` cannot be subclassed, so the exact check suffices.
unsafe impl PyPayload for PyCell {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().cell()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().cell())
    }
}

/// `cell`'s spec (basicsize 24, `__flags__` 0x5100).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "cell",
        basicsize: 24,
        itemsize: 0,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(cell_traverse),
            clear: Some(cell_clear),
            hash: None,
            ..TypeSlots::new(cell_dealloc)
        },
    }
}

impl PyCell {
    /// `PyCell_New(value)`; tracked from creation.
    pub fn new(py: Python<'_>, value: Option<PyRef>) -> PyRef<PyCell> {
        // SAFETY: the only field is written before use.
        let c = unsafe {
            let p = alloc_object(py, py.types().cell(), size_of::<PyCell>()).cast::<PyCell>();
            std::ptr::addr_of_mut!((*p.as_ptr()).ob_ref).write(Cell::new(value));
            PyRef::from_raw(p)
        };
        gc::track(py, &c.ob_base);
        c
    }

    /// A new reference to the contents (`None` = empty cell).
    pub fn get(&self) -> Option<PyRef> {
        // SAFETY: cloning only increments a count and cannot re-enter the cell.
        unsafe { (*self.ob_ref.as_ptr()).clone() }
    }

    /// Store `value`; the old contents are dropped after the store (`Py_XSETREF`).
    pub fn set(&self, value: Option<PyRef>) {
        let old = self.ob_ref.replace(value);
        drop(old);
    }
}

unsafe fn cell_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead cell: drop its reference, then free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let c = obj.cast::<PyCell>();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c.as_ptr()).ob_ref));
        free_object(py, obj, size_of::<PyCell>());
    }
}

fn as_cell(obj: &PyObject) -> &PyCell {
    // SAFETY: only called from cell's own slots.
    unsafe { &*(obj as *const PyObject as *const PyCell) }
}

fn cell_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // Visit through a new reference: the visitor may even empty the cell.
    match as_cell(obj).get() {
        Some(r) => visit(&r),
        None => ControlFlow::Continue(()),
    }
}

fn cell_clear(_py: Python<'_>, obj: &PyObject) {
    as_cell(obj).set(None);
}
