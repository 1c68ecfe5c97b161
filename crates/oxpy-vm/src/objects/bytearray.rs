//! `bytearray`: a mutable byte buffer with CPython's allocation policy (`PyByteArray_Resize`), so
//! `sys.getsizeof` (56 + allocated) matches after every operation. Not a GC type.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::bytes::{
    buffer_bytes, buffer_contains, data_from_object, encode_with, seq_index,
};
use crate::objects::int::PyInt;
use crate::objects::str::{PyStr, repeat_count, slice_length};
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};
use crate::ops::BinOp;

/// A `bytearray` object (`PyByteArrayObject`, 56 bytes).
#[repr(C)]
pub struct PyByteArray {
    ob_base: PyVarObject,
    /// `ob_alloc`: bytes allocated (0 = no buffer).
    ob_alloc: Cell<isize>,
    /// `ob_bytes`: the buffer (null when `ob_alloc == 0`).
    ob_bytes: Cell<*mut u8>,
    /// `ob_start`: logical start (always `ob_bytes` here: no front deletion offset yet).
    ob_start: Cell<*mut u8>,
    /// `ob_exports`: buffer exports (always 0 until memoryview exists).
    ob_exports: Cell<isize>,
}

const _: () = assert!(size_of::<PyByteArray>() == 56);

// SAFETY: #[repr(C)], header first; subclasses (when class statements exist) share the layout
// and are recognised through the MRO.
unsafe impl PyPayload for PyByteArray {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().bytearray()
    }
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().bytearray())
    }
}

/// `bytearray`'s spec (basicsize 56, not GC, `__flags__` 0x401500 before the version tag).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: crate::objects::bytes_methods::BYTEARRAY_METHODS,
        name: "bytearray",
        basicsize: 56,
        itemsize: 0,
        flags: 0x0040_1500,
        slots: TypeSlots {
            hash: None,
            repr: Some(bytearray_repr),
            richcompare: Some(bytearray_richcompare),
            sizeof: Some(bytearray_sizeof),
            binop: Some(bytearray_binop),
            len: Some(bytearray_len),
            getitem: Some(bytearray_getitem),
            setitem: Some(bytearray_setitem),
            contains: Some(bytearray_contains),
            iter: Some(bytearray_iter),
            ..TypeSlots::new(bytearray_dealloc)
        },
    }
}

fn buf_layout(n: usize) -> Option<std::alloc::Layout> {
    std::alloc::Layout::array::<u8>(n).ok()
}

/// The allocation `PyByteArray_Resize` picks when the length becomes `size` (no bytes deleted
/// from the front), or `None` when the buffer is kept (cpython-rules 1.5).
pub fn resize_alloc(alloc: usize, size: usize) -> Option<usize> {
    if size < alloc {
        if size < alloc / 2 {
            Some(size + 1)
        } else {
            None
        }
    } else if (size as f64) <= (alloc as f64) * 1.125 {
        Some(size + (size >> 3) + if size < 9 { 3 } else { 6 })
    } else {
        Some(size + 1)
    }
}

impl PyByteArray {
    /// `PyByteArray_FromStringAndSize(data)`: allocation `len + 1`, or none for empty data.
    pub fn new(py: Python<'_>, data: &[u8]) -> PyResult<PyRef<PyByteArray>> {
        let b = Self::new_empty(py);
        if !data.is_empty() {
            b.realloc(data.len() + 1, 0)?;
            b.set_len(data.len());
            b.write_at(0, data);
        }
        Ok(b)
    }

    /// `bytearray()`: no buffer.
    pub fn new_empty(py: Python<'_>) -> PyRef<PyByteArray> {
        // SAFETY: not a GC type; all fields written before the handle exists.
        unsafe {
            let p = alloc_object(py, py.types().bytearray(), size_of::<PyByteArray>())
                .cast::<PyByteArray>()
                .as_ptr();
            (*p).ob_base.set_ob_size(0);
            std::ptr::addr_of_mut!((*p).ob_alloc).write(Cell::new(0));
            std::ptr::addr_of_mut!((*p).ob_bytes).write(Cell::new(std::ptr::null_mut()));
            std::ptr::addr_of_mut!((*p).ob_start).write(Cell::new(std::ptr::null_mut()));
            std::ptr::addr_of_mut!((*p).ob_exports).write(Cell::new(0));
            PyRef::from_raw(NonNull::new_unchecked(p))
        }
    }

