//! `_hashlib` (CPython's `Modules/_hashopenssl.c`): message digests from the system's OpenSSL
//! `libcrypto`, loaded at run time ([`crate::dl`]). Without libcrypto the import fails with
//! `ImportError`, and the bundled `hashlib.py` reports the missing constructors as CPython does.
//!
//! `HASH` objects (`HASHXOF` for the SHAKE functions) wrap an `EVP_MD_CTX`; like CPython's they
//! are not GC-tracked. `digest()` finalizes a copy of the context, so updates may continue.

use std::ffi::{CStr, CString, c_char, c_int, c_uint, c_void};
use std::ptr::NonNull;
use std::sync::OnceLock;

use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::builtin_function::PyBuiltinFunction;
use oxpy_vm::objects::bytes::{PyBytes, buffer_bytes};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::set::PySet;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::c_functions;
use crate::dl::Library;

c_functions! {
    /// The EVP digest functions of OpenSSL 3.
    struct Evp {
        get_digestbyname: c"EVP_get_digestbyname" as fn(*const c_char) -> *const c_void,
        ctx_new: c"EVP_MD_CTX_new" as fn() -> *mut c_void,
        ctx_free: c"EVP_MD_CTX_free" as fn(*mut c_void),
        ctx_copy: c"EVP_MD_CTX_copy_ex" as fn(*mut c_void, *const c_void) -> c_int,
        init: c"EVP_DigestInit_ex" as fn(*mut c_void, *const c_void, *mut c_void) -> c_int,
        update: c"EVP_DigestUpdate" as fn(*mut c_void, *const c_void, usize) -> c_int,
        finalize: c"EVP_DigestFinal_ex" as fn(*mut c_void, *mut u8, *mut c_uint) -> c_int,
        finalize_xof: c"EVP_DigestFinalXOF" as fn(*mut c_void, *mut u8, usize) -> c_int,
        md_size: c"EVP_MD_get_size" as fn(*const c_void) -> c_int,
        md_block_size: c"EVP_MD_get_block_size" as fn(*const c_void) -> c_int,
    }
}

/// libcrypto's digest functions, loaded on first use (`None`: no usable libcrypto).
fn evp() -> Option<&'static Evp> {
    static EVP: OnceLock<Option<Evp>> = OnceLock::new();
    EVP.get_or_init(|| {
        let lib = Library::open(&[c"libcrypto.so.3", c"libcrypto.so"])?;
        // `Library` never closes its handle: the function pointers stay valid.
        Evp::load(&lib)
    })
    .as_ref()
}

fn evp_or_error() -> PyResult<&'static Evp> {
    evp().ok_or_else(|| {
        PyErr::new(
            ExcKind::ImportError,
            "libcrypto (OpenSSL 3) is not available",
        )
    })
}

/// Python's digest names and OpenSSL's, as `_hashopenssl.c`'s `py_hashes` table; `xof` for
/// the SHAKE functions (`HASHXOF`).
const DIGESTS: &[(&str, &CStr, bool)] = &[
    ("md5", c"md5", false),
    ("sha1", c"sha1", false),
    ("sha224", c"sha224", false),
    ("sha256", c"sha256", false),
    ("sha384", c"sha384", false),
    ("sha512", c"sha512", false),
    ("sha512_224", c"sha512-224", false),
    ("sha512_256", c"sha512-256", false),
    ("sha3_224", c"sha3-224", false),
    ("sha3_256", c"sha3-256", false),
    ("sha3_384", c"sha3-384", false),
    ("sha3_512", c"sha3-512", false),
    ("shake_128", c"shake128", true),
    ("shake_256", c"shake256", true),
    ("blake2b", c"blake2b512", false),
    ("blake2s", c"blake2s256", false),
    ("md5-sha1", c"md5-sha1", false),
    ("ripemd160", c"ripemd160", false),
    ("sm3", c"sm3", false),
];

/// A digest found by name: Python's name, the `EVP_MD`, and whether it is an XOF.
struct Digest {
    name: String,
    md: *const c_void,
    xof: bool,
}

