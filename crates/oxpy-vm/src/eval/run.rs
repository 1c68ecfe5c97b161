//! Running a program: the runtime modules (`builtins`, `sys`, `sys.modules`), `__main__`,
//! uncaught exceptions and `SystemExit` (`Python/pythonrun.c`).

use crate::error::{ExcKind, PyErr};
use crate::eval::traceback::format_exception;
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::exception::normalize;
use crate::objects::int::PyInt;
use crate::objects::module::PyModule;
use crate::objects::str::PyStr;

/// The modules every interpreter has from the start.
pub struct Runtime {
    /// `builtins`.
    pub builtins: PyRef<PyModule>,
    /// `sys`.
    pub sys: PyRef<PyModule>,
    /// `sys.modules`.
    pub modules: PyRef<PyDict>,
    /// The builtins namespace as it was at start-up (`interp->builtins_copy`), restored at exit.
    pub builtins_copy: PyRef<PyDict>,
}

/// Set up the runtime (type dicts, `builtins`, `sys`) once; `argv` becomes `sys.argv`.
pub fn init(py: Python<'_>, argv: &[String], path0: Option<String>) {
    if py.interp().runtime.borrow().is_some() {
        return;
    }
    crate::eval::builtins::init_type_dicts(py);
    crate::objects::type_::register_builtin_subclasses(py);
    let modules = PyDict::new(py);
    let builtins = crate::eval::builtins::make_builtins(py);
    let sys = crate::eval::sysmod::make_sys(py, argv, path0, &modules);
    let _ = modules.set_item(
        py,
        PyStr::new(py, "builtins").into_object(),
        builtins.clone().into_object(),
    );
    let _ = modules.set_item(
        py,
        PyStr::new(py, "sys").into_object(),
        sys.clone().into_object(),
    );
    let builtins_copy = PyDict::new(py);
    for (k, v) in builtins.dict.items() {
        let _ = builtins_copy.set_item(py, k, v);
    }
    *py.interp().runtime.borrow_mut() = Some(Runtime {
        builtins,
        sys,
        modules,
        builtins_copy,
    });
}

fn runtime<R>(py: Python<'_>, f: impl FnOnce(&Runtime) -> R) -> R {
    if py.interp().runtime.borrow().is_none() {
        init(py, &[], None);
    }
    let rt = py.interp().runtime.borrow();
    match rt.as_ref() {
        Some(r) => f(r),
        None => unreachable_runtime(),
    }
}

#[cold]
fn unreachable_runtime() -> ! {
    // `init` always installs the runtime; reaching this is an internal bug.
    std::process::abort()
}

/// The `builtins` module.
pub fn builtins_module(py: Python<'_>) -> PyRef<PyModule> {
    runtime(py, |r| r.builtins.clone())
}

/// The `builtins` namespace.
pub fn builtins_dict(py: Python<'_>) -> PyRef<PyDict> {
    runtime(py, |r| r.builtins.dict.clone())
}

/// The `sys` module.
pub fn sys_module(py: Python<'_>) -> PyRef<PyModule> {
    runtime(py, |r| r.sys.clone())
}

/// The builtins namespace as it was at start-up.
pub fn builtins_copy(py: Python<'_>) -> PyRef<PyDict> {
    runtime(py, |r| r.builtins_copy.clone())
}

/// `sys.modules`.
pub fn modules_dict(py: Python<'_>) -> PyRef<PyDict> {
    runtime(py, |r| r.modules.clone())
}

/// The interactive prompt after (or instead of) the main program (`-i`, or a terminal on
/// stdin with no program).
#[derive(Clone, Copy)]
pub struct Interactive {
    /// Print the version banner first (no program was given and no `-q`).
    pub banner: bool,
}