    /// Number of bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.ob_base.ob_size().unsigned_abs()
    }

    /// True if empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes allocated (`ob_alloc`), which `sys.getsizeof` reports.
    #[inline]
    pub fn allocated(&self) -> usize {
        self.ob_alloc.get().unsigned_abs()
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base.ob_base
    }

    /// `ob_start - ob_bytes`: bytes deleted from the front without moving the data.
    fn offset(&self) -> usize {
        (self.ob_start.get() as usize).wrapping_sub(self.ob_bytes.get() as usize)
    }

    /// Bytes usable from the logical start (`alloc - offset`).
    fn room(&self) -> usize {
        self.allocated().saturating_sub(self.offset())
    }

    fn set_len(&self, n: usize) {
        self.ob_base.set_ob_size(n as isize);
        if n < self.room() {
            // SAFETY: `n < alloc - offset`: the trailing NUL slot is inside the buffer.
            unsafe { self.ob_start.get().add(n).write(0) };
        }
    }

    /// A copy of the content.
    pub fn to_vec(&self) -> Vec<u8> {
        let p = self.ob_start.get();
        if p.is_null() {
            return Vec::new();
        }
        // SAFETY: `len <= alloc - offset` initialised bytes live at `ob_start`.
        unsafe { std::slice::from_raw_parts(p, self.len()).to_vec() }
    }

    /// Byte `i`.
    pub fn get(&self, i: usize) -> Option<u8> {
        if i < self.len() {
            // SAFETY: `i < len <= alloc - offset`.
            Some(unsafe { self.ob_start.get().add(i).read() })
        } else {
            None
        }
    }

    /// Copy `data` to logical position `i`; out-of-room writes are dropped (never happens:
    /// callers resize first).
    fn write_at(&self, i: usize, data: &[u8]) {
        if data.is_empty() || i + data.len() > self.room() {
            debug_assert!(data.is_empty(), "bytearray write out of room");
            return;
        }
        // SAFETY: `i + data.len() <= alloc - offset`, checked above.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), self.ob_start.get().add(i), data.len())
        };
    }

    /// Replace the buffer by one of exactly `cap` bytes holding the first `keep` bytes of the
    /// content (`PyObject_Realloc`, or malloc + copy when the start was advanced).
    fn realloc(&self, cap: usize, keep: usize) -> PyResult<()> {
        let old = self.ob_bytes.get();
        let old_cap = self.allocated();
        let offset = self.offset();
        let keep = keep.min(self.len()).min(cap);
        let new = if cap == 0 {
            std::ptr::null_mut()
        } else {
            let layout = buf_layout(cap).ok_or_else(PyErr::memory_error)?;
            // SAFETY: a fresh allocation, or a realloc of the buffer with its own layout when
            // the logical start is the buffer start.
            let p = unsafe {
                if old.is_null() || offset > 0 {
                    std::alloc::alloc(layout)
                } else {
                    let ol = buf_layout(old_cap).ok_or_else(PyErr::memory_error)?;
                    std::alloc::realloc(old, ol, cap)
                }
            };
            if p.is_null() {
                return Err(PyErr::memory_error());
            }
            if offset > 0 && !old.is_null() {
                // SAFETY: `keep` bytes from the old logical start into the fresh buffer.
                unsafe { std::ptr::copy_nonoverlapping(self.ob_start.get(), p, keep) };
            }
            p
        };
        let freed_old = cap == 0 || offset > 0;
        if freed_old
            && !old.is_null()
            && let Some(l) = buf_layout(old_cap)
        {
            // SAFETY: `old` was allocated with `old_cap` bytes and is no longer used.
            unsafe { std::alloc::dealloc(old, l) };
        }
        self.ob_bytes.set(new);
        self.ob_start.set(new);
        self.ob_alloc.set(cap as isize);
        Ok(())
    }

    /// `PyByteArray_Resize(self, size)` (cpython-rules 1.5, counting the bytes deleted from the
    /// front); new bytes are zero.
    pub fn resize(&self, size: usize) -> PyResult<()> {
        let old_len = self.len();
        if size == old_len {
            return Ok(());
        }
        if self.ob_exports.get() > 0 {
            return Err(PyErr::new(
                crate::error::ExcKind::BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        crate::objects::str_algo::check_result_size(size, 1)?;
        let alloc = self.allocated();
        let offset = self.offset();
        let new_alloc = if size + offset < alloc {
            (size < alloc / 2).then_some(size + 1)
        } else if (size as f64) <= (alloc as f64) * 1.125 {
            Some(size + (size >> 3) + if size < 9 { 3 } else { 6 })
        } else {
            Some(size + 1)
        };
        if let Some(cap) = new_alloc {
            self.realloc(cap, size)?;
        }
        if size > old_len {
            // SAFETY: `size < alloc - offset` after the resize; zero the new bytes.
            unsafe { std::ptr::write_bytes(self.ob_start.get().add(old_len), 0, size - old_len) };
        }
        self.set_len(size);
        Ok(())
    }

    /// `bytearray_setslice_linear`: replace `[lo, hi)` by `data`. Deleting from the front
    /// advances the logical start instead of moving the tail (CPython's trick, visible in later
    /// `getsizeof` values).
    pub fn setslice_linear(&self, lo: usize, hi: usize, data: &[u8]) -> PyResult<()> {
        let len = self.len();
        let hi = hi.min(len);
        let lo = lo.min(hi);
        let avail = hi - lo;
        let tail = self.to_vec()[hi..].to_vec();
        if data.len() < avail {
            let shrink = avail - data.len();
            if lo == 0 {
                // SAFETY: `shrink <= len`: the new start stays inside the buffer.
                self.ob_start
                    .set(unsafe { self.ob_start.get().add(shrink) });
            } else {
                self.write_at(lo + data.len(), &tail);
            }
            self.resize(len - shrink)?;
        } else if data.len() > avail {
            self.resize(len + data.len() - avail)?;
            self.write_at(lo + data.len(), &tail);
        }
        self.write_at(lo, data);
        Ok(())
    }

    /// Replace the whole content (`b[:] = data`), resizing by CPython's rule.
    pub fn set_content(&self, data: &[u8]) -> PyResult<()> {
        self.resize(data.len())?;
        if !data.is_empty() {
            self.write_at(0, data);
        }
        Ok(())
    }

    /// `bytearray.append(v)`.
    pub fn push(&self, v: u8) -> PyResult<()> {
        let n = self.len();
        self.resize(n + 1)?;
        self.write_at(n, &[v]);
        Ok(())
    }

    /// `bytearray.extend(buffer)` / `+=`: one resize to the final length.
    pub fn extend_from_slice(&self, data: &[u8]) -> PyResult<()> {
        if data.is_empty() {
            return Ok(());
        }
        let n = self.len();
        self.resize(n + data.len())?;
        self.write_at(n, data);
        Ok(())
    }

    /// `bytearray.insert(i, v)` with a clamped index.
    pub fn insert(&self, i: usize, v: u8) -> PyResult<()> {
        let mut d = self.to_vec();
        let i = i.min(d.len());
        d.insert(i, v);
        self.resize(d.len())?;
        self.write_at(0, &d);
        Ok(())
    }

    /// Remove byte `i` (`pop`/`remove`), shrinking by CPython's rule.
    pub fn remove_at(&self, i: usize) -> PyResult<u8> {
        let mut d = self.to_vec();
        if i >= d.len() {
            return Err(PyErr::index_error("pop index out of range"));
        }
        let v = d.remove(i);
        self.write_at(0, &d);
        self.resize(d.len())?;
        Ok(v)
    }

    /// Store byte `i`.
    pub fn set(&self, i: usize, v: u8) {
        if i < self.len() {
            self.write_at(i, &[v]);
        }
    }
}

/// `bytearray(x)`, `bytearray(s, encoding[, errors])` (`bytearray___init__`), with CPython's
/// allocation: buffers, lists and tuples allocate `n + 1`, ints `n + 1`, other iterables grow
/// by appending.
pub fn bytearray_from_object(
    py: Python<'_>,
    obj: Option<&PyObject>,
    encoding: Option<&PyObject>,
    errors: Option<&PyObject>,
) -> PyResult<PyRef<PyByteArray>> {
    let b = PyByteArray::new_empty(py);
    let Some(obj) = obj else {
        if encoding.is_some() || errors.is_some() {
            return Err(PyErr::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(b);
    };
    if encoding.is_some() || errors.is_some() {
        let Some(s) = obj.downcast_ref::<PyStr>(py) else {
            return Err(PyErr::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        };
        let data = encode_with(py, s, encoding, errors, "bytearray")?;
        b.extend_from_slice(&data)?;
        return Ok(b);
    }
    let sized = obj.downcast_ref::<PyInt>(py).is_some()
        || buffer_bytes(py, obj).is_some()
        || obj
            .downcast_ref::<crate::objects::list::PyList>(py)
            .is_some()
        || obj
            .downcast_ref::<crate::objects::tuple::PyTuple>(py)
            .is_some();
    let data = data_from_object(py, obj, "bytearray")?;
    if sized {
        b.extend_from_slice(&data)?;
    } else {
        for v in data {
            b.push(v)?;
        }
    }
    Ok(b)
}

/// `b[start:stop:step] = value` / `del b[start:stop:step]` with indices already adjusted by
/// `PySlice_AdjustIndices` (`bytearray_ass_subscript`).
pub fn bytearray_setslice(
    py: Python<'_>,
    obj: &PyObject,
    start: isize,
    stop: isize,
    step: isize,
    value: Option<&PyObject>,
) -> PyResult<()> {
    let b = obj
        .downcast_ref::<PyByteArray>(py)
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'bytearray' object"))?;
    let data = match value {
        None => None,
        Some(v) => {
            if v.downcast_ref::<PyInt>(py).is_some()
                || v.downcast_ref::<crate::objects::float::PyFloat>(py)
                    .is_some()
                || v.downcast_ref::<PyStr>(py).is_some()
            {
                return Err(PyErr::type_error(
                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                ));
            }
            Some(data_from_object(py, v, "bytearray")?)
        }
    };
    let slicelen = slice_length(start, stop, step).max(0) as usize;
    if step == 1 {
        let stop = stop.max(start);
        return b.setslice_linear(
            start as usize,
            stop as usize,
            data.as_deref().unwrap_or(&[]),
        );
    }
    let indices: Vec<usize> = (0..slicelen)
        .map(|k| (start + k as isize * step) as usize)
        .collect();
    match data {
        None => {
            if slicelen == 0 {
                return Ok(());
            }
            let kept: Vec<u8> = b
                .to_vec()
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !indices.contains(i))
                .map(|(_, v)| v)
                .collect();
            b.write_at(0, &kept);
            b.resize(kept.len())
        }
        Some(d) => {
            if d.len() != slicelen {
                return Err(PyErr::value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {slicelen}",
                    d.len()
                )));
            }
            for (i, v) in indices.into_iter().zip(d) {
                b.set(i, v);
            }
            Ok(())
        }
    }
}

unsafe fn bytearray_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead bytearray: free its buffer, then the object.
    unsafe {
        let b = obj.cast::<PyByteArray>().as_ref();
        let p = b.ob_bytes.get();
        if !p.is_null()
            && let Some(l) = buf_layout(b.allocated())
        {
            std::alloc::dealloc(p, l);
        }
        free_object(py, obj, size_of::<PyByteArray>());
    }
}

fn as_ba(obj: &PyObject) -> &PyByteArray {
    // SAFETY: only called from bytearray's own slots and methods.
    unsafe { &*(obj as *const PyObject as *const PyByteArray) }
}

/// `bytearray.__sizeof__`: 56 + allocated.
fn bytearray_sizeof(obj: &PyObject) -> usize {
    size_of::<PyByteArray>() + as_ba(obj).allocated()
}

/// `bytearray_repr`: like `bytes`' repr, except that `'` is always escaped (even inside a
/// double-quoted literal), as CPython does.
fn bytearray_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let data = as_ba(obj).to_vec();
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(data.len() + 14);
    out.push_str("bytearray(b");
    out.push(quote);
    for &c in &data {
        match c {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(char::from(c));
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(char::from(c)),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
    Ok(PyStr::new(py, &out))
}

fn bytearray_richcompare(
    py: Python<'_>,
    a: &PyObject,
    b: &PyObject,
    op: CompareOp,
) -> PyResult<PyRef> {
    let (Some(da), Some(db)) = (buffer_bytes(py, a), buffer_bytes(py, b)) else {
        return Ok(py.not_implemented());
    };
    Ok(py.bool(op.test(da.cmp(&db))).into_object())
}

fn bytearray_len(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_ba(obj).len())
}

/// `bytearray + x` (`PyByteArray_Concat`): a new bytearray of exactly `len + 1` bytes.
pub fn bytearray_concat(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(mut da), Some(db)) = (buffer_bytes(py, a), buffer_bytes(py, b)) else {
        let bad = if buffer_bytes(py, a).is_none() { a } else { b };
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            bad.ob_type().name(),
            a.ob_type().name()
        )));
    };
    da.extend_from_slice(&db);
    Ok(PyByteArray::new(py, &da)?.into_object())
}

