//! The `sys` module and the standard streams.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::builtin_function::PyBuiltinFunction;
use crate::objects::bytes::PyBytes;
use crate::objects::dict::PyDict;
use crate::objects::float::PyFloat;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::module::PyModule;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec};

/// A standard stream (`sys.stdout`, `sys.stderr`, `sys.stdin`).
///
/// The bytes go to the process's file descriptors through `eval::builtins` (stdout buffered in
/// Rust, stderr written at once, as before). Next to that, the stream keeps the *objects*
/// CPython's C `TextIOWrapper` keeps in `pending_bytes` (Modules/_io/textio.c), because they are
/// observable: the written `str` itself (its refcount is one higher until the flush), then from
/// the second buffered write a `list` of the pieces (a GC allocation `gc.get_count()` and
/// `gc.get_objects()` see), dropped at a flush: when `pending_bytes_count` reaches the chunk size,
/// on `flush()`, on a newline under line buffering (ttys and stderr), at every write when
/// unbuffered (`-u`, `PYTHONUNBUFFERED`: `write_through`).
#[repr(C)]
pub struct PyStream {
    ob_base: PyObject,
    fd: u8,
    closed: Cell<bool>,
    /// `line_buffering`: a tty stream or stderr, unless unbuffered.
    line_buffering: bool,
    /// `write_through`: unbuffered streams.
    write_through: bool,
    /// `pending_bytes`: `None`, one `str`/`bytes`, or a `list` of them.
    pending: RefCell<Option<PyRef>>,
    /// `pending_bytes_count`: the encoded length of `pending`.
    pending_count: Cell<usize>,
}

/// `TextIOWrapper`'s `chunk_size` (`_CHUNK_SIZE`).
const CHUNK_SIZE: usize = 8192;

/// 0: not decided yet (read `PYTHONUNBUFFERED` on first use), 1: unbuffered, 2: buffered.
static UNBUFFERED: AtomicU8 = AtomicU8::new(0);

/// Make the standard streams unbuffered (`python -u`); call before the `sys` module is made.
pub fn set_unbuffered(on: bool) {
    UNBUFFERED.store(if on { 1 } else { 2 }, Ordering::Relaxed);
}

/// True if stdout/stderr are unbuffered: `-u`, or `PYTHONUNBUFFERED` set to a non-empty value.
pub fn unbuffered() -> bool {
    match UNBUFFERED.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let on = std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
            set_unbuffered(on);
            on
        }
    }
}

impl PyStream {
    /// The `pending_bytes` bookkeeping of `_io_TextIOWrapper_write_impl` for `text` (CPython
    /// 3.11): ASCII text up to the chunk size is kept as the `str` itself, other text as its
    /// encoded `bytes`; a write that would take the pending count past the chunk size flushes
    /// first. Returns true when the write must reach the file now (`needflush`/`write_through`).
    fn buffer_pending(&self, py: Python<'_>, text: &PyRef<PyStr>) -> bool {
        let needflush = self.line_buffering
            && text
                .code_points()
                .any(|c| c == u32::from(b'\n') || c == u32::from(b'\r'));
        let (b, len) = if text.is_ascii() && text.len() <= CHUNK_SIZE {
            (text.clone().into_object(), text.len())
        } else {
            let encoded = text.to_string_lossy();
            (
                PyBytes::new(py, encoded.as_bytes()).into_object(),
                encoded.len(),
            )
        };
        // Whatever leaves `pending` is dropped after the borrow ends (a list of strings runs no
        // Python code when freed, but the borrow stays short anyway).
        let mut released = None;
        {
            let mut pending = self.pending.borrow_mut();
            if self.pending_count.get() + len > CHUNK_SIZE {
                // "Prevent to concatenate more than chunk_size data": flush, then keep `b`.
                released = pending.replace(b);
                self.pending_count.set(0);
            } else {
                match pending.take() {
                    None => {
                        *pending = Some(b);
                        self.pending_count.set(0);
                    }
                    Some(p) => match p.downcast::<PyList>(py) {
                        Ok(list) => {
                            // Appending to a list of strings cannot fail but for memory.
                            let _ = list.append(b);
                            *pending = Some(list.into_object());
                        }
                        Err(first) => {
                            *pending = PyList::from_vec(py, vec![first, b])
                                .ok()
                                .map(PyRef::into_object);
                        }
                    },
                }
            }
            self.pending_count.set(self.pending_count.get() + len);
            if self.pending_count.get() >= CHUNK_SIZE || needflush || self.write_through {
                let old = pending.take();
                if released.is_none() {
                    released = old;
                } else {
                    drop(old);
                }
                self.pending_count.set(0);
            }
        }
        drop(released);
        needflush || self.write_through
    }

