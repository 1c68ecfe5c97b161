//! `_oxpy_thread`: the native primitives under the bundled `_thread` module (`lib/_thread.py`).
//!
//! * `start(bootstrap, func)` runs `bootstrap()` on a new OS thread that takes the GIL
//!   (`with_gil`); an exception escaping it is reported like CPython's `thread_run`
//!   ("Exception ignored in thread started by: <func>"), `SystemExit` silently.
//!   Returns the new thread's ident (its `pthread_t`, as CPython's `get_ident`).
//! * Locks are handles (ints) into a process-wide table of [`RawLock`]s:
//!   `lock_new()`, `lock_acquire(h, blocking, timeout)`, `lock_release(h)`,
//!   `lock_locked(h)`, `lock_free(h)`. A blocking acquire releases the GIL while it waits.
//! * `get_ident()`, `get_native_id()`, `count()` (threads started and still running).
//! * `print_exception(header, exc)`: `header`, a newline and `exc`'s traceback on stderr
//!   (what `threading.excepthook` prints).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use num_traits::ToPrimitive;
use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::util::{index, new_float, new_int, pos_args, to_f64};

/// The `_oxpy_thread` module.
pub static THREAD: ModuleDef = ModuleDef {
    name: "_oxpy_thread",
    doc: "Native thread and lock primitives used by the bundled _thread module.",
    methods: &[
        MethodDef::new("start", thread_start),
        MethodDef::new("get_ident", thread_get_ident),
        MethodDef::new("get_native_id", thread_get_native_id),
        MethodDef::new("count", thread_count),
        MethodDef::new("lock_new", thread_lock_new),
        MethodDef::new("lock_acquire", thread_lock_acquire),
        MethodDef::new("lock_release", thread_lock_release),
        MethodDef::new("lock_locked", thread_lock_locked),
        MethodDef::new("lock_free", thread_lock_free),
        MethodDef::new("print_exception", thread_print_exception),
    ],
    attrs: thread_attrs,
};

/// `PY_TIMEOUT_MAX / 1e6` on 64-bit Linux (`_thread.TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 9_223_372_036.0;

fn thread_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(vec![("TIMEOUT_MAX", new_float(py, TIMEOUT_MAX))])
}

// SAFETY: `pthread_self` and `gettid` (glibc ≥ 2.30) take no arguments and cannot fail.
unsafe extern "C" {
    fn pthread_self() -> usize;
    fn gettid() -> i32;
}

/// `PyThread_get_thread_ident`: the calling thread's `pthread_t`.
fn ident() -> u64 {
    // SAFETY: see the extern block.
    unsafe { pthread_self() as u64 }
}

/// Threads started by `start` that have not finished.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Python objects moved to a new thread. They are created by the parent while it holds the
/// GIL and touched by the child only inside `with_gil`, so their (non-atomic) reference counts
/// are never used by two threads at once.
struct Bootstrap {
    call: PyRef,
    func: PyRef,
}

// SAFETY: see `Bootstrap`: the handles are only used, and dropped, under the GIL.
unsafe impl Send for Bootstrap {}

fn thread_start(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "start", "start", 2, 2)?;
    let boot = Bootstrap {
        call: a[0].clone(),
        func: a[1].clone(),
    };
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let spawned = std::thread::Builder::new().spawn(move || {
        // The ident is reported before taking the GIL, which the parent holds while it waits.
        let _ = tx.send(ident());
        oxpy_vm::with_gil(move |py| run_bootstrap(py, boot));
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    });
    if spawned.is_err() {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        return Err(PyErr::new(ExcKind::RuntimeError, "can't start new thread"));
    }
    let id = py
        .allow_threads(move || rx.recv())
        .map_err(|_| PyErr::new(ExcKind::RuntimeError, "can't start new thread"))?;
    Ok(new_int(py, id.into()))
}

/// `thread_run`: call the bootstrap; report an escaping exception as unraisable.
fn run_bootstrap(py: Python<'_>, boot: Bootstrap) {
    if let Err(e) = oxpy_vm::object::call::call(py, &boot.call, Args::positional(&[])) {
        if e.is_kind(ExcKind::SystemExit) {
            return;
        }
        oxpy_vm::eval::run::write_unraisable(
            py,
            e,
            "Exception ignored in thread started by",
            Some(&boot.func),
        );
    }
}

fn thread_get_ident(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "get_ident", "get_ident", 0, 0)?;
    Ok(new_int(py, ident().into()))
}