/// `bytearray += x` (`bytearray_iconcat`): extends in place.
pub fn bytearray_iconcat(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(db) = buffer_bytes(py, b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            b.ob_type().name(),
            a.ob_type().name()
        )));
    };
    as_ba(a).extend_from_slice(&db)?;
    Ok(a.to_owned_ref())
}

/// `bytearray * n` (new object, allocation `len * n + 1`).
pub fn bytearray_repeat(py: Python<'_>, obj: &PyObject, n: isize) -> PyResult<PyRef> {
    let d = as_ba(obj).to_vec();
    let n = n.max(0) as usize;
    let total = d
        .len()
        .checked_mul(n)
        .filter(|&t| t <= crate::objects::str_algo::MAX_RESULT_BYTES)
        .ok_or_else(PyErr::memory_error)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(&d);
    }
    Ok(PyByteArray::new(py, &out)?.into_object())
}

/// `bytearray *= n` (`bytearray_irepeat`): one resize to the new length.
pub fn bytearray_irepeat(py: Python<'_>, obj: &PyObject, n: isize) -> PyResult<PyRef> {
    let b = as_ba(obj);
    let d = b.to_vec();
    let n = n.max(0) as usize;
    crate::objects::str_algo::check_result_size(d.len().saturating_mul(n), 1)?;
    let mut out = Vec::with_capacity(d.len() * n);
    for _ in 0..n {
        out.extend_from_slice(&d);
    }
    b.set_content(&out)?;
    let _ = py;
    Ok(obj.to_owned_ref())
}