    /// `_textiowrapper_writeflush`: drop the pending pieces (their bytes are already out).
    fn clear_pending(&self) {
        let old = self.pending.borrow_mut().take();
        self.pending_count.set(0);
        drop(old);
    }
}

/// Record `text`, about to be written to the standard stream `stream`, in the stream's pending
/// pieces as CPython's `TextIOWrapper.write` does. Returns true when the bytes must reach the
/// file now (a line-buffered newline, or an unbuffered stream). Not a native stream: false.
pub fn buffer_text(py: Python<'_>, stream: &PyObject, text: &PyRef<PyStr>) -> bool {
    stream
        .downcast_ref::<PyStream>(py)
        .is_some_and(|s| s.buffer_pending(py, text))
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyStream {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().text_stream()
    }
}

/// `TextIOWrapper.write`'s definition, for the bound method `PyFile_WriteObject` looks up.
pub(crate) static STREAM_WRITE: MethodDef = MethodDef::new("write", stream_write);

static STREAM_METHODS: &[MethodDef] = &[
    MethodDef::new("write", stream_write),
    MethodDef::new("flush", stream_flush),
    MethodDef::new("fileno", stream_fileno),
    MethodDef::new("isatty", stream_isatty),
    MethodDef::new("readline", stream_readline),
    MethodDef::new("read", stream_read),
    MethodDef::new("readlines", stream_readlines),
    MethodDef::new("readable", stream_readable),
    MethodDef::new("writable", stream_writable),
    MethodDef::new("seekable", stream_seekable),
];

/// The stream type's spec (`_io.TextIOWrapper`).
pub(crate) fn stream_spec() -> TypeSpec {
    TypeSpec {
        methods: STREAM_METHODS,
        name: "TextIOWrapper",
        basicsize: 200,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            repr: Some(stream_repr),
            attr: Some(stream_attr),
            iter: Some(stream_iter),
            iternext: Some(stream_iternext),
            ..TypeSlots::new(dealloc_object::<PyStream>)
        },
    }
}

fn as_stream(obj: &PyObject) -> &PyStream {
    // SAFETY: only installed on stream objects (methods are checked by their descriptor).
    unsafe { &*(obj as *const PyObject as *const PyStream) }
}

fn stream_name(fd: u8) -> &'static str {
    match fd {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    }
}

fn stream_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let s = as_stream(obj);
    let mode = if s.fd == 0 { "r" } else { "w" };
    Ok(PyStr::new(
        py,
        &format!(
            "<_io.TextIOWrapper name='{}' mode='{mode}' encoding='utf-8'>",
            stream_name(s.fd)
        ),
    ))
}

fn stream_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let s = as_stream(obj);
    Ok(match name {
        "name" => Some(PyStr::new(py, stream_name(s.fd)).into_object()),
        "encoding" => Some(PyStr::new(py, "utf-8").into_object()),
        "closed" => Some(py.bool(s.closed.get()).into_object()),
        "mode" => Some(PyStr::new(py, if s.fd == 0 { "r" } else { "w" }).into_object()),
        "errors" => Some(
            PyStr::new(
                py,
                if s.fd == 2 {
                    "backslashreplace"
                } else if c_locale() {
                    "surrogateescape"
                } else {
                    "strict"
                },
            )
            .into_object(),
        ),
        "newlines" => Some(py.none()),
        "line_buffering" => Some(py.bool(s.line_buffering).into_object()),
        "write_through" => Some(py.bool(s.write_through).into_object()),
        _ => None,
    })
}

