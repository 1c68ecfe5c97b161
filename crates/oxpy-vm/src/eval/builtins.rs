//! The `builtins` module (`Python/bltinmodule.c`) and constructors of builtin types.

use std::cell::RefCell;
use std::io::Write;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::attr::{getattr, getattr_opt, setattr};
use crate::eval::call::{call, call1};
use crate::eval::import::builtin_open;
use crate::eval::ops::{self, collect_iterable, get_iter, iter_next, truthy};
use crate::gil::Python;
use crate::object::protocol::{self, repr, rich_compare_bool, str_};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::builtin_function::PyBuiltinFunction;
use crate::objects::descriptors::{PyClassMethod, PyProperty, PyStaticMethod};
use crate::objects::dict::PyDict;
use crate::objects::exception::PyBaseException;
use crate::objects::float::PyFloat;
use crate::objects::function::PyFunction;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::module::PyModule;
use crate::objects::str::{PyStr, intern_str, str_char};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeFlags};
use crate::ops::{BinOp, UnaryOp};

use crate::objects::async_gen::{builtin_aiter, builtin_anext};

static BUILD_CLASS: MethodDef = MethodDef::new("__build_class__", builtin_build_class);

/// The `__build_class__` function object.
pub fn build_class_object(py: Python<'_>) -> PyRef {
    PyBuiltinFunction::new(py, &BUILD_CLASS, None).into_object()
}

macro_rules! defs {
    ($($name:literal => $f:ident $(: $doc:literal)?),* $(,)?) => {
        static BUILTIN_FUNCTIONS: &[MethodDef] = &[$(MethodDef {
            name: $name,
            func: $f,
            doc: concat!("" $(, $doc)?),
        }),*];
    };
}

defs! {
    "__build_class__" => builtin_build_class,
    "print" => builtin_print,
    "len" => builtin_len: "Return the number of items in a container.",
    "repr" => builtin_repr,
    "ascii" => builtin_ascii,
    "isinstance" => builtin_isinstance,
    "issubclass" => builtin_issubclass,
    "getattr" => builtin_getattr,
    "setattr" => builtin_setattr,
    "hasattr" => builtin_hasattr,
    "delattr" => builtin_delattr,
    "id" => builtin_id,
    "hash" => builtin_hash,
    "abs" => builtin_abs,
    "min" => builtin_min,
    "max" => builtin_max,
    "sum" => builtin_sum,
    "sorted" => builtin_sorted,
    "any" => builtin_any,
    "all" => builtin_all,
    "iter" => builtin_iter,
    "aiter" => builtin_aiter,
    "anext" => builtin_anext,
    "next" => builtin_next,
    "callable" => builtin_callable,
    "chr" => builtin_chr,
    "ord" => builtin_ord,
    "bin" => builtin_bin,
    "oct" => builtin_oct,
    "hex" => builtin_hex,
    "divmod" => builtin_divmod,
    "pow" => builtin_pow,
    "round" => builtin_round,
    "vars" => builtin_vars,
    "dir" => builtin_dir,
    "globals" => builtin_globals,
    "locals" => builtin_locals,
    "exec" => builtin_exec,
    "eval" => builtin_eval,
    "compile" => builtin_compile,
    "format" => builtin_format,
    "input" => builtin_input,
    "__import__" => builtin_import,
    "breakpoint" => builtin_breakpoint,
    "open" => builtin_open,
}

/// Create the `builtins` module.
pub fn make_builtins(py: Python<'_>) -> PyRef<PyModule> {
    let m = PyModule::new(py, "builtins");
    for def in BUILTIN_FUNCTIONS {
        m.set(
            py,
            def.name,
            PyBuiltinFunction::new(py, def, Some(m.as_object().to_owned_ref())).into_object(),
        );
    }
    let t = py.types();
    let types: [(&str, &PyType); 17] = [
        ("object", t.object()),
        ("type", t.type_()),
        ("int", t.int()),
        ("bool", t.bool_()),
        ("float", t.float()),
        ("str", t.str_()),
        ("bytes", t.bytes()),
        ("tuple", t.tuple()),
        ("list", t.list()),
        ("dict", t.dict()),
        ("staticmethod", t.staticmethod()),
        ("classmethod", t.classmethod()),
        ("property", t.property()),
        ("super", t.super_()),
        ("function", t.function()),
        ("module", t.module()),
        ("NoneType", t.none_type()),
    ];
    for (name, ty) in types {
        if name == "function" || name == "module" || name == "NoneType" {
            continue;
        }
        m.set(py, name, ty.to_owned_ref().into_object());
    }
    for extra in crate::objects::extra_builtin_types(py) {
        m.set(py, extra.name(), extra.to_owned_ref().into_object());
    }
    for &kind in crate::error::ExcKind::ALL {
        m.set(
            py,
            kind.name(),
            t.exception(kind).to_owned_ref().into_object(),
        );
    }
    m.set(
        py,
        "EnvironmentError",
        t.exception(ExcKind::OSError).to_owned_ref().into_object(),
    );
    m.set(
        py,
        "IOError",
        t.exception(ExcKind::OSError).to_owned_ref().into_object(),
    );
    m.set(py, "None", py.none());
    m.set(py, "True", py.true_().into_object());
    m.set(py, "False", py.false_().into_object());
    m.set(py, "Ellipsis", py.ellipsis());
    m.set(py, "NotImplemented", py.not_implemented());
    m.set(py, "__debug__", py.true_().into_object());
    m
}

static INT_FROM_BYTES: MethodDef = MethodDef::new("from_bytes", int_from_bytes_method);
static FLOAT_FROMHEX: MethodDef = MethodDef::new("fromhex", float_fromhex_method);

fn int_from_bytes_method(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [bytes, order, signed] = args.parse("from_bytes", ["bytes", "byteorder", "signed"], 1)?;
    let Some(bytes) = bytes else {
        return Err(PyErr::type_error(
            "from_bytes() missing required argument 'bytes' (pos 1)",
        ));
    };
    let little = match order {
        Some(o) => crate::objects::int_methods::parse_byteorder(py, "from_bytes", o)?,
        None => false,
    };
    let signed = match signed {
        Some(s) => truthy(py, s)?,
        None => false,
    };
    let data: Vec<u8> = if let Some(b) = bytes.downcast_ref::<crate::objects::bytes::PyBytes>(py) {
        b.as_bytes().to_vec()
    } else {
        crate::objects::bytes::bytes_from_object(py, bytes, None, None)?
            .as_bytes()
            .to_vec()
    };
    Ok(crate::objects::int_methods::int_from_bytes(
        py, &data, little, signed,
    ))
}

fn float_fromhex_method(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("fromhex", 1, 1)?;
    let s = a[0].downcast_ref::<PyStr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            a[0].ob_type().name()
        ))
    })?;
    crate::objects::float_methods::float_fromhex(py, &s.to_string_lossy())
}

