//! `zlib` (CPython's `Modules/zlibmodule.c`) over the system's libz, loaded at run time
//! ([`crate::dl`]); without libz the import fails with `ImportError`.
//!
//! `crc32`, `adler32`, one-shot `compress`/`decompress`, and `compressobj()`/`decompressobj()`
//! streams (`Compress.compress/flush`, `Decompress.decompress/flush`, `eof`, `unused_data`,
//! `unconsumed_tail`), with CPython's `zlib.error` messages.

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, c_char, c_int, c_uint, c_ulong, c_void};
use std::ptr::NonNull;
use std::sync::OnceLock;

use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::eval::call::call1;
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::builtin_function::PyBuiltinFunction;
use oxpy_vm::objects::bytes::{PyBytes, buffer_bytes};
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::c_functions;
use crate::dl::Library;

/// zlib's `z_stream` (zlib.h), which zlib requires to stay at one address while in use.
#[repr(C)]
struct ZStream {
    next_in: *const u8,
    avail_in: c_uint,
    total_in: c_ulong,
    next_out: *mut u8,
    avail_out: c_uint,
    total_out: c_ulong,
    msg: *const c_char,
    state: *mut c_void,
    zalloc: *mut c_void,
    zfree: *mut c_void,
    opaque: *mut c_void,
    data_type: c_int,
    adler: c_ulong,
    reserved: c_ulong,
}

impl ZStream {
    fn new() -> Box<ZStream> {
        Box::new(ZStream {
            next_in: std::ptr::null(),
            avail_in: 0,
            total_in: 0,
            next_out: std::ptr::null_mut(),
            avail_out: 0,
            total_out: 0,
            msg: std::ptr::null(),
            state: std::ptr::null_mut(),
            zalloc: std::ptr::null_mut(),
            zfree: std::ptr::null_mut(),
            opaque: std::ptr::null_mut(),
            data_type: 0,
            adler: 0,
            reserved: 0,
        })
    }
}

c_functions! {
    /// The libz functions used here.
    struct Z {
        version: c"zlibVersion" as fn() -> *const c_char,
        crc32: c"crc32" as fn(c_ulong, *const u8, c_uint) -> c_ulong,
        adler32: c"adler32" as fn(c_ulong, *const u8, c_uint) -> c_ulong,
        deflate_init: c"deflateInit2_" as fn(*mut ZStream, c_int, c_int, c_int, c_int, c_int, *const c_char, c_int) -> c_int,
        deflate: c"deflate" as fn(*mut ZStream, c_int) -> c_int,
        deflate_end: c"deflateEnd" as fn(*mut ZStream) -> c_int,
        inflate_init: c"inflateInit2_" as fn(*mut ZStream, c_int, *const c_char, c_int) -> c_int,
        inflate: c"inflate" as fn(*mut ZStream, c_int) -> c_int,
        inflate_end: c"inflateEnd" as fn(*mut ZStream) -> c_int,
    }
}

const Z_OK: c_int = 0;
const Z_STREAM_END: c_int = 1;
const Z_NEED_DICT: c_int = 2;
const Z_STREAM_ERROR: c_int = -2;
const Z_DATA_ERROR: c_int = -3;
const Z_MEM_ERROR: c_int = -4;
const Z_BUF_ERROR: c_int = -5;
const Z_NO_FLUSH: c_int = 0;
const Z_FINISH: c_int = 4;
const DEFLATED: c_int = 8;
const MAX_WBITS: c_int = 15;
const DEF_MEM_LEVEL: c_int = 8;
const DEF_BUF_SIZE: usize = 16384;

/// libz, loaded on first use (`None`: not available).
fn z() -> Option<&'static Z> {
    static LIB: OnceLock<Option<Z>> = OnceLock::new();
    LIB.get_or_init(|| {
        let lib = Library::open(&[c"libz.so.1", c"libz.so"])?;
        // `Library` never closes its handle: the function pointers stay valid.
        Z::load(&lib)
    })
    .as_ref()
}

