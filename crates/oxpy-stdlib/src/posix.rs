//! `_oxpy_posix`: the file-descriptor and path system calls that CPython's `posix` module (C)
//! provides, for the bundled `posix.py`, `os.py` and `_io.py`.
//!
//! Failures raise `OSError(errno, strerror[, filename])`, which picks CPython's subclass
//! (`FileNotFoundError`, `IsADirectoryError`, …) from the errno.

use std::ffi::CString;
use std::os::unix::fs::MetadataExt;

use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::eval::call::call1;
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::bytearray::PyByteArray;
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyObject, PyRef, Python};

use crate::util::pos_args;

/// The `_oxpy_posix` module.
pub static POSIX: ModuleDef = ModuleDef {
    name: "_oxpy_posix",
    doc: "",
    methods: &[
        MethodDef::new("open", px_open),
        MethodDef::new("close", px_close),
        MethodDef::new("read", px_read),
        MethodDef::new("write", px_write),
        MethodDef::new("lseek", px_lseek),
        MethodDef::new("isatty", px_isatty),
        MethodDef::new("ftruncate", px_ftruncate),
        MethodDef::new("stat", px_stat),
        MethodDef::new("lstat", px_lstat),
        MethodDef::new("fstat", px_fstat),
        MethodDef::new("unlink", px_unlink),
        MethodDef::new("mkdir", px_mkdir),
        MethodDef::new("rmdir", px_rmdir),
        MethodDef::new("rename", px_rename),
        MethodDef::new("chdir", px_chdir),
        MethodDef::new("getcwd", px_getcwd),
        MethodDef::new("listdir", px_listdir),
        MethodDef::new("access", px_access),
        MethodDef::new("getpid", px_getpid),
        MethodDef::new("kill", px_kill),
        MethodDef::new("cli_flags", px_cli_flags),
        MethodDef::new("strerror", px_strerror),
        MethodDef::new("environ", px_environ),
        MethodDef::new("urandom", px_urandom),
        MethodDef::new("_exit", px_exit),
    ],
    attrs: posix_attrs,
};

fn posix_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let i = |v: i64| PyInt::new(py, v).into_object();
    Ok(vec![
        ("O_RDONLY", i(0)),
        ("O_WRONLY", i(1)),
        ("O_RDWR", i(2)),
        ("O_CREAT", i(0o100)),
        ("O_EXCL", i(0o200)),
        ("O_NOCTTY", i(0o400)),
        ("O_TRUNC", i(0o1000)),
        ("O_APPEND", i(0o2000)),
        ("O_NONBLOCK", i(0o4000)),
        ("O_CLOEXEC", i(0o2000000)),
        ("F_OK", i(0)),
        ("R_OK", i(4)),
        ("W_OK", i(2)),
        ("X_OK", i(1)),
    ])
}

// SAFETY: POSIX functions from the C library, called with valid NUL-terminated paths and
// buffers that live (and are large enough) for the duration of each call.
unsafe extern "C" {
    fn open(path: *const std::ffi::c_char, flags: i32, mode: u32) -> i32;
    fn close(fd: i32) -> i32;
    fn read(fd: i32, buf: *mut u8, n: usize) -> isize;
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
    fn lseek(fd: i32, off: i64, whence: i32) -> i64;
    fn isatty(fd: i32) -> i32;
    fn ftruncate(fd: i32, len: i64) -> i32;
    fn access(path: *const std::ffi::c_char, mode: i32) -> i32;
    fn getpid() -> i32;
    fn strerror(errnum: i32) -> *const std::ffi::c_char;
}

