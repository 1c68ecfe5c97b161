//! Interpreter exit after the main program and `threading._shutdown` (CPython 3.11's
//! `Py_FinalizeEx`, `Python/pylifecycle.c`): the `atexit` callbacks, then `finalize_modules`:
//! every module is removed from `sys.modules` in its insertion order (a module nobody else holds
//! dies right there), a full collection reclaims the cycles through module namespaces (the
//! `__main__` globals usually are one: functions point back at them, and modules imported by
//! `__main__` go with them), and a last collection runs.
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

/// `finalize_modules` (simplified: the namespaces of modules still alive after the collection
/// are not cleared name by name, so objects they hold are not finalized).
fn finalize_modules(py: Python<'_>) {
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
    // The method cache owns class attributes; CPython's only borrows them.
    crate::objects::type_::clear_thread_type_cache();
    crate::gc::collect::collect(py, 2);
    drop(weaklist);
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
