//! Object memory: the pre-headers (managed dict, GC head) and allocation/free.
//!
//! Memory of an object of type `T`, from low to high addresses:
//!
//! ```text
//! [ managed dict: values ptr, dict ptr ]   16 bytes, only if T has MANAGED_DICT
//! [ GcHead: gc_next, gc_prev ]             16 bytes, only if T has HAVE_GC
//! [ ob_refcnt, ob_type, ...body... ]       the pointer every handle holds
//! ```
//!
//! This is CPython 3.11's layout, so `sys.getsizeof` = `__sizeof__` + [`preheader_size`].

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

use crate::gc::{GC_HEAD_SIZE, GcHead, GcState};
use crate::gil::Python;
use crate::object::PyObject;
use crate::objects::type_::{PyType, TypeFlags};

/// Size of the managed-dict pre-header (dict pointer and inline-values pointer).
pub const MANAGED_DICT_SIZE: usize = 16;

/// Alignment of every object allocation.
pub const OBJECT_ALIGN: usize = 8;

/// The two managed-dict words in front of the GC head (`_PyObject_ManagedDictPointer` is
/// `obj - 3` words, the values pointer `obj - 4` words).
#[repr(C)]
pub struct ManagedDictHeader {
    /// Inline values array (3.11 "inline values"), null until the first attribute is set.
    pub values: Cell<*mut u8>,
    /// The materialised `__dict__`, null until requested.
    pub dict: Cell<*mut PyObject>,
}

/// Bytes in front of the object for this type (cpython-rules 1.1).
#[inline]
pub fn preheader_size(flags: TypeFlags) -> usize {
    let mut n = 0;
    if flags.contains(TypeFlags::HAVE_GC) {
        n += GC_HEAD_SIZE;
    }
    if flags.contains(TypeFlags::MANAGED_DICT) {
        n += MANAGED_DICT_SIZE;
    }
    n
}

fn layout_for(total: usize) -> Layout {
    match Layout::from_size_align(total.max(OBJECT_ALIGN), OBJECT_ALIGN) {
        Ok(l) => l,
        // Only reachable with sizes near isize::MAX, which callers reject first.
        Err(_) => std::alloc::handle_alloc_error(Layout::new::<usize>()),
    }
}

/// Allocate an object of `body_size` bytes (header included) plus `ty`'s pre-header, write the
/// header (count 1, type `ty`) and zero the pre-header (untracked). The body after the header is
/// uninitialised. Counts a GC allocation in `gc` if `ty` is a GC type and `gc` is given.
///
/// # Safety
/// `body_size >= size_of::<PyObject>()`, `ty` must outlive the object, and the caller must
/// initialise the body before the object is used. The GIL of `gc`'s interpreter must be held.
pub(crate) unsafe fn alloc_object_in(
    gc: Option<&GcState>,
    ty: NonNull<PyType>,
    body_size: usize,
) -> NonNull<PyObject> {
    // SAFETY: the caller guarantees `ty` is live.
    let flags = unsafe { ty.as_ref() }.flags();
    let pre = preheader_size(flags);
    let layout = layout_for(pre + body_size);
    // SAFETY: the layout has non-zero size.
    let base = unsafe { std::alloc::alloc(layout) };
    if base.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    // SAFETY: `base` points to `pre + body_size` writable bytes; the pre-header words and the
    // header are written in bounds, at 8-aligned offsets.
    unsafe {
        // The pre-header is 0, 2 or 4 words: store them (a variable-length `write_bytes` is a
        // `memset` call on every allocation).
        let words = base as *mut usize;
        match pre {
            0 => {}
            GC_HEAD_SIZE => {
                words.write(0);
                words.add(1).write(0);
            }
            _ => {
                for i in 0..pre / size_of::<usize>() {
                    words.add(i).write(0);
                }
            }
        }
        let obj = base.add(pre) as *mut PyObject;
        obj.write(PyObject::new_header(ty));
        if flags.contains(TypeFlags::HEAPTYPE) {
            // An instance owns a reference to its class (`PyType_GenericAlloc`), given back by
            // `free_object` (`subtype_dealloc`).
            ty.as_ref().as_object().incref();
        }
        if flags.contains(TypeFlags::HAVE_GC)
            && let Some(gc) = gc
        {
            gc.on_alloc();
        }
        NonNull::new_unchecked(obj)
    }
}