fn z_or_error() -> PyResult<&'static Z> {
    z().ok_or_else(|| PyErr::new(ExcKind::ImportError, "libz is not available"))
}

fn version(z: &Z) -> &'static CStr {
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr((z.version)()) }
}

/// `zlib.error(message)`, the class looked up on the `zlib` module.
fn zlib_error(py: Python<'_>, module: &PyObject, message: String) -> PyErr {
    match oxpy_vm::eval::attr::getattr_str(py, module, "error") {
        Ok(cls) => match call1(py, &cls, &[PyStr::new(py, &message).into_object()]) {
            Ok(exc) => PyErr::from_object(exc),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// `zlib_error()` of zlibmodule.c: `Error N while ...: reason`.
fn stream_error(py: Python<'_>, module: &PyObject, zst: &ZStream, err: c_int, what: &str) -> PyErr {
    let zmsg = if zst.msg.is_null() {
        match err {
            Z_BUF_ERROR => Some("incomplete or truncated stream".to_string()),
            Z_STREAM_ERROR => Some("inconsistent stream state".to_string()),
            Z_DATA_ERROR => Some("invalid input data".to_string()),
            _ => None,
        }
    } else {
        // SAFETY: zlib's msg is a static NUL-terminated string when set.
        Some(
            unsafe { CStr::from_ptr(zst.msg) }
                .to_string_lossy()
                .into_owned(),
        )
    };
    match zmsg {
        Some(m) => zlib_error(py, module, format!("Error {err} {what}: {m}")),
        None => zlib_error(py, module, format!("Error {err} {what}")),
    }
}

/// The bytes of a buffer argument (`a bytes-like object is required, not 'str'`).
fn data_arg(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<u8>> {
    buffer_bytes(py, obj).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            obj.ob_type().name()
        ))
    })
}

fn int_arg(py: Python<'_>, obj: Option<&PyRef>, default: i64) -> PyResult<i64> {
    match obj {
        None => Ok(default),
        Some(o) => o
            .downcast_ref::<PyInt>(py)
            .and_then(PyInt::as_i64)
            .ok_or_else(|| {
                PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    o.ob_type().name()
                ))
            }),
    }
}

fn checksum(
    py: Python<'_>,
    args: Args<'_>,
    fname: &str,
    start: i64,
    f: unsafe extern "C" fn(c_ulong, *const u8, c_uint) -> c_ulong,
) -> PyResult<PyRef> {
    let a = args.exact_pos(fname, 1, 2)?;
    let data = data_arg(py, &a[0])?;
    let mut value = match a.get(1) {
        Some(v) => v
            .downcast_ref::<PyInt>(py)
            .map(|i| {
                // `PyLong_AsUnsignedLongMask`: any int, taken modulo 2**32.
                let masked = i.to_bigint() & num_bigint::BigInt::from(0xffff_ffffu32);
                num_traits::ToPrimitive::to_u64(&masked).unwrap_or(0) as c_ulong
            })
            .ok_or_else(|| {
                PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.ob_type().name()
                ))
            })?,
        None => start as c_ulong,
    };
    for chunk in data.chunks(1 << 30) {
        // SAFETY: `chunk` is valid for its length, which fits a c_uint.
        value = unsafe { f(value, chunk.as_ptr(), chunk.len() as c_uint) };
    }
    Ok(PyInt::new(py, (value & 0xffff_ffff) as i64).into_object())
}

/// `zlib.crc32(data, value=0, /)`.
fn zlib_crc32(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    checksum(py, args, "crc32", 0, z_or_error()?.crc32)
}

/// `zlib.adler32(data, value=1, /)`.
fn zlib_adler32(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    checksum(py, args, "adler32", 1, z_or_error()?.adler32)
}