/// Methods of builtin types that CPython binds to the class (`classmethod`/`staticmethod`):
/// `(type name, method name, bind to the type)`.
const UNBOUND_METHODS: &[(&str, &str, bool)] = &[
    ("dict", "fromkeys", true),
    ("bytes", "fromhex", true),
    ("bytearray", "fromhex", true),
    ("str", "maketrans", false),
    ("bytes", "maketrans", false),
    ("bytearray", "maketrans", false),
    ("type", "__prepare__", false),
    ("object", "__subclasshook__", true),
];

/// Builtin classes that are generic (`__class_getitem__` = `GenericAlias`, PEP 585).
const GENERIC_CLASSES: &[&str] = &[
    "type",
    "tuple",
    "list",
    "dict",
    "set",
    "frozenset",
    "enumerate",
];

/// Methods of builtin types that CPython exposes as data attributes (`tp_getset`): wrapped as
/// properties whose getter is the method.
const GETSET_METHODS: &[(&str, &str)] = &[
    ("int", "real"),
    ("int", "imag"),
    ("int", "numerator"),
    ("int", "denominator"),
    ("float", "real"),
    ("float", "imag"),
    ("complex", "real"),
    ("complex", "imag"),
    ("object", "__class__"),
];

/// Populate the dicts of builtin types with their methods (run once at start-up).
pub fn init_type_dicts(py: Python<'_>) {
    for ty in py.types().all() {
        // SAFETY: builtin types live as long as the interpreter.
        let ty = unsafe { ty.as_ref() };
        if ty.dict().is_some() {
            continue;
        }
        let d = PyDict::new(py);
        let is_int = std::ptr::eq(ty, py.types().int());
        let is_float = std::ptr::eq(ty, py.types().float());
        for def in ty.methods {
            let value = match UNBOUND_METHODS
                .iter()
                .find(|(t, m, _)| *t == ty.name() && *m == def.name)
            {
                Some((_, _, true)) => {
                    PyBuiltinFunction::new(py, def, Some(ty.to_owned_ref().into_object()))
                        .into_object()
                }
                Some((_, _, false)) => {
                    let f = PyBuiltinFunction::new(py, def, None).into_object();
                    PyStaticMethod::new(py, f).into_object()
                }
                None => {
                    let descr = crate::objects::builtin_function::PyMethodDescr::new(py, def, ty)
                        .into_object();
                    if GETSET_METHODS.contains(&(ty.name(), def.name)) {
                        PyProperty::new(py, Some(descr), None, None, None).into_object()
                    } else {
                        descr
                    }
                }
            };
            let _ = d.set_item(py, intern_str(py, def.name).into_object(), value);
        }
        let extra: &[&'static MethodDef] = if is_int {
            &[&INT_FROM_BYTES]
        } else if is_float {
            &[&FLOAT_FROMHEX]
        } else {
            &[]
        };
        for def in extra {
            let f = PyBuiltinFunction::new(py, def, Some(ty.to_owned_ref().into_object()));
            let _ = d.set_item(py, intern_str(py, def.name).into_object(), f.into_object());
        }
        for (name, value) in crate::objects::slot_wrapper::wrappers_for(py, ty) {
            if d.get_item(py, name.as_object()).ok().flatten().is_none() {
                let _ = d.set_item(py, name.into_object(), value);
            }
        }
        if GENERIC_CLASSES.contains(&ty.name()) {
            let f = PyBuiltinFunction::new(py, &crate::objects::generic_alias::CLASS_GETITEM, None);
            let cm = PyClassMethod::new(py, f.into_object());
            let _ = d.set_item(
                py,
                intern_str(py, "__class_getitem__").into_object(),
                cm.into_object(),
            );
        }
        // Every builtin type's dict has `__doc__` (`type_ready` copies `tp_doc`).
        let doc_key = intern_str(py, "__doc__");
        let t = py.types();
        let own_doc = [
            t.function(),
            t.method(),
            t.builtin_function(),
            t.property(),
            t.staticmethod(),
            t.classmethod(),
        ];
        if own_doc.iter().any(|o| std::ptr::eq(*o, ty)) {
            use crate::objects::builtin_function::PyMethodDescr;
            let get = PyMethodDescr::new(py, &crate::objects::object::DOC_GET, ty).into_object();
            let set = PyMethodDescr::new(py, &crate::objects::object::DOC_SET, ty).into_object();
            let prop = PyProperty::new(py, Some(get), Some(set), None, None);
            let _ = d.set_item(py, doc_key.clone().into_object(), prop.into_object());
        }
        if std::ptr::eq(ty, t.type_()) {
            // `type.__dict__['__dict__']`: a data descriptor, so it wins over the `__dict__`
            // descriptors classes keep for their instances.
            use crate::objects::builtin_function::PyMethodDescr;
            let get = PyMethodDescr::new(py, &crate::objects::type_methods::TYPE_DICT_GET, ty)
                .into_object();
            let prop = PyProperty::new(py, Some(get), None, None, None);
            let _ = d.set_item(
                py,
                intern_str(py, "__dict__").into_object(),
                prop.into_object(),
            );
        }
        if std::ptr::eq(ty, t.function()) {
            use crate::objects::builtin_function::PyMethodDescr;
            use crate::objects::object::{ANNOTATIONS_GET, ANNOTATIONS_SET};
            let get = PyMethodDescr::new(py, &ANNOTATIONS_GET, ty).into_object();
            let set = PyMethodDescr::new(py, &ANNOTATIONS_SET, ty).into_object();
            let prop = PyProperty::new(py, Some(get), Some(set), None, None);
            let _ = d.set_item(
                py,
                intern_str(py, "__annotations__").into_object(),
                prop.into_object(),
            );
        }
        if d.get_item(py, doc_key.as_object()).ok().flatten().is_none() {
            let doc = if std::ptr::eq(ty, py.types().object()) {
                PyStr::new(py, crate::objects::object::OBJECT_DOC).into_object()
            } else {
                py.none()
            };
            let _ = d.set_item(py, doc_key.into_object(), doc);
        }
        *ty.dict.borrow_mut() = Some(d);
    }
}

// ---- output ----------------------------------------------------------------------------------

thread_local! {
    static STDOUT: std::cell::RefCell<std::io::BufWriter<std::io::Stdout>> =
        std::cell::RefCell::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
    static STDOUT_TTY: bool = std::io::IsTerminal::is_terminal(&std::io::stdout());
}

/// Write text to the process's standard output (buffered like CPython's when not a tty).
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    write_stdout_bytes(text.as_bytes())
}

/// [`write_stdout`] of UTF-8 bytes.
fn write_stdout_bytes(text: &[u8]) -> std::io::Result<()> {
    STDOUT.with(|s| {
        let mut s = s.borrow_mut();
        s.write_all(text)?;
        if STDOUT_TTY.with(|t| *t) && text.contains(&b'\n') {
            s.flush()?;
        }
        Ok(())
    })
}

/// Flush buffered standard output.
pub fn flush_stdout() -> std::io::Result<()> {
    STDOUT.with(|s| s.borrow_mut().flush())
}

