//! Signals (`Modules/signalmodule.c`): the C-level handler only records that a signal
//! arrived; the main thread runs the Python-level handler at its next check of the eval
//! breaker (`_PyErr_CheckSignals`), so `SIGINT` becomes a `KeyboardInterrupt` raised between
//! two bytecode instructions, or out of a blocking `time.sleep`/`input`.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};

/// Signal numbers are below this (`signal.NSIG`).
pub const NSIG: usize = 65;

/// `SIGINT`.
pub const SIGINT: i32 = libc::SIGINT;

/// Per-signal "arrived" flags, set by [`c_handler`] (`Handlers[i].tripped`).
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// Some signal arrived and its Python handler has not run yet (`is_tripped`).
static IS_TRIPPED: AtomicBool = AtomicBool::new(false);
/// The thread that runs Python signal handlers (the one that ran [`init`]).
static MAIN_THREAD: OnceLock<std::thread::ThreadId> = OnceLock::new();

/// What a signal's disposition is at the Python level (`Handlers[i].func`).
#[derive(Clone)]
pub enum Handler {
    /// `SIG_DFL`.
    Default,
    /// `SIG_IGN`.
    Ignore,
    /// A Python callable; `None` is `signal.default_int_handler`, installed for SIGINT at
    /// start-up before the `signal` module exists.
    Python(Option<PyRef>),
}

thread_local! {
    /// The Python handlers, kept by the main thread (the only one that runs them).
    static HANDLERS: RefCell<Vec<Handler>> = RefCell::new(vec![Handler::Default; NSIG]);
}

/// The async-signal-safe C handler: record the signal, nothing else (`trip_signal`).
extern "C" fn c_handler(sig: libc::c_int) {
    if let Some(flag) = usize::try_from(sig).ok().and_then(|i| TRIPPED.get(i)) {
        flag.store(true, Ordering::SeqCst);
        IS_TRIPPED.store(true, Ordering::SeqCst);
    }
}

/// True when a signal waits for its Python handler (checked with the eval breaker).
#[inline]
pub fn pending() -> bool {
    IS_TRIPPED.load(Ordering::Relaxed)
}

/// Whether the calling thread is the one that runs signal handlers.
pub fn is_main_thread() -> bool {
    MAIN_THREAD.get() == Some(&std::thread::current().id())
}

/// The C-level disposition of `sig` (`sigaction(sig, NULL, &old)`): the raw handler value.
fn os_disposition(sig: i32) -> Option<libc::sighandler_t> {
    // SAFETY: an all-zero `sigaction` is a valid value to be overwritten by the call.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: a null new action only queries; `old` is a valid out-pointer.
    let rc = unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
    (rc == 0).then_some(old.sa_sigaction)
}