/// Run `step` (deflate or inflate with `flush`) over `input`, appending output until the
/// stream wants no more room; returns zlib's last code.
fn pump(
    zst: &mut ZStream,
    input: &[u8],
    out: &mut Vec<u8>,
    flush: c_int,
    step: unsafe extern "C" fn(*mut ZStream, c_int) -> c_int,
    max_length: Option<usize>,
) -> c_int {
    zst.next_in = input.as_ptr();
    zst.avail_in = input.len() as c_uint;
    loop {
        let room = match max_length {
            Some(m) => m.saturating_sub(out.len()).min(DEF_BUF_SIZE),
            None => DEF_BUF_SIZE,
        };
        if room == 0 {
            return Z_OK;
        }
        let start = out.len();
        out.resize(start + room, 0);
        // SAFETY: `out` has `room` writable bytes at `start`.
        zst.next_out = unsafe { out.as_mut_ptr().add(start) };
        zst.avail_out = room as c_uint;
        // SAFETY: `zst` was initialized by deflateInit2_/inflateInit2_ and stays at its address;
        // its input and output pointers are valid for the given lengths.
        let err = unsafe { step(zst, flush) };
        let produced = room - zst.avail_out as usize;
        out.truncate(start + produced);
        if !matches!(err, Z_OK | Z_BUF_ERROR) || zst.avail_out != 0 {
            return err;
        }
    }
}

/// `zlib.compress(data, /, level=-1, wbits=15)`.
fn zlib_compress(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [data, level, wbits] = args.parse("compress", ["data", "level", "wbits"], 1)?;
    let data = data_arg(py, data.ok_or_else(|| PyErr::type_error("data required"))?)?;
    let level = int_arg(py, level, -1)? as c_int;
    let wbits = int_arg(py, wbits, i64::from(MAX_WBITS))? as c_int;
    let z = z_or_error()?;
    let mut zst = ZStream::new();
    // SAFETY: a zeroed z_stream with default allocators; version and size as zlib.h passes.
    let err = unsafe {
        (z.deflate_init)(
            &mut *zst,
            level,
            DEFLATED,
            wbits,
            DEF_MEM_LEVEL,
            0,
            (z.version)(),
            size_of::<ZStream>() as c_int,
        )
    };
    match err {
        Z_OK => {}
        Z_MEM_ERROR => {
            return Err(PyErr::new(
                ExcKind::MemoryError,
                "Out of memory while compressing data",
            ));
        }
        Z_STREAM_ERROR => return Err(zlib_error(py, this, "Bad compression level".into())),
        _ => return Err(stream_error(py, this, &zst, err, "while compressing data")),
    }
    let mut out = Vec::new();
    let err = pump(&mut zst, &data, &mut out, Z_FINISH, z.deflate, None);
    // SAFETY: initialized above; ended once.
    unsafe { (z.deflate_end)(&mut *zst) };
    if err != Z_STREAM_END {
        return Err(stream_error(py, this, &zst, err, "while compressing data"));
    }
    Ok(PyBytes::new(py, &out).into_object())
}

fn inflate_init(
    py: Python<'_>,
    this: &PyObject,
    z: &Z,
    zst: &mut ZStream,
    wbits: c_int,
) -> PyResult<()> {
    // SAFETY: a zeroed z_stream with default allocators; version and size as zlib.h passes.
    let err = unsafe { (z.inflate_init)(zst, wbits, (z.version)(), size_of::<ZStream>() as c_int) };
    match err {
        Z_OK => Ok(()),
        Z_MEM_ERROR => Err(PyErr::new(
            ExcKind::MemoryError,
            "Out of memory while decompressing data",
        )),
        _ => {
            // SAFETY: inflateEnd accepts a stream whose init failed.
            unsafe { (z.inflate_end)(zst) };
            Err(stream_error(
                py,
                this,
                zst,
                err,
                "while preparing to decompress data",
            ))
        }
    }
}