/// True when the C library's locale is "C", "POSIX" or "C.UTF-8" (or no LC_ALL/LC_CTYPE/LANG says
/// otherwise): CPython then gives stdin/stdout the `surrogateescape` error handler.
fn c_locale() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    matches!(locale.as_str(), "" | "C" | "POSIX" | "C.UTF-8" | "C.utf8")
}

fn stream_write(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("write", 1, 1)?;
    let Ok(text) = a[0].clone().downcast::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            a[0].ob_type().name()
        )));
    };
    let stream = as_stream(this);
    let flush_now = stream.buffer_pending(py, &text);
    let out = text.to_string_lossy();
    match stream.fd {
        1 => {
            crate::eval::builtins::write_stdout(&out)
                .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
            if flush_now {
                crate::eval::builtins::flush_stdout()
                    .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
            }
        }
        _ => crate::eval::builtins::write_stderr(&out),
    }
    Ok(PyInt::new(py, text.len() as i64).into_object())
}

/// `flush()` of a standard stream, as `_PyFile_Flush` calls it (no bound method is made).
pub(crate) fn flush_stream(py: Python<'_>, stream: &PyObject) -> PyResult<()> {
    if stream.downcast_ref::<PyStream>(py).is_some() {
        stream_flush(
            py,
            stream,
            Args {
                values: &[],
                kwnames: &[],
            },
        )?;
    }
    Ok(())
}

fn stream_flush(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    let stream = as_stream(this);
    stream.clear_pending();
    if stream.fd == 1 {
        crate::eval::builtins::flush_stdout()
            .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    }
    Ok(py.none())
}

fn stream_fileno(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyInt::new(py, i64::from(as_stream(this).fd)).into_object())
}

fn stream_isatty(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    use std::io::IsTerminal;
    let t = match as_stream(this).fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    };
    Ok(py.bool(t).into_object())
}

fn stream_readline(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    check_readable(this)?;
    Ok(PyStr::new(py, &read_line(py)?).into_object())
}

/// One line of stdin (with its newline; empty at end of input), the GIL released meanwhile.
fn read_line(py: Python<'_>) -> PyResult<String> {
    let mut line = String::new();
    py.allow_threads(move || std::io::stdin().read_line(&mut line).map(|_| line))
        .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))
}

fn check_readable(this: &PyObject) -> PyResult<()> {
    if as_stream(this).fd == 0 {
        Ok(())
    } else {
        Err(PyErr::new(ExcKind::OSError, "not readable"))
    }
}

fn stream_read(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    check_readable(this)?;
    let a = args.exact_pos("read", 0, 1)?;
    let size = match a.first() {
        Some(n) if !py.is_none(n) => n
            .downcast_ref::<PyInt>(py)
            .and_then(PyInt::as_i64)
            .ok_or_else(|| PyErr::type_error("argument should be integer or None"))?,
        _ => -1,
    };
    if size < 0 {
        let text = py
            .allow_threads(|| std::io::read_to_string(std::io::stdin()))
            .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        return Ok(PyStr::new(py, &text).into_object());
    }
    // Read whole lines until `size` characters are available (stdin is line buffered).
    let mut text = String::new();
    while (text.chars().count() as i64) < size {
        let line = read_line(py)?;
        if line.is_empty() {
            break;
        }
        text.push_str(&line);
    }
    Ok(PyStr::new(py, &text).into_object())
}

fn stream_readlines(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    check_readable(this)?;
    let mut lines = Vec::new();
    loop {
        let line = read_line(py)?;
        if line.is_empty() {
            break;
        }
        lines.push(PyStr::new(py, &line).into_object());
    }
    Ok(PyList::from_vec(py, lines)?.into_object())
}

fn stream_readable(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(py.bool(as_stream(this).fd == 0).into_object())
}

