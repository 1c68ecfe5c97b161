//! str/bytes hashes under PYTHONHASHSEED=0 (values recorded from python3). Its own test binary:
//! the variable must be set before the interpreter is created.

use oxpy_vm::object::protocol::hash;
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::with_gil;

#[test]
fn str_and_bytes_hashes_with_seed_zero() {
    // SAFETY: this binary has a single test, so no other thread reads the environment now.
    unsafe { std::env::set_var("PYTHONHASHSEED", "0") };
    with_gil(|py| {
        let s = |t: &str| {
            let o = PyStr::new(py, t);
            let h = hash(py, o.as_object()).unwrap();
            assert_eq!(o.cached_hash(), h, "hash is cached");
            h
        };
        assert_eq!(s("abc"), -4594863902769663758);
        assert_eq!(s("\u{e9}t\u{e9}"), -1033370291238291217);
        assert_eq!(s("\u{65e5}\u{672c}"), 6243316497235261705);
        assert_eq!(s("a\u{1F600}"), -6970120874385731343);
        assert_eq!(s(""), 0);
        assert_eq!(
            hash(py, PyBytes::new(py, b"abc").as_object()).unwrap(),
            -4594863902769663758
        );
        let t = PyTuple::new(
            py,
            vec![
                PyStr::new(py, "abc").into_object(),
                PyInt::new(py, 1).into_object(),
            ],
        );
        assert_eq!(hash(py, t.as_object()).unwrap(), 8209329896243074498);
    });
}