/// `zlib.decompress(data, /, wbits=15, bufsize=16384)`.
fn zlib_decompress(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [data, wbits, _bufsize] = args.parse("decompress", ["data", "wbits", "bufsize"], 1)?;
    let data = data_arg(py, data.ok_or_else(|| PyErr::type_error("data required"))?)?;
    let wbits = int_arg(py, wbits, i64::from(MAX_WBITS))? as c_int;
    let z = z_or_error()?;
    let mut zst = ZStream::new();
    inflate_init(py, this, z, &mut zst, wbits)?;
    let mut out = Vec::new();
    let err = pump(&mut zst, &data, &mut out, Z_FINISH, z.inflate, None);
    let err = if err == Z_NEED_DICT {
        Z_DATA_ERROR
    } else {
        err
    };
    // SAFETY: initialized above; ended once.
    unsafe { (z.inflate_end)(&mut *zst) };
    if err != Z_STREAM_END {
        return Err(stream_error(
            py,
            this,
            &zst,
            err,
            "while decompressing data",
        ));
    }
    Ok(PyBytes::new(py, &out).into_object())
}

/// A `zlib.Compress` or `zlib.Decompress` object.
#[repr(C)]
struct Stream {
    ob_base: PyObject,
    /// The zlib stream (boxed: zlib checks it never moves); null once finished.
    zst: Cell<*mut ZStream>,
    /// The module, for `zlib.error`.
    module: PyRef,
    /// A compressor (deflate) rather than a decompressor (inflate).
    compress: bool,
    eof: Cell<bool>,
    unused_data: RefCell<Vec<u8>>,
    unconsumed_tail: RefCell<Vec<u8>>,
}

struct TypePtr(NonNull<PyType>);
// SAFETY: native types are never freed nor mutated after creation, used under the GIL only.
unsafe impl Send for TypePtr {}
// SAFETY: as above.
unsafe impl Sync for TypePtr {}

static COMPRESS_TYPE: OnceLock<TypePtr> = OnceLock::new();
static DECOMPRESS_TYPE: OnceLock<TypePtr> = OnceLock::new();

fn stream_type(
    py: Python<'_>,
    cell: &'static OnceLock<TypePtr>,
    name: &'static str,
    methods: &'static [MethodDef],
) -> &'static PyType {
    let p = cell.get_or_init(|| {
        let spec = TypeSpec {
            methods,
            name,
            basicsize: 136,
            itemsize: 0,
            flags: 0x1100,
            slots: TypeSlots {
                attr: Some(stream_attr),
                ..TypeSlots::new(stream_dealloc)
            },
        };
        TypePtr(PyType::new_native(py, py.types().object(), spec).into_raw())
    });
    // SAFETY: never freed (see `TypePtr`).
    unsafe { p.0.as_ref() }
}

static COMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::new("compress", compress_compress),
    MethodDef::new("flush", compress_flush),
];

static DECOMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::new("decompress", decompress_decompress),
    MethodDef::new("flush", decompress_flush),
];

