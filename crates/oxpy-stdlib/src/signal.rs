//! `_signal` (CPython's `Modules/signalmodule.c`), under the bundled `signal.py`: setting and
//! querying handlers, `default_int_handler`, `raise_signal`, `alarm`, `pause`, `strsignal`,
//! `valid_signals`, `pthread_kill`/`pthread_sigmask`. The C-level handler and the running of
//! Python handlers between instructions are the VM's (`oxpy_vm::signals`).

use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::signals::{self, Handler, NSIG};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::util::{pos_args, ssize};

/// The `_signal` module.
pub static SIGNAL: ModuleDef = ModuleDef {
    name: "_signal",
    doc: "This module provides mechanisms to use signal handlers in Python.\n\nFunctions:\n\nalarm() -- cause SIGALRM after a specified time [Unix only]\nsetitimer() -- cause a signal (described below) after a specified\n               float time and the timer may restart then [Unix only]\ngetitimer() -- get current value of timer [Unix only]\nsignal() -- set the action for a given signal\ngetsignal() -- get the signal action for a given signal\npause() -- wait until a signal arrives [Unix only]\ndefault_int_handler() -- default SIGINT handler\n\nsignal constants:\nSIG_DFL -- used to refer to the system default handler\nSIG_IGN -- used to ignore the signal\nNSIG -- number of defined signals\nSIGINT, SIGTERM, etc. -- signal numbers\n\nitimer constants:\nITIMER_REAL -- decrements in real time, and delivers SIGALRM upon\n               expiration\nITIMER_VIRTUAL -- decrements only when the process is executing,\n               and delivers SIGVTALRM upon expiration\nITIMER_PROF -- decrements both when the process is executing and\n               when the system is executing on behalf of the process.\n               Coupled with ITIMER_VIRTUAL, this timer is usually\n               used to profile the time spent by the application\n               in user and kernel space. SIGPROF is delivered upon\n               expiration.\n\n\n*** IMPORTANT NOTICE ***\nA signal handler function is called with two arguments:\nthe first is the signal number, the second is the interrupted stack frame.",
    methods: &[
        MethodDef::new("signal", sig_signal),
        MethodDef::new("getsignal", sig_getsignal),
        MethodDef::new("default_int_handler", sig_default_int_handler),
        MethodDef::new("raise_signal", sig_raise_signal),
        MethodDef::new("strsignal", sig_strsignal),
        MethodDef::new("valid_signals", sig_valid_signals),
        MethodDef::new("alarm", sig_alarm),
        MethodDef::new("pause", sig_pause),
        MethodDef::new("siginterrupt", sig_siginterrupt),
        MethodDef::new("set_wakeup_fd", sig_set_wakeup_fd),
        MethodDef::new("pthread_kill", sig_pthread_kill),
        MethodDef::new("pthread_sigmask", sig_pthread_sigmask),
    ],
    attrs: signal_attrs,
};

/// Linux's signal names and numbers, as `_signal` exports them.
const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGPWR", libc::SIGPWR),
    ("SIGSYS", libc::SIGSYS),
];

fn signal_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    let int = |v: i64| PyInt::new(py, v).into_object();
    let mut out = vec![
        ("NSIG", int(NSIG as i64)),
        ("SIG_DFL", int(0)),
        ("SIG_IGN", int(1)),
        ("SIG_BLOCK", int(i64::from(libc::SIG_BLOCK))),
        ("SIG_UNBLOCK", int(i64::from(libc::SIG_UNBLOCK))),
        ("SIG_SETMASK", int(i64::from(libc::SIG_SETMASK))),
        ("SIGRTMIN", int(i64::from(libc::SIGRTMIN()))),
        ("SIGRTMAX", int(i64::from(libc::SIGRTMAX()))),
    ];
    for &(name, num) in SIGNALS {
        out.push((name, int(i64::from(num))));
    }
    Ok(out)
}