/// [`alloc_object_in`] for the current interpreter (`PyObject_Malloc` / `_PyObject_GC_New`).
///
/// # Safety
/// As for [`alloc_object_in`].
#[inline]
pub unsafe fn alloc_object(py: Python<'_>, ty: &PyType, body_size: usize) -> NonNull<PyObject> {
    // SAFETY: forwarded.
    unsafe { alloc_object_in(Some(&py.interp().gc), NonNull::from(ty), body_size) }
}

/// Free an object's memory (`PyObject_Free` / `PyObject_GC_Del`), given the same `body_size` it
/// was allocated with. A GC object must already be untracked.
///
/// # Safety
/// `obj` was returned by [`alloc_object`] with this `body_size`, nobody references it any more and
/// its fields have been released.
pub unsafe fn free_object(py: Python<'_>, obj: NonNull<PyObject>, body_size: usize) {
    // SAFETY: the object header is still intact.
    let ty = unsafe { obj.as_ref() }.ob_type_ptr();
    // SAFETY: the type outlives its instances.
    let flags = unsafe { ty.as_ref() }.flags();
    let pre = preheader_size(flags);
    if flags.contains(TypeFlags::HAVE_GC) {
        // SAFETY: GC type, so the head exists.
        debug_assert!(!unsafe { GcHead::of(obj.as_ref()) }.is_tracked());
        py.interp().gc.on_free();
    }
    // SAFETY: same base pointer and layout as the allocation.
    unsafe {
        std::alloc::dealloc(
            (obj.as_ptr() as *mut u8).sub(pre),
            layout_for(pre + body_size),
        );
    }
    if flags.contains(TypeFlags::HEAPTYPE) {
        // SAFETY: the reference to the class the instance owned since `alloc_object_in`.
        drop(unsafe { crate::object::PyRef::<PyObject>::from_raw(ty.cast()) });
    }
}

/// The managed-dict pre-header of `obj`.
///
/// # Safety
/// `obj`'s type must have the MANAGED_DICT flag.
pub unsafe fn managed_dict_header(obj: &PyObject) -> &ManagedDictHeader {
    // SAFETY: the managed-dict words sit just before the GC head.
    unsafe {
        &*((obj as *const PyObject as *const u8).sub(GC_HEAD_SIZE + MANAGED_DICT_SIZE)
            as *const ManagedDictHeader)
    }
}

/// Allocate an object of layout `T` and type `ty`, built by `make` from its fresh header (count
/// 1). GC types are *not* tracked yet: call `gc::track` once the object is complete.
pub fn new_object<T: crate::object::PyPayload>(
    py: Python<'_>,
    ty: &PyType,
    make: impl FnOnce(PyObject) -> T,
) -> crate::object::PyRef<T> {
    let value = make(PyObject::new_header(NonNull::from(ty)));
    // SAFETY: the body is `size_of::<T>()` bytes, written in full before the handle exists; `T`
    // starts with the header (PyPayload contract) and `ty` outlives the object (types are
    // immortal or kept alive by their instances).
    unsafe {
        let p = alloc_object(py, ty, size_of::<T>()).cast::<T>();
        p.as_ptr().write(value);
        crate::object::PyRef::from_raw(p)
    }
}

/// The `tp_dealloc` of a type whose layout is `T`: untrack (GC types), drop the fields, free.
///
/// # Safety
/// As any dealloc slot: `obj` is dead (count 0), was made by [`new_object`] as a `T`, and the
/// GIL is held.
pub unsafe fn dealloc_object<T>(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: forwarded from the caller.
    unsafe {
        if obj.as_ref().ob_type().is_gc() {
            crate::gc::untrack(py, obj.as_ref());
        }
        std::ptr::drop_in_place(obj.cast::<T>().as_ptr());
        free_object(py, obj, size_of::<T>());
    }
}
