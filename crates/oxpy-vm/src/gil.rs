//! The GIL and the `Python<'py>` token that proves it is held.
//!
//! One [`Gil`] per interpreter (each sub-interpreter will own one, so interpreters run in
//! parallel). Taking and dropping follow CPython 3.11's protocol (`Python/ceval_gil.h`, see
//! cpython-rules 6.2–6.4): a waiter waits at most the switch interval, then sets `drop_request`
//! and the eval breaker if the GIL did not change hands; a holder that drops while a request is
//! pending waits until another thread has taken it (FORCE_SWITCHING). The eval loop (not written
//! yet) must poll [`Python::eval_breaker`] at backward jumps and calls and call
//! [`Python::yield_gil`] when it is set.

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::interp::{BuiltinTypes, Interpreter};

/// Zero-sized proof that the current thread holds its interpreter's GIL.
///
/// `!Send` and `!Sync`; obtained only from [`with_gil`] (or inside it). Every function that
/// touches objects takes one.
#[derive(Clone, Copy)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

/// Default switch interval in microseconds (`sys.getswitchinterval() == 0.005`).
pub const DEFAULT_SWITCH_INTERVAL_US: u64 = 5000;

/// State guarded by the GIL's mutex.
struct GilLocked {
    locked: bool,
    switch_number: u64,
}

/// CPython 3.11's GIL (`struct _gil_runtime_state`) plus the interpreter's drop request and
/// eval-breaker flags.
pub struct Gil {
    state: Mutex<GilLocked>,
    cond: Condvar,
    switch_mutex: Mutex<()>,
    switch_cond: Condvar,
    /// Id (see `thread_id`) of the thread that last took or dropped the GIL; 0 = none.
    last_holder: AtomicU64,
    interval_us: AtomicU64,
    drop_request: AtomicBool,
    eval_breaker: AtomicBool,
}

impl Default for Gil {
    fn default() -> Self {
        Self::new()
    }
}

impl Gil {
    /// An unlocked GIL with the default 5 ms switch interval.
    pub fn new() -> Gil {
        Gil {
            state: Mutex::new(GilLocked {
                locked: false,
                switch_number: 0,
            }),
            cond: Condvar::new(),
            switch_mutex: Mutex::new(()),
            switch_cond: Condvar::new(),
            last_holder: AtomicU64::new(0),
            interval_us: AtomicU64::new(DEFAULT_SWITCH_INTERVAL_US),
            drop_request: AtomicBool::new(false),
            eval_breaker: AtomicBool::new(false),
        }
    }

    /// The switch interval in microseconds (`sys.getswitchinterval() * 1e6`).
    pub fn interval_us(&self) -> u64 {
        self.interval_us.load(Ordering::Relaxed)
    }

    /// Set the switch interval in microseconds (`sys.setswitchinterval` validates the argument).
    pub fn set_interval_us(&self, us: u64) {
        self.interval_us.store(us, Ordering::Relaxed);
    }

    /// How many times the GIL was taken by a thread other than its last holder.
    pub fn switch_number(&self) -> u64 {
        self.state.lock().switch_number
    }

    /// `gil_drop_request`: another thread has waited a full interval for the GIL.
    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    fn set_drop_request(&self) {
        self.drop_request.store(true, Ordering::Relaxed);
        self.eval_breaker.store(true, Ordering::Relaxed);
    }

    fn reset_drop_request(&self) {
        self.drop_request.store(false, Ordering::Relaxed);
        // Other reasons (signals, pending calls, async exceptions) will be OR-ed in here.
        self.eval_breaker.store(false, Ordering::Relaxed);
    }