/// The message `strerror(errno)` gives (`"No such file or directory"`).
pub fn strerror_text(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a static (or thread-local) NUL-terminated string.
    unsafe {
        let p = strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// `OSError(errno, strerror[, filename])`, as `PyErr_SetFromErrnoWithFilenameObject` raises.
pub fn os_error(py: Python<'_>, err: &std::io::Error, filename: Option<&PyObject>) -> PyErr {
    let Some(errno) = err.raw_os_error() else {
        return PyErr::new(ExcKind::OSError, err.to_string());
    };
    let mut args = vec![
        PyInt::new(py, i64::from(errno)).into_object(),
        PyStr::new(py, &strerror_text(errno)).into_object(),
    ];
    if let Some(f) = filename {
        args.push(f.to_owned_ref());
    }
    let ty = py.types().exception(ExcKind::OSError);
    match call1(py, ty.as_object(), &args) {
        Ok(e) => PyErr::from_object(e),
        Err(e) => e,
    }
}

fn last_error(py: Python<'_>, filename: Option<&PyObject>) -> PyErr {
    os_error(py, &std::io::Error::last_os_error(), filename)
}

fn int_arg(py: Python<'_>, obj: &PyObject) -> PyResult<i64> {
    crate::util::ssize(py, obj)
}

fn fd_arg(py: Python<'_>, obj: &PyObject) -> PyResult<i32> {
    i32::try_from(int_arg(py, obj)?)
        .map_err(|_| PyErr::overflow_error("fd is greater than maximum"))
}

/// A path argument: str or bytes (os.fspath was applied by the Python side).
fn path_arg(py: Python<'_>, fname: &str, obj: &PyObject) -> PyResult<CString> {
    let bytes = if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        s.to_string_lossy().into_bytes()
    } else if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        b.as_bytes().to_vec()
    } else {
        return Err(PyErr::type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            obj.ob_type().name()
        )));
    };
    CString::new(bytes).map_err(|_| PyErr::value_error(format!("{fname}: embedded null byte")))
}

fn path_string(py: Python<'_>, fname: &str, obj: &PyObject) -> PyResult<String> {
    Ok(path_arg(py, fname, obj)?.to_string_lossy().into_owned())
}

fn px_open(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "open", "open", 2, 3)?;
    let path = path_arg(py, "open", &a[0])?;
    let flags = i32::try_from(int_arg(py, &a[1])?).unwrap_or(0) | 0o2000000;
    let mode = match a.get(2) {
        Some(m) => u32::try_from(int_arg(py, m)?).unwrap_or(0o777),
        None => 0o777,
    };
    // SAFETY: `path` is a valid NUL-terminated string.
    let fd = unsafe { open(path.as_ptr(), flags, mode) };
    if fd < 0 {
        return Err(last_error(py, Some(&a[0])));
    }
    Ok(PyInt::new(py, i64::from(fd)).into_object())
}

fn px_close(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "close", "close", 1, 1)?;
    let fd = fd_arg(py, &a[0])?;
    // SAFETY: closing a descriptor number is memory-safe whatever its value.
    if unsafe { close(fd) } < 0 {
        return Err(last_error(py, None));
    }
    Ok(py.none())
}

fn px_read(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "read", "read", 2, 2)?;
    let fd = fd_arg(py, &a[0])?;
    let n = int_arg(py, &a[1])?;
    if n < 0 {
        return Err(PyErr::value_error("negative length"));
    }
    let mut buf = crate::util::try_vec::<u8>(n as usize)?;
    buf.resize(n as usize, 0);
    let got = py.allow_threads(|| {
        // SAFETY: `buf` holds `n` writable bytes.
        let r = unsafe { read(fd, buf.as_mut_ptr(), buf.len()) };
        (r, buf)
    });
    let (r, mut buf) = got;
    if r < 0 {
        return Err(last_error(py, None));
    }
    buf.truncate(r as usize);
    Ok(PyBytes::new(py, &buf).into_object())
}

fn bytes_of(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<u8>> {
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        Ok(b.as_bytes().to_vec())
    } else if let Some(b) = obj.downcast_ref::<PyByteArray>(py) {
        Ok(b.to_vec())
    } else {
        Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            obj.ob_type().name()
        )))
    }
}

fn px_write(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "write", "write", 2, 2)?;
    let fd = fd_arg(py, &a[0])?;
    let data = bytes_of(py, &a[1])?;
    let r = py.allow_threads(|| {
        // SAFETY: `data` is a live buffer of `data.len()` bytes.
        unsafe { write(fd, data.as_ptr(), data.len()) }
    });
    if r < 0 {
        return Err(last_error(py, None));
    }
    Ok(PyInt::new(py, r as i64).into_object())
}