fn stream_writable(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(py.bool(as_stream(this).fd != 0).into_object())
}

fn stream_seekable(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(py.bool(false).into_object())
}

fn stream_iter(_py: Python<'_>, this: &PyObject) -> PyResult<PyRef> {
    Ok(this.to_owned_ref())
}

fn stream_iternext(py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>> {
    check_readable(this)?;
    let line = read_line(py)?;
    Ok((!line.is_empty()).then(|| PyStr::new(py, &line).into_object()))
}

fn new_stream(py: Python<'_>, fd: u8) -> PyRef {
    use std::io::IsTerminal;
    // `create_stdio`: unbuffered streams write through; buffered ones are line buffered on a
    // tty, and stderr always.
    let unbuffered = unbuffered();
    let tty = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => true,
    };
    new_object(py, py.types().text_stream(), |ob_base| PyStream {
        ob_base,
        fd,
        closed: Cell::new(false),
        line_buffering: !unbuffered && tty,
        write_through: unbuffered,
        pending: RefCell::new(None),
        pending_count: Cell::new(0),
    })
    .into_object()
}

/// `Some(fd)` if `obj` is one of the process's own streams.
pub fn native_stream(py: Python<'_>, obj: &PyObject) -> Option<u8> {
    obj.downcast_ref::<PyStream>(py).map(|s| s.fd)
}

/// The current `sys.stdout`.
pub fn stdout(py: Python<'_>) -> PyRef {
    sys_attr(py, "stdout").unwrap_or_else(|| new_stream(py, 1))
}

/// The current `sys.stderr`.
pub fn stderr(py: Python<'_>) -> PyRef {
    sys_attr(py, "stderr").unwrap_or_else(|| new_stream(py, 2))
}

fn sys_attr(py: Python<'_>, name: &str) -> Option<PyRef> {
    crate::eval::run::sys_module(py).get(py, name)
}

macro_rules! sys_defs {
    ($($name:literal => $f:ident),* $(,)?) => {
        static SYS_FUNCTIONS: &[MethodDef] = &[$(MethodDef::new($name, $f)),*];
    };
}

sys_defs! {
    "exit" => sys_exit,
    "getrecursionlimit" => sys_getrecursionlimit,
    "setrecursionlimit" => sys_setrecursionlimit,
    "getsizeof" => sys_getsizeof,
    "getrefcount" => sys_getrefcount,
    "intern" => sys_intern,
    "exc_info" => sys_exc_info,
    "exception" => sys_exception,
    "getswitchinterval" => sys_getswitchinterval,
    "setswitchinterval" => sys_setswitchinterval,
    "getdefaultencoding" => sys_getdefaultencoding,
    "getfilesystemencoding" => sys_getdefaultencoding,
    "get_int_max_str_digits" => sys_get_int_max_str_digits,
    "set_int_max_str_digits" => sys_set_int_max_str_digits,
    "getfilesystemencodeerrors" => sys_getfilesystemencodeerrors,
    "is_finalizing" => sys_is_finalizing,
    "_getframe" => sys_getframe,
    "displayhook" => sys_displayhook,
    "excepthook" => sys_excepthook,
    "__getattr__" => sys_lazy_getattr,
}

/// `sys.displayhook(value)`: print `repr(value)` to `sys.stdout` and keep it as `builtins._`
/// (`None` is neither printed nor kept).
fn sys_displayhook(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("displayhook", 1, 1)?;
    let v = &a[0];
    if py.is_none(v) {
        return Ok(py.none());
    }
    let builtins = crate::eval::run::builtins_dict(py);
    let underscore = crate::objects::str::intern_str(py, "_");
    builtins.set_item(py, underscore.clone().into_object(), py.none())?;
    let text = crate::object::protocol::repr(py, v)?.to_string_lossy();
    let out = stdout(py);
    if py.is_none(&out) {
        return Err(PyErr::new(ExcKind::RuntimeError, "lost sys.stdout"));
    }
    let write = crate::eval::attr::getattr_str(py, &out, "write")?;
    crate::eval::call::call1(
        py,
        &write,
        &[PyStr::new(py, &format!("{text}\n")).into_object()],
    )?;
    builtins.set_item(py, underscore.into_object(), v.clone())?;
    Ok(py.none())
}