/// Write text to standard error (unbuffered; stdout is flushed first to keep order).
pub fn write_stderr(text: &str) {
    let _ = flush_stdout();
    let mut e = std::io::stderr();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

fn io_error(e: std::io::Error) -> PyErr {
    match e.kind() {
        std::io::ErrorKind::BrokenPipe => {
            PyErr::new(ExcKind::BrokenPipeError, "[Errno 32] Broken pipe")
        }
        _ => PyErr::new(ExcKind::OSError, e.to_string()),
    }
}

fn kwarg<'a>(args: &Args<'a>, name: &str) -> Option<&'a PyRef> {
    args.kwargs()
        .find(|(k, _)| k.as_ascii_str() == Some(name))
        .map(|(_, v)| v)
}

fn check_kwargs(args: &Args<'_>, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in args.kwargs() {
        let k = k.to_string_lossy();
        if !allowed.contains(&k.as_str()) {
            return Err(PyErr::type_error(format!(
                "'{k}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

thread_local! {
    /// The keyword tuples of the argument parsers made so far, by interpreter and function.
    static KWTUPLES: RefCell<Vec<(usize, &'static str, NonNull<PyObject>)>> =
        const { RefCell::new(Vec::new()) };
}

/// `parser_init` of an Argument Clinic `_PyArg_Parser`: the first call of a function parsed by
/// one builds the tuple of its keyword names and keeps it for good (a GC allocation CPython
/// makes, e.g. at the first `print`).
fn arg_parser_kwtuple(py: Python<'_>, func: &'static str, names: &[&str]) {
    let tag = py.interp() as *const _ as usize;
    let known = KWTUPLES.with(|k| k.borrow().iter().any(|e| e.0 == tag && e.1 == func));
    if known {
        return;
    }
    let items = names
        .iter()
        .map(|n| intern_str(py, n).into_object())
        .collect();
    let t = PyTuple::new(py, items).into_object().into_raw();
    KWTUPLES.with(|k| k.borrow_mut().push((tag, func, t)));
}

fn builtin_print(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    arg_parser_kwtuple(py, "print", &["sep", "end", "file", "flush"]);
    // Argument Clinic's `*args`: print's positional arguments are packed in a tuple (a GC
    // allocation, or a recycled tuple), alive for the whole call.
    let _varargs = (!args.pos().is_empty()).then(|| PyTuple::from_slice(py, args.pos()));
    check_kwargs(&args, "print", &["sep", "end", "file", "flush"])?;
    let str_or = |name: &str| -> PyResult<Option<PyRef<PyStr>>> {
        match kwarg(&args, name) {
            None => Ok(None),
            Some(v) if py.is_none(v) => Ok(None),
            Some(v) => match v.clone().downcast::<PyStr>(py) {
                Ok(s) => Ok(Some(s)),
                Err(v) => Err(PyErr::type_error(format!(
                    "{name} must be None or a string, not {}",
                    v.ob_type().name()
                ))),
            },
        }
    };
    let sep = str_or("sep")?;
    let end = str_or("end")?;
    let file = kwarg(&args, "file").filter(|f| !py.is_none(f)).cloned();
    let file = match file {
        Some(f) => f,
        None => crate::eval::sysmod::stdout(py),
    };
    // `sys.stdout` may be None when no stdout is connected.
    if py.is_none(&file) {
        return Ok(py.none());
    }
    if crate::eval::sysmod::native_stream(py, &file).is_none() {
        let text = |s: &Option<PyRef<PyStr>>, default: &str| {
            s.as_ref()
                .map_or_else(|| default.to_string(), |s| s.to_string_lossy())
        };
        return crate::eval::import::print_to_object(
            py,
            &file,
            args.pos(),
            &text(&sep, " "),
            &text(&end, "\n"),
            kwarg(&args, "flush"),
        );
    }
    // One `write` per piece, as `PyFile_WriteObject`/`PyFile_WriteString` do; the bytes are
    // gathered and go out before any `__str__` can run user code (which may print too).
    // Each `PyFile_WriteObject` first looks up `file.write`: a bound builtin method (a GC
    // allocation, freed after the write), alive while the value is converted with `str()`.
    // Where no Python code can run meanwhile (an exact str, int or float value, sep, end)
    // only its count shows.
    let mut out = StreamOut::new(py, &file);
    for (i, a) in args.pos().iter().enumerate() {
        if i > 0 {
            crate::gc::transient_alloc(py);
            out.put(sep.clone().unwrap_or_else(|| latin1_char(py, b' ')))?;
        }
        if PyStr::is_exact_type_of(py, a)
            || PyInt::is_exact_type_of(py, a)
            || PyFloat::is_exact_type_of(py, a)
        {
            crate::gc::transient_alloc(py);
            out.put(str_(py, a)?)?;
        } else {
            let _writer =
                PyBuiltinFunction::new(py, &crate::eval::sysmod::STREAM_WRITE, Some(file.clone()));
            out.emit()?;
            out.put(str_(py, a)?)?;
        }
    }
    crate::gc::transient_alloc(py);
    out.put(end.unwrap_or_else(|| latin1_char(py, b'\n')))?;
    out.emit()?;
    if let Some(f) = kwarg(&args, "flush")
        && truthy(py, f)?
    {
        crate::eval::sysmod::flush_stream(py, &file)?;
    }
    Ok(py.none())
}

/// The cached one-character string of `c` (`PyUnicode_FromString(" ")` gives the singleton).
fn latin1_char(py: Python<'_>, c: u8) -> PyRef<PyStr> {
    match py.interp().singletons.latin1.get(usize::from(c)) {
        Some(s) => s.clone(),
        None => str_char(py, u32::from(c)),
    }
}

/// Writes of `print` to a standard stream: each piece is recorded in the stream's pending
/// objects (`TextIOWrapper.write`). Stdout's bytes go to its buffer at once; stderr's are
/// gathered until [`StreamOut::emit`] (one unbuffered write per print, as before).
struct StreamOut<'a, 'py> {
    py: Python<'py>,
    stream: &'a PyObject,
    fd: u8,
    bytes: Vec<u8>,
    flush: bool,
}

impl<'a, 'py> StreamOut<'a, 'py> {
    fn new(py: Python<'py>, stream: &'a PyObject) -> Self {
        let fd = crate::eval::sysmod::native_stream(py, stream).unwrap_or(1);
        StreamOut {
            py,
            stream,
            fd,
            bytes: Vec::new(),
            flush: false,
        }
    }

    fn put(&mut self, s: PyRef<PyStr>) -> PyResult<()> {
        self.flush |= crate::eval::sysmod::buffer_text(self.py, self.stream, &s);
        let lossy;
        let data = if s.is_ascii() {
            s.data_bytes()
        } else {
            lossy = s.to_string_lossy();
            lossy.as_bytes()
        };
        if self.fd == 1 {
            write_stdout_bytes(data).map_err(io_error)
        } else {
            self.bytes.extend_from_slice(data);
            Ok(())
        }
    }

    /// Write out what was gathered (flushing stdout if a piece asked for it).
    fn emit(&mut self) -> PyResult<()> {
        if self.fd == 1 {
            if self.flush {
                self.flush = false;
                flush_stdout().map_err(io_error)?;
            }
            return Ok(());
        }
        if !self.bytes.is_empty() {
            write_stderr(&String::from_utf8_lossy(&self.bytes));
            self.bytes.clear();
        }
        Ok(())
    }
}

fn one_arg<'a>(args: &Args<'a>, fname: &str) -> PyResult<&'a PyRef> {
    let a = args.exact_pos(fname, 1, 1)?;
    Ok(&a[0])
}

fn builtin_len(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "len")?;
    let n = ops::len(py, v)?;
    Ok(PyInt::new(py, n as i64).into_object())
}

fn builtin_repr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "repr")?;
    Ok(repr(py, v)?.into_object())
}

/// `ascii(v)`: repr with non-ASCII escaped.
pub fn ascii_of(py: Python<'_>, v: &PyObject) -> PyResult<PyRef<PyStr>> {
    let r = repr(py, v)?;
    let mut out = String::new();
    for cp in r.code_points() {
        match cp {
            0..=0x7f => out.push(char::from_u32(cp).unwrap_or('?')),
            0x80..=0xff => out.push_str(&format!("\\x{cp:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    Ok(PyStr::new(py, &out))
}

fn builtin_ascii(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "ascii")?;
    Ok(ascii_of(py, v)?.into_object())
}

/// The members of a `types.UnionType` operand, if `cls` is one.
fn union_args(py: Python<'_>, cls: &PyObject) -> Option<PyRef<PyTuple>> {
    cls.downcast_ref::<crate::objects::union::PyUnion>(py)
        .map(|u| u.args.clone())
}

/// `__instancecheck__`/`__subclasscheck__` of `cls`'s metaclass when a class statement
/// defines it (`_PyObject_LookupSpecial`); builtin metaclasses use the real check directly.
fn special_check(py: Python<'_>, cls: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let meta = cls.ob_type();
    if !meta.is_heap() {
        return Ok(None);
    }
    match meta.lookup(py, intern_str(py, name).as_object())? {
        Some(f) => Ok(Some(crate::eval::attr::descr_get(py, f, Some(cls), meta)?)),
        None => Ok(None),
    }
}

/// `isinstance(obj, cls)` (`object_recursive_isinstance`).
pub fn isinstance(py: Python<'_>, obj: &PyObject, cls: &PyObject) -> PyResult<bool> {
    if obj.ob_type().as_object().is(cls) {
        return Ok(true);
    }
    if let Some(t) = cls.downcast_ref::<PyType>(py)
        && !cls.ob_type().is_heap()
    {
        return Ok(crate::objects::type_methods::real_isinstance(obj, t));
    }
    let members = union_args(py, cls);
    let tuple = members
        .as_deref()
        .or_else(|| cls.downcast_ref::<PyTuple>(py));
    if let Some(t) = tuple {
        let _guard = crate::eval::enter_recursive_call(" in __instancecheck__")?;
        for c in t.as_slice() {
            if isinstance(py, obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = special_check(py, cls, "__instancecheck__")? {
        let _guard = crate::eval::enter_recursive_call(" in __instancecheck__")?;
        let r = call1(py, &check, &[obj.to_owned_ref()])?;
        return truthy(py, &r);
    }
    match cls.downcast_ref::<PyType>(py) {
        Some(t) => Ok(crate::objects::type_methods::real_isinstance(obj, t)),
        None => Err(PyErr::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn builtin_isinstance(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("isinstance", 2, 2)?;
    Ok(py.bool(isinstance(py, &a[0], &a[1])?).into_object())
}

/// `issubclass(sub, cls)` (`object_issubclass`).
pub fn issubclass(py: Python<'_>, sub: &PyObject, cls: &PyObject) -> PyResult<bool> {
    let exact = |o: &PyObject| o.ob_type().as_object().is(py.types().type_().as_object());
    if exact(cls)
        && exact(sub)
        && let (Some(s), Some(c)) = (
            sub.downcast_ref::<PyType>(py),
            cls.downcast_ref::<PyType>(py),
        )
    {
        return Ok(s.is_subtype(c));
    }
    let members = union_args(py, cls);
    let tuple = members
        .as_deref()
        .or_else(|| cls.downcast_ref::<PyTuple>(py));
    if let Some(t) = tuple {
        let _guard = crate::eval::enter_recursive_call(" in __subclasscheck__")?;
        for c in t.as_slice() {
            if issubclass(py, sub, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = special_check(py, cls, "__subclasscheck__")? {
        let _guard = crate::eval::enter_recursive_call(" in __subclasscheck__")?;
        let r = call1(py, &check, &[sub.to_owned_ref()])?;
        return truthy(py, &r);
    }
    let Some(s) = sub.downcast_ref::<PyType>(py) else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    let Some(c) = cls.downcast_ref::<PyType>(py) else {
        return Err(PyErr::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    };
    Ok(s.is_subtype(c))
}

fn builtin_issubclass(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("issubclass", 2, 2)?;
    Ok(py.bool(issubclass(py, &a[0], &a[1])?).into_object())
}

fn attr_name<'a>(py: Python<'_>, v: &'a PyObject, _fname: &str) -> PyResult<&'a PyStr> {
    v.downcast_ref::<PyStr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            v.ob_type().name()
        ))
    })
}

fn builtin_getattr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("getattr", 2, 3)?;
    let name = attr_name(py, &a[1], "getattr")?;
    match a.get(2) {
        None => getattr(py, &a[0], name),
        Some(default) => Ok(getattr_opt(py, &a[0], name)?.unwrap_or_else(|| default.clone())),
    }
}

fn builtin_setattr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("setattr", 3, 3)?;
    let name = attr_name(py, &a[1], "setattr")?;
    setattr(py, &a[0], name, Some(a[2].clone()))?;
    Ok(py.none())
}

fn builtin_delattr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("delattr", 2, 2)?;
    let name = attr_name(py, &a[1], "delattr")?;
    setattr(py, &a[0], name, None)?;
    Ok(py.none())
}

fn builtin_hasattr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("hasattr", 2, 2)?;
    let name = attr_name(py, &a[1], "hasattr")?;
    Ok(py
        .bool(getattr_opt(py, &a[0], name)?.is_some())
        .into_object())
}

fn builtin_id(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "id")?;
    Ok(PyInt::from_bigint(py, (v.as_ptr() as usize).into()).into_object())
}

fn builtin_hash(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "hash")?;
    Ok(PyInt::new(py, protocol::hash(py, v)? as i64).into_object())
}

fn builtin_abs(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "abs")?;
    ops::unary_op(py, UnaryOp::Absolute, v)
}

fn min_max(py: Python<'_>, args: Args<'_>, op: CompareOp, fname: &str) -> PyResult<PyRef> {
    check_kwargs(&args, fname, &["key", "default"])?;
    let key = kwarg(&args, "key").filter(|k| !py.is_none(k)).cloned();
    let default = kwarg(&args, "default").cloned();
    let pos = args.pos();
    // Iterate lazily (as CPython's `min_max`): the key function runs between `next` calls,
    // and a long iterator is never held in memory at once.
    let (it, many) = match pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{fname} expected at least 1 argument, got 0"
            )));
        }
        1 => (Some(get_iter(py, &pos[0])?), &[][..]),
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {fname}() with multiple positional arguments"
                )));
            }
            (None, pos)
        }
    };
    let mut many = many.iter();
    let mut best: Option<(PyRef, PyRef)> = None;
    loop {
        let item = match &it {
            Some(it) => match iter_next(py, it)? {
                Some(v) => v,
                None => break,
            },
            None => match many.next() {
                Some(v) => v.clone(),
                None => break,
            },
        };
        let k = match &key {
            Some(f) => call1(py, f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        best = match best {
            None => Some((k, item)),
            Some((bk, bv)) => {
                if rich_compare_bool(py, &k, &bk, op)? {
                    Some((k, item))
                } else {
                    Some((bk, bv))
                }
            }
        };
    }
    match best {
        Some((_, v)) => Ok(v),
        None => {
            default.ok_or_else(|| PyErr::value_error(format!("{fname}() arg is an empty sequence")))
        }
    }
}

fn builtin_min(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    min_max(py, args, CompareOp::Lt, "min")
}

fn builtin_max(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    min_max(py, args, CompareOp::Gt, "max")
}

fn builtin_sum(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [iterable, start] = args.parse("sum", ["iterable", "start"], 1)?;
    let iterable = iterable.ok_or_else(|| PyErr::type_error("sum() missing iterable"))?;
    let mut acc = start
        .cloned()
        .unwrap_or_else(|| PyInt::new(py, 0).into_object());
    if acc.is_instance_of::<PyStr>(py) {
        return Err(PyErr::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = get_iter(py, iterable)?;
    while let Some(v) = iter_next(py, &it)? {
        acc = ops::binary_op(py, BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
}

fn builtin_sorted(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "sorted expected 1 argument, got {}",
            pos.len()
        )));
    }
    let list = PyList::from_iterable(py, &pos[0])?;
    let sort = getattr(py, list.as_object(), &intern_str(py, "sort"))?;
    call(
        py,
        &sort,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )?;
    Ok(list.into_object())
}

fn builtin_any(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "any")?;
    let it = get_iter(py, v)?;
    while let Some(x) = iter_next(py, &it)? {
        if truthy(py, &x)? {
            return Ok(py.true_().into_object());
        }
    }
    Ok(py.false_().into_object())
}