/// A signal number argument, checked against `1..NSIG` (`signal number out of range`).
fn signum_arg(py: Python<'_>, obj: &PyObject) -> PyResult<i32> {
    let n = ssize(py, obj)?;
    if n < 1 || n >= NSIG as i64 {
        return Err(PyErr::value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// `OSError(errno, strerror)` from the last C error.
fn last_os_error(py: Python<'_>) -> PyErr {
    crate::posix::os_error(py, &std::io::Error::last_os_error(), None)
}

/// The Python object for a handler (`SIG_DFL`/`SIG_IGN` ints, the callable, or
/// `default_int_handler`).
fn handler_object(py: Python<'_>, module: &PyObject, h: Handler) -> PyResult<PyRef> {
    Ok(match h {
        Handler::Default => PyInt::new(py, 0).into_object(),
        Handler::Ignore => PyInt::new(py, 1).into_object(),
        Handler::Python(Some(f)) => f,
        Handler::Python(None) => {
            oxpy_vm::eval::attr::getattr_str(py, module, "default_int_handler")?
        }
    })
}

/// `signal.signal(signalnum, handler)`: returns the previous handler.
fn sig_signal(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "signal", "signal", 2, 2)?;
    let sig = signum_arg(py, &a[0])?;
    let handler = &a[1];
    if !signals::is_main_thread() {
        return Err(PyErr::value_error(
            "signal only works in main thread of the main interpreter",
        ));
    }
    let callable = oxpy_vm::object::protocol::is_callable(py, handler);
    let h = match signals::handler_of(py, handler) {
        Some(Handler::Python(_)) if !callable => None,
        h => h,
    };
    let Some(h) = h else {
        return Err(PyErr::type_error(
            "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
        ));
    };
    if sig == libc::SIGKILL || sig == libc::SIGSTOP {
        return Err(crate::posix::os_error(
            py,
            &std::io::Error::from_raw_os_error(libc::EINVAL),
            None,
        ));
    }
    let old = signals::set_handler(sig, h).map_err(|_| last_os_error(py))?;
    handler_object(py, this, old)
}

/// `signal.getsignal(signalnum)`.
fn sig_getsignal(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "getsignal", "getsignal", 1, 1)?;
    let sig = signum_arg(py, &a[0])?;
    handler_object(py, this, signals::handler(sig))
}

/// `signal.default_int_handler(signalnum, frame, /)`: raise `KeyboardInterrupt`.
fn sig_default_int_handler(_py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "default_int_handler", "default_int_handler", 2, 2)?;
    Err(signals::keyboard_interrupt())
}

/// `signal.raise_signal(signalnum)`: send the signal to ourselves, then run its handler.
fn sig_raise_signal(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "raise_signal", "raise_signal", 1, 1)?;
    let sig = signum_arg(py, &a[0])?;
    signals::raise_signal(sig).map_err(|e| crate::posix::os_error(py, &e, None))?;
    signals::check_signals(py)?;
    Ok(py.none())
}

/// `signal.strsignal(signalnum)`: the system's description, or None.
fn sig_strsignal(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "strsignal", "strsignal", 1, 1)?;
    let sig = signum_arg(py, &a[0])?;
    // SAFETY: `strsignal` returns a pointer to a NUL-terminated string (or null) that stays
    // valid until the next call; it is copied at once, under the GIL.
    let text = unsafe {
        let p = libc::strsignal(sig);
        if p.is_null() {
            return Ok(py.none());
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if text.starts_with("Unknown signal") || text.starts_with("Real-time signal") {
        return Ok(py.none());
    }
    Ok(PyStr::new(py, &text).into_object())
}

/// `signal.valid_signals()`: the set of every signal number this platform has.
fn sig_valid_signals(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "valid_signals", "valid_signals", 0, 0)?;
    // Linux: 1..=31 and the real-time range 34..=64 (32 and 33 belong to the C library).
    let nums = (1..32).chain(libc::SIGRTMIN()..=libc::SIGRTMAX());
    let items: Vec<PyRef> = nums
        .map(|n| PyInt::new(py, i64::from(n)).into_object())
        .collect();
    oxpy_vm::eval::ops::new_set(py, items)
}