/// `sys.excepthook(type, value, traceback)`: print the exception report to stderr.
fn sys_excepthook(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("excepthook", 3, 3)?;
    let text = crate::eval::traceback::format_exception(py, &a[1]);
    crate::eval::builtins::write_stderr(&text);
    Ok(py.none())
}

use crate::objects::int_methods::{sys_get_int_max_str_digits, sys_set_int_max_str_digits};

/// Create the `sys` module.
pub fn make_sys(
    py: Python<'_>,
    argv: &[String],
    path0: Option<String>,
    modules: &PyRef<PyDict>,
) -> PyRef<PyModule> {
    let m = PyModule::new(py, "sys");
    for def in SYS_FUNCTIONS {
        m.set(
            py,
            def.name,
            PyBuiltinFunction::new(py, def, Some(m.as_object().to_owned_ref())).into_object(),
        );
    }
    // The originals stay reachable when a program replaces the hooks.
    for (alias, name) in [
        ("__displayhook__", "displayhook"),
        ("__excepthook__", "excepthook"),
    ] {
        if let Some(f) = m.get(py, name) {
            m.set(py, alias, f);
        }
    }
    let s = |t: &str| PyStr::new(py, t).into_object();
    let i = |v: i64| PyInt::new(py, v).into_object();
    let argv: Vec<PyRef> = argv.iter().map(|a| s(a)).collect();
    m.set(
        py,
        "argv",
        PyList::from_vec(py, argv)
            .map(|l| l.into_object())
            .unwrap_or_else(|_| py.none()),
    );
    let mut path = Vec::new();
    if let Some(p0) = path0 {
        path.push(s(&p0));
    }
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        for p in pp.split(':').filter(|p| !p.is_empty()) {
            path.push(s(p));
        }
    }
    m.set(
        py,
        "path",
        PyList::from_vec(py, path)
            .map(|l| l.into_object())
            .unwrap_or_else(|_| py.none()),
    );
    m.set(py, "modules", modules.clone().into_object());
    let hook = PyBuiltinFunction::new(
        py,
        &crate::eval::unraisable::UNRAISABLEHOOK_DEF,
        Some(m.as_object().to_owned_ref()),
    )
    .into_object();
    m.set(py, "unraisablehook", hook.clone());
    m.set(py, "__unraisablehook__", hook);
    m.set(py, "maxsize", i(i64::MAX));
    m.set(
        py,
        "byteorder",
        s(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    m.set(py, "version", s("3.11.7 (oxpy) [Rust]"));
    m.set(py, "hexversion", i(0x030B07F0));
    m.set(py, "maxunicode", i(0x10FFFF));
    m.set(py, "api_version", i(1013));
    m.set(py, "abiflags", s(""));
    m.set(py, "prefix", s("/usr/local"));
    m.set(py, "base_prefix", s("/usr/local"));
    m.set(py, "exec_prefix", s("/usr/local"));
    m.set(py, "base_exec_prefix", s("/usr/local"));
    m.set(py, "platlibdir", s("lib"));
    m.set(py, "pycache_prefix", py.none());
    m.set(py, "float_repr_style", s("short"));
    m.set(py, "warnoptions", PyList::new_empty(py).into_object());
    m.set(py, "meta_path", PyList::new_empty(py).into_object());
    m.set(py, "path_hooks", PyList::new_empty(py).into_object());
    m.set(py, "path_importer_cache", PyDict::new(py).into_object());
    m.set(py, "_xoptions", PyDict::new(py).into_object());
    let names: Vec<PyRef> = BUILTIN_MODULE_NAMES.iter().map(|n| s(n)).collect();
    m.set(
        py,
        "builtin_module_names",
        PyTuple::new(py, names).into_object(),
    );
    m.set(py, "platform", s(std::env::consts::OS));
    m.set(
        py,
        "executable",
        s(&std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default()),
    );
    for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2)] {
        let stream = new_stream(py, fd);
        m.set(py, name, stream.clone());
        m.set(py, &format!("__{name}__"), stream);
    }
    m.set(py, "dont_write_bytecode", py.true_().into_object());
    m
}