fn builtin_all(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "all")?;
    let it = get_iter(py, v)?;
    while let Some(x) = iter_next(py, &it)? {
        if !truthy(py, &x)? {
            return Ok(py.false_().into_object());
        }
    }
    Ok(py.true_().into_object())
}

fn builtin_iter(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("iter", 1, 2)?;
    match a {
        [v] => get_iter(py, v),
        _ => crate::objects::callable_iter_new(py, a[0].clone(), a[1].clone()),
    }
}

fn builtin_next(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("next", 1, 2)?;
    if a[0].ob_type().slots.iternext.is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            a[0].ob_type().name()
        )));
    }
    if a[0].is_instance_of::<crate::objects::generator::PyGenerator>(py) {
        use crate::objects::generator::{Resumed, resume};
        return match resume(py, &a[0], py.none(), None)? {
            Resumed::Yielded(v) => Ok(v),
            Resumed::Returned(_) if a.len() > 1 => Ok(a[1].clone()),
            Resumed::Returned(v) if py.is_none(&v) => {
                Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()))
            }
            Resumed::Returned(v) => Err(PyErr::with_args(ExcKind::StopIteration, vec![v])),
        };
    }
    match iter_next(py, &a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::StopIteration, Vec::new())),
        },
    }
}

pub(crate) fn builtin_callable(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let v = one_arg(&args, "callable")?;
    let c = crate::object::protocol::is_callable(py, v);
    Ok(py.bool(c).into_object())
}

