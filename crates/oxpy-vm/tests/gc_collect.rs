//! The cyclic collector (`oxpy_vm::gc::collect`) on cycles built from Rust. Expected values are
//! python3's (cpython-rules §5.4–5.7; e.g. `l = []; l.append(l); del l; gc.collect()` → 1).
//! Every test starts with a full collection so garbage left by other tests does not count.

use oxpy_vm::gc::{self, api, collect::collect};
use oxpy_vm::objects::dict::PyDict;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::{PyRef, Python, with_gil};

fn clean(py: Python<'_>) {
    py.interp().gc.set_debug(0);
    collect(py, 2);
}

fn ptrs(v: &[PyRef]) -> Vec<*mut oxpy_vm::PyObject> {
    v.iter().map(|o| o.as_ptr()).collect()
}

#[test]
fn self_referencing_list_is_one_object() {
    with_gil(|py| {
        clean(py);
        let l = PyList::new_empty(py);
        l.append(l.clone().into_object()).unwrap();
        drop(l);
        assert_eq!(collect(py, 2), 1);
        assert_eq!(collect(py, 2), 0);
    });
}

#[test]
fn two_list_cycle_and_list_tuple_cycle() {
    with_gil(|py| {
        clean(py);
        let a = PyList::new_empty(py);
        let b = PyList::from_vec(py, vec![a.clone().into_object()]).unwrap();
        a.append(b.into_object()).unwrap();
        drop(a);
        assert_eq!(collect(py, 2), 2);

        let l = PyList::new_empty(py);
        let t = PyTuple::new(py, vec![l.clone().into_object()]);
        l.append(t.into_object()).unwrap();
        drop(l);
        assert_eq!(collect(py, 2), 2);
    });
}

#[test]
fn self_referencing_dict() {
    with_gil(|py| {
        clean(py);
        let d = PyDict::new(py);
        d.set_str(py, "me", d.clone().into_object()).unwrap();
        drop(d);
        assert_eq!(collect(py, 2), 1);
    });
}

#[test]
fn reachable_cycle_survives_and_is_promoted() {
    with_gil(|py| {
        clean(py);
        let l = PyList::new_empty(py);
        l.append(l.clone().into_object()).unwrap();
        assert!(py.interp().gc.objects(0).iter().any(|o| o.is(&l)));
        assert_eq!(collect(py, 0), 0);
        assert!(py.interp().gc.objects(1).iter().any(|o| o.is(&l)));
        assert_eq!(collect(py, 1), 0);
        assert!(py.interp().gc.objects(2).iter().any(|o| o.is(&l)));
        // Break the cycle so the list dies by refcount.
        l.clear();
    });
}

#[test]
fn counters_follow_collections() {
    with_gil(|py| {
        clean(py);
        let gcs = &py.interp().gc;
        assert_eq!(gcs.counts(), (0, 0, 0));
        let keep = PyList::new_empty(py);
        assert_eq!(gcs.counts(), (1, 0, 0));
        collect(py, 0);
        assert_eq!(gcs.counts(), (0, 1, 0));
        collect(py, 0);
        assert_eq!(gcs.counts(), (0, 2, 0));
        collect(py, 1);
        assert_eq!(gcs.counts(), (0, 0, 1));
        collect(py, 2);
        assert_eq!(gcs.counts(), (0, 0, 0));
        drop(keep);
        // Deallocation of an object counted before the collection never goes below 0.
        assert_eq!(gcs.counts(), (0, 0, 0));
    });
}

#[test]
fn atomic_tuples_are_untracked_by_any_collection() {
    with_gil(|py| {
        clean(py);
        let t = PyTuple::new(
            py,
            vec![
                PyInt::new(py, 1).into_object(),
                PyStr::new(py, "a").into_object(),
            ],
        );
        let keep = PyTuple::new(py, vec![PyList::new_empty(py).into_object()]);
        assert!(gc::is_tracked(t.as_object()));
        collect(py, 0);
        assert!(!gc::is_tracked(t.as_object()));
        assert!(gc::is_tracked(keep.as_object()));
    });
}