    /// `take_gil` (cpython-rules 6.3).
    pub(crate) fn take(&self) {
        let me = thread_id();
        let mut st = self.state.lock();
        while st.locked {
            let saved_switch = st.switch_number;
            let us = self.interval_us().max(1);
            let timed_out = self
                .cond
                .wait_for(&mut st, Duration::from_micros(us))
                .timed_out();
            if timed_out && st.locked && st.switch_number == saved_switch {
                self.set_drop_request();
            }
        }
        {
            let _switch = self.switch_mutex.lock();
            st.locked = true;
            if self.last_holder.load(Ordering::Relaxed) != me {
                self.last_holder.store(me, Ordering::Relaxed);
                st.switch_number += 1;
            }
            self.switch_cond.notify_one();
        }
        if self.drop_requested() {
            self.reset_drop_request();
        }
        drop(st);
    }

    /// `drop_gil` (cpython-rules 6.4), including the FORCE_SWITCHING hand-over wait.
    pub(crate) fn release(&self) {
        let me = thread_id();
        self.last_holder.store(me, Ordering::Relaxed);
        {
            let mut st = self.state.lock();
            st.locked = false;
            self.cond.notify_one();
        }
        if self.drop_requested() {
            let mut sw = self.switch_mutex.lock();
            // `take` updates `last_holder` while holding the switch mutex, so this check and the
            // wait cannot miss the hand-over. Loop on spurious wake-ups.
            while self.last_holder.load(Ordering::Relaxed) == me {
                self.reset_drop_request();
                self.switch_cond.wait(&mut sw);
            }
        }
    }
}

thread_local! {
    /// The interpreter whose GIL this thread holds (null when it holds none).
    static CURRENT: Cell<*const Interpreter> = const { Cell::new(std::ptr::null()) };
    /// Nesting depth of `with_gil` on this thread.
    static GIL_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// This thread's GIL identity (`last_holder` value), assigned on first use.
    static THREAD_ID: Cell<u64> = const { Cell::new(0) };
}

/// The one interpreter, for [`Python::interp`]: the same pointer `CURRENT` holds while any
/// thread holds the GIL (every GIL is taken by `with_gil`, which stores it here first), read
/// with a plain load instead of a thread-local lookup (an out-of-line call in the eval loop).
static INTERP: AtomicPtr<Interpreter> = AtomicPtr::new(std::ptr::null_mut());

/// A small non-zero id for the current thread.
fn thread_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    THREAD_ID.with(|t| {
        if t.get() == 0 {
            t.set(NEXT.fetch_add(1, Ordering::Relaxed));
        }
        t.get()
    })
}

/// Restores the thread's GIL state when a `with_gil`/`allow_threads` scope ends (even by unwinding).
struct Reacquire {
    interp: *const Interpreter,
    depth: usize,
}

impl Drop for Reacquire {
    fn drop(&mut self) {
        // SAFETY: `interp` came from `CURRENT`/`main_interpreter` and interpreters are never freed
        // while a thread uses them.
        unsafe { &*self.interp }.gil.take();
        CURRENT.with(|c| c.set(self.interp));
        GIL_DEPTH.with(|d| d.set(self.depth));
    }
}

struct Release {
    interp: *const Interpreter,
}

impl Drop for Release {
    fn drop(&mut self) {
        // Per-thread caches hold objects: release them while the GIL is still held.
        crate::objects::type_::clear_thread_type_cache();
        crate::objects::str::clear_name_cache();
        drop(crate::eval::set_current_exception(None));
        // SAFETY: this thread still holds the GIL (released below).
        crate::objects::free_list::clear_free_lists(unsafe { Python::assume_gil_acquired() });
        CURRENT.with(|c| c.set(std::ptr::null()));
        GIL_DEPTH.with(|d| d.set(0));
        // SAFETY: as in `Reacquire::drop`.
        unsafe { &*self.interp }.gil.release();
    }
}