fn int_arg(py: Python<'_>, v: &PyObject, _fname: &str) -> PyResult<num_bigint::BigInt> {
    crate::objects::slice::number_index(py, v).map(|i| i.to_bigint())
}

fn builtin_chr(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "chr")?;
    let n = int_arg(py, v, "chr")?;
    let n = num_traits::ToPrimitive::to_i64(&n).unwrap_or(i64::MAX);
    if !(0..=0x10ffff).contains(&n) {
        return Err(PyErr::value_error("chr() arg not in range(0x110000)"));
    }
    Ok(PyStr::from_code_points(py, &[n as u32])
        .unwrap_or_else(|| PyStr::new(py, ""))
        .into_object())
}

fn builtin_ord(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let v = one_arg(&args, "ord")?;
    if let Some(s) = v.downcast_ref::<PyStr>(py) {
        if s.len() != 1 {
            return Err(PyErr::type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.len()
            )));
        }
        return Ok(PyInt::new(py, i64::from(s.code_point(0).unwrap_or(0))).into_object());
    }
    if let Some(b) = v.downcast_ref::<crate::objects::bytearray::PyByteArray>(py) {
        let data = b.to_vec();
        if data.len() != 1 {
            return Err(PyErr::type_error(format!(
                "ord() expected a character, but string of length {} found",
                data.len()
            )));
        }
        return Ok(PyInt::new(py, i64::from(data[0])).into_object());
    }
    if let Some(b) = v.downcast_ref::<crate::objects::bytes::PyBytes>(py) {
        if b.len() != 1 {
            return Err(PyErr::type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            )));
        }
        return Ok(PyInt::new(py, i64::from(b.as_bytes()[0])).into_object());
    }
    Err(PyErr::type_error(format!(
        "ord() expected string of length 1, but {} found",
        v.ob_type().name()
    )))
}

fn radix(py: Python<'_>, args: Args<'_>, fname: &str, prefix: &str, base: u32) -> PyResult<PyRef> {
    let v = one_arg(&args, fname)?;
    let n = int_arg(py, v, fname)?;
    let (neg, mag) = (
        n.sign() == num_bigint::Sign::Minus,
        n.magnitude().to_str_radix(base),
    );
    Ok(PyStr::new(py, &format!("{}{prefix}{mag}", if neg { "-" } else { "" })).into_object())
}

fn builtin_bin(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    radix(py, args, "bin", "0b", 2)
}

fn builtin_oct(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    radix(py, args, "oct", "0o", 8)
}

fn builtin_hex(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    radix(py, args, "hex", "0x", 16)
}

fn builtin_divmod(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("divmod", 2, 2)?;
    crate::eval::ops::divmod(py, &a[0], &a[1])
}

fn builtin_pow(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [base, exp, m] = args.parse("pow", ["base", "exp", "mod"], 2)?;
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(PyErr::type_error("pow() missing required argument"));
    };
    match m.filter(|m| !py.is_none(m)) {
        None => ops::binary_op(py, BinOp::Power, base, exp),
        Some(m) => crate::objects::int_pow_mod(py, base, exp, m),
    }
}

