//! Iterators over `str`, `bytes` and `bytearray` (`str_ascii_iterator`, `str_iterator`,
//! `bytes_iterator`, `bytearray_iterator`): GC objects of 32 bytes holding an index and the
//! sequence, which they drop when exhausted (as CPython does).

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::bytearray::PyByteArray;
use crate::objects::bytes::PyBytes;
use crate::objects::int::PyInt;
use crate::objects::str::{PyStr, str_char};
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A sequence iterator (`unicodeiterobject` / `striterobject` / `bytesiterobject`).
#[repr(C)]
pub struct PySeqIter {
    ob_base: PyObject,
    index: Cell<usize>,
    seq: Cell<Option<PyRef>>,
}

const _: () = assert!(size_of::<PySeqIter>() == 32);

// SAFETY: #[repr(C)], header first; the check accepts the four iterator types, which share the
// layout.
unsafe impl PyPayload for PySeqIter {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().str_iterator()
    }
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        let t = obj.ob_type();
        let ts = py.types();
        std::ptr::eq(t, ts.str_ascii_iterator())
            || std::ptr::eq(t, ts.str_iterator())
            || std::ptr::eq(t, ts.bytes_iterator())
            || std::ptr::eq(t, ts.bytearray_iterator())
    }
}

static ITER_METHODS: &[MethodDef] = &[MethodDef::new("__length_hint__", iter_length_hint)];

fn iter_spec(name: &'static str, next: crate::objects::type_::IterNextFn) -> TypeSpec {
    TypeSpec {
        methods: ITER_METHODS,
        name,
        basicsize: 32,
        itemsize: 0,
        flags: 0x5180,
        slots: TypeSlots {
            traverse: Some(iter_traverse),
            clear: Some(iter_clear),
            iter: Some(iter_self),
            iternext: Some(next),
            ..TypeSlots::new(iter_dealloc)
        },
    }
}

/// `str_ascii_iterator`'s spec.
pub(crate) fn str_ascii_iterator_spec() -> TypeSpec {
    iter_spec("str_ascii_iterator", str_iter_next)
}

/// `str_iterator`'s spec.
pub(crate) fn str_iterator_spec() -> TypeSpec {
    iter_spec("str_iterator", str_iter_next)
}

/// `bytes_iterator`'s spec.
pub(crate) fn bytes_iterator_spec() -> TypeSpec {
    iter_spec("bytes_iterator", bytes_iter_next)
}

/// `bytearray_iterator`'s spec.
pub(crate) fn bytearray_iterator_spec() -> TypeSpec {
    iter_spec("bytearray_iterator", bytearray_iter_next)
}

/// A new iterator of type `ty` over `seq`, tracked by the GC.
pub fn new_seq_iter(py: Python<'_>, ty: &PyType, seq: PyRef) -> PyRef {
    // SAFETY: both fields are written before the handle exists; tracked once initialised.
    let it = unsafe {
        let p = alloc_object(py, ty, size_of::<PySeqIter>()).cast::<PySeqIter>();
        std::ptr::addr_of_mut!((*p.as_ptr()).index).write(Cell::new(0));
        std::ptr::addr_of_mut!((*p.as_ptr()).seq).write(Cell::new(Some(seq)));
        PyRef::from_raw(p)
    };
    gc::track(py, it.as_object());
    it.into_object()
}

/// `iter(s)` for `str`: a `str_ascii_iterator` for ASCII strings, else a `str_iterator`.
pub(crate) fn str_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let ascii = obj.downcast_ref::<PyStr>(py).is_some_and(PyStr::is_ascii);
    let ty = if ascii {
        py.types().str_ascii_iterator()
    } else {
        py.types().str_iterator()
    };
    Ok(new_seq_iter(py, ty, obj.to_owned_ref()))
}

fn as_iter(obj: &PyObject) -> &PySeqIter {
    // SAFETY: only called from the iterator types' own slots.
    unsafe { &*(obj as *const PyObject as *const PySeqIter) }
}

impl PySeqIter {
    /// A new reference to the sequence (`None` once exhausted).
    fn seq(&self) -> Option<PyRef> {
        // SAFETY: cloning only increments a count and cannot re-enter the iterator.
        unsafe { (*self.seq.as_ptr()).clone() }
    }

    /// Drop the sequence (exhaustion or `tp_clear`).
    fn release(&self) {
        let old = self.seq.replace(None);
        drop(old);
    }

    /// Advance over a sequence of `len` items, fetching item `i` with `get`.
    fn step(
        &self,
        len: impl Fn(&PyObject) -> usize,
        get: impl Fn(&PyObject, usize) -> PyRef,
    ) -> Option<PyRef> {
        let seq = self.seq()?;
        let i = self.index.get();
        if i < len(&seq) {
            self.index.set(i + 1);
            Some(get(&seq, i))
        } else {
            self.release();
            None
        }
    }
}

fn str_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    Ok(as_iter(obj).step(
        |s| s.downcast_ref::<PyStr>(py).map_or(0, PyStr::len),
        |s, i| {
            let c = s
                .downcast_ref::<PyStr>(py)
                .and_then(|s| s.code_point(i))
                .unwrap_or(0);
            str_char(py, c).into_object()
        },
    ))
}

fn bytes_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    Ok(as_iter(obj).step(
        |s| s.downcast_ref::<PyBytes>(py).map_or(0, PyBytes::len),
        |s, i| {
            let b = s
                .downcast_ref::<PyBytes>(py)
                .and_then(|b| b.as_bytes().get(i).copied())
                .unwrap_or(0);
            PyInt::new(py, i64::from(b)).into_object()
        },
    ))
}

fn bytearray_iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    Ok(as_iter(obj).step(
        |s| {
            s.downcast_ref::<PyByteArray>(py)
                .map_or(0, PyByteArray::len)
        },
        |s, i| {
            let b = s
                .downcast_ref::<PyByteArray>(py)
                .and_then(|b| b.get(i))
                .unwrap_or(0);
            PyInt::new(py, i64::from(b)).into_object()
        },
    ))
}

fn iter_self(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

fn iter_length_hint(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__length_hint__", 0, 0)?;
    let it = as_iter(this);
    let n = match it.seq() {
        None => 0,
        Some(s) => {
            let len = if let Some(x) = s.downcast_ref::<PyStr>(py) {
                x.len()
            } else if let Some(x) = s.downcast_ref::<PyBytes>(py) {
                x.len()
            } else if let Some(x) = s.downcast_ref::<PyByteArray>(py) {
                x.len()
            } else {
                0
            };
            len.saturating_sub(it.index.get())
        }
    };
    Ok(PyInt::new(py, n as i64).into_object())
}

unsafe fn iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead iterator: untrack, drop the sequence reference, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PySeqIter>();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p.as_ptr()).seq));
        free_object(py, obj, size_of::<PySeqIter>());
    }
}

fn iter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    match as_iter(obj).seq() {
        Some(s) => visit(&s),
        None => ControlFlow::Continue(()),
    }
}

fn iter_clear(_py: Python<'_>, obj: &PyObject) {
    as_iter(obj).release();
}
