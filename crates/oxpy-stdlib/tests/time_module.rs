//! `time`: clocks agree with the OS, `sleep` waits, releases the GIL and raises python3's
//! errors (messages recorded from python3 3.11.7).

mod common;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use oxpy_stdlib::time::TIME;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::with_gil;

fn float_of(py: oxpy_vm::Python<'_>, name: &str) -> f64 {
    let r = common::call(py, &TIME, name, &[]).unwrap();
    r.downcast_ref::<PyFloat>(py).unwrap().value()
}

fn int_of(py: oxpy_vm::Python<'_>, name: &str) -> i128 {
    let r = common::call(py, &TIME, name, &[]).unwrap();
    i128::from(r.downcast_ref::<PyInt>(py).unwrap().as_i64().unwrap())
}

#[test]
fn clocks() {
    with_gil(|py| {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!((float_of(py, "time") - now).abs() < 1.0);
        let ns = int_of(py, "time_ns");
        assert!((ns as f64 / 1e9 - now).abs() < 1.0);
        for (secs, nanos) in [
            ("monotonic", "monotonic_ns"),
            ("perf_counter", "perf_counter_ns"),
            ("process_time", "process_time_ns"),
            ("thread_time", "thread_time_ns"),
        ] {
            let a = int_of(py, nanos);
            let f = float_of(py, secs);
            let b = int_of(py, nanos);
            assert!(a <= b, "{nanos} went backwards");
            assert!(
                f >= a as f64 / 1e9 - 1e-6 && f <= b as f64 / 1e9 + 1e-6,
                "{secs}"
            );
        }
    });
}

#[test]
fn sleep_waits_and_releases_the_gil() {
    let start = Instant::now();
    let other = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        with_gil(|_py| Instant::now())
    });
    let slept_until = with_gil(|py| {
        let arg = PyFloat::new(py, 0.3).into_object();
        let r = common::call(py, &TIME, "sleep", &[arg]).unwrap();
        assert!(py.is_none(&r));
        Instant::now()
    });
    let got_gil_at = other.join().unwrap();
    assert!(slept_until - start >= Duration::from_millis(300));
    assert!(got_gil_at < slept_until, "the GIL was held during sleep");
}

#[test]
fn errors() {
    // python3: time.sleep(-1), time.sleep("a"), ... (see the messages below)
    let cases = [
        (
            "sleep",
            "i:-1",
            "E:ValueError:sleep length must be non-negative",
        ),
        (
            "sleep",
            "f:bddb7cdfd9d7bdbb",
            "E:ValueError:sleep length must be non-negative",
        ),
        (
            "sleep",
            "s:a",
            "E:TypeError:'str' object cannot be interpreted as an integer",
        ),
        (
            "sleep",
            "n:",
            "E:TypeError:'NoneType' object cannot be interpreted as an integer",
        ),
        (
            "sleep",
            "f:7ff8000000000000",
            "E:ValueError:Invalid value NaN (not a number)",
        ),
        (
            "sleep",
            "i:1000000000000000000000000000000",
            "E:OverflowError:timestamp too large to convert to C _PyTime_t",
        ),
        (
            "sleep",
            "i:10000000000",
            "E:OverflowError:timestamp too large to convert to C _PyTime_t",
        ),
        (
            "sleep",
            "f:4202a05f20000000",
            "E:OverflowError:timestamp out of range for platform time_t",
        ),
        (
            "sleep",
            "",
            "E:TypeError:time.sleep() takes exactly one argument (0 given)",
        ),
        (
            "time",
            "i:1",
            "E:TypeError:time.time() takes no arguments (1 given)",
        ),
        (
            "time_ns",
            "i:1",
            "E:TypeError:time.time_ns() takes no arguments (1 given)",
        ),
        (
            "sleep",
            "k:x=i:1",
            "E:TypeError:time.sleep() takes no keyword arguments",
        ),
    ];
    with_gil(|py| {
        for (name, args, expected) in cases {
            let got = common::encode_result(py, common::call_spec(py, &TIME, name, args));
            assert_eq!(got, expected, "{name}({args})");
        }
    });
}