fn builtin_round(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [number, ndigits] = args.parse("round", ["number", "ndigits"], 1)?;
    let Some(number) = number else {
        return Err(PyErr::type_error(
            "round() missing required argument 'number' (pos 1)",
        ));
    };
    let ndigits = ndigits.filter(|n| !py.is_none(n));
    crate::objects::number_round(py, number, ndigits.map(|n| &**n))
}

fn builtin_vars(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("vars", 0, 1)?;
    match a.first() {
        None => locals_now(py),
        Some(v) => getattr(py, v, &intern_str(py, "__dict__"))
            .map_err(|_| PyErr::type_error("vars() argument must have __dict__ attribute")),
    }
}

pub(crate) fn builtin_dir(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("dir", 0, 1)?;
    let names: PyRef = match a.first() {
        None => {
            let l = locals_now(py)?;
            let keys = match l.downcast_ref::<PyDict>(py) {
                Some(d) => d.keys(),
                None => collect_iterable(py, &l)?,
            };
            PyList::from_vec(py, keys)?.into_object()
        }
        Some(v) => {
            let ty = v.ob_type();
            let own_dir = if ty.is_heap() {
                ty.lookup(py, intern_str(py, "__dir__").as_object())?
                    .filter(|f| f.is_instance_of::<PyFunction>(py))
            } else {
                None
            };
            if let Some(f) = own_dir {
                let r = call1(py, &f, std::slice::from_ref(v))?;
                PyList::from_vec(py, collect_iterable(py, &r)?)?.into_object()
            } else if let Some(m) = v.downcast_ref::<PyModule>(py) {
                PyList::from_vec(py, m.dict.keys())?.into_object()
            } else if let Some(t) = v.downcast_ref::<PyType>(py) {
                crate::objects::object::type_dir(py, t)?.into_object()
            } else {
                crate::objects::object::object_dir(py, v)?.into_object()
            }
        }
    };
    let list = names
        .downcast::<PyList>(py)
        .map_err(|_| PyErr::type_error("dir() expected a list"))?;
    crate::objects::list_sort::sort_list(py, &list, None, false)?;
    Ok(list.into_object())
}

fn locals_now(py: Python<'_>) -> PyResult<PyRef> {
    crate::eval::with_current_frame(|f| match f {
        None => Ok(PyDict::new(py).into_object()),
        Some(f) => match &f.locals {
            Some(l) => Ok(l.clone()),
            None => f.fast_to_locals(py),
        },
    })
}

fn builtin_globals(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("globals", 0, 0)?;
    crate::eval::with_current_frame(|f| match f {
        Some(f) => Ok(f.globals.clone().into_object()),
        None => Ok(PyDict::new(py).into_object()),
    })
}

fn builtin_locals(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("locals", 0, 0)?;
    locals_now(py)
}

/// Compile source text to a code object (`compile()` without the flags).
pub fn compile_source(
    py: Python<'_>,
    source: &str,
    filename: &str,
    mode: oxpy_parser::Mode,
) -> PyResult<PyRef<crate::objects::code::PyCode>> {
    let module =
        oxpy_parser::parse(source, mode).map_err(|e| syntax_error(py, &e, filename, source))?;
    let code = oxpy_compiler::compile(&module, filename)
        .map_err(|e| syntax_error(py, &e, filename, source))?;
    Ok(crate::objects::code::PyCode::new(py, code))
}

/// A `SyntaxError` object from the front end's error.
pub fn syntax_error(
    py: Python<'_>,
    e: &oxpy_lexer::SyntaxError,
    filename: &str,
    source: &str,
) -> PyErr {
    let kind = match e.kind {
        oxpy_lexer::ErrorKind::SyntaxError => ExcKind::SyntaxError,
        oxpy_lexer::ErrorKind::IndentationError => ExcKind::IndentationError,
        oxpy_lexer::ErrorKind::TabError => ExcKind::TabError,
    };
    let text = source
        .split_inclusive('\n')
        .nth((e.lineno as usize).saturating_sub(1))
        .map_or_else(|| py.none(), |l| PyStr::new(py, l).into_object());
    let int = |v: u32| PyInt::new(py, i64::from(v)).into_object();
    let details = PyTuple::new(
        py,
        vec![
            PyStr::new(py, filename).into_object(),
            int(e.lineno),
            int(e.offset),
            text,
            int(e.end_lineno),
            int(e.end_offset),
        ],
    );
    let exc = PyBaseException::new_of_type(
        py,
        py.types().exception(kind),
        vec![PyStr::new(py, &e.msg).into_object(), details.into_object()],
    );
    PyErr::from_object(exc.into_object())
}

fn exec_like(
    py: Python<'_>,
    args: Args<'_>,
    fname: &str,
    mode: oxpy_parser::Mode,
) -> PyResult<PyRef> {
    let a = args.exact_pos(fname, 1, 3)?;
    let (globals, locals) = crate::eval::with_current_frame(|f| {
        let g = f.map(|f| f.globals.clone());
        let l = f.and_then(|f| f.locals.clone());
        (g, l)
    });
    let globals = match a.get(1).filter(|g| !py.is_none(g)) {
        Some(g) => g.clone().downcast::<PyDict>(py).map_err(|g| {
            PyErr::type_error(format!(
                "{fname}() globals must be a dict, not {}",
                g.ob_type().name()
            ))
        })?,
        None => match globals {
            Some(g) => g,
            None => PyDict::new(py),
        },
    };
    let locals = match a.get(2).filter(|l| !py.is_none(l)) {
        Some(l) => l.clone(),
        None if a.get(1).is_some_and(|g| !py.is_none(g)) => globals.clone().into_object(),
        None => match locals {
            Some(l) => l,
            None => locals_now(py)?,
        },
    };
    let key = intern_str(py, "__builtins__");
    if globals.get_item(py, key.as_object())?.is_none() {
        globals.set_item(
            py,
            key.into_object(),
            crate::eval::run::builtins_module(py).into_object(),
        )?;
    }
    let code = match a[0].clone().downcast::<crate::objects::code::PyCode>(py) {
        Ok(c) => c,
        Err(src) => {
            let text = match src.downcast_ref::<PyStr>(py) {
                Some(s) => s.to_string_lossy(),
                None => match src.downcast_ref::<crate::objects::bytes::PyBytes>(py) {
                    Some(b) => String::from_utf8_lossy(b.as_bytes()).into_owned(),
                    None => {
                        return Err(PyErr::type_error(format!(
                            "{fname}() arg 1 must be a string, bytes or code object"
                        )));
                    }
                },
            };
            let text = if mode == oxpy_parser::Mode::Eval {
                text.trim_start_matches([' ', '\t']).to_string()
            } else {
                text
            };
            compile_source(py, &text, "<string>", mode)?
        }
    };
    let builtins = crate::eval::run::builtins_dict(py);
    let r = crate::eval::call::run_code_with_locals(py, code, globals, builtins, locals, None)?;
    Ok(if mode == oxpy_parser::Mode::Eval {
        r
    } else {
        py.none()
    })
}

