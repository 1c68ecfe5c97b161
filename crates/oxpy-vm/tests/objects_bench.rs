//! Rough timings of the hot paths (run with `--release -- --ignored --nocapture`).

use std::time::Instant;

use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::with_gil;

#[test]
#[ignore = "timing only"]
fn hot_path_timings() {
    with_gil(|py| {
        const N: i64 = 10_000_000;
        let t = Instant::now();
        let l = PyList::new_empty(py);
        for i in 0..N {
            l.append(PyInt::new(py, i & 255).into_object()).unwrap();
        }
        drop(l);
        println!(
            "append cached int + free list: {:.1} ns/item",
            t.elapsed().as_nanos() as f64 / N as f64
        );

        let t = Instant::now();
        let l = PyList::new_empty(py);
        for i in 0..N {
            l.append(PyInt::new(py, i + 1000).into_object()).unwrap();
        }
        drop(l);
        println!(
            "append new int + free: {:.1} ns/item",
            t.elapsed().as_nanos() as f64 / N as f64
        );

        let t = Instant::now();
        for i in 0..N {
            drop(PyFloat::new(py, i as f64));
        }
        println!(
            "float alloc+free: {:.1} ns",
            t.elapsed().as_nanos() as f64 / N as f64
        );

        let t = Instant::now();
        let none = py.none();
        for _ in 0..N {
            drop(PyTuple::from_array(py, [none.clone(), none.clone()]));
        }
        println!(
            "2-tuple alloc+track+free: {:.1} ns",
            t.elapsed().as_nanos() as f64 / N as f64
        );
    });
}
