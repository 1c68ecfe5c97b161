//! `bytes`: immutable byte strings stored inline with a trailing NUL (33 + n bytes, as CPython).

use std::cell::Cell;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{alloc_object, alloc_object_in, free_object};
use crate::object::{PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::bytearray::PyByteArray;
use crate::objects::int::PyInt;
use crate::objects::str::{PyStr, repeat_count, slice_length};
use crate::objects::str_methods::collect_iterable;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec};
use crate::ops::BinOp;

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
        methods: crate::objects::bytes_methods::BYTES_METHODS,
        name: "bytes",
        basicsize: 33,
        itemsize: 1,
        flags: 0x0840_1500,
        slots: TypeSlots {
            hash: Some(bytes_hash),
            repr: Some(bytes_repr),
            richcompare: Some(bytes_richcompare),
            binop: Some(bytes_binop),
            len: Some(bytes_len),
            getitem: Some(bytes_getitem),
            contains: Some(bytes_contains),
            iter: Some(bytes_iter),
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

// ---------------------------------------------------------------------------------------------
// Buffers, constructors and the sequence slots.

/// The content of a bytes-like object (`bytes` or `bytearray`), copied; `None` for anything
/// else (no buffer protocol).
pub fn buffer_bytes(py: Python<'_>, obj: &PyObject) -> Option<Vec<u8>> {
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        Some(b.as_bytes().to_vec())
    } else if let Some(b) = obj.downcast_ref::<PyByteArray>(py) {
        Some(b.to_vec())
    } else {
        crate::objects::memoryview::memoryview_bytes(py, obj)
    }
}

/// `_getbytevalue` / the item conversion of `bytes(iterable)`: an int in `0..256`.
/// `range_msg` is `bytes must be in range(0, 256)` or `byte must be in range(0, 256)`.
pub(crate) fn byte_value(py: Python<'_>, item: &PyObject, range_msg: &str) -> PyResult<u8> {
    let Some(i) = item.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            item.ob_type().name()
        )));
    };
    i.as_i64()
        .and_then(|v| u8::try_from(v).ok())
        .ok_or_else(|| PyErr::value_error(range_msg))
}