/// Install `action` (`SIG_DFL`, `SIG_IGN` or our C handler) for `sig` without `SA_RESTART`,
/// so blocking calls return `EINTR` and can run the handler (CPython's `PyOS_setsig`).
fn set_os_action(sig: i32, action: libc::sighandler_t) -> std::io::Result<()> {
    // SAFETY: an all-zero `sigaction` is valid (empty mask, no flags).
    let mut act: libc::sigaction = unsafe { std::mem::zeroed() };
    act.sa_sigaction = action;
    act.sa_flags = libc::SA_ONSTACK;
    // SAFETY: `act.sa_mask` is a valid sigset to clear.
    unsafe { libc::sigemptyset(&mut act.sa_mask) };
    // SAFETY: `act` is a fully initialised action; the old one is not wanted.
    let rc = unsafe { libc::sigaction(sig, &act, std::ptr::null_mut()) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// The address of [`c_handler`] as a `sighandler_t`.
fn c_handler_addr() -> libc::sighandler_t {
    c_handler as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// Start-up (`signal_install_handlers`): the calling thread becomes the main thread; SIGPIPE,
/// SIGXFSZ are ignored and SIGINT raises `KeyboardInterrupt`, unless SIGINT was ignored by
/// whoever started us.
pub fn init() {
    if MAIN_THREAD.set(std::thread::current().id()).is_err() {
        return;
    }
    let _ = set_os_action(libc::SIGPIPE, libc::SIG_IGN);
    let _ = set_os_action(libc::SIGXFSZ, libc::SIG_IGN);
    if os_disposition(SIGINT) == Some(libc::SIG_DFL)
        && set_os_action(SIGINT, c_handler_addr()).is_ok()
    {
        set_handler_slot(SIGINT, Handler::Python(None));
    }
}

/// Block the signals Python handles in the calling thread (the process's first thread, which
/// only waits for the interpreter thread), so the kernel delivers them to a thread that runs
/// Python code and its blocking calls see `EINTR`.
pub fn block_in_this_thread() {
    // SAFETY: a zeroed sigset is initialised by `sigemptyset` before use.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid sigset; adding standard signal numbers cannot fail.
    unsafe {
        libc::sigemptyset(&mut set);
        for sig in [
            libc::SIGINT,
            libc::SIGTERM,
            libc::SIGHUP,
            libc::SIGALRM,
            libc::SIGUSR1,
            libc::SIGUSR2,
        ] {
            libc::sigaddset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

fn set_handler_slot(sig: i32, h: Handler) -> Option<Handler> {
    let i = usize::try_from(sig).ok()?;
    HANDLERS
        .try_with(|t| {
            t.borrow_mut()
                .get_mut(i)
                .map(|slot| std::mem::replace(slot, h))
        })
        .ok()
        .flatten()
}

/// The Python-level handler of `sig` (`signal.getsignal`).
pub fn handler(sig: i32) -> Handler {
    let Ok(i) = usize::try_from(sig) else {
        return Handler::Default;
    };
    HANDLERS
        .try_with(|t| t.borrow().get(i).cloned())
        .ok()
        .flatten()
        .unwrap_or(Handler::Default)
}

/// `signal.signal(sig, h)`: set the disposition; returns the previous Python-level handler.
/// The caller has checked the main thread and the signal number.
pub fn set_handler(sig: i32, h: Handler) -> PyResult<Handler> {
    let action = match &h {
        Handler::Default => libc::SIG_DFL,
        Handler::Ignore => libc::SIG_IGN,
        Handler::Python(_) => c_handler_addr(),
    };
    // A handler replaced before it ran for a pending signal must not run later.
    if let Some(flag) = usize::try_from(sig).ok().and_then(|i| TRIPPED.get(i)) {
        flag.store(false, Ordering::SeqCst);
    }
    set_os_action(sig, action).map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    Ok(set_handler_slot(sig, h).unwrap_or(Handler::Default))
}

/// Run the Python handlers of the signals that arrived (`_PyErr_CheckSignals`); the first
/// error (e.g. `KeyboardInterrupt`) is returned, the other tripped signals stay pending.
/// Threads other than the main one return at once.
pub fn check_signals(py: Python<'_>) -> PyResult<()> {
    if !pending() || !is_main_thread() {
        return Ok(());
    }
    IS_TRIPPED.store(false, Ordering::SeqCst);
    for (sig, flag) in TRIPPED.iter().enumerate().skip(1) {
        if !flag.swap(false, Ordering::SeqCst) {
            continue;
        }
        let signum = sig as i32;
        let result = match handler(signum) {
            Handler::Python(Some(f)) => {
                let frame = crate::eval::with_current_frame(|f| {
                    f.map_or_else(
                        || py.none(),
                        |f| crate::eval::frame_object(py, f).into_object(),
                    )
                });
                let num = crate::objects::int::PyInt::new(py, i64::from(signum)).into_object();
                crate::eval::call::call1(py, &f, &[num, frame]).map(drop)
            }
            // The default SIGINT handler installed at start-up (`default_int_handler`).
            Handler::Python(None) if signum == SIGINT => Err(keyboard_interrupt()),
            _ => Ok(()),
        };
        if let Err(e) = result {
            // Leave the others for the next check, as CPython does.
            if TRIPPED.iter().any(|t| t.load(Ordering::SeqCst)) {
                IS_TRIPPED.store(true, Ordering::SeqCst);
            }
            return Err(e);
        }
    }
    Ok(())
}

/// A fresh `KeyboardInterrupt()` (what `signal.default_int_handler` raises).
pub fn keyboard_interrupt() -> PyErr {
    PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new())
}

/// `signal.raise_signal(sig)` / `os.kill(os.getpid(), sig)` for our own process.
pub fn raise_signal(sig: i32) -> std::io::Result<()> {
    // SAFETY: `raise` only sends a signal to the calling thread.
    if unsafe { libc::raise(sig) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Drop the Python handlers (interpreter exit, `_PySignal_Fini`): their objects go while the
/// GIL is held, and later signals get the default disposition back.
pub fn clear_handlers() {
    let old = HANDLERS.try_with(|t| std::mem::take(&mut *t.borrow_mut()));
    drop(old);
}

/// `obj` as a handler: `SIG_DFL`/`SIG_IGN` (ints 0/1) or a callable.
pub fn handler_of(py: Python<'_>, obj: &PyObject) -> Option<Handler> {
    if let Some(i) = obj.downcast_ref::<crate::objects::int::PyInt>(py) {
        return match i.as_i64() {
            Some(0) => Some(Handler::Default),
            Some(1) => Some(Handler::Ignore),
            _ => None,
        };
    }
    Some(Handler::Python(Some(obj.to_owned_ref())))
}

/// Die by SIGINT (`exit_sigint`, after an uncaught `KeyboardInterrupt`): restore the default
/// action, unblock it in this thread and send it, so the parent sees a signal death (a shell
/// shows status 130). Returns only if the signal could not kill us.
pub fn exit_by_sigint() {
    let _ = set_os_action(SIGINT, libc::SIG_DFL);
    // SAFETY: a zeroed sigset is initialised by `sigemptyset`; `kill` signals our own process
    // and the unblock lets it through to this thread at once.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, SIGINT);
        libc::kill(libc::getpid(), SIGINT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}
