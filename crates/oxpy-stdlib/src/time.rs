//! `time`: the clocks (`time`, `monotonic`, `perf_counter`, `process_time`, `thread_time` and
//! their `_ns` forms) and `sleep`, which releases the GIL while it waits.

use num_bigint::BigInt;
use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::{IntValue, PyInt};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::util::{new_float, new_int, one_arg, pos_args};

/// The `time` module.
pub static TIME: ModuleDef = ModuleDef {
    name: "_oxpy_time",
    doc: "This module provides various functions to manipulate time values.\n\nThere are two standard representations of time.  One is the number\nof seconds since the Epoch, in UTC (a.k.a. GMT).  It may be an integer\nor a floating point number (to represent fractions of seconds).\nThe Epoch is system-defined; on Unix, it is generally January 1st, 1970.\nThe actual value can be retrieved by calling gmtime(0).\n\nThe other representation is a tuple of 9 integers giving local time.\nThe tuple items are:\n  year (including century, e.g. 1998)\n  month (1-12)\n  day (1-31)\n  hours (0-23)\n  minutes (0-59)\n  seconds (0-59)\n  weekday (0-6, Monday is 0)\n  Julian day (day in the year, 1-366)\n  DST (Daylight Savings Time) flag (-1, 0 or 1)\nIf the DST flag is 0, the time is given in the regular time zone;\nif it is 1, the time is given in the DST time zone;\nif it is -1, mktime() should guess based on the date and time.\n",
    methods: &[
        MethodDef::new("time", time_time),
        MethodDef::new("time_ns", time_time_ns),
        MethodDef::new("monotonic", time_monotonic),
        MethodDef::new("monotonic_ns", time_monotonic_ns),
        MethodDef::new("perf_counter", time_perf_counter),
        MethodDef::new("perf_counter_ns", time_perf_counter_ns),
        MethodDef::new("process_time", time_process_time),
        MethodDef::new("process_time_ns", time_process_time_ns),
        MethodDef::new("thread_time", time_thread_time),
        MethodDef::new("thread_time_ns", time_thread_time_ns),
        MethodDef::new("sleep", time_sleep),
        MethodDef::new("_localtime", time_localtime_fields),
        MethodDef::new("_mktime", time_mktime),
        MethodDef::new("_c_tzname", time_c_tzname),
    ],
    attrs: time_attrs,
};

fn time_attrs(_py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(Vec::new())
}

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

const CLOCK_REALTIME: i32 = 0;
const CLOCK_MONOTONIC: i32 = 1;
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

// SAFETY: POSIX `clock_gettime` from the C library; called only with a valid pointer to a
// `#[repr(C)]` timespec (64-bit `time_t` and `long` on the 64-bit Linux targets we build for).
unsafe extern "C" {
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}

/// Nanoseconds of a POSIX clock (0 if the clock is unavailable).
fn clock_ns(clock: i32) -> i128 {
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a live, writable timespec for the duration of the call.
    let rc = unsafe { clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return 0;
    }
    i128::from(ts.tv_sec) * 1_000_000_000 + i128::from(ts.tv_nsec)
}

/// `CLOCK_MONOTONIC` in nanoseconds (`time.monotonic_ns()`).
pub fn monotonic_ns() -> i128 {
    clock_ns(CLOCK_MONOTONIC)
}

/// `_PyTime_AsSecondsDouble`: whole seconds convert directly, others divide by 1e9.
fn ns_to_secs(ns: i128) -> f64 {
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

macro_rules! clock_fns {
    ($($secs:ident, $ns:ident, $qual:literal, $qual_ns:literal, $clock:expr;)*) => {
        $(
            fn $secs(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                pos_args(args, $qual, $qual, 0, 0)?;
                Ok(new_float(py, ns_to_secs(clock_ns($clock))))
            }

            fn $ns(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                pos_args(args, $qual_ns, $qual_ns, 0, 0)?;
                Ok(new_int(py, BigInt::from(clock_ns($clock))))
            }
        )*
    };
}

clock_fns! {
    time_time, time_time_ns, "time.time", "time.time_ns", CLOCK_REALTIME;
    time_monotonic, time_monotonic_ns, "time.monotonic", "time.monotonic_ns", CLOCK_MONOTONIC;
    time_perf_counter, time_perf_counter_ns, "time.perf_counter", "time.perf_counter_ns",
        CLOCK_MONOTONIC;
    time_process_time, time_process_time_ns, "time.process_time", "time.process_time_ns",
        CLOCK_PROCESS_CPUTIME_ID;
    time_thread_time, time_thread_time_ns, "time.thread_time", "time.thread_time_ns",
        CLOCK_THREAD_CPUTIME_ID;
}

/// `_PyTime_FromSecondsObject` with `_PyTime_ROUND_TIMEOUT` (round up): nanoseconds.
fn timeout_ns(py: Python<'_>, obj: &PyObject) -> PyResult<i128> {
    let too_large = || PyErr::overflow_error("timestamp too large to convert to C _PyTime_t");
    if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        let d = f.value();
        if d.is_nan() {
            return Err(PyErr::value_error("Invalid value NaN (not a number)"));
        }
        // Timeouts round away from zero.
        let x = d * 1e9;
        let ns = if x >= 0.0 { x.ceil() } else { x.floor() };
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&ns) {
            return Err(PyErr::overflow_error(
                "timestamp out of range for platform time_t",
            ));
        }
        return Ok(ns as i128);
    }
    if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        let secs = match i.value() {
            IntValue::Small(v) => i128::from(*v),
            IntValue::Big(_) => return Err(too_large()),
        };
        let ns = secs * 1_000_000_000;
        if ns > i128::from(i64::MAX) || ns < i128::from(i64::MIN) {
            return Err(too_large());
        }
        return Ok(ns);
    }
    Err(PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        obj.ob_type().name()
    )))
}