/// `py_digest_by_name`: the table's Python or OpenSSL names (any case), else OpenSSL's own
/// lookup; `ValueError: unsupported hash type NAME` when neither knows it.
fn digest_by_name(evp: &Evp, name: &str) -> PyResult<Digest> {
    let lower = name.to_ascii_lowercase();
    let entry = DIGESTS
        .iter()
        .find(|(py, ossl, _)| *py == lower || ossl.to_str().is_ok_and(|o| o == lower));
    let (py_name, ossl, xof) = match entry {
        Some((py, ossl, xof)) => (py.to_string(), CString::from(*ossl), *xof),
        None => {
            let c = CString::new(name)
                .map_err(|_| PyErr::value_error(format!("unsupported hash type {name}")))?;
            (lower, c, false)
        }
    };
    // SAFETY: `ossl` is NUL-terminated; the returned EVP_MD is static in libcrypto.
    let md = unsafe { (evp.get_digestbyname)(ossl.as_ptr()) };
    if md.is_null() {
        return Err(PyErr::value_error(format!("unsupported hash type {name}")));
    }
    Ok(Digest {
        name: py_name,
        md,
        xof,
    })
}

/// A `_hashlib.HASH`/`HASHXOF` object.
#[repr(C)]
struct Hash {
    ob_base: PyObject,
    ctx: *mut c_void,
    md: *const c_void,
    name: String,
}

/// A native type object made once per process.
struct TypePtr(NonNull<PyType>);

// SAFETY: native types are never freed nor mutated after creation, and are only used under
// the GIL.
unsafe impl Send for TypePtr {}
// SAFETY: as above.
unsafe impl Sync for TypePtr {}

static HASH_TYPE: OnceLock<TypePtr> = OnceLock::new();
static HASHXOF_TYPE: OnceLock<TypePtr> = OnceLock::new();

static HASH_METHODS: &[MethodDef] = &[
    MethodDef::new("update", hash_update),
    MethodDef::new("digest", hash_digest),
    MethodDef::new("hexdigest", hash_hexdigest),
    MethodDef::new("copy", hash_copy),
];

static HASHXOF_METHODS: &[MethodDef] = &[
    MethodDef::new("update", hash_update),
    MethodDef::new("digest", xof_digest),
    MethodDef::new("hexdigest", xof_hexdigest),
    MethodDef::new("copy", hash_copy),
];

/// `_hashlib.HASH` (`__basicsize__` 32, `__flags__` as 3.11.7: immutable, not instantiable).
fn hash_type(py: Python<'_>) -> &'static PyType {
    native_type(py, &HASH_TYPE, "_hashlib.HASH", HASH_METHODS, None)
}

/// `_hashlib.HASHXOF`, a subclass of `HASH`.
fn hashxof_type(py: Python<'_>) -> &'static PyType {
    let base = hash_type(py);
    native_type(
        py,
        &HASHXOF_TYPE,
        "_hashlib.HASHXOF",
        HASHXOF_METHODS,
        Some(base),
    )
}

fn native_type(
    py: Python<'_>,
    cell: &'static OnceLock<TypePtr>,
    name: &'static str,
    methods: &'static [MethodDef],
    base: Option<&PyType>,
) -> &'static PyType {
    let p = cell.get_or_init(|| {
        let spec = TypeSpec {
            methods,
            name,
            basicsize: 32,
            itemsize: 0,
            flags: 0x1c0,
            slots: TypeSlots {
                repr: Some(hash_repr),
                attr: Some(hash_attr),
                ..TypeSlots::new(hash_dealloc)
            },
        };
        let base = base.unwrap_or_else(|| py.types().object());
        TypePtr(PyType::new_native(py, base, spec).into_raw())
    });
    // SAFETY: never freed (see `TypePtr`).
    unsafe { p.0.as_ref() }
}

fn as_hash(obj: &PyObject) -> &Hash {
    // SAFETY: only installed on HASH/HASHXOF instances (methods are checked by their
    // descriptors, slots belong to these types).
    unsafe { &*(obj as *const PyObject as *const Hash) }
}

/// A new HASH object owning `ctx` (a fresh or copied `EVP_MD_CTX`).
fn new_hash(py: Python<'_>, xof: bool, ctx: *mut c_void, md: *const c_void, name: String) -> PyRef {
    let ty = if xof { hashxof_type(py) } else { hash_type(py) };
    // SAFETY: every field is written before the handle exists; the type is not GC.
    unsafe {
        let p = alloc_object(py, ty, size_of::<Hash>()).cast::<Hash>();
        std::ptr::addr_of_mut!((*p.as_ptr()).ctx).write(ctx);
        std::ptr::addr_of_mut!((*p.as_ptr()).md).write(md);
        std::ptr::addr_of_mut!((*p.as_ptr()).name).write(name);
        PyRef::from_raw(p.cast::<PyObject>())
    }
}

unsafe fn hash_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead HASH object (dealloc contract): free its context, drop its name, free it.
    unsafe {
        let h = obj.cast::<Hash>().as_ptr();
        if let Some(evp) = evp()
            && !(*h).ctx.is_null()
        {
            (evp.ctx_free)((*h).ctx);
        }
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*h).name));
        free_object(py, obj, size_of::<Hash>());
    }
}

