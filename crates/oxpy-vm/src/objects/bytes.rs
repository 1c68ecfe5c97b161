//! `bytes`: immutable byte strings stored inline with a trailing NUL (33 + n bytes, as CPython).

use std::cell::Cell;
use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, alloc_object_in, free_object};
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec};

/// A `bytes` object (`PyBytesObject`): var header, cached hash, then `ob_size + 1` bytes.
#[repr(C)]
pub struct PyBytes {
    ob_base: PyVarObject,
    hash: Cell<isize>,
}

const DATA_OFFSET: usize = size_of::<PyBytes>();
const _: () = assert!(DATA_OFFSET == 32);

// SAFETY: #[repr(C)], header first; BYTES_SUBCLASS marks bytes and its subclasses.
unsafe impl PyPayload for PyBytes {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().bytes()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::BYTES_SUBCLASS)
    }
}

/// `bytes`'s spec (basicsize 33, itemsize 1, `__flags__` 0x8401500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "bytes",
        basicsize: 33,
        itemsize: 1,
        flags: 0x0840_1500,
        slots: TypeSlots {
            hash: Some(bytes_hash),
            repr: Some(bytes_repr),
            richcompare: Some(bytes_richcompare),
            ..TypeSlots::new(bytes_dealloc)
        },
    }
}

fn body_size(n: usize) -> usize {
    DATA_OFFSET + n + 1
}

fn alloc_bytes(py: Option<Python<'_>>, ty: NonNull<PyType>, data: &[u8]) -> PyRef<PyBytes> {
    // SAFETY: not a GC type; header, hash and n + 1 data bytes are written before use.
    unsafe {
        let n = data.len();
        let obj = match py {
            Some(py) => alloc_object(py, ty.as_ref(), body_size(n)),
            None => alloc_object_in(None, ty, body_size(n)),
        };
        let p = obj.cast::<PyBytes>().as_ptr();
        (*p).ob_base.set_ob_size(n as isize);
        std::ptr::addr_of_mut!((*p).hash).write(Cell::new(-1));
        let d = (p as *mut u8).add(DATA_OFFSET);
        std::ptr::copy_nonoverlapping(data.as_ptr(), d, n);
        d.add(n).write(0);
        PyRef::from_raw(NonNull::new_unchecked(p))
    }
}

/// Build a bytes object during start-up (no caches).
pub(crate) fn new_in(ty: NonNull<PyType>, data: &[u8]) -> PyRef<PyBytes> {
    alloc_bytes(None, ty, data)
}

impl PyBytes {
    /// A `bytes` object with a copy of `data`; `b''` and single bytes are shared singletons.
    pub fn new(py: Python<'_>, data: &[u8]) -> PyRef<PyBytes> {
        match data {
            [] => return py.interp().singletons.empty_bytes.clone(),
            [b] => {
                if let Some(r) = py.interp().singletons.bytes_chars.get(usize::from(*b)) {
                    return r.clone();
                }
            }
            _ => {}
        }
        alloc_bytes(Some(py), NonNull::from(py.types().bytes()), data)
    }

    /// Number of bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.ob_base.ob_size().unsigned_abs()
    }

    /// True for `b''`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The content.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: `len` initialised bytes follow the struct in the same allocation.
        unsafe {
            std::slice::from_raw_parts(
                (self as *const PyBytes as *const u8).add(DATA_OFFSET),
                self.len(),
            )
        }
    }

    /// `hash(b)`, computed once and cached.
    pub fn hash(&self, py: Python<'_>) -> isize {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = py.interp().hash_secret.hash_bytes(self.as_bytes()) as isize;
        self.hash.set(h);
        h
    }
}

unsafe fn bytes_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: dead bytes object allocated with `body_size(len)`.
    unsafe {
        let n = obj.cast::<PyBytes>().as_ref().len();
        free_object(py, obj, body_size(n));
    }
}

fn as_bytes(obj: &PyObject) -> &PyBytes {
    // SAFETY: only called from bytes' own slots.
    unsafe { &*(obj as *const PyObject as *const PyBytes) }
}

fn bytes_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(as_bytes(obj).hash(py))
}

/// `bytes.__repr__`: `b'...'`, double quotes only if the data has `'` and no `"`.
pub fn repr_string(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(char::from(quote));
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(char::from(c));
            }
            0x20..=0x7e => out.push(char::from(c)),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(char::from(quote));
    out
}

fn bytes_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    Ok(PyStr::new(py, &repr_string(as_bytes(obj).as_bytes())))
}

fn bytes_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PyBytes>(py) else {
        return Ok(py.not_implemented());
    };
    Ok(py
        .bool(op.test(as_bytes(a).as_bytes().cmp(b.as_bytes())))
        .into_object())
}