fn thread_get_native_id(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "get_native_id", "get_native_id", 0, 0)?;
    // SAFETY: see the extern block.
    let tid = unsafe { gettid() };
    Ok(new_int(py, tid.into()))
}

fn thread_count(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "_count", "_count", 0, 0)?;
    Ok(new_int(py, RUNNING.load(Ordering::SeqCst).into()))
}

/// A non-reentrant lock (`PyThread_type_lock`): a flag guarded by a mutex plus a condvar.
#[derive(Default)]
struct RawLock {
    locked: Mutex<bool>,
    cond: Condvar,
}

impl RawLock {
    /// Take the lock if it is free.
    fn try_acquire(&self) -> bool {
        let mut l = self.locked.lock().unwrap_or_else(|p| p.into_inner());
        if *l {
            false
        } else {
            *l = true;
            true
        }
    }

    /// Wait for the lock (forever when `timeout` is `None`).
    fn acquire_timed(&self, timeout: Option<Duration>) -> bool {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut l = self.locked.lock().unwrap_or_else(|p| p.into_inner());
        while *l {
            match deadline {
                None => l = self.cond.wait(l).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    l = self
                        .cond
                        .wait_timeout(l, d - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
        *l = true;
        true
    }

    /// Release; false if it was not locked.
    fn release(&self) -> bool {
        let mut l = self.locked.lock().unwrap_or_else(|p| p.into_inner());
        if !*l {
            return false;
        }
        *l = false;
        self.cond.notify_one();
        true
    }

    fn is_locked(&self) -> bool {
        *self.locked.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Every live lock by handle.
fn locks() -> &'static Mutex<HashMap<u64, Arc<RawLock>>> {
    static LOCKS: OnceLock<Mutex<HashMap<u64, Arc<RawLock>>>> = OnceLock::new();
    LOCKS.get_or_init(|| Mutex::new(HashMap::new()))
}

fn lock_of(py: Python<'_>, h: &PyObject) -> PyResult<Arc<RawLock>> {
    let h = index(py, h)?.to_u64().unwrap_or(0);
    locks()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&h)
        .cloned()
        .ok_or_else(|| PyErr::value_error("invalid lock handle"))
}

fn thread_lock_new(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "lock_new", "lock_new", 0, 0)?;
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let h = NEXT.fetch_add(1, Ordering::Relaxed);
    locks()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(h, Arc::new(RawLock::default()));
    Ok(new_int(py, h.into()))
}

/// `lock_acquire(h, blocking, timeout)`: `lock_PyThread_acquire_lock` after argument parsing
/// (done in `_thread.py`); `timeout < 0` waits forever. Returns a bool.
fn thread_lock_acquire(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lock_acquire", "lock_acquire", 3, 3)?;
    let lock = lock_of(py, &a[0])?;
    let blocking = oxpy_vm::object::protocol::is_true(py, &a[1]);
    let timeout = to_f64(py, &a[2])?;
    let got = if lock.try_acquire() {
        true
    } else if !blocking {
        false
    } else {
        let limit = (timeout >= 0.0).then(|| Duration::from_secs_f64(timeout.min(TIMEOUT_MAX)));
        py.allow_threads(move || lock.acquire_timed(limit))
    };
    Ok(py.bool(got).into_object())
}

fn thread_lock_release(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lock_release", "lock_release", 1, 1)?;
    if !lock_of(py, &a[0])?.release() {
        return Err(PyErr::new(ExcKind::RuntimeError, "release unlocked lock"));
    }
    Ok(py.none())
}

fn thread_lock_locked(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lock_locked", "lock_locked", 1, 1)?;
    Ok(py.bool(lock_of(py, &a[0])?.is_locked()).into_object())
}

fn thread_lock_free(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "lock_free", "lock_free", 1, 1)?;
    let h = index(py, &a[0])?.to_u64().unwrap_or(0);
    locks().lock().unwrap_or_else(|p| p.into_inner()).remove(&h);
    Ok(py.none())
}

fn thread_print_exception(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "print_exception", "print_exception", 2, 2)?;
    let header = oxpy_vm::object::protocol::str_(py, &a[0])?.to_string_lossy();
    let _ = oxpy_vm::eval::builtins::flush_stdout();
    let text = oxpy_vm::eval::traceback::format_exception(py, &a[1]);
    oxpy_vm::eval::builtins::write_stderr(&format!("{header}\n{text}"));
    Ok(py.none())
}