fn bytearray_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let a_ba = a.downcast_ref::<PyByteArray>(py).is_some();
    match op {
        BinOp::Add if a_ba && buffer_bytes(py, b).is_some() => bytearray_concat(py, a, b),
        BinOp::Multiply => {
            if a_ba && let Some(n) = repeat_count(py, b) {
                return bytearray_repeat(py, a, n?);
            }
            if !a_ba
                && b.downcast_ref::<PyByteArray>(py).is_some()
                && let Some(n) = repeat_count(py, a)
            {
                return bytearray_repeat(py, b, n?);
            }
            Ok(py.not_implemented())
        }
        BinOp::Remainder if a_ba => {
            let out = crate::objects::str_percent::bytes_percent_format(py, &as_ba(a).to_vec(), b)?;
            Ok(PyByteArray::new(py, &out)?.into_object())
        }
        _ => Ok(py.not_implemented()),
    }
}

fn bytearray_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(sl) = key.downcast_ref::<crate::objects::slice::PySlice>(py) {
        let (start, stop, step, _) =
            crate::objects::slice::slice_indices(py, sl, as_ba(obj).len())?;
        return crate::objects::bytearray::bytearray_getslice(py, obj, start, stop, step);
    }
    let b = as_ba(obj);
    match seq_index(py, key, b.len(), "bytearray index out of range")? {
        Some(i) => Ok(PyInt::new(py, i64::from(b.get(i).unwrap_or(0))).into_object()),
        None => Err(PyErr::type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            key.ob_type().name()
        ))),
    }
}