fn sys_exit(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("exit", 0, 1)?;
    let args = a.to_vec();
    let _ = py;
    Err(PyErr::with_args(ExcKind::SystemExit, args))
}

fn sys_getrecursionlimit(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("getrecursionlimit", 0, 0)?;
    Ok(PyInt::new(py, i64::from(crate::eval::recursion_limit())).into_object())
}

fn sys_setrecursionlimit(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("setrecursionlimit", 1, 1)?;
    let Some(n) = a[0].downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            a[0].ob_type().name()
        )));
    };
    let n = n.as_i64().unwrap_or(i64::MAX);
    if n < 1 {
        return Err(PyErr::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    crate::eval::set_recursion_limit(n);
    Ok(py.none())
}

fn sys_getsizeof(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [obj, default] = args.parse("getsizeof", ["object", "default"], 1)?;
    let Some(obj) = obj else {
        return Err(PyErr::type_error(
            "getsizeof() missing required argument 'object' (pos 1)",
        ));
    };
    // `sys_getsizeof_impl`: a `default` replaces only a TypeError.
    match getsizeof_checked(py, obj) {
        Ok(n) => Ok(PyInt::new(py, n).into_object()),
        Err(e) => match default {
            Some(d) if e.is_kind(crate::error::ExcKind::TypeError) => Ok(d.clone()),
            _ => Err(e),
        },
    }
}

/// `_PySys_GetSizeOf`: `__sizeof__()` (a Python override when the class defines one) as a
/// non-negative `Py_ssize_t`, plus the type's pre-header.
fn getsizeof_checked(py: Python<'_>, obj: &PyObject) -> PyResult<i64> {
    let ty = obj.ob_type();
    if ty.is_heap()
        && let Some(f) = ty.lookup(py, intern_str(py, "__sizeof__").as_object())?
        && !f.is_instance_of::<crate::objects::slot_wrapper::PySlotWrapper>(py)
    {
        let r = crate::eval::call::call1(py, &f, std::slice::from_ref(&obj.to_owned_ref()))?;
        let Some(i) = r.downcast_ref::<PyInt>(py) else {
            return Err(PyErr::type_error("an integer is required"));
        };
        let n = i.as_i64().ok_or_else(|| {
            PyErr::new(
                crate::error::ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        })?;
        if n < 0 {
            return Err(PyErr::value_error("__sizeof__() should return >= 0"));
        }
        let pre = crate::object::alloc::preheader_size(ty.flags()) as i64;
        return Ok(n.saturating_add(pre));
    }
    Ok(crate::object::protocol::getsizeof(obj) as i64)
}

fn sys_getrefcount(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("getrefcount", 1, 1)?;
    Ok(PyInt::new(py, a[0].refcnt() as i64).into_object())
}

fn sys_intern(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("intern", 1, 1)?;
    let s = a[0].clone().downcast::<PyStr>(py).map_err(|v| {
        PyErr::type_error(format!(
            "intern() argument must be str, not {}",
            v.ob_type().name()
        ))
    })?;
    Ok(crate::objects::str::intern(py, s).into_object())
}

fn sys_exc_info(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(match crate::eval::current_exception() {
        Some(e) => {
            let tb = crate::eval::attr::getattr_str(py, &e, "__traceback__")?;
            PyTuple::new(py, vec![e.ob_type().to_owned_ref().into_object(), e, tb]).into_object()
        }
        None => PyTuple::new(py, vec![py.none(), py.none(), py.none()]).into_object(),
    })
}

fn sys_exception(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(crate::eval::current_exception().unwrap_or_else(|| py.none()))
}

fn sys_getswitchinterval(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyFloat::new(py, py.interp().gil.interval_us() as f64 / 1e6).into_object())
}

fn sys_setswitchinterval(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("setswitchinterval", 1, 1)?;
    let v = crate::eval::ops::as_f64(py, &a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "must be real number, not {}",
            a[0].ob_type().name()
        ))
    })?;
    if v <= 0.0 {
        return Err(PyErr::value_error(
            "switch interval must be strictly positive",
        ));
    }
    py.interp().gil.set_interval_us((v * 1e6) as u64);
    Ok(py.none())
}