fn builtin_exec(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    exec_like(py, args, "exec", oxpy_parser::Mode::Exec)
}

fn builtin_eval(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    exec_like(py, args, "eval", oxpy_parser::Mode::Eval)
}

fn builtin_compile(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [source, filename, mode, _flags, _dont, _opt] = args.parse(
        "compile",
        [
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
        3,
    )?;
    let (Some(source), Some(filename), Some(mode)) = (source, filename, mode) else {
        return Err(PyErr::type_error("compile() missing required argument"));
    };
    let text = str_(py, source)?.to_string_lossy();
    let filename = str_(py, filename)?.to_string_lossy();
    let mode = match str_(py, mode)?.to_string_lossy().as_str() {
        "exec" => oxpy_parser::Mode::Exec,
        "eval" => oxpy_parser::Mode::Eval,
        "single" => oxpy_parser::Mode::Single,
        _ => {
            return Err(PyErr::value_error(
                "compile() mode must be 'exec', 'eval' or 'single'",
            ));
        }
    };
    Ok(compile_source(py, &text, &filename, mode)?.into_object())
}

fn builtin_format(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("format", 1, 2)?;
    let spec = match a.get(1) {
        Some(s) => s.clone().downcast::<PyStr>(py).map_err(|s| {
            PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                s.ob_type().name()
            ))
        })?,
        None => py.interp().singletons.empty_str.clone(),
    };
    Ok(protocol::format(py, &a[0], &spec)?.into_object())
}

fn builtin_input(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("input", 0, 1)?;
    if let Some(prompt) = a.first() {
        write_stdout(&str_(py, prompt)?.to_string_lossy()).map_err(io_error)?;
    }
    flush_stdout().map_err(io_error)?;
    // Interruptible: Ctrl-C while waiting raises KeyboardInterrupt, as in CPython.
    let Some(mut line) = crate::eval::repl::read_line(py)? else {
        return Err(PyErr::new(ExcKind::EOFError, "EOF when reading a line"));
    };
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(PyStr::new(py, &line).into_object())
}

fn builtin_import(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [name, globals, _locals, fromlist, level] = args.parse(
        "__import__",
        ["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let Some(name) = name.and_then(|n| n.downcast_ref::<PyStr>(py)) else {
        return Err(PyErr::type_error("__import__() argument 1 must be str"));
    };
    let none = py.none();
    let zero = PyInt::new(py, 0).into_object();
    crate::eval::import::import_module_level(
        py,
        name,
        globals
            .filter(|g| !py.is_none(g))
            .and_then(|g| g.downcast_ref::<PyDict>(py)),
        fromlist.unwrap_or(&none),
        level.unwrap_or(&zero),
    )
}

fn builtin_breakpoint(py: Python<'_>, _this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    write_stderr("oxpy: breakpoint() is not supported (no debugger); continuing\n");
    Ok(py.none())
}

/// `sys.displayhook` for the REPL (`PRINT_EXPR`).
pub fn display_hook(py: Python<'_>, v: &PyObject) -> PyResult<()> {
    let hook = crate::eval::run::sys_module(py)
        .get(py, "displayhook")
        .ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "lost sys.displayhook"))?;
    crate::eval::call::call1(py, &hook, &[v.to_owned_ref()]).map(drop)
}

fn builtin_build_class(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(PyErr::type_error("__build_class__: not enough arguments"));
    }
    let func = pos[0]
        .downcast_ref::<PyFunction>(py)
        .ok_or_else(|| PyErr::type_error("__build_class__: func must be a function"))?;
    let name = pos[1]
        .downcast_ref::<PyStr>(py)
        .ok_or_else(|| PyErr::type_error("__build_class__: name is not a string"))?;
    let bases: Vec<PyRef> = pos[2..].to_vec();
    let mut meta: Option<PyRef> = None;
    let mut kwds: Vec<(PyRef<PyStr>, PyRef)> = Vec::new();
    for (k, v) in args.kwargs() {
        if k.as_ascii_str() == Some("metaclass") {
            meta = Some(v.clone());
        } else {
            kwds.push((
                k.as_object()
                    .to_owned_ref()
                    .downcast::<PyStr>(py)
                    .map_err(|_| PyErr::type_error("keywords must be strings"))?,
                v.clone(),
            ));
        }
    }
    // The most derived metaclass of the bases (`_PyType_CalculateMetaclass`).
    let mut winner: PyRef = meta.unwrap_or_else(|| {
        bases.first().map_or_else(
            || py.types().type_().to_owned_ref().into_object(),
            |b| b.ob_type().to_owned_ref().into_object(),
        )
    });
    if let Some(w) = winner.downcast_ref::<PyType>(py) {
        winner = calculate_metaclass(py, w, &bases)?.into_object();
    }
    // CPython's `bases` tuple becomes the class's `__bases__`; with `type` as the metaclass
    // the heap type makes that tuple itself, so none is made here (no extra tuple to free).
    let type_meta = winner.is(py.types().type_().as_object());
    let bases_tuple = if type_meta {
        PyTuple::new(py, Vec::new())
    } else {
        PyTuple::new(py, bases.clone())
    };
    // The namespace: `meta.__prepare__(name, bases, **kwds)` (type's gives a plain dict).
    let ns: PyRef = if type_meta {
        PyDict::new(py).into_object()
    } else {
        match getattr_opt(py, &winner, &intern_str(py, "__prepare__"))? {
            Some(prepare) => {
                let mut values = vec![
                    name.as_object().to_owned_ref(),
                    bases_tuple.clone().into_object(),
                ];
                let names: Vec<PyRef<PyStr>> = kwds.iter().map(|(k, _)| k.clone()).collect();
                values.extend(kwds.iter().map(|(_, v)| v.clone()));
                let ns = call(
                    py,
                    &prepare,
                    Args {
                        values: &values,
                        kwnames: &names,
                    },
                )?;
                if ns.ob_type().slots.getitem.is_none() {
                    let who = match winner.downcast_ref::<PyType>(py) {
                        Some(t) => t.name().to_string(),
                        None => "<metaclass>".into(),
                    };
                    return Err(PyErr::type_error(format!(
                        "{who}.__prepare__() must return a mapping, not {}",
                        ns.ob_type().name()
                    )));
                }
                ns
            }
            None => PyDict::new(py).into_object(),
        }
    };
    let body = crate::eval::call::run_code_with_locals(
        py,
        func.code.clone(),
        func.globals.clone(),
        func.builtins.clone(),
        ns.clone(),
        Some(
            func.as_object()
                .to_owned_ref()
                .downcast::<PyFunction>(py)
                .map_err(|_| PyErr::type_error("function expected"))?,
        ),
    )?;
    let mut values = vec![
        name.as_object().to_owned_ref(),
        bases_tuple.into_object(),
        ns.clone(),
    ];
    let names: Vec<PyRef<PyStr>> = kwds.iter().map(|(k, _)| k.clone()).collect();
    values.extend(kwds.iter().map(|(_, v)| v.clone()));
    let plain_ns = ns
        .downcast_ref::<PyDict>(py)
        .filter(|_| PyDict::is_exact_type_of(py, &ns));
    let cls = if let Some(ns) = plain_ns
        && winner.is(py.types().type_().as_object())
    {
        let t = type_new_full(py, py.types().type_(), name, &bases, ns, &kwds)?;
        // `_PyObject_MakeTpCall`: `type(name, bases, ns)` gets its arguments as a tuple, freed
        // after the call (to the free list).
        if let Some(h) = &t.heap {
            drop(PyTuple::new(
                py,
                vec![
                    name.as_object().to_owned_ref(),
                    h.bases.clone().into_object(),
                    ns.as_object().to_owned_ref(),
                ],
            ));
        }
        t.into_object()
    } else {
        call(
            py,
            &winner,
            Args {
                values: &values,
                kwnames: &names,
            },
        )?
    };
    if let Some(cell) = body.downcast_ref::<crate::objects::cell::PyCell>(py) {
        cell.set(Some(cls.clone()));
    }
    Ok(cls)
}