fn hash_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    Ok(PyStr::new(
        py,
        &format!(
            "<{} {} object @ {:p}>",
            as_hash(obj).name,
            obj.ob_type().name(),
            obj as *const PyObject
        ),
    ))
}

fn hash_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let h = as_hash(obj);
    let evp = evp_or_error()?;
    let xof = std::ptr::eq(obj.ob_type(), hashxof_type(py));
    // Methods come bound from here: native types made at run time have no method dict.
    let methods = if xof { HASHXOF_METHODS } else { HASH_METHODS };
    if let Some(def) = methods.iter().find(|d| d.name == name) {
        return Ok(Some(
            PyBuiltinFunction::new(py, def, Some(obj.to_owned_ref())).into_object(),
        ));
    }
    Ok(match name {
        "name" => Some(PyStr::new(py, &h.name).into_object()),
        // SAFETY: `md` is a static EVP_MD of libcrypto.
        "digest_size" if xof => Some(PyInt::new(py, 0).into_object()),
        "digest_size" => {
            Some(PyInt::new(py, i64::from(unsafe { (evp.md_size)(h.md) })).into_object())
        }
        // SAFETY: as above.
        "block_size" => {
            Some(PyInt::new(py, i64::from(unsafe { (evp.md_block_size)(h.md) })).into_object())
        }
        _ => None,
    })
}

/// The bytes of a buffer argument, with `_hashopenssl.c`'s messages for str and non-buffers.
fn data_arg(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<u8>> {
    if obj.downcast_ref::<PyStr>(py).is_some() {
        return Err(PyErr::type_error("Strings must be encoded before hashing"));
    }
    buffer_bytes(py, obj)
        .ok_or_else(|| PyErr::type_error("object supporting the buffer API required"))
}

fn update_ctx(evp: &Evp, ctx: *mut c_void, data: &[u8]) -> PyResult<()> {
    // SAFETY: `ctx` is a live initialized EVP_MD_CTX; `data` is valid for its length.
    let ok = unsafe { (evp.update)(ctx, data.as_ptr().cast(), data.len()) };
    if ok == 1 {
        Ok(())
    } else {
        Err(PyErr::value_error("EVP_DigestUpdate failed"))
    }
}

fn hash_update(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("HASH.update", 1, 1)?;
    let data = data_arg(py, &a[0])?;
    update_ctx(evp_or_error()?, as_hash(this).ctx, &data)?;
    Ok(py.none())
}

/// A copy of the object's context (`EVP_MD_CTX_copy_ex`), owned by the caller.
fn copy_ctx(evp: &Evp, ctx: *const c_void) -> PyResult<*mut c_void> {
    // SAFETY: EVP_MD_CTX_new has no preconditions.
    let new = unsafe { (evp.ctx_new)() };
    if new.is_null() {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    // SAFETY: both contexts are live; `ctx` is initialized.
    if unsafe { (evp.ctx_copy)(new, ctx) } != 1 {
        // SAFETY: `new` came from EVP_MD_CTX_new and is not used again.
        unsafe { (evp.ctx_free)(new) };
        return Err(PyErr::value_error("EVP_MD_CTX_copy_ex failed"));
    }
    Ok(new)
}

/// The digest of what was hashed so far (`length` bytes for an XOF), the object unchanged.
fn finish(this: &PyObject, length: Option<usize>) -> PyResult<Vec<u8>> {
    let evp = evp_or_error()?;
    let h = as_hash(this);
    let tmp = copy_ctx(evp, h.ctx)?;
    let out = match length {
        Some(n) => {
            let mut buf = vec![0u8; n];
            // SAFETY: `tmp` is a live copy of an XOF context; `buf` holds `n` bytes.
            let ok = n == 0 || unsafe { (evp.finalize_xof)(tmp, buf.as_mut_ptr(), n) } == 1;
            ok.then_some(buf)
        }
        None => {
            let mut buf = [0u8; 64];
            let mut len: c_uint = 0;
            // SAFETY: `tmp` is a live copy; EVP_MAX_MD_SIZE is 64 bytes.
            let ok = unsafe { (evp.finalize)(tmp, buf.as_mut_ptr(), &mut len) } == 1;
            ok.then(|| buf[..(len as usize).min(64)].to_vec())
        }
    };
    // SAFETY: `tmp` came from copy_ctx and is not used again.
    unsafe { (evp.ctx_free)(tmp) };
    out.ok_or_else(|| PyErr::value_error("EVP_DigestFinal failed"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_digest(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("HASH.digest", 0, 0)?;
    Ok(PyBytes::new(py, &finish(this, None)?).into_object())
}

fn hash_hexdigest(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("HASH.hexdigest", 0, 0)?;
    Ok(PyStr::new(py, &hex(&finish(this, None)?)).into_object())
}

/// The `length` argument of `HASHXOF.digest`/`hexdigest` (a negative length fails to allocate,
/// as in CPython).
fn xof_length(py: Python<'_>, fname: &str, args: &Args<'_>) -> PyResult<usize> {
    let [length] = args.parse(fname, ["length"], 1)?;
    let Some(length) = length else {
        return Err(PyErr::type_error(format!(
            "{fname}() missing required argument 'length' (pos 1)"
        )));
    };
    let n = length
        .downcast_ref::<PyInt>(py)
        .and_then(PyInt::as_i64)
        .ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                length.ob_type().name()
            ))
        })?;
    usize::try_from(n).map_err(|_| PyErr::new(ExcKind::MemoryError, ""))
}

/// Argument Clinic's binding of `fname(name..., *, usedforsecurity=True)`: at most `max_pos`
/// positional arguments, keywords among `names`, CPython's messages.
fn parse_args<'a, const N: usize>(
    args: &Args<'a>,
    fname: &str,
    names: [&str; N],
    max_pos: usize,
) -> PyResult<[Option<&'a PyRef>; N]> {
    let given = args.pos().len();
    if given > max_pos {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {max_pos} positional argument{} ({given} given)",
            if max_pos == 1 { "" } else { "s" }
        )));
    }
    if let Some((key, _)) = args
        .kwargs()
        .find(|(k, _)| !names.contains(&k.to_string_lossy().as_str()))
    {
        return Err(PyErr::type_error(format!(
            "'{}' is an invalid keyword argument for {fname}()",
            key.to_string_lossy()
        )));
    }
    args.parse(fname, names, 0)
}