/// The data `bytes(x)` / `bytearray(x)` would hold for `x` without an encoding: a count of
/// zero bytes, a buffer, or an iterable of ints. `what` is `bytes` or `bytearray` for messages.
pub(crate) fn data_from_object(py: Python<'_>, obj: &PyObject, what: &str) -> PyResult<Vec<u8>> {
    let range_msg = if what == "bytes" {
        "bytes must be in range(0, 256)"
    } else {
        "byte must be in range(0, 256)"
    };
    if obj.downcast_ref::<PyStr>(py).is_some() {
        return Err(PyErr::type_error("string argument without an encoding"));
    }
    if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        let n = match i.as_i64() {
            Some(n) if n < 0 => return Err(PyErr::value_error("negative count")),
            Some(n) => n,
            None if crate::objects::int::is_negative(i.value()) => {
                return Err(PyErr::value_error("negative count"));
            }
            None => {
                return Err(PyErr::overflow_error(
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
        };
        let n = usize::try_from(n).map_err(|_| PyErr::memory_error())?;
        crate::objects::str_algo::check_result_size(n, 1)?;
        return Ok(vec![0; n]);
    }
    if let Some(d) = buffer_bytes(py, obj) {
        return Ok(d);
    }
    let items = collect_iterable(py, obj, || {
        PyErr::type_error(format!(
            "cannot convert '{}' object to {what}",
            obj.ob_type().name()
        ))
    })?;
    items
        .iter()
        .map(|item| byte_value(py, item, range_msg))
        .collect()
}

/// `bytes(x)`, `bytes(s, encoding[, errors])` (`bytes_new`): an exact `bytes` argument is
/// returned as itself.
pub fn bytes_from_object(
    py: Python<'_>,
    obj: &PyObject,
    encoding: Option<&PyObject>,
    errors: Option<&PyObject>,
) -> PyResult<PyRef<PyBytes>> {
    if encoding.is_some() || errors.is_some() {
        let Some(s) = obj.downcast_ref::<PyStr>(py) else {
            return Err(PyErr::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        };
        let data = encode_with(py, s, encoding, errors, "bytes")?;
        return Ok(PyBytes::new(py, &data));
    }
    if PyBytes::is_exact_type_of(py, obj) {
        // SAFETY: exact `bytes` checked just above.
        return Ok(unsafe { obj.to_owned_ref().downcast_unchecked::<PyBytes>() });
    }
    let data = data_from_object(py, obj, "bytes")?;
    Ok(PyBytes::new(py, &data))
}

/// Encode `s` with optional `encoding`/`errors` objects (both must be `str`).
pub(crate) fn encode_with(
    py: Python<'_>,
    s: &PyStr,
    encoding: Option<&PyObject>,
    errors: Option<&PyObject>,
    fname: &str,
) -> PyResult<Vec<u8>> {
    use crate::objects::str_codecs::{codec_arg, encode, errors_arg};
    let codec = codec_arg(py, encoding, fname)?;
    let handler = errors_arg(py, errors, fname)?;
    encode(&s.to_cps(), codec, &handler)
}

/// `bytes.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed between pairs.
pub fn bytes_fromhex(s: &PyStr) -> PyResult<Vec<u8>> {
    let cps = s.to_cps();
    let mut out = Vec::with_capacity(cps.len() / 2);
    let hex = |c: u32| char::from_u32(c).and_then(|ch| ch.to_digit(16));
    let mut i = 0;
    while i < cps.len() {
        if matches!(cps[i], 0x20 | 0x09..=0x0D) {
            i += 1;
            continue;
        }
        let err = |pos: usize| {
            PyErr::value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {pos}"
            ))
        };
        let hi = hex(cps[i]).ok_or_else(|| err(i))?;
        let lo = cps
            .get(i + 1)
            .and_then(|&c| hex(c))
            .ok_or_else(|| err(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

fn bytes_len(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_bytes(obj).len())
}

/// `sq_concat` for `bytes`: `TypeError: can't concat str to bytes` for non-buffers.
pub fn bytes_concat(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(da), Some(db)) = (buffer_bytes(py, a), buffer_bytes(py, b)) else {
        let (bad, other) = if buffer_bytes(py, a).is_none() {
            (a, b)
        } else {
            (b, a)
        };
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            bad.ob_type().name(),
            other.ob_type().name()
        )));
    };
    if db.is_empty() && PyBytes::is_exact_type_of(py, a) {
        return Ok(a.to_owned_ref());
    }
    if da.is_empty() && PyBytes::is_exact_type_of(py, b) {
        return Ok(b.to_owned_ref());
    }
    let mut out = da;
    out.extend_from_slice(&db);
    Ok(PyBytes::new(py, &out).into_object())
}

/// `bytes * n` (`bytes_repeat`): `n == 1` gives an exact `bytes` itself.
pub fn bytes_repeat(py: Python<'_>, obj: &PyObject, n: isize) -> PyResult<PyRef> {
    let b = as_bytes(obj);
    if n == 1
        && let Some(r) = PyBytes::is_exact_type_of(py, obj).then(|| obj.to_owned_ref())
    {
        return Ok(r);
    }
    if n <= 0 || b.is_empty() {
        return Ok(PyBytes::new(py, b"").into_object());
    }
    let total = b
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t <= isize::MAX as usize - 33)
        .ok_or_else(|| PyErr::overflow_error("repeated bytes are too long"))?;
    crate::objects::str_algo::check_result_size(total, 1)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(b.as_bytes());
    }
    Ok(PyBytes::new(py, &out).into_object())
}