/// `_PyType_CalculateMetaclass`: the most derived of `meta` and the bases' metaclasses.
pub fn calculate_metaclass(
    py: Python<'_>,
    meta: &PyType,
    bases: &[PyRef],
) -> PyResult<PyRef<PyType>> {
    let mut winner = meta.to_owned_ref();
    for b in bases {
        let bt = b.ob_type();
        if winner.is_subtype(bt) {
            continue;
        }
        if bt.is_subtype(&winner) {
            winner = bt.to_owned_ref();
            continue;
        }
        let _ = py;
        return Err(PyErr::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `type.__new__(meta, name, bases, ns)` with class-creation hooks.
pub fn type_new_full(
    py: Python<'_>,
    meta: &PyType,
    name: &PyStr,
    bases: &[PyRef],
    ns: &PyDict,
    kwds: &[(PyRef<PyStr>, PyRef)],
) -> PyResult<PyRef<PyType>> {
    let mut base_types = Vec::new();
    for b in bases {
        base_types.push(
            b.clone()
                .downcast::<PyType>(py)
                .map_err(|_| PyErr::type_error("bases must be types"))?,
        );
    }
    let ty = crate::objects::heap_type::new_heap_type(
        py,
        meta,
        &name.to_string_lossy(),
        base_types,
        ns,
    )?;
    crate::eval::slots::finish_class(py, &ty, kwds)?;
    Ok(ty)
}

/// `type(name, bases, dict)`.
pub fn type_new(
    py: Python<'_>,
    meta: &PyType,
    name: &PyObject,
    bases: &PyObject,
    ns: &PyObject,
) -> PyResult<PyRef> {
    let name = name.downcast_ref::<PyStr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            name.ob_type().name()
        ))
    })?;
    let bases = bases.downcast_ref::<PyTuple>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            bases.ob_type().name()
        ))
    })?;
    let ns = ns.downcast_ref::<PyDict>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            ns.ob_type().name()
        ))
    })?;
    let meta = calculate_metaclass(py, meta, bases.as_slice())?;
    let meta = &*meta;
    // `type_new_set_module` happens on the class's own copy of `ns` (in `new_heap_type`).
    Ok(type_new_full(py, meta, name, bases.as_slice(), ns, &[])?.into_object())
}

/// Constructors of builtin types (`int(x)`, `list(it)`, `Exception('m')`, …).
pub fn construct_builtin(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    let t = py.types();
    if ty.flags().contains(TypeFlags::BASE_EXC_SUBCLASS) {
        return crate::objects::exception_attrs::construct(py, ty, args);
    }
    if std::ptr::eq(ty, t.object()) {
        if !args.values.is_empty() {
            return Err(PyErr::type_error("object() takes no arguments"));
        }
        return Ok(crate::objects::object::new_object(py));
    }
    if std::ptr::eq(ty, t.staticmethod()) {
        let a = args.exact_pos("staticmethod", 1, 1)?;
        return Ok(PyStaticMethod::new(py, a[0].clone()).into_object());
    }
    if std::ptr::eq(ty, t.classmethod()) {
        let a = args.exact_pos("classmethod", 1, 1)?;
        return Ok(PyClassMethod::new(py, a[0].clone()).into_object());
    }
    if std::ptr::eq(ty, t.property()) {
        let [g, s, d, doc] = args.parse("property", ["fget", "fset", "fdel", "doc"], 0)?;
        let opt = |v: Option<&PyRef>| v.filter(|v| !py.is_none(v)).cloned();
        return Ok(PyProperty::new(py, opt(g), opt(s), opt(d), opt(doc)).into_object());
    }
    if std::ptr::eq(ty, t.super_()) {
        return crate::objects::super_::super_new(py, args);
    }
    if std::ptr::eq(ty, t.bool_()) {
        let a = args.exact_pos("bool", 0, 1)?;
        let v = match a.first() {
            Some(v) => truthy(py, v)?,
            None => false,
        };
        return Ok(py.bool(v).into_object());
    }
    if std::ptr::eq(ty, t.str_()) {
        let [obj, encoding, _errors] = args.parse("str", ["object", "encoding", "errors"], 0)?;
        return match (obj, encoding) {
            (None, _) => Ok(py.interp().singletons.empty_str.clone().into_object()),
            (Some(o), None) => Ok(str_(py, o)?.into_object()),
            (Some(o), Some(_)) => match o.downcast_ref::<crate::objects::bytes::PyBytes>(py) {
                Some(b) => Ok(PyStr::new(py, &String::from_utf8_lossy(b.as_bytes())).into_object()),
                None => Err(PyErr::type_error(
                    "decoding to str: need a bytes-like object",
                )),
            },
        };
    }
    if std::ptr::eq(ty, t.list()) {
        let a = args.exact_pos("list", 0, 1)?;
        return Ok(match a.first() {
            Some(v) => PyList::from_iterable(py, v)?.into_object(),
            None => PyList::new_empty(py).into_object(),
        });
    }
    if std::ptr::eq(ty, t.tuple()) {
        let a = args.exact_pos("tuple", 0, 1)?;
        return Ok(match a.first() {
            Some(v) if PyTuple::is_exact_type_of(py, v) => v.clone(),
            Some(v) => PyTuple::new(py, collect_iterable(py, v)?).into_object(),
            None => py.interp().singletons.empty_tuple.clone().into_object(),
        });
    }
    if std::ptr::eq(ty, t.dict()) {
        return Ok(PyDict::from_call(py, args)?.into_object());
    }
    if std::ptr::eq(ty, t.int()) {
        let [x, base] = args.parse("int", ["x", "base"], 0)?;
        return crate::objects::int_new(py, x.map(|v| &**v), base.map(|v| &**v));
    }
    if std::ptr::eq(ty, t.float()) {
        let a = args.exact_pos("float", 0, 1)?;
        return match a.first() {
            None => Ok(PyFloat::new(py, 0.0).into_object()),
            Some(v) => crate::objects::float_new(py, v),
        };
    }
    crate::objects::construct_other(py, ty, args)
}