/// Run `f` holding the main interpreter's GIL (re-entrant: nested calls reuse the held GIL).
///
/// `f` and its result must be `Send`: object handles and borrowed objects are not, so none can
/// enter or leave the closure and be used after the GIL is released. (As in PyO3, a handle
/// stashed in a thread-local is the one way around this; don't.)
pub fn with_gil<F, R>(f: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> R + Send,
    R: Send,
{
    if GIL_DEPTH.with(|d| d.get()) > 0 {
        GIL_DEPTH.with(|d| d.set(d.get() + 1));
        let _undo = DepthGuard;
        // SAFETY: this thread already holds the GIL (depth > 0).
        return f(unsafe { Python::assume_gil_acquired() });
    }
    let interp: *const Interpreter = crate::interp::main_interpreter();
    INTERP.store(interp.cast_mut(), Ordering::Relaxed);
    // SAFETY: the main interpreter is never freed.
    unsafe { &*interp }.gil.take();
    CURRENT.with(|c| c.set(interp));
    GIL_DEPTH.with(|d| d.set(1));
    let _release = Release { interp };
    // SAFETY: the GIL was taken just above and is released by `_release` after `f`.
    f(unsafe { Python::assume_gil_acquired() })
}

/// Undoes one level of `with_gil` nesting.
struct DepthGuard;
impl Drop for DepthGuard {
    fn drop(&mut self) {
        GIL_DEPTH.with(|d| d.set(d.get() - 1));
    }
}

impl<'py> Python<'py> {
    /// Create a token without checking.
    ///
    /// # Safety
    /// The current thread must hold the GIL of the interpreter in `CURRENT` for all of `'py`.
    #[inline]
    pub unsafe fn assume_gil_acquired() -> Python<'py> {
        Python(PhantomData)
    }

    /// Run `f` holding the main interpreter's GIL; same as [`with_gil`].
    pub fn acquire<F, R>(f: F) -> R
    where
        F: for<'a> FnOnce(Python<'a>) -> R + Send,
        R: Send,
    {
        with_gil(f)
    }

    /// The interpreter whose GIL this thread holds.
    #[inline(always)]
    pub fn interp(self) -> &'py Interpreter {
        let p = INTERP.load(Ordering::Relaxed);
        debug_assert!(std::ptr::eq(p, CURRENT.with(|c| c.get())));
        // SAFETY: a token exists only while the thread holds the GIL, which it took in
        // `with_gil` after storing the main interpreter (the only one) in `INTERP`; the main
        // interpreter is never freed.
        unsafe { &*p }
    }

    /// The interpreter's builtin type objects.
    #[inline(always)]
    pub fn types(self) -> &'py BuiltinTypes {
        &self.interp().types
    }

    /// Release the GIL while `f` runs (blocking I/O, sleeps, lock waits), then take it back.
    ///
    /// `f` must be `Send`, so it cannot capture object handles or this token.
    pub fn allow_threads<T, F>(self, f: F) -> T
    where
        F: Send + FnOnce() -> T,
        T: Send,
    {
        let interp = CURRENT.with(|c| c.get());
        let depth = GIL_DEPTH.with(|d| d.get());
        let _back = Reacquire { interp, depth };
        CURRENT.with(|c| c.set(std::ptr::null()));
        GIL_DEPTH.with(|d| d.set(0));
        self.interp_raw(interp).gil.release();
        f()
    }

    fn interp_raw(self, p: *const Interpreter) -> &'py Interpreter {
        // SAFETY: `p` is the current interpreter (read from `CURRENT` by the caller).
        unsafe { &*p }
    }

    /// The eval-breaker flag: the eval loop checks it at backward jumps and calls.
    #[inline]
    pub fn eval_breaker(self) -> bool {
        self.interp().gil.eval_breaker.load(Ordering::Relaxed) || crate::signals::pending()
    }

    /// What the eval loop does when the eval breaker is set (`_Py_HandlePending`): run the
    /// Python handlers of arrived signals (main thread only), then honour a GIL drop request.
    pub fn handle_pending(self) -> crate::error::PyResult<()> {
        crate::signals::check_signals(self)?;
        self.yield_gil();
        Ok(())
    }

    /// Honour a drop request: give the GIL to a waiting thread and take it back
    /// (what `_Py_HandlePending` does when `gil_drop_request` is set).
    pub fn yield_gil(self) {
        if self.interp().gil.drop_requested() {
            self.allow_threads(|| ());
        }
    }
}