/// Run compiled code as `__main__` (none: only the prompt), then the prompt if asked for;
/// returns the process exit code.
pub fn run_main(
    py: Python<'_>,
    code: Option<std::sync::Arc<oxpy_bytecode::CodeObject>>,
    file_path: Option<&str>,
    interactive: Option<Interactive>,
) -> i32 {
    let main = PyModule::new(py, "__main__");
    main.set(py, "__builtins__", builtins_module(py).into_object());
    main.set(py, "__annotations__", PyDict::new(py).into_object());
    if let Some(f) = file_path {
        main.set(py, "__file__", PyStr::new(py, f).into_object());
        main.set(py, "__cached__", py.none());
    }
    let _ = modules_dict(py).set_item(
        py,
        PyStr::new(py, "__main__").into_object(),
        main.clone().into_object(),
    );
    if !crate::eval::sysmod::cli_flags().contains(&("no_site", 1)) {
        install_site_builtins(py);
    }
    let r = match code {
        Some(code) => crate::eval::call::run_code_with_locals(
            py,
            crate::objects::code::PyCode::new(py, code),
            main.dict.clone(),
            builtins_dict(py),
            main.dict.clone().into_object(),
            None,
        ),
        None => Ok(py.none()),
    };
    let mut status = match (r, interactive) {
        (Ok(_), _) => 0,
        (Err(e), None) => handle_uncaught(py, e),
        // `-i`: the program's error (even `SystemExit`) is reported, then the prompt starts.
        (Err(e), Some(_)) => {
            report_exception(py, &normalize(py, e));
            0
        }
    };
    if let Some(i) = interactive
        && let Some(code) = crate::eval::repl::interact(py, &main.dict, i.banner)
    {
        status = code;
    }
    // Wait for non-daemon threads (`threading._shutdown`), as CPython's finalisation does.
    if let Ok(Some(threading)) = modules_dict(py).get_item(
        py,
        crate::objects::str::intern_str(py, "threading").as_object(),
    ) && let Ok(shutdown) = crate::eval::attr::getattr_str(py, &threading, "_shutdown")
        && let Err(e) = crate::eval::call::call1(py, &shutdown, &[])
    {
        status = handle_uncaught(py, e);
    }
    drop(main);
    crate::eval::finalize::finalize_interpreter(py);
    let status = finish(py, status);
    finalize_thread(py);
    status
}

/// What `site` adds to builtins at start-up (`setquit`, `sethelper`): `exit`, `quit` and
/// `help`, from CPython's own `_sitebuiltins`. A failure leaves them out, silently, as a
/// missing `site` does.
fn install_site_builtins(py: Python<'_>) {
    let Ok(module) = crate::eval::import::import_absolute(py, "_sitebuiltins") else {
        return;
    };
    let builtins = builtins_dict(py);
    let text = |t: &str| PyStr::new(py, t).into_object();
    if let Ok(quitter) = crate::eval::attr::getattr_str(py, module.as_object(), "Quitter") {
        for name in ["quit", "exit"] {
            let args = [text(name), text("Ctrl-D (i.e. EOF)")];
            if let Ok(q) = crate::eval::call::call1(py, &quitter, &args) {
                let _ = builtins.set_item(py, text(name), q);
            }
        }
    }
    if let Ok(helper) = crate::eval::attr::getattr_str(py, module.as_object(), "_Helper")
        && let Ok(h) = crate::eval::call::call1(py, &helper, &[])
    {
        let _ = builtins.set_item(py, text("help"), h);
    }
}

/// Release what this thread caches (method cache, handled exception, free lists) while the
/// GIL is still held: thread-local destructors run after it is released.
pub fn finalize_thread(py: Python<'_>) {
    crate::objects::type_::clear_thread_type_cache();
    crate::objects::str::clear_name_cache();
    drop(crate::eval::set_current_exception(None));
    crate::signals::clear_handlers();
    crate::objects::free_list::clear_free_lists(py);
}

/// Flush stdout at exit (`flush_std_files`): a failure prints CPython's message and exits 120.
fn finish(py: Python<'_>, status: i32) -> i32 {
    let _ = py;
    match crate::eval::builtins::flush_stdout() {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            crate::eval::builtins::write_stderr(
                "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nBrokenPipeError: [Errno 32] Broken pipe\n",
            );
            120
        }
        Err(_) => 120,
    }
}