fn xof_digest(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = xof_length(py, "digest", &args)?;
    Ok(PyBytes::new(py, &finish(this, Some(n))?).into_object())
}

fn xof_hexdigest(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = xof_length(py, "hexdigest", &args)?;
    Ok(PyStr::new(py, &hex(&finish(this, Some(n))?)).into_object())
}

fn hash_copy(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("HASH.copy", 0, 0)?;
    let h = as_hash(this);
    let ctx = copy_ctx(evp_or_error()?, h.ctx)?;
    let xof = std::ptr::eq(this.ob_type(), hashxof_type(py));
    Ok(new_hash(py, xof, ctx, h.md, h.name.clone()))
}

/// A new HASH object for `digest`, fed `data`.
fn make(py: Python<'_>, digest: Digest, data: Option<&PyRef>) -> PyResult<PyRef> {
    let evp = evp_or_error()?;
    let bytes = match data {
        Some(d) => Some(data_arg(py, d)?),
        None => None,
    };
    // SAFETY: EVP_MD_CTX_new has no preconditions.
    let ctx = unsafe { (evp.ctx_new)() };
    if ctx.is_null() {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    let obj = new_hash(py, digest.xof, ctx, digest.md, digest.name);
    // SAFETY: `ctx` is live (owned by `obj`); `md` is a static EVP_MD.
    if unsafe { (evp.init)(ctx, digest.md, std::ptr::null_mut()) } != 1 {
        return Err(PyErr::value_error("EVP_DigestInit_ex failed"));
    }
    if let Some(b) = bytes {
        update_ctx(evp, ctx, &b)?;
    }
    Ok(obj)
}

/// `_hashlib.new(name, string=b'', *, usedforsecurity=True)`.
fn hashlib_new(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [name, data, _] = parse_args(&args, "new", ["name", "string", "usedforsecurity"], 2)?;
    let Some(name) = name else {
        return Err(PyErr::type_error(
            "new() missing required argument 'name' (pos 1)",
        ));
    };
    let name = name
        .downcast_ref::<PyStr>(py)
        .ok_or_else(|| PyErr::type_error("name must be a string"))?
        .to_string_lossy();
    let digest = digest_by_name(evp_or_error()?, &name)?;
    make(py, digest, data)
}

/// One `openssl_NAME(string=b'', *, usedforsecurity=True)` constructor.
fn constructor(py: Python<'_>, args: Args<'_>, py_name: &str) -> PyResult<PyRef> {
    let fname = format!("openssl_{py_name}");
    let [data, _] = parse_args(&args, &fname, ["string", "usedforsecurity"], 1)?;
    let digest = digest_by_name(evp_or_error()?, py_name)?;
    make(py, digest, data)
}

macro_rules! constructors {
    ($($f:ident => $name:literal),* $(,)?) => {
        $(
            fn $f(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                constructor(py, args, $name)
            }
        )*
        /// Every module function: `new`, the helpers and the `openssl_*` constructors.
        static METHODS: &[MethodDef] = &[
            MethodDef::new("new", hashlib_new),
            MethodDef::new("get_fips_mode", get_fips_mode),
            MethodDef::new("compare_digest", compare_digest),
            $(MethodDef::new(concat!("openssl_", $name), $f)),*
        ];
    };
}

constructors! {
    openssl_md5 => "md5",
    openssl_sha1 => "sha1",
    openssl_sha224 => "sha224",
    openssl_sha256 => "sha256",
    openssl_sha384 => "sha384",
    openssl_sha512 => "sha512",
    openssl_sha3_224 => "sha3_224",
    openssl_sha3_256 => "sha3_256",
    openssl_sha3_384 => "sha3_384",
    openssl_sha3_512 => "sha3_512",
    openssl_shake_128 => "shake_128",
    openssl_shake_256 => "shake_256",
    // Not in CPython's _hashlib (its blake2 is the _blake2 module, which oxpy lacks): the
    // bundled hashlib.py takes blake2b/blake2s from these.
    openssl_blake2b => "blake2b",
    openssl_blake2s => "blake2s",
}

/// `_hashlib.get_fips_mode()`: 0 (no FIPS provider is asked for).
fn get_fips_mode(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("get_fips_mode", 0, 0)?;
    Ok(PyInt::new(py, 0).into_object())
}

/// `_hashlib.compare_digest(a, b)`: equality of two str (ASCII) or two bytes-like values,
/// without an early exit.
fn compare_digest(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("compare_digest", 2, 2)?;
    let bytes = |o: &PyObject| -> PyResult<Vec<u8>> {
        if let Some(s) = o.downcast_ref::<PyStr>(py) {
            return s
                .as_ascii_str()
                .map(|s| s.as_bytes().to_vec())
                .ok_or_else(|| {
                    PyErr::type_error(
                        "comparing strings with non-ASCII characters is not supported",
                    )
                });
        }
        buffer_bytes(py, o).ok_or_else(|| {
            PyErr::type_error(format!(
                "unsupported operand types(s) or combination of types: '{}' and '{}'",
                a[0].ob_type().name(),
                a[1].ob_type().name()
            ))
        })
    };
    let (x, y) = (bytes(&a[0])?, bytes(&a[1])?);
    let mut diff = u8::from(x.len() != y.len());
    for (p, q) in x.iter().zip(y.iter()) {
        diff |= p ^ q;
    }
    Ok(py.bool(diff == 0).into_object())
}

fn hashlib_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let evp = evp_or_error()?;
    let names: Vec<PyRef> = DIGESTS
        .iter()
        // SAFETY: the names are NUL-terminated; the lookup has no other precondition.
        .filter(|(_, ossl, _)| !unsafe { (evp.get_digestbyname)(ossl.as_ptr()) }.is_null())
        .map(|(py_name, _, _)| PyStr::new(py, py_name).into_object())
        .collect();
    let list = PyList::from_vec(py, names)?;
    let names = PySet::frozenset_from(py, list.as_object())?;
    Ok(vec![
        ("openssl_md_meth_names", names),
        ("HASH", hash_type(py).to_owned_ref().into_object()),
        ("HASHXOF", hashxof_type(py).to_owned_ref().into_object()),
    ])
}

/// The `_hashlib` module (an `ImportError` when libcrypto cannot be loaded).
pub static HASHLIB: ModuleDef = ModuleDef {
    name: "_hashlib",
    doc: "OpenSSL interface for hashlib module",
    methods: METHODS,
    attrs: hashlib_attrs,
};
