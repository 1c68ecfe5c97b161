//! The GIL token: re-entrancy, `allow_threads`, hand-over between threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::with_gil;

/// The tests share the process's one interpreter and GIL, and two of them time the GIL's
/// hand-over: run them one at a time so another test's threads cannot steal a drop request.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn with_gil_is_reentrant() {
    let _serial = serial();
    with_gil(|py| {
        let before = py.none().refcnt();
        let inner = with_gil(|py2| {
            let l = PyList::new_empty(py2);
            l.append(PyInt::new(py2, 1).into_object()).unwrap();
            l.len()
        });
        assert_eq!(inner, 1);
        assert_eq!(py.none().refcnt(), before);
    });
}

#[test]
fn threads_serialise_on_the_gil_and_allow_threads_lets_others_in() {
    let _serial = serial();
    // Each thread appends to its own list while holding the GIL and increments a plain counter
    // that is only touched under the GIL; `allow_threads` in the middle lets the others run.
    let inside = Arc::new(AtomicUsize::new(0));
    let max_inside = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let inside = inside.clone();
            let max_inside = max_inside.clone();
            std::thread::spawn(move || {
                for _ in 0..50 {
                    with_gil(|py| {
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        max_inside.fetch_max(now, Ordering::SeqCst);
                        let l = PyList::new_empty(py);
                        l.append(PyInt::new(py, 7).into_object()).unwrap();
                        inside.fetch_sub(1, Ordering::SeqCst);
                        py.allow_threads(std::thread::yield_now);
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        max_inside.fetch_max(now, Ordering::SeqCst);
                        assert_eq!(l.len(), 1);
                        inside.fetch_sub(1, Ordering::SeqCst);
                    });
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(
        max_inside.load(Ordering::SeqCst),
        1,
        "two threads held the GIL at once"
    );
    with_gil(|py| {
        let gil = &py.interp().gil;
        assert!(gil.switch_number() >= 2);
        assert_eq!(gil.interval_us(), 5000);
    });
}

#[test]
fn a_waiting_thread_requests_a_drop_after_the_interval() {
    let _serial = serial();
    use std::sync::mpsc;
    let (holding_tx, holding_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        with_gil(move |py| {
            holding_tx.send(()).unwrap();
            // Spin holding the GIL until the waiter's drop request arrives (the eval loop
            // would notice it through the eval breaker).
            let start = std::time::Instant::now();
            while !py.eval_breaker() && start.elapsed().as_secs() < 10 {
                std::hint::spin_loop();
            }
            let saw = py.eval_breaker();
            py.yield_gil();
            // Never block holding the GIL: the waiter must be able to finish.
            py.allow_threads(move || release_rx.recv().unwrap());
            saw
        })
    });
    holding_rx.recv().unwrap();
    let waiter = std::thread::spawn(move || with_gil(|py| py.interp().gil.drop_requested()));
    let pending_after_taking = waiter.join().unwrap();
    release_tx.send(()).unwrap();
    assert!(
        holder.join().unwrap(),
        "the holder never saw the drop request"
    );
    assert!(!pending_after_taking, "taking the GIL clears the request");
}
