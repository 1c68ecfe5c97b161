//! `import`: `sys.modules`, native modules, `.py` modules and packages on `sys.path`, relative
//! imports (`importlib._bootstrap`'s observable behaviour).

use std::sync::OnceLock;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::Frame;
use crate::eval::run::{builtins_module, modules_dict, sys_module};
use crate::gil::Python;
use crate::object::{ModuleDef, PyObject, PyRef};
use crate::objects::builtin_function::PyBuiltinFunction;
use crate::objects::dict::PyDict;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::module::PyModule;
use crate::objects::str::{PyStr, intern_str};

/// Finds native modules by name (installed by the binary: `oxpy-stdlib`).
pub type NativeFinder = fn(&str) -> Option<&'static ModuleDef>;

static NATIVE_FINDER: OnceLock<NativeFinder> = OnceLock::new();

/// Finds modules written in Python that ship inside the binary: `(source, is_package)`.
pub type SourceFinder = fn(&str) -> Option<(&'static str, bool)>;

static SOURCE_FINDER: OnceLock<SourceFinder> = OnceLock::new();

/// Install the native module finder (once, at start-up).
pub fn set_native_finder(f: NativeFinder) {
    let _ = NATIVE_FINDER.set(f);
}

/// Install the finder of bundled Python-source modules (once, at start-up).
pub fn set_source_finder(f: SourceFinder) {
    let _ = SOURCE_FINDER.set(f);
}

fn module_not_found(py: Python<'_>, name: &str) -> PyErr {
    not_found_with_name(py, format!("No module named '{name}'"), name)
}

/// `ModuleNotFoundError(msg, name=name)`.
fn not_found_with_name(py: Python<'_>, msg: String, name: &str) -> PyErr {
    let exc =
        crate::objects::exception::normalize(py, PyErr::new(ExcKind::ModuleNotFoundError, msg));
    if let Err(e) = crate::eval::attr::setattr(
        py,
        &exc,
        &intern_str(py, "name"),
        Some(PyStr::new(py, name).into_object()),
    ) {
        return e;
    }
    PyErr::from_object(exc)
}

/// Resolve a relative import (`level` dots) against the importing module's package.
fn resolve_name(
    py: Python<'_>,
    name: &str,
    globals: Option<&PyDict>,
    level: usize,
) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let get = |k: &str| -> Option<String> {
        globals
            .and_then(|g| {
                g.get_item(py, crate::objects::str::intern_text(py, k).as_object())
                    .ok()
                    .flatten()
            })
            .filter(|v| !py.is_none(v))
            .and_then(|v| v.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
    };
    let package = match get("__package__") {
        Some(p) => p,
        None => {
            let modname = get("__name__").unwrap_or_default();
            let is_pkg = globals
                .and_then(|g| {
                    g.get_item(py, intern_str(py, "__path__").as_object())
                        .ok()
                        .flatten()
                })
                .is_some();
            if is_pkg {
                modname
            } else {
                modname
                    .rsplit_once('.')
                    .map_or_else(String::new, |(p, _)| p.to_string())
            }
        }
    };
    if package.is_empty() {
        return Err(PyErr::new(
            ExcKind::ImportError,
            "attempted relative import with no known parent package",
        ));
    }
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(PyErr::new(
            ExcKind::ImportError,
            "attempted relative import beyond top-level package",
        ));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// `IMPORT_NAME`.
pub fn import_name(
    py: Python<'_>,
    frame: &Frame,
    name: &PyStr,
    fromlist: &PyObject,
    level: &PyObject,
) -> PyResult<PyRef> {
    import_module_level(py, name, Some(&frame.globals), fromlist, level)
}

/// `__import__(name, globals, locals, fromlist, level)`.
pub fn import_module_level(
    py: Python<'_>,
    name: &PyStr,
    globals: Option<&PyDict>,
    fromlist: &PyObject,
    level: &PyObject,
) -> PyResult<PyRef> {
    let level = level
        .downcast_ref::<PyInt>(py)
        .and_then(PyInt::as_i64)
        .unwrap_or(0)
        .max(0) as usize;
    let name_s = name.to_string_lossy();
    if level == 0 && name_s.is_empty() {
        return Err(PyErr::value_error("Empty module name"));
    }
    let absolute = resolve_name(py, &name_s, globals, level)?;
    let module = import_absolute(py, &absolute)?;
    let has_fromlist = !py.is_none(fromlist) && crate::eval::ops::truthy(py, fromlist)?;
    if has_fromlist {
        // `from pkg import sub`: import submodules named in the fromlist.
        if module.get(py, "__path__").is_some() {
            for item in crate::eval::ops::collect_iterable(py, fromlist)? {
                if let Some(s) = item.downcast_ref::<PyStr>(py) {
                    let sub = s.to_string_lossy();
                    if sub != "*" && module.get(py, &sub).is_none() {
                        match import_absolute(py, &format!("{absolute}.{sub}")) {
                            Ok(_) => {}
                            Err(e)
                                if crate::eval::ops::is_kind(
                                    py,
                                    &e,
                                    ExcKind::ModuleNotFoundError,
                                ) => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        return Ok(module.into_object());
    }
    if level == 0 {
        let top = name_s.split('.').next().unwrap_or(&name_s);
        return import_absolute(py, top).map(|m| m.into_object());
    }
    // Relative `import .a.b` binds the top of the relative name.
    let top_len = absolute.len() - name_s.len() + name_s.split('.').next().map_or(0, str::len);
    import_absolute(py, &absolute[..top_len]).map(|m| m.into_object())
}

/// Import a fully qualified module name, parents first.
pub fn import_absolute(py: Python<'_>, name: &str) -> PyResult<PyRef<PyModule>> {
    let modules = modules_dict(py);
    if let Some(m) = modules.get_item(py, crate::objects::str::intern_text(py, name).as_object())? {
        return m.downcast::<PyModule>(py).map_err(|_| {
            PyErr::new(
                ExcKind::ImportError,
                format!("sys.modules['{name}'] is not a module"),
            )
        });
    }
    let (parent, last) = match name.rsplit_once('.') {
        Some((p, l)) => (Some(import_absolute(py, p)?), l),
        None => (None, name),
    };
    // Already imported as a side effect of importing the parent?
    if let Some(m) = modules.get_item(py, crate::objects::str::intern_text(py, name).as_object())? {
        return m
            .downcast::<PyModule>(py)
            .map_err(|_| module_not_found(py, name));
    }
    let search: Vec<String> = match &parent {
        Some(p) => match p.get(py, "__path__") {
            Some(path) => crate::eval::ops::collect_iterable(py, &path)?
                .iter()
                .filter_map(|s| s.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
                .collect(),
            None => {
                return Err(not_found_with_name(
                    py,
                    format!(
                        "No module named '{name}'; '{}' is not a package",
                        name.rsplit_once('.').map_or("", |x| x.0)
                    ),
                    name,
                ));
            }
        },
        None => {
            if let Some(def) = NATIVE_FINDER.get().and_then(|f| f(name)) {
                let m = native_module(py, def)?;
                modules.set_item(
                    py,
                    PyStr::new(py, name).into_object(),
                    m.clone().into_object(),
                )?;
                return Ok(m);
            }
            if name == "sys" {
                return Ok(sys_module(py));
            }
            if name == "builtins" {
                return Ok(builtins_module(py));
            }
            let path = sys_module(py)
                .get(py, "path")
                .ok_or_else(|| module_not_found(py, name))?;
            crate::eval::ops::collect_iterable(py, &path)?
                .iter()
                .filter_map(|s| s.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
                .collect()
        }
    };
    if let Some((source, is_pkg)) = SOURCE_FINDER.get().and_then(|f| f(name)) {
        let m = exec_source_module(
            py,
            name,
            source,
            &format!("<frozen {name}>"),
            None,
            is_pkg.then(String::new),
        )?;
        if let Some(p) = &parent {
            p.set(py, last, m.clone().into_object());
        }
        return Ok(m);
    }
    let mut portions = Vec::new();
    for dir in search {
        let base = std::path::Path::new(&dir).join(last);
        let init = base.join("__init__.py");
        let file = base.with_extension("py");
        let (path, is_pkg) = if init.is_file() {
            (init, true)
        } else if file.is_file() {
            (file, false)
        } else {
            if base.is_dir() {
                portions.push(base.display().to_string());
            }
            continue;
        };
        let m = load_source_module(py, name, &path, is_pkg.then(|| base.display().to_string()))?;
        if let Some(p) = &parent {
            p.set(py, last, m.clone().into_object());
        }
        return Ok(m);
    }
    if !portions.is_empty() {
        let m = namespace_module(py, name, portions)?;
        if let Some(p) = &parent {
            p.set(py, last, m.clone().into_object());
        }
        return Ok(m);
    }
    Err(module_not_found(py, name))
}

/// A namespace package (PEP 420): directories named `name` without `__init__.py`.
fn namespace_module(
    py: Python<'_>,
    name: &str,
    portions: Vec<String>,
) -> PyResult<PyRef<PyModule>> {
    let helpers = import_absolute(py, SPEC_MODULE)?;
    let make = helpers.getattr(py, &intern_str(py, "_namespace"))?;
    let paths: Vec<PyRef> = portions
        .iter()
        .map(|p| PyStr::new(py, p).into_object())
        .collect();
    let (spec_path, spec) = {
        let r = crate::eval::call::call1(
            py,
            &make,
            &[
                PyStr::new(py, name).into_object(),
                PyList::from_vec(py, paths)?.into_object(),
            ],
        )?;
        let items = crate::eval::ops::collect_iterable(py, &r)?;
        match <[PyRef; 2]>::try_from(items) {
            Ok([a, b]) => (a, b),
            Err(_) => return Err(PyErr::type_error("_namespace() must return a pair")),
        }
    };
    let m = PyModule::new(py, name);
    m.set(py, "__file__", py.none());
    m.set(py, "__path__", spec_path);
    m.set(py, "__package__", PyStr::new(py, name).into_object());
    m.set(py, "__spec__", spec);
    modules_dict(py).set_item(
        py,
        PyStr::new(py, name).into_object(),
        m.clone().into_object(),
    )?;
    Ok(m)
}

/// Execute a `.py` file as module `name` (registered in `sys.modules` before it runs).
fn load_source_module(
    py: Python<'_>,
    name: &str,
    path: &std::path::Path,
    package_dir: Option<String>,
) -> PyResult<PyRef<PyModule>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    let source = oxpy_lexer::decode_file(&bytes, &shown)
        .map_err(|e| crate::eval::builtins::syntax_error(py, &e, &shown, ""))?;
    exec_source_module(py, name, &source, &shown, Some(&shown), package_dir)
}

/// Compile and execute `source` as module `name` (registered in `sys.modules` first).
fn exec_source_module(
    py: Python<'_>,
    name: &str,
    source: &str,
    shown: &str,
    file: Option<&str>,
    package_dir: Option<String>,
) -> PyResult<PyRef<PyModule>> {
    let code = crate::eval::builtins::compile_source(py, source, shown, oxpy_parser::Mode::Exec)?;
    let m = PyModule::new(py, name);
    if let Some(f) = file {
        m.set(py, "__file__", PyStr::new(py, f).into_object());
        m.set(py, "__cached__", py.none());
    }
    m.set(py, "__builtins__", builtins_module(py).into_object());
    let package = match &package_dir {
        Some(dir) => {
            m.set(
                py,
                "__path__",
                PyList::from_vec(py, vec![PyStr::new(py, dir).into_object()])?.into_object(),
            );
            name.to_string()
        }
        None => name
            .rsplit_once('.')
            .map_or_else(String::new, |(p, _)| p.to_string()),
    };
    m.set(py, "__package__", PyStr::new(py, &package).into_object());
    if let Some(spec) = module_spec(py, name, file, package_dir.as_deref())? {
        m.set(py, "__spec__", spec);
    }
    let modules = modules_dict(py);
    let key = PyStr::new(py, name).into_object();
    modules.set_item(py, key.clone(), m.clone().into_object())?;
    let builtins = crate::eval::run::builtins_dict(py);
    INITIALIZING.with(|i| i.borrow_mut().push(name.to_string()));
    let r = crate::eval::call::run_code_with_locals(
        py,
        code,
        m.dict.clone(),
        builtins,
        m.dict.clone().into_object(),
        None,
    );
    INITIALIZING.with(|i| {
        let mut i = i.borrow_mut();
        if let Some(pos) = i.iter().rposition(|n| n == name) {
            i.remove(pos);
        }
    });
    if let Err(e) = r {
        let _ = modules.del_item(py, &key);
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    match modules.get_item(py, &key)? {
        Some(v) => Ok(v.downcast::<PyModule>(py).unwrap_or(m)),
        None => Ok(m),
    }
}

thread_local! {
    /// Names of the modules whose code is running (`spec._initializing`).
    static INITIALIZING: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// True while module `name`'s code is being executed by an import.
pub fn is_importing(name: &str) -> bool {
    is_initializing(name)
}

fn is_initializing(name: &str) -> bool {
    INITIALIZING.with(|i| i.borrow().iter().any(|n| n == name))
}

/// The bundled module holding `ModuleSpec` and `_NamespacePath` (it gets no spec itself).
const SPEC_MODULE: &str = "_oxpy_importlib";

/// `ModuleSpec(name, None, origin=file, is_package=...)` for a module loaded from source
/// (`None` for the spec module itself, which must exist before any spec can be made).
fn module_spec(
    py: Python<'_>,
    name: &str,
    file: Option<&str>,
    package_dir: Option<&str>,
) -> PyResult<Option<PyRef>> {
    if name == SPEC_MODULE {
        return Ok(None);
    }
    let m = import_absolute(py, SPEC_MODULE)?;
    let make = m.getattr(py, &intern_str(py, "_make_spec"))?;
    let opt = |v: Option<&str>| v.map_or_else(|| py.none(), |s| PyStr::new(py, s).into_object());
    crate::eval::call::call1(
        py,
        &make,
        &[
            PyStr::new(py, name).into_object(),
            opt(file),
            opt(package_dir),
        ],
    )
    .map(Some)
}

/// Make a module object from a native module definition.
pub fn native_module(py: Python<'_>, def: &'static ModuleDef) -> PyResult<PyRef<PyModule>> {
    let m = PyModule::new(py, def.name);
    m.builtin.set(true);
    if !def.doc.is_empty() {
        m.set(py, "__doc__", PyStr::new(py, def.doc).into_object());
    }
    for f in def.methods {
        m.set(
            py,
            f.name,
            PyBuiltinFunction::new(py, f, Some(m.as_object().to_owned_ref())).into_object(),
        );
    }
    for (name, value) in (def.attrs)(py)? {
        m.set(py, name, value);
    }
    Ok(m)
}

/// `IMPORT_FROM`.
pub fn import_from(py: Python<'_>, module: &PyObject, name: &PyStr) -> PyResult<PyRef> {
    match crate::eval::attr::getattr_opt(py, module, name)? {
        Some(v) => Ok(v),
        None => {
            let modname = crate::eval::attr::getattr_str(py, module, "__name__")
                .ok()
                .and_then(|n| n.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()));
            if let Some(modname) = &modname {
                let full = format!("{modname}.{}", name.to_string_lossy());
                if let Some(m) = modules_dict(py).get_item(py, PyStr::new(py, &full).as_object())? {
                    return Ok(m);
                }
            }
            let modname = modname.unwrap_or_else(|| "<unknown module name>".into());
            let file = crate::eval::attr::getattr_str(py, module, "__file__")
                .ok()
                .filter(|f| f.downcast_ref::<PyStr>(py).is_some());
            let n = name.to_string_lossy();
            let location = match &file {
                Some(f) => crate::object::protocol::str_(py, f)?.to_string_lossy(),
                None => "unknown location".to_string(),
            };
            let msg = if is_initializing(&modname) {
                format!(
                    "cannot import name '{n}' from partially initialized module '{modname}' (most likely due to a circular import) ({location})"
                )
            } else {
                format!("cannot import name '{n}' from '{modname}' ({location})")
            };
            let exc =
                crate::objects::exception::normalize(py, PyErr::new(ExcKind::ImportError, msg));
            crate::eval::attr::setattr(
                py,
                &exc,
                &intern_str(py, "name"),
                Some(PyStr::new(py, &modname).into_object()),
            )?;
            if let Some(f) = file {
                crate::eval::attr::setattr(py, &exc, &intern_str(py, "path"), Some(f))?;
            }
            Err(PyErr::from_object(exc))
        }
    }
}

/// `IMPORT_STAR`.
pub fn import_star(py: Python<'_>, frame: &Frame, module: &PyObject) -> PyResult<()> {
    let Some(locals) = &frame.locals else {
        return Err(PyErr::new(
            ExcKind::SystemError,
            "no locals found during 'import *'",
        ));
    };
    let all = crate::eval::attr::getattr_opt(py, module, &intern_str(py, "__all__"))?;
    let names: Vec<PyRef> = match all {
        Some(a) => crate::eval::ops::collect_iterable(py, &a)?,
        None => {
            let d = crate::eval::attr::getattr_str(py, module, "__dict__")?;
            let d = d
                .downcast_ref::<PyDict>(py)
                .ok_or_else(|| PyErr::type_error("module __dict__ is not a dict"))?;
            d.items()
                .into_iter()
                .map(|(k, _)| k)
                .filter(|k| {
                    k.downcast_ref::<PyStr>(py)
                        .is_some_and(|s| !s.to_string_lossy().starts_with('_'))
                })
                .collect()
        }
    };
    for n in names {
        let s = n
            .downcast_ref::<PyStr>(py)
            .ok_or_else(|| PyErr::type_error("attribute name must be string"))?;
        let v = crate::eval::attr::getattr(py, module, s)?;
        crate::eval::ops::setitem(py, locals, &n, v)?;
    }
    Ok(())
}

/// `open(...)`: `_io.open` (the bundled `_io` module), as CPython's `builtins.open is io.open`.
pub fn builtin_open(
    py: Python<'_>,
    _this: &PyObject,
    args: crate::object::Args<'_>,
) -> PyResult<PyRef> {
    let io = import_absolute(py, "_io")?;
    let open = io.getattr(py, &intern_str(py, "open"))?;
    crate::eval::call::call(py, &open, args)
}

/// `print(*objects, sep=, end=, file=f)` for a file that is not a standard stream: one
/// `f.write()` per object, separator and end, as CPython's `builtin_print` does.
pub fn print_to_object(
    py: Python<'_>,
    file: &PyObject,
    objects: &[PyRef],
    sep: &str,
    end: &str,
    flush: Option<&PyRef>,
) -> PyResult<PyRef> {
    let write = crate::eval::attr::getattr(py, file, &intern_str(py, "write"))?;
    for (i, a) in objects.iter().enumerate() {
        if i > 0 {
            crate::eval::call::call1(py, &write, &[PyStr::new(py, sep).into_object()])?;
        }
        let s = crate::object::protocol::str_(py, a)?;
        crate::eval::call::call1(py, &write, &[s.into_object()])?;
    }
    crate::eval::call::call1(py, &write, &[PyStr::new(py, end).into_object()])?;
    if let Some(f) = flush
        && crate::eval::ops::truthy(py, f)?
    {
        let flush = crate::eval::attr::getattr(py, file, &intern_str(py, "flush"))?;
        crate::eval::call::call1(py, &flush, &[])?;
    }
    Ok(py.none())
}