fn sys_getdefaultencoding(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(PyStr::new(py, "utf-8").into_object())
}

/// Names `sys.builtin_module_names` lists (CPython 3.11's, as `python3` shows them).
const BUILTIN_MODULE_NAMES: &[&str] = &[
    "_abc",
    "_ast",
    "_codecs",
    "_collections",
    "_functools",
    "_imp",
    "_io",
    "_locale",
    "_operator",
    "_signal",
    "_sre",
    "_stat",
    "_string",
    "_symtable",
    "_thread",
    "_tokenize",
    "_tracemalloc",
    "_warnings",
    "_weakref",
    "atexit",
    "builtins",
    "errno",
    "faulthandler",
    "gc",
    "itertools",
    "marshal",
    "posix",
    "pwd",
    "sys",
    "time",
    "xxsubtype",
];

fn sys_getfilesystemencodeerrors(
    py: Python<'_>,
    _this: &PyObject,
    _args: Args<'_>,
) -> PyResult<PyRef> {
    Ok(PyStr::new(py, "surrogateescape").into_object())
}

fn sys_is_finalizing(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    Ok(py.bool(false).into_object())
}

/// Command-line switches for `sys.flags` (`-i` → `inspect`, `-O` → `optimize`, …), set by the
/// `oxpy` binary before the VM starts.
static CLI_FLAGS: parking_lot::Mutex<Vec<(&'static str, i64)>> =
    parking_lot::Mutex::new(Vec::new());

/// Record `sys.flags.<name> = value` from the command line.
pub fn set_cli_flag(name: &'static str, value: i64) {
    let mut flags = CLI_FLAGS.lock();
    flags.retain(|(n, _)| *n != name);
    flags.push((name, value));
}

/// The command-line flags recorded by [`set_cli_flag`].
pub fn cli_flags() -> Vec<(&'static str, i64)> {
    CLI_FLAGS.lock().clone()
}

/// `sys.__getattr__`: the structured attributes (`version_info`, `flags`, `float_info`, …)
/// are made by the bundled `_oxpy_sys` module on first use, which stores them in `sys` and
/// removes this hook.
fn sys_lazy_getattr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("__getattr__", 1, 1)?;
    let name = a[0]
        .downcast_ref::<PyStr>(py)
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let sys = crate::eval::run::sys_module(py);
    let missing = || {
        PyErr::new(
            ExcKind::AttributeError,
            format!("module 'sys' has no attribute '{name}'"),
        )
    };
    if crate::eval::import::is_importing("_oxpy_sys") {
        return Err(missing());
    }
    crate::eval::import::import_absolute(py, "_oxpy_sys")?;
    sys.dict
        .get_item(py, crate::objects::str::intern_text(py, &name).as_object())?
        .ok_or_else(missing)
}

/// `sys._getframe(depth=0)`: the frame object of the running frame `depth` calls out (the
/// frame's one object, made on first request).
fn sys_getframe(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("_getframe", 0, 1)?;
    let depth = match a.first() {
        Some(d) => d
            .downcast_ref::<PyInt>(py)
            .and_then(PyInt::as_i64)
            .ok_or_else(|| PyErr::type_error("an integer is required"))?,
        None => 0,
    };
    let depth = usize::try_from(depth.max(0)).unwrap_or(usize::MAX);
    crate::eval::with_frames(|frames| {
        frames
            .get(depth)
            .map(|f| crate::eval::frame_object(py, f).into_object())
    })
    .ok_or_else(|| PyErr::value_error("call stack is not deep enough"))
}