/// `b[i] = v` / `del b[i]` for int indices (slices are the `slice` helper's job; it can use
/// [`PyByteArray::set_content`]).
fn bytearray_setitem(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    if let Some(sl) = key.downcast_ref::<crate::objects::slice::PySlice>(py) {
        let (start, stop, step, _) =
            crate::objects::slice::slice_indices(py, sl, as_ba(obj).len())?;
        return bytearray_setslice(py, obj, start, stop, step, value.as_deref());
    }
    let b = as_ba(obj);
    let Some(i) = seq_index(py, key, b.len(), "bytearray index out of range")? else {
        return Err(PyErr::type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    };
    match value {
        Some(v) => {
            let byte = crate::objects::bytes::byte_value(py, &v, "byte must be in range(0, 256)")?;
            b.set(i, byte);
        }
        None => b.setslice_linear(i, i + 1, &[])?,
    }
    Ok(())
}

/// `b[start:stop:step]` with adjusted indices: a new bytearray.
pub fn bytearray_getslice(
    py: Python<'_>,
    obj: &PyObject,
    start: isize,
    stop: isize,
    step: isize,
) -> PyResult<PyRef> {
    let d = as_ba(obj).to_vec();
    let n = slice_length(start, stop, step).max(0);
    let out: Vec<u8> = (0..n)
        .map(|k| d.get((start + k * step) as usize).copied().unwrap_or(0))
        .collect();
    Ok(PyByteArray::new(py, &out)?.into_object())
}

fn bytearray_contains(py: Python<'_>, obj: &PyObject, item: &PyObject) -> PyResult<bool> {
    buffer_contains(py, &as_ba(obj).to_vec(), item)
}

fn bytearray_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(crate::objects::str_iter::new_seq_iter(
        py,
        py.types().bytearray_iterator(),
        obj.to_owned_ref(),
    ))
}
