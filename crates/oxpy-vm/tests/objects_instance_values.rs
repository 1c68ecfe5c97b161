//! 3.11 inline instance values through the API the attribute code calls
//! (`objects::instance`). Expected sizes are python3's: `class A: pass; a = A(); a.x = 1;
//! sys.getsizeof(a.__dict__)` → 296 (cpython-rules 1.8.7).

use oxpy_vm::gc;
use oxpy_vm::object::protocol::getsizeof;
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::heap_type::new_heap_type;
use oxpy_vm::objects::instance::{
    StoreOutcome, has_inline_values, inline_store_at, inline_value_at, instance_dict,
    instance_lookup, instance_store, new_instance, shared_key_index,
};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::str::intern_str;
use oxpy_vm::with_gil;

#[test]
fn attributes_live_inline_until_dict_is_asked_for() {
    with_gil(|py| {
        let ns = PyDict::new(py);
        let cls = new_heap_type(py, py.types().type_(), "A", Vec::new(), &ns).unwrap();
        let obj = new_instance(py, &cls).unwrap();
        assert!(has_inline_values(&obj));
        assert!(gc::is_tracked(&obj));
        assert_eq!(getsizeof(&obj), 56);

        let x = intern_str(py, "x");
        assert_eq!(shared_key_index(py, &cls, &x), None);
        let one = PyInt::new(py, 1).into_object();
        let out = instance_store(py, &obj, &x, Some(one.clone())).unwrap();
        assert_eq!(out, StoreOutcome::Done);
        let ix = shared_key_index(py, &cls, &x).unwrap();
        assert_eq!(ix, 0);
        assert!(inline_value_at(&obj, ix).unwrap().is(&one));
        assert!(instance_lookup(py, &obj, &x).unwrap().unwrap().is(&one));

        // Index-based store (an inline cache hit) replaces the value in place.
        let two = PyInt::new(py, 2).into_object();
        let old = inline_store_at(&obj, ix, two.clone())
            .ok()
            .flatten()
            .unwrap();
        assert!(old.is(&one));
        assert!(inline_store_at(&obj, 1000, one.clone()).is_err());

        // Deleting an absent attribute reports it (AttributeError in the caller).
        let y = intern_str(py, "y");
        assert_eq!(
            instance_store(py, &obj, &y, None).unwrap(),
            StoreOutcome::Missing
        );

        // `__dict__` materialises a split dict over the class's shared keys.
        let d = instance_dict(py, &obj).unwrap();
        assert!(!has_inline_values(&obj));
        assert!(inline_value_at(&obj, ix).is_none());
        assert_eq!(getsizeof(d.as_object()), 296);
        assert!(instance_lookup(py, &obj, &x).unwrap().unwrap().is(&two));
        assert!(instance_dict(py, &obj).unwrap().is(&d));
    });
}