fn px_lseek(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lseek", "lseek", 3, 3)?;
    let fd = fd_arg(py, &a[0])?;
    let pos = int_arg(py, &a[1])?;
    let how = i32::try_from(int_arg(py, &a[2])?).unwrap_or(-1);
    // SAFETY: lseek only reads its integer arguments.
    let r = unsafe { lseek(fd, pos, how) };
    if r < 0 {
        return Err(last_error(py, None));
    }
    Ok(PyInt::new(py, r).into_object())
}

fn px_isatty(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "isatty", "isatty", 1, 1)?;
    let fd = fd_arg(py, &a[0])?;
    // SAFETY: isatty only reads its integer argument.
    Ok(py.bool(unsafe { isatty(fd) } == 1).into_object())
}

fn px_ftruncate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "ftruncate", "ftruncate", 2, 2)?;
    let fd = fd_arg(py, &a[0])?;
    let n = int_arg(py, &a[1])?;
    // SAFETY: ftruncate only reads its integer arguments.
    if unsafe { ftruncate(fd, n) } < 0 {
        return Err(last_error(py, None));
    }
    Ok(py.none())
}

/// `(mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime, atime_ns, mtime_ns, ctime_ns)`.
fn stat_tuple(py: Python<'_>, m: &std::fs::Metadata) -> PyRef {
    let i = |v: i64| PyInt::new(py, v).into_object();
    let secs = |s: i64, ns: i64| PyFloat::new(py, s as f64 + ns as f64 * 1e-9).into_object();
    let nanos = |s: i64, ns: i64| {
        crate::util::new_int(
            py,
            num_bigint::BigInt::from(s) * 1_000_000_000 + num_bigint::BigInt::from(ns),
        )
    };
    PyTuple::new(
        py,
        vec![
            i(i64::from(m.mode())),
            i(m.ino() as i64),
            i(m.dev() as i64),
            i(m.nlink() as i64),
            i(i64::from(m.uid())),
            i(i64::from(m.gid())),
            i(m.size() as i64),
            secs(m.atime(), m.atime_nsec()),
            secs(m.mtime(), m.mtime_nsec()),
            secs(m.ctime(), m.ctime_nsec()),
            nanos(m.atime(), m.atime_nsec()),
            nanos(m.mtime(), m.mtime_nsec()),
            nanos(m.ctime(), m.ctime_nsec()),
        ],
    )
    .into_object()
}

fn px_stat(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "stat", "stat", 1, 1)?;
    let p = path_string(py, "stat", &a[0])?;
    match std::fs::metadata(&p) {
        Ok(m) => Ok(stat_tuple(py, &m)),
        Err(e) => Err(os_error(py, &e, Some(&a[0]))),
    }
}

fn px_lstat(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lstat", "lstat", 1, 1)?;
    let p = path_string(py, "lstat", &a[0])?;
    match std::fs::symlink_metadata(&p) {
        Ok(m) => Ok(stat_tuple(py, &m)),
        Err(e) => Err(os_error(py, &e, Some(&a[0]))),
    }
}

fn px_fstat(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "fstat", "fstat", 1, 1)?;
    let fd = fd_arg(py, &a[0])?;
    // /proc/self/fd/N follows the descriptor to its file (Linux).
    match std::fs::metadata(format!("/proc/self/fd/{fd}")) {
        Ok(m) => Ok(stat_tuple(py, &m)),
        Err(_) => Err(os_error(py, &std::io::Error::from_raw_os_error(9), None)),
    }
}

fn path_op(
    py: Python<'_>,
    args: Args<'_>,
    name: &str,
    op: fn(&str) -> std::io::Result<()>,
) -> PyResult<PyRef> {
    let a = pos_args(args, name, name, 1, 2)?;
    let p = path_string(py, name, &a[0])?;
    op(&p).map_err(|e| os_error(py, &e, Some(&a[0])))?;
    Ok(py.none())
}

fn px_unlink(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    path_op(py, args, "unlink", |p| std::fs::remove_file(p))
}

fn px_mkdir(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    path_op(py, args, "mkdir", |p| std::fs::create_dir(p))
}

fn px_rmdir(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    path_op(py, args, "rmdir", |p| std::fs::remove_dir(p))
}

fn px_chdir(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    path_op(py, args, "chdir", |p| std::env::set_current_dir(p))
}