/// The exit code of a `SystemExit` (printing its message when it is not an int).
fn system_exit_code(py: Python<'_>, exc: &PyObject) -> i32 {
    let code = crate::eval::attr::getattr_str(py, exc, "code").unwrap_or_else(|_| py.none());
    if py.is_none(&code) {
        return 0;
    }
    if let Some(i) = code.downcast_ref::<PyInt>(py) {
        return i.as_i64().map_or(-1, |v| v as i32);
    }
    let text = crate::object::protocol::str_(py, &code)
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    crate::eval::builtins::write_stderr(&format!("{text}\n"));
    1
}

/// Print an uncaught exception like CPython (or exit quietly for `SystemExit`).
pub fn handle_uncaught(py: Python<'_>, err: PyErr) -> i32 {
    let exc = normalize(py, err);
    if exc
        .ob_type()
        .is_subtype(py.types().exception(ExcKind::SystemExit))
    {
        return system_exit_code(py, &exc);
    }
    report_exception(py, &exc);
    if exc
        .ob_type()
        .is_subtype(py.types().exception(ExcKind::KeyboardInterrupt))
    {
        UNHANDLED_KEYBOARD_INTERRUPT.store(true, std::sync::atomic::Ordering::Relaxed);
        return 130;
    }
    1
}

/// Report an exception as `PyErr_Print` does: keep it in `sys.last_type`/`last_value`/
/// `last_traceback`, then print it through `sys.excepthook` (`PyErr_Display` when the hook is
/// missing or fails).
pub fn report_exception(py: Python<'_>, exc: &PyRef) {
    use crate::eval::builtins::write_stderr;
    let _ = crate::eval::builtins::flush_stdout();
    let tb = crate::eval::attr::getattr_str(py, exc, "__traceback__").unwrap_or_else(|_| py.none());
    // `_PyErr_PrintEx(set_sys_last_vars=1)`, for the prompt and the main program alike.
    let sys = sys_module(py);
    sys.set(py, "last_type", exc.ob_type().to_owned_ref().into_object());
    sys.set(py, "last_value", exc.clone());
    sys.set(py, "last_traceback", tb.clone());
    let hooked = sys.get(py, "excepthook").map(|hook| {
        let args = [exc.ob_type().to_owned_ref().into_object(), exc.clone(), tb];
        crate::eval::call::call1(py, &hook, &args)
    });
    match hooked {
        Some(Ok(_)) => {}
        Some(Err(e)) => {
            let hook_exc = normalize(py, e);
            write_stderr("Error in sys.excepthook:\n");
            write_stderr(&format_exception(py, &hook_exc));
            write_stderr("\nOriginal exception was:\n");
            write_stderr(&format_exception(py, exc));
        }
        None => {
            write_stderr("sys.excepthook is missing\n");
            write_stderr(&format_exception(py, exc));
        }
    }
}

/// Set when the main program ended with an uncaught KeyboardInterrupt
/// (`_Py_UnhandledKeyboardInterrupt`).
static UNHANDLED_KEYBOARD_INTERRUPT: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Exit the process with `status`, except after an uncaught KeyboardInterrupt, where CPython's
/// `exit_sigint` restores the default SIGINT action and kills the process with SIGINT so the
/// parent sees a signal death (a shell shows status 130).
pub fn exit_process(status: i32) -> ! {
    let _ = crate::eval::builtins::flush_stdout();
    if UNHANDLED_KEYBOARD_INTERRUPT.load(std::sync::atomic::Ordering::Relaxed) {
        crate::signals::exit_by_sigint();
    }
    std::process::exit(status)
}

/// `PyErr_WriteUnraisable`: report `err` through `sys.unraisablehook` (see
/// [`crate::eval::unraisable::write_unraisable`]).
pub fn write_unraisable(py: Python<'_>, err: PyErr, what: &str, obj: Option<&PyObject>) {
    crate::eval::unraisable::write_unraisable(py, err, what, obj);
}