/// `signal.alarm(seconds)`: returns the seconds left of the previous alarm.
fn sig_alarm(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "alarm", "alarm", 1, 1)?;
    let secs = ssize(py, &a[0])?;
    let secs = u32::try_from(secs).map_err(|_| {
        PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C unsigned int",
        )
    })?;
    // SAFETY: `alarm` has no preconditions.
    let left = unsafe { libc::alarm(secs) };
    Ok(PyInt::new(py, i64::from(left)).into_object())
}

/// `signal.pause()`: sleep until a signal arrives, then run its handler.
fn sig_pause(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "pause", "pause", 0, 0)?;
    // SAFETY: `pause` only blocks the calling thread until a signal is caught.
    py.allow_threads(|| unsafe { libc::pause() });
    signals::check_signals(py)?;
    Ok(py.none())
}

/// `signal.siginterrupt(signalnum, flag)`: accepted; our handlers never restart system calls.
fn sig_siginterrupt(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "siginterrupt", "siginterrupt", 2, 2)?;
    signum_arg(py, &a[0])?;
    Ok(py.none())
}

/// `signal.set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: no wake-up fd is written; the
/// previous value (-1) is returned, as for a fresh interpreter.
fn sig_set_wakeup_fd(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    let Some(fd) = pos.first() else {
        return Err(PyErr::type_error(
            "set_wakeup_fd() missing required argument 'fd' (pos 1)",
        ));
    };
    ssize(py, fd)?;
    if !signals::is_main_thread() {
        return Err(PyErr::value_error(
            "set_wakeup_fd only works in main thread of the main interpreter",
        ));
    }
    Ok(PyInt::new(py, -1).into_object())
}

/// `signal.pthread_kill(thread_id, signalnum)`.
fn sig_pthread_kill(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "pthread_kill", "pthread_kill", 2, 2)?;
    let tid = ssize(py, &a[0])?;
    let sig = ssize(py, &a[1])?;
    // SAFETY: a thread id that is not a live thread makes `pthread_kill` fail with ESRCH
    // on glibc for ids of exited threads; ids come from `threading.get_ident()`.
    let rc = unsafe { libc::pthread_kill(tid as libc::pthread_t, sig as i32) };
    if rc != 0 {
        return Err(crate::posix::os_error(
            py,
            &std::io::Error::from_raw_os_error(rc),
            None,
        ));
    }
    signals::check_signals(py)?;
    Ok(py.none())
}

/// `signal.pthread_sigmask(how, mask)`: returns the old mask as a set of signal numbers.
fn sig_pthread_sigmask(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "pthread_sigmask", "pthread_sigmask", 2, 2)?;
    let how = ssize(py, &a[0])? as i32;
    let mut nums = Vec::new();
    for item in crate::util::collect_iter(py, &a[1])? {
        nums.push(signum_arg(py, &item)?);
    }
    // SAFETY: both sigsets are initialised by `sigemptyset` before use; `pthread_sigmask`
    // only reads `set` and writes `old`.
    let (rc, old) = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigemptyset(&mut old);
        for n in &nums {
            libc::sigaddset(&mut set, *n);
        }
        (libc::pthread_sigmask(how, &set, &mut old), old)
    };
    if rc != 0 {
        return Err(crate::posix::os_error(
            py,
            &std::io::Error::from_raw_os_error(rc),
            None,
        ));
    }
    let mut items = Vec::new();
    for n in 1..NSIG as i32 {
        // SAFETY: `old` is an initialised sigset and `n` a valid signal number.
        if unsafe { libc::sigismember(&old, n) } == 1 {
            items.push(PyInt::new(py, i64::from(n)).into_object());
        }
    }
    signals::check_signals(py)?;
    oxpy_vm::eval::ops::new_set(py, items)
}
