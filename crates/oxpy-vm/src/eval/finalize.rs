//! Interpreter exit after the main program and `threading._shutdown` (CPython 3.11's
//! `Py_FinalizeEx`, `Python/pylifecycle.c`): the `atexit` callbacks, then `finalize_modules`:
//! every module is removed from `sys.modules` in its insertion order (a module nobody else holds
//! dies right there), a full collection reclaims the cycles through module namespaces (the
//! `__main__` globals usually are one: functions point back at them, and modules imported by
//! `__main__` go with them), the namespaces of modules still alive are emptied (CPython's
//! `_PyModule_ClearDict`), and a last collection runs.
//!
//! So `__del__` of the objects in `__main__`'s globals runs at exit, with the globals still
//! intact, in the collector's order (allocation order for a plain script), as in CPython.

use crate::gil::Python;
use crate::object::PyRef;
use crate::objects::str::intern_str;

/// `_PyAtExit_Call`: run `atexit._run_exitfuncs()` if the module was imported.
fn call_atexit(py: Python<'_>) {
    let modules = crate::eval::run::modules_dict(py);
    let Ok(Some(atexit)) = modules.get_item(py, intern_str(py, "atexit").as_object()) else {
        return;
    };
    let r = crate::eval::attr::getattr_str(py, &atexit, "_run_exitfuncs")
        .and_then(|f| crate::eval::call::call1(py, &f, &[]));
    if let Err(e) = r {
        crate::eval::run::write_unraisable(py, e, "Exception ignored in atexit callback", None);
    }
}

/// True if `threading` reports other live threads (daemon threads keep running in oxpy, so
/// module namespaces they use must not be emptied under them).
fn other_threads_alive(py: Python<'_>) -> bool {
    let modules = crate::eval::run::modules_dict(py);
    let Ok(Some(threading)) = modules.get_item(py, intern_str(py, "threading").as_object()) else {
        return false;
    };
    crate::eval::attr::getattr_str(py, &threading, "active_count")
        .and_then(|f| crate::eval::call::call1(py, &f, &[]))
        .ok()
        .and_then(|n| n.downcast_ref::<crate::objects::int::PyInt>(py)?.as_i64())
        .is_some_and(|n| n > 1)
}

/// `_PyModule_ClearDict`: set the module's names to None, first those with one leading
/// underscore, then all but `__builtins__`, each pass in insertion order.
fn clear_module_dict(py: Python<'_>, module: &PyRef) {
    let Some(m) = module.downcast_ref::<crate::objects::module::PyModule>(py) else {
        return;
    };
    let d = &m.dict;
    for underscore_pass in [true, false] {
        for (k, v) in d.items() {
            if py.is_none(&v) {
                continue;
            }
            let Some(name) = k.downcast_ref::<crate::objects::str::PyStr>(py) else {
                continue;
            };
            let name = name.to_string_lossy();
            let clear = if underscore_pass {
                name.starts_with('_') && !name.starts_with("__")
            } else {
                name != "__builtins__"
            };
            if clear {
                let _ = d.set_item(py, k, py.none());
            }
        }
    }
}

/// `finalize_modules_delete_special`: the `sys` attributes that may hold user objects go to
/// None first (the last uncaught exception and its frames, the prompts, the paths).
fn delete_special(py: Python<'_>) {
    let sys = crate::eval::run::sys_module(py);
    for name in [
        "path",
        "argv",
        "ps1",
        "ps2",
        "last_type",
        "last_value",
        "last_traceback",
        "path_hooks",
        "path_importer_cache",
        "meta_path",
        "__interactivehook__",
    ] {
        if sys.get(py, name).is_some() {
            sys.set(py, name, py.none());
        }
    }
}

/// `finalize_modules`: remove the modules, collect, empty the namespaces of the modules still
/// alive (newest first; not `sys` and `builtins`, and not while other threads run), collect.
fn finalize_modules(py: Python<'_>) {
    delete_special(py);
    let threads = other_threads_alive(py);
    let modules = crate::eval::run::modules_dict(py);
    let sys = crate::eval::run::sys_module(py);
    let builtins = crate::eval::run::builtins_module(py);
    // `finalize_remove_modules`: replace each entry by None, in order, keeping only a weak
    // reference; a module nobody else holds dies right here.
    let mut weaklist: Vec<PyRef> = Vec::new();
    for (name, module) in modules.items() {
        let _ = modules.set_item(py, name, py.none());
        if module.is(&sys) || module.is(&builtins) {
            continue;
        }
        if let Ok(w) = crate::objects::weakref::new_weakref(py, &module, None, false) {
            weaklist.push(w);
        }
        drop(module);
    }
    modules.clear();
    // `finalize_restore_builtins`: names the program added to `builtins` go (they could keep
    // a module's namespace alive).
    let copy = crate::eval::run::builtins_copy(py);
    let current = crate::eval::run::builtins_dict(py);
    current.clear();
    for (k, v) in copy.items() {
        let _ = current.set_item(py, k, v);
    }
    // The method cache owns class attributes; CPython's only borrows them.
    crate::objects::type_::clear_thread_type_cache();
    crate::gc::collect::collect(py, 2);
    // `finalize_modules_clear_weaklist`.
    while let Some(w) = weaklist.pop() {
        let alive = w
            .downcast_ref::<crate::objects::weakref::PyWeakref>(py)
            .and_then(crate::objects::weakref::PyWeakref::get);
        if let Some(m) = alive
            && !threads
        {
            clear_module_dict(py, &m);
        }
    }
    crate::gc::collect::collect(py, 2);
}

/// Everything CPython does at exit between `threading._shutdown()` and flushing the standard
/// streams: `atexit` callbacks, then module finalization with its collections. The caller must
/// have dropped its own references to `__main__`.
pub fn finalize_interpreter(py: Python<'_>) {
    call_atexit(py);
    let _ = crate::eval::builtins::flush_stdout();
    finalize_modules(py);
}