fn time_sleep(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let ns = timeout_ns(py, one_arg(args, "time.sleep")?)?;
    if ns < 0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    // `pysleep`: nanosleep until the deadline; a signal interrupts it (EINTR), its Python
    // handler runs with the GIL (a `KeyboardInterrupt` ends the sleep), then sleep on.
    let deadline = monotonic_ns() + ns;
    loop {
        let left = deadline - monotonic_ns();
        if left <= 0 {
            return Ok(py.none());
        }
        let req = libc::timespec {
            tv_sec: (left / 1_000_000_000) as libc::time_t,
            tv_nsec: (left % 1_000_000_000) as libc::c_long,
        };
        // SAFETY: `req` is a valid timespec; no remainder is asked for.
        let rc = py.allow_threads(move || unsafe { libc::nanosleep(&req, std::ptr::null_mut()) });
        if rc != 0 {
            oxpy_vm::signals::check_signals(py)?;
        }
    }
}

// SAFETY: the C library's time zone state (POSIX `tzset` and the `tzname` array it fills);
// used only under the GIL, so no two threads race on it from Python.
unsafe extern "C" {
    fn tzset();
    static tzname: [*const std::ffi::c_char; 2];
}

/// `_oxpy_time._c_tzname()`: the C library's `tzname` pair after `tzset` (what `strftime`'s
/// `%Z` shows for a plain tuple, which carries no zone of its own).
fn time_c_tzname(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pos_args(args, "_c_tzname", "_c_tzname", 0, 0)?;
    let name = |p: *const std::ffi::c_char| {
        let text = if p.is_null() {
            String::new()
        } else {
            // SAFETY: `tzname` entries are NUL-terminated strings owned by the C library.
            unsafe { std::ffi::CStr::from_ptr(p) }
                .to_string_lossy()
                .into_owned()
        };
        oxpy_vm::objects::str::PyStr::new(py, &text).into_object()
    };
    // SAFETY: `tzset` initialises `tzname`; it is read right after, under the GIL.
    let (a, b) = unsafe {
        tzset();
        (tzname[0], tzname[1])
    };
    Ok(oxpy_vm::objects::tuple::PyTuple::new(py, vec![name(a), name(b)]).into_object())
}

/// `_oxpy_time._localtime(secs)`: the C library's `localtime_r` of whole seconds, as
/// `(year, mon, mday, hour, min, sec, wday, yday, isdst, zone, gmtoff)` in `struct_time`'s
/// conventions (Monday = 0, January 1 = day 1); the bundled `time.py` builds the struct.
fn time_localtime_fields(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "_localtime", "_localtime", 1, 1)?;
    let secs = crate::util::ssize(py, &a[0])?;
    let t = libc::time_t::try_from(secs)
        .map_err(|_| PyErr::overflow_error("timestamp out of range for platform time_t"))?;
    // SAFETY: `tzset` reads TZ; `localtime_r` fills the zeroed `tm` and stores in it a
    // pointer to a zone name that lives in the C library's static storage.
    let (tm, ok) = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        tzset();
        let ok = !libc::localtime_r(&t, &mut tm).is_null();
        (tm, ok)
    };
    if !ok {
        return Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null `tm_zone` from `localtime_r` is a NUL-terminated string.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    let int = |v: i64| PyInt::new(py, v).into_object();
    let fields = vec![
        int(i64::from(tm.tm_year) + 1900),
        int(i64::from(tm.tm_mon) + 1),
        int(i64::from(tm.tm_mday)),
        int(i64::from(tm.tm_hour)),
        int(i64::from(tm.tm_min)),
        int(i64::from(tm.tm_sec)),
        int((i64::from(tm.tm_wday) + 6) % 7),
        int(i64::from(tm.tm_yday) + 1),
        int(i64::from(tm.tm_isdst)),
        oxpy_vm::objects::str::PyStr::new(py, &zone).into_object(),
        int(tm.tm_gmtoff),
    ];
    Ok(oxpy_vm::objects::tuple::PyTuple::new(py, fields).into_object())
}

/// `_oxpy_time._mktime(year, mon, mday, hour, min, sec, wday, yday, isdst)`: the C library's
/// `mktime` (local time to seconds); `OverflowError` where CPython raises it.
fn time_mktime(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = pos_args(args, "_mktime", "_mktime", 9, 9)?;
    let mut v = [0i32; 9];
    for (slot, obj) in v.iter_mut().zip(a) {
        *slot = i32::try_from(crate::util::ssize(py, obj)?)
            .map_err(|_| PyErr::overflow_error("signed integer is greater than maximum"))?;
    }
    // SAFETY: a zeroed `tm` is valid; `mktime` normalises it in place and reads TZ.
    let t = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = v[0] - 1900;
        tm.tm_mon = v[1] - 1;
        tm.tm_mday = v[2];
        tm.tm_hour = v[3];
        tm.tm_min = v[4];
        tm.tm_sec = v[5];
        tm.tm_wday = -1;
        tm.tm_yday = v[7] - 1;
        tm.tm_isdst = v[8];
        tzset();
        let t = libc::mktime(&mut tm);
        // -1 is also a valid time (one second before the epoch): `tm_wday` tells them apart.
        if t == -1 && tm.tm_wday == -1 {
            None
        } else {
            Some(t)
        }
    };
    match t {
        Some(t) => Ok(new_float(py, t as f64)),
        None => Err(PyErr::overflow_error("mktime argument out of range")),
    }
}