#[test]
fn dicts_are_untracked_only_by_full_collections() {
    with_gil(|py| {
        clean(py);
        let d = PyDict::new(py);
        d.set_str(py, "a", PyInt::new(py, 1).into_object()).unwrap();
        assert!(!gc::is_tracked(d.as_object()));
        d.set_str(py, "b", PyList::new_empty(py).into_object())
            .unwrap();
        assert!(gc::is_tracked(d.as_object()));
        d.del_item(py, PyStr::new(py, "b").as_object()).unwrap();
        collect(py, 1);
        assert!(gc::is_tracked(d.as_object()));
        collect(py, 2);
        assert!(!gc::is_tracked(d.as_object()));
    });
}

#[test]
fn saveall_keeps_garbage() {
    with_gil(|py| {
        clean(py);
        let garbage = api::garbage(py);
        garbage.clear();
        py.interp().gc.set_debug(gc::DEBUG_SAVEALL);
        let a = PyList::new_empty(py);
        let b = PyList::from_vec(py, vec![a.clone().into_object()]).unwrap();
        a.append(b.into_object()).unwrap();
        drop(a);
        assert_eq!(collect(py, 2), 2);
        assert_eq!(garbage.len(), 2);
        py.interp().gc.set_debug(0);
        // The saved objects are alive and still a cycle.
        garbage.clear();
        assert_eq!(collect(py, 2), 2);
    });
}

#[test]
fn stats_count_collections_per_generation() {
    with_gil(|py| {
        clean(py);
        let before = py.interp().gc.stats();
        let l = PyList::new_empty(py);
        l.append(l.clone().into_object()).unwrap();
        drop(l);
        assert_eq!(collect(py, 1), 1);
        let after = py.interp().gc.stats();
        assert_eq!(after[1].collections, before[1].collections + 1);
        assert_eq!(after[1].collected, before[1].collected + 1);
        assert_eq!(after[0], before[0]);
    });
}

#[test]
fn automatic_collection_runs_at_track_past_threshold() {
    with_gil(|py| {
        clean(py);
        let gcs = &py.interp().gc;
        gcs.set_threshold(0, 10);
        let before = gcs.stats()[0].collections;
        // 10 allocations reach the threshold; the 11th exceeds it and collects generation 0.
        let keep: Vec<_> = (0..10).map(|_| PyList::new_empty(py)).collect();
        assert_eq!(gcs.stats()[0].collections, before);
        let last = PyList::new_empty(py);
        assert_eq!(gcs.stats()[0].collections, before + 1);
        assert_eq!(gcs.counts(), (0, 1, 0));
        // Disabled: the count keeps growing.
        gcs.set_enabled(false);
        let more: Vec<_> = (0..20).map(|_| PyList::new_empty(py)).collect();
        assert_eq!(gcs.counts().0, 20);
        gcs.set_enabled(true);
        gcs.set_threshold(0, 700);
        drop((keep, last, more));
    });
}

#[test]
fn freeze_moves_everything_to_the_permanent_generation() {
    with_gil(|py| {
        clean(py);
        let keep = PyList::new_empty(py);
        api::freeze(py);
        assert_eq!(py.interp().gc.counts(), (0, 0, 0));
        assert!(api::freeze_count(py) > 0);
        assert!(api::objects(py, Some(2)).is_empty());
        assert!(api::objects(py, None).is_empty());
        api::unfreeze(py);
        assert_eq!(api::freeze_count(py), 0);
        assert!(api::objects(py, Some(2)).iter().any(|o| o.is(&keep)));
    });
}

#[test]
fn referents_and_referrers_in_visit_order() {
    with_gil(|py| {
        let one = PyInt::new(py, 1).into_object();
        let a = PyStr::new(py, "a").into_object();
        let l = PyList::from_vec(py, vec![one.clone(), a.clone(), py.none()]).unwrap();
        let r = api::referents(py, &[l.clone().into_object()]);
        assert_eq!(ptrs(&r), ptrs(&[py.none(), a, one]));
        assert!(api::referents(py, &[PyInt::new(py, 5).into_object()]).is_empty());
        assert!(api::referents(py, &[py.types().int().to_owned_ref().into_object()]).is_empty());
        let holder = PyList::from_vec(py, vec![l.clone().into_object()]).unwrap();
        let back = api::referrers(py, &[l.into_object()]);
        assert!(back.iter().any(|o| o.is(&holder)));
    });
}