fn compress_type(py: Python<'_>) -> &'static PyType {
    stream_type(py, &COMPRESS_TYPE, "zlib.Compress", COMPRESS_METHODS)
}

fn decompress_type(py: Python<'_>) -> &'static PyType {
    stream_type(py, &DECOMPRESS_TYPE, "zlib.Decompress", DECOMPRESS_METHODS)
}

fn as_stream(obj: &PyObject) -> &Stream {
    // SAFETY: only installed on Compress/Decompress instances.
    unsafe { &*(obj as *const PyObject as *const Stream) }
}

fn new_stream(py: Python<'_>, compress: bool, zst: Box<ZStream>, module: &PyObject) -> PyRef {
    let ty = if compress {
        compress_type(py)
    } else {
        decompress_type(py)
    };
    // SAFETY: every field after the header (written by alloc_object) is written before the
    // handle exists; the type is not GC.
    unsafe {
        let p = alloc_object(py, ty, size_of::<Stream>())
            .cast::<Stream>()
            .as_ptr();
        std::ptr::addr_of_mut!((*p).zst).write(Cell::new(Box::into_raw(zst)));
        std::ptr::addr_of_mut!((*p).module).write(module.to_owned_ref());
        std::ptr::addr_of_mut!((*p).compress).write(compress);
        std::ptr::addr_of_mut!((*p).eof).write(Cell::new(false));
        std::ptr::addr_of_mut!((*p).unused_data).write(RefCell::new(Vec::new()));
        std::ptr::addr_of_mut!((*p).unconsumed_tail).write(RefCell::new(Vec::new()));
        PyRef::from_raw(NonNull::new_unchecked(p.cast::<PyObject>()))
    }
}

/// End and free the object's zlib stream, if it still has one.
fn end_stream(obj: &PyObject) {
    let s = as_stream(obj);
    let p = s.zst.replace(std::ptr::null_mut());
    if p.is_null() {
        return;
    }
    if let Some(z) = z() {
        // SAFETY: `p` is the initialized stream this object owned; ended once.
        unsafe {
            if s.compress {
                (z.deflate_end)(p);
            } else {
                (z.inflate_end)(p);
            }
        }
    }
    // SAFETY: `p` came from Box::into_raw and is not used again.
    drop(unsafe { Box::from_raw(p) });
}

unsafe fn stream_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead stream object (dealloc contract): end zlib's stream, drop, free.
    unsafe {
        end_stream(obj.as_ref());
        std::ptr::drop_in_place(obj.cast::<Stream>().as_ptr());
        free_object(py, obj, size_of::<Stream>());
    }
}

fn stream_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let s = as_stream(obj);
    // Methods come bound from here: native types made at run time have no method dict.
    let methods = if s.compress {
        COMPRESS_METHODS
    } else {
        DECOMPRESS_METHODS
    };
    if let Some(def) = methods.iter().find(|d| d.name == name) {
        return Ok(Some(
            PyBuiltinFunction::new(py, def, Some(obj.to_owned_ref())).into_object(),
        ));
    }
    if s.compress {
        return Ok(None);
    }
    Ok(match name {
        "eof" => Some(py.bool(s.eof.get()).into_object()),
        "unused_data" => Some(PyBytes::new(py, &s.unused_data.borrow()).into_object()),
        "unconsumed_tail" => Some(PyBytes::new(py, &s.unconsumed_tail.borrow()).into_object()),
        _ => None,
    })
}

/// The live zlib stream of `obj` (`ValueError` once flushed/ended): the boxed stream the
/// object owns, only used under the GIL by one method call at a time.
fn live(obj: &PyObject) -> PyResult<NonNull<ZStream>> {
    NonNull::new(as_stream(obj).zst.get())
        .ok_or_else(|| PyErr::value_error("inconsistent stream state"))
}