fn px_rename(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "rename", "rename", 2, 2)?;
    let src = path_string(py, "rename", &a[0])?;
    let dst = path_string(py, "rename", &a[1])?;
    std::fs::rename(&src, &dst).map_err(|e| os_error(py, &e, Some(&a[0])))?;
    Ok(py.none())
}

fn px_getcwd(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "getcwd", "getcwd", 0, 0)?;
    let d = std::env::current_dir().map_err(|e| os_error(py, &e, None))?;
    Ok(PyStr::new(py, &d.display().to_string()).into_object())
}

fn px_listdir(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "listdir", "listdir", 1, 1)?;
    let p = path_string(py, "listdir", &a[0])?;
    let rd = std::fs::read_dir(&p).map_err(|e| os_error(py, &e, Some(&a[0])))?;
    let mut names = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| os_error(py, &e, Some(&a[0])))?;
        names.push(PyStr::new(py, &ent.file_name().to_string_lossy()).into_object());
    }
    Ok(PyList::from_vec(py, names)?.into_object())
}

fn px_access(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "access", "access", 2, 2)?;
    let p = path_arg(py, "access", &a[0])?;
    let mode = i32::try_from(int_arg(py, &a[1])?).unwrap_or(0);
    // SAFETY: `p` is a valid NUL-terminated string.
    Ok(py
        .bool(unsafe { access(p.as_ptr(), mode) } == 0)
        .into_object())
}

fn px_getpid(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "getpid", "getpid", 0, 0)?;
    // SAFETY: getpid has no preconditions.
    Ok(PyInt::new(py, i64::from(unsafe { getpid() })).into_object())
}

/// `os.kill(pid, sig)`; a signal to ourselves runs its Python handler before returning, as
/// CPython's `PyErr_CheckSignals` after the call does.
fn px_kill(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "kill", "kill", 2, 2)?;
    let pid = i32::try_from(int_arg(py, &a[0])?).map_err(|_| {
        PyErr::new(
            ExcKind::OverflowError,
            "signed integer is greater than maximum",
        )
    })?;
    let sig = i32::try_from(int_arg(py, &a[1])?).map_err(|_| {
        PyErr::new(
            ExcKind::OverflowError,
            "signed integer is greater than maximum",
        )
    })?;
    // SAFETY: `kill` has no memory preconditions.
    if unsafe { libc::kill(pid, sig) } != 0 {
        return Err(last_error(py, None));
    }
    oxpy_vm::signals::check_signals(py)?;
    Ok(py.none())
}

/// The `sys.flags` values the command line set, as a dict (for the bundled `_oxpy_sys`).
fn px_cli_flags(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "cli_flags", "cli_flags", 0, 0)?;
    let d = PyDict::new(py);
    for (name, value) in oxpy_vm::eval::sysmod::cli_flags() {
        d.set_item(
            py,
            PyStr::new(py, name).into_object(),
            PyInt::new(py, value).into_object(),
        )?;
    }
    Ok(d.into_object())
}

fn px_strerror(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "strerror", "strerror", 1, 1)?;
    let n = i32::try_from(int_arg(py, &a[0])?).unwrap_or(i32::MAX);
    Ok(PyStr::new(py, &strerror_text(n)).into_object())
}

fn px_environ(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "environ", "environ", 0, 0)?;
    let d = PyDict::new(py);
    for (k, v) in std::env::vars_os() {
        d.set_item(
            py,
            PyStr::new(py, &k.to_string_lossy()).into_object(),
            PyStr::new(py, &v.to_string_lossy()).into_object(),
        )?;
    }
    Ok(d.into_object())
}

fn px_urandom(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "urandom", "urandom", 1, 1)?;
    let n = int_arg(py, &a[0])?;
    if n < 0 {
        return Err(PyErr::value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    getrandom::fill(&mut buf).map_err(|_| PyErr::new(ExcKind::OSError, "urandom failed"))?;
    Ok(PyBytes::new(py, &buf).into_object())
}

fn px_exit(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "_exit", "_exit", 1, 1)?;
    let code = i32::try_from(int_arg(py, &a[0])?).unwrap_or(1);
    let _ = oxpy_vm::eval::builtins::flush_stdout();
    std::process::exit(code)
}