fn bytes_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let a_bytes = a.downcast_ref::<PyBytes>(py).is_some();
    match op {
        BinOp::Add if a_bytes && buffer_bytes(py, b).is_some() => bytes_concat(py, a, b),
        BinOp::Multiply => {
            if a_bytes && let Some(n) = repeat_count(py, b) {
                return bytes_repeat(py, a, n?);
            }
            if !a_bytes
                && b.downcast_ref::<PyBytes>(py).is_some()
                && let Some(n) = repeat_count(py, a)
            {
                return bytes_repeat(py, b, n?);
            }
            Ok(py.not_implemented())
        }
        BinOp::Remainder if a_bytes => {
            crate::objects::str_percent::bytes_percent(py, as_bytes(a).as_bytes(), b)
        }
        _ => Ok(py.not_implemented()),
    }
}

/// Resolve an int index against `len` (negative from the end); `msg` on failure.
pub(crate) fn seq_index(
    py: Python<'_>,
    key: &PyObject,
    len: usize,
    msg: &str,
) -> PyResult<Option<usize>> {
    let Some(i) = key.downcast_ref::<PyInt>(py) else {
        return Ok(None);
    };
    let Some(v) = i.as_i64() else {
        return Err(PyErr::index_error(
            "cannot fit 'int' into an index-sized integer",
        ));
    };
    let v = if v < 0 { v + len as i64 } else { v };
    if v < 0 || v >= len as i64 {
        return Err(PyErr::index_error(msg));
    }
    Ok(Some(v as usize))
}

fn bytes_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(sl) = key.downcast_ref::<crate::objects::slice::PySlice>(py) {
        let (start, stop, step, _) =
            crate::objects::slice::slice_indices(py, sl, as_bytes(obj).len())?;
        return bytes_getslice(py, obj, start, stop, step);
    }
    let b = as_bytes(obj);
    match seq_index(py, key, b.len(), "index out of range")? {
        Some(i) => Ok(PyInt::new(py, i64::from(b.as_bytes()[i])).into_object()),
        None => Err(PyErr::type_error(format!(
            "byte indices must be integers or slices, not {}",
            key.ob_type().name()
        ))),
    }
}

/// `b[start:stop:step]` with indices already adjusted (`PySlice_AdjustIndices`).
pub fn bytes_getslice(
    py: Python<'_>,
    obj: &PyObject,
    start: isize,
    stop: isize,
    step: isize,
) -> PyResult<PyRef> {
    let Some(b) = obj.downcast_ref::<PyBytes>(py) else {
        return Err(PyErr::type_error("descriptor requires a 'bytes' object"));
    };
    let n = slice_length(start, stop, step);
    if n <= 0 {
        return Ok(PyBytes::new(py, b"").into_object());
    }
    if step == 1
        && start == 0
        && n as usize == b.len()
        && let Some(r) = PyBytes::is_exact_type_of(py, obj).then(|| obj.to_owned_ref())
    {
        return Ok(r);
    }
    let data = b.as_bytes();
    let out: Vec<u8> = (0..n)
        .map(|k| data.get((start + k * step) as usize).copied().unwrap_or(0))
        .collect();
    Ok(PyBytes::new(py, &out).into_object())
}

/// `x in data` for bytes-like containers: an int byte value or a bytes-like substring.
pub(crate) fn buffer_contains(py: Python<'_>, data: &[u8], item: &PyObject) -> PyResult<bool> {
    if let Some(i) = item.downcast_ref::<PyInt>(py) {
        let v = i
            .as_i64()
            .and_then(|v| u8::try_from(v).ok())
            .ok_or_else(|| PyErr::value_error("byte must be in range(0, 256)"))?;
        return Ok(data.contains(&v));
    }
    let Some(sub) = buffer_bytes(py, item) else {
        return Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            item.ob_type().name()
        )));
    };
    Ok(crate::objects::str_algo::find(data, &sub, 0, data.len()).is_some())
}

fn bytes_contains(py: Python<'_>, obj: &PyObject, item: &PyObject) -> PyResult<bool> {
    buffer_contains(py, as_bytes(obj).as_bytes(), item)
}

fn bytes_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(crate::objects::str_iter::new_seq_iter(
        py,
        py.types().bytes_iterator(),
        obj.to_owned_ref(),
    ))
}