/// `zlib.compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)` (without `zdict`).
fn zlib_compressobj(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [level, method, wbits, mem_level, strategy, _zdict] = args.parse(
        "compressobj",
        ["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
    )?;
    let z = z_or_error()?;
    let mut zst = ZStream::new();
    // SAFETY: a zeroed z_stream with default allocators; version and size as zlib.h passes.
    let err = unsafe {
        (z.deflate_init)(
            &mut *zst,
            int_arg(py, level, -1)? as c_int,
            int_arg(py, method, i64::from(DEFLATED))? as c_int,
            int_arg(py, wbits, i64::from(MAX_WBITS))? as c_int,
            int_arg(py, mem_level, i64::from(DEF_MEM_LEVEL))? as c_int,
            int_arg(py, strategy, 0)? as c_int,
            (z.version)(),
            size_of::<ZStream>() as c_int,
        )
    };
    match err {
        Z_OK => Ok(new_stream(py, true, zst, this)),
        Z_MEM_ERROR => Err(PyErr::new(
            ExcKind::MemoryError,
            "Can't allocate memory for compression object",
        )),
        Z_STREAM_ERROR => Err(PyErr::value_error("Invalid initialization option")),
        _ => Err(stream_error(
            py,
            this,
            &zst,
            err,
            "while creating compression object",
        )),
    }
}

fn compress_compress(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("compress", 1, 1)?;
    let data = data_arg(py, &a[0])?;
    let z = z_or_error()?;
    // SAFETY: see `live`; nothing else uses the stream during this call (zlib runs no
    // Python code).
    let zst = unsafe { live(this)?.as_mut() };
    let mut out = Vec::new();
    let err = pump(zst, &data, &mut out, Z_NO_FLUSH, z.deflate, None);
    if !matches!(err, Z_OK | Z_BUF_ERROR) {
        let module = as_stream(this).module.clone();
        return Err(stream_error(
            py,
            &module,
            zst,
            err,
            "while compressing data",
        ));
    }
    Ok(PyBytes::new(py, &out).into_object())
}

fn compress_flush(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("flush", 0, 1)?;
    let mode = int_arg(py, a.first(), i64::from(Z_FINISH))? as c_int;
    if mode == Z_NO_FLUSH {
        return Ok(PyBytes::new(py, &[]).into_object());
    }
    let z = z_or_error()?;
    // SAFETY: see `live`; nothing else uses the stream during this call (zlib runs no
    // Python code).
    let zst = unsafe { live(this)?.as_mut() };
    let mut out = Vec::new();
    let err = pump(zst, &[], &mut out, mode, z.deflate, None);
    if err == Z_STREAM_END && mode == Z_FINISH {
        end_stream(this);
    } else if !matches!(err, Z_OK | Z_BUF_ERROR) {
        let module = as_stream(this).module.clone();
        return Err(stream_error(py, &module, zst, err, "while flushing"));
    }
    Ok(PyBytes::new(py, &out).into_object())
}

/// `zlib.decompressobj(wbits=MAX_WBITS, zdict=b'')` (without `zdict`).
fn zlib_decompressobj(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [wbits, _zdict] = args.parse("decompressobj", ["wbits", "zdict"], 0)?;
    let z = z_or_error()?;
    let mut zst = ZStream::new();
    inflate_init(
        py,
        this,
        z,
        &mut zst,
        int_arg(py, wbits, i64::from(MAX_WBITS))? as c_int,
    )?;
    Ok(new_stream(py, false, zst, this))
}

/// Feed `data` to a decompressor, keeping CPython's `eof`/`unused_data`/`unconsumed_tail`.
fn decompress_feed(
    py: Python<'_>,
    this: &PyObject,
    data: &[u8],
    max_length: Option<usize>,
    flush: c_int,
) -> PyResult<Vec<u8>> {
    let z = z_or_error()?;
    let s = as_stream(this);
    // SAFETY: see `live`; nothing else uses the stream during this call (zlib runs no
    // Python code).
    let zst = unsafe { live(this)?.as_mut() };
    let mut out = Vec::new();
    let err = pump(zst, data, &mut out, flush, z.inflate, max_length);
    let left = zst.avail_in as usize;
    let rest = data.get(data.len() - left.min(data.len())..).unwrap_or(&[]);
    if err == Z_STREAM_END {
        s.eof.set(true);
        s.unused_data.borrow_mut().extend_from_slice(rest);
        s.unconsumed_tail.borrow_mut().clear();
    } else if matches!(err, Z_OK | Z_BUF_ERROR) {
        *s.unconsumed_tail.borrow_mut() = rest.to_vec();
    } else {
        let module = s.module.clone();
        let err = if err == Z_NEED_DICT {
            Z_DATA_ERROR
        } else {
            err
        };
        return Err(stream_error(
            py,
            &module,
            zst,
            err,
            "while decompressing data",
        ));
    }
    Ok(out)
}

fn decompress_decompress(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [data, max_length] = args.parse("decompress", ["data", "max_length"], 1)?;
    let data = data_arg(py, data.ok_or_else(|| PyErr::type_error("data required"))?)?;
    let max = int_arg(py, max_length, 0)?;
    if max < 0 {
        return Err(PyErr::value_error("max_length must be non-negative"));
    }
    if as_stream(this).eof.get() {
        as_stream(this)
            .unused_data
            .borrow_mut()
            .extend_from_slice(&data);
        return Ok(PyBytes::new(py, &[]).into_object());
    }
    let out = decompress_feed(
        py,
        this,
        &data,
        (max > 0).then_some(max as usize),
        Z_NO_FLUSH,
    )?;
    Ok(PyBytes::new(py, &out).into_object())
}

fn decompress_flush(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("flush", 0, 1)?;
    if int_arg(py, a.first(), DEF_BUF_SIZE as i64)? <= 0 {
        return Err(PyErr::value_error("length must be greater than zero"));
    }
    let s = as_stream(this);
    if s.eof.get() || s.zst.get().is_null() {
        return Ok(PyBytes::new(py, &[]).into_object());
    }
    let tail = std::mem::take(&mut *s.unconsumed_tail.borrow_mut());
    let out = decompress_feed(py, this, &tail, None, Z_FINISH)?;
    Ok(PyBytes::new(py, &out).into_object())
}

static METHODS: &[MethodDef] = &[
    MethodDef::new("crc32", zlib_crc32),
    MethodDef::new("adler32", zlib_adler32),
    MethodDef::new("compress", zlib_compress),
    MethodDef::new("decompress", zlib_decompress),
    MethodDef::new("compressobj", zlib_compressobj),
    MethodDef::new("decompressobj", zlib_decompressobj),
];

fn zlib_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let z = z_or_error()?;
    let i = |v: i64| PyInt::new(py, v).into_object();
    // `zlib.error`: `PyErr_NewException("zlib.error", NULL, NULL)`.
    let ns = PyDict::new(py);
    ns.set_item(
        py,
        PyStr::new(py, "__module__").into_object(),
        PyStr::new(py, "zlib").into_object(),
    )?;
    let base = py
        .types()
        .exception(ExcKind::Exception)
        .to_owned_ref()
        .into_object();
    let error = oxpy_vm::eval::call::call(
        py,
        py.types().type_().as_object(),
        Args {
            values: &[
                PyStr::new(py, "error").into_object(),
                PyTuple::new(py, vec![base]).into_object(),
                ns.into_object(),
            ],
            kwnames: &[],
        },
    )?;
    let v = version(z).to_string_lossy().into_owned();
    Ok(vec![
        ("error", error),
        ("MAX_WBITS", i(MAX_WBITS.into())),
        ("DEFLATED", i(DEFLATED.into())),
        ("DEF_MEM_LEVEL", i(DEF_MEM_LEVEL.into())),
        ("DEF_BUF_SIZE", i(DEF_BUF_SIZE as i64)),
        ("Z_NO_COMPRESSION", i(0)),
        ("Z_BEST_SPEED", i(1)),
        ("Z_BEST_COMPRESSION", i(9)),
        ("Z_DEFAULT_COMPRESSION", i(-1)),
        ("Z_FILTERED", i(1)),
        ("Z_HUFFMAN_ONLY", i(2)),
        ("Z_RLE", i(3)),
        ("Z_FIXED", i(4)),
        ("Z_DEFAULT_STRATEGY", i(0)),
        ("Z_NO_FLUSH", i(0)),
        ("Z_PARTIAL_FLUSH", i(1)),
        ("Z_SYNC_FLUSH", i(2)),
        ("Z_FULL_FLUSH", i(3)),
        ("Z_FINISH", i(4)),
        ("Z_BLOCK", i(5)),
        ("Z_TREES", i(6)),
        ("ZLIB_VERSION", PyStr::new(py, &v).into_object()),
        ("ZLIB_RUNTIME_VERSION", PyStr::new(py, &v).into_object()),
        ("Compress", compress_type(py).to_owned_ref().into_object()),
        (
            "Decompress",
            decompress_type(py).to_owned_ref().into_object(),
        ),
    ])
}

/// The `zlib` module (an `ImportError` when libz cannot be loaded).
pub static ZLIB: ModuleDef = ModuleDef {
    name: "zlib",
    doc: "The functions in this module allow compression and decompression using the\nzlib library, which is based on GNU zip.",
    methods: METHODS,
    attrs: zlib_attrs,
};
