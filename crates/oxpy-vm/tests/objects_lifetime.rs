//! Reference counts, immediate deallocation and its order, the trashcan, GC bookkeeping.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use oxpy_vm::gc;
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::object::trashcan;
use oxpy_vm::objects::cell::PyCell;
use oxpy_vm::objects::free_list::{LIST_MAXFREELIST, TUPLE_MAXFREELIST, clear_free_lists};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::object::new_object;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec};
use oxpy_vm::{PyObject, PyPayload, PyRef, Python, with_gil};

thread_local! {
    static DEATHS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// A test object that records its id when deallocated.
#[repr(C)]
struct Tracer {
    ob_base: PyObject,
    id: u32,
}

// SAFETY: #[repr(C)] with the header first; only objects created by `tracer` have the type.
unsafe impl PyPayload for Tracer {
    fn type_object(_py: Python<'_>) -> &PyType {
        unreachable!("tests create tracers through `tracer`")
    }
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().name() == "Tracer"
    }
}

unsafe fn tracer_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead Tracer allocated with its size.
    let id = unsafe { obj.cast::<Tracer>().as_ref() }.id;
    DEATHS.with(|d| d.borrow_mut().push(id));
    // SAFETY: as above.
    unsafe { free_object(py, obj, size_of::<Tracer>()) };
}

fn tracer_type(py: Python<'_>) -> PyRef<PyType> {
    thread_local! {
        static TY: RefCell<Option<NonNull<PyType>>> = const { RefCell::new(None) };
    }
    if let Some(t) = TY.with(|t| *t.borrow()) {
        // SAFETY: native types are never freed.
        return unsafe { t.as_ref() }
            .as_object()
            .to_owned_ref()
            .downcast::<PyType>(py)
            .ok()
            .unwrap();
    }
    let spec = TypeSpec {
        methods: &[],
        name: "Tracer",
        basicsize: size_of::<Tracer>(),
        itemsize: 0,
        flags: 0x1000,
        slots: TypeSlots {
            hash: None,
            ..TypeSlots::new(tracer_dealloc)
        },
    };
    let t = PyType::new_native(py, py.types().object(), spec);
    TY.with(|c| *c.borrow_mut() = Some(t.as_non_null()));
    t
}

fn tracer(py: Python<'_>, id: u32) -> PyRef {
    let ty = tracer_type(py);
    // SAFETY: the id field is written before the handle is used.
    unsafe {
        let p = alloc_object(py, &ty, size_of::<Tracer>()).cast::<Tracer>();
        std::ptr::addr_of_mut!((*p.as_ptr()).id).write(id);
        PyRef::from_raw(p).into_object()
    }
}

fn deaths() -> Vec<u32> {
    DEATHS.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

#[test]
fn refcount_follows_clone_and_drop() {
    with_gil(|py| {
        let a = new_object(py);
        assert_eq!(a.refcnt(), 1);
        let b = a.clone();
        assert_eq!(a.refcnt(), 2);
        let l = PyList::new_empty(py);
        l.append(a.clone()).unwrap();
        let t = PyTuple::new(py, vec![a.clone(), a.clone()]);
        assert_eq!(a.refcnt(), 5);
        drop(t);
        assert_eq!(a.refcnt(), 3);
        drop(l);
        drop(b);
        assert_eq!(a.refcnt(), 1);
    });
}

#[test]
fn none_count_changes_by_exactly_the_references_made() {
    with_gil(|py| {
        let before = py.none().refcnt();
        let l = PyList::from_vec(py, (0..100).map(|_| py.none()).collect()).unwrap();
        assert_eq!(py.none().refcnt() - before, 100);
        drop(l);
        assert_eq!(py.none().refcnt(), before);
    });
}

#[test]
fn dealloc_is_immediate() {
    with_gil(|py| {
        deaths();
        let x = tracer(py, 7);
        let y = x.clone();
        drop(x);
        assert_eq!(deaths(), Vec::<u32>::new());
        drop(y);
        assert_eq!(deaths(), vec![7]);
    });
}

#[test]
fn list_and_tuple_release_last_to_first() {
    with_gil(|py| {
        deaths();
        let l = PyList::from_vec(py, vec![tracer(py, 1), tracer(py, 2), tracer(py, 3)]).unwrap();
        drop(l);
        assert_eq!(deaths(), vec![3, 2, 1]);

        let t = PyTuple::new(py, vec![tracer(py, 1), tracer(py, 2), tracer(py, 3)]);
        drop(t);
        assert_eq!(deaths(), vec![3, 2, 1]);
        let t = PyTuple::from_array(py, [tracer(py, 1), tracer(py, 2)]);
        let copy = PyTuple::from_slice(py, t.as_slice());
        drop(t);
        assert_eq!(deaths(), Vec::<u32>::new());
        drop(copy);
        assert_eq!(deaths(), vec![2, 1]);

        let l = PyList::new_empty(py);
        for i in 1..=4 {
            l.append(tracer(py, i)).unwrap();
        }
        l.clear();
        assert_eq!(deaths(), vec![4, 3, 2, 1]);
        assert_eq!((l.len(), l.capacity(), l.has_buffer()), (0, 0, false));
    });
}

#[test]
fn rebinding_drops_old_after_store() {
    with_gil(|py| {
        deaths();
        let c = PyCell::new(py, Some(tracer(py, 1)));
        c.set(Some(tracer(py, 2)));
        assert_eq!(deaths(), vec![1]);
        let l = PyList::from_vec(py, vec![tracer(py, 3)]).unwrap();
        l.set(0, tracer(py, 4)).unwrap();
        assert_eq!(deaths(), vec![3]);
        let popped = l.pop(0).unwrap();
        assert_eq!(deaths(), Vec::<u32>::new());
        drop(popped);
        drop(c);
        assert_eq!(deaths(), vec![4, 2]);
    });
}

#[test]
fn small_ints_are_cached() {
    with_gil(|py| {
        assert!(PyInt::new(py, 256).is(&PyInt::new(py, 256)));
        assert!(!PyInt::new(py, 257).is(&PyInt::new(py, 257)));
        assert!(PyInt::new(py, -5).is(&PyInt::new(py, -5)));
        assert!(!PyInt::new(py, -6).is(&PyInt::new(py, -6)));
        let from_big = PyInt::from_bigint(py, num_bigint::BigInt::from(100));
        assert!(from_big.is(&PyInt::new(py, 100)));
        assert!(PyStr::new(py, "\u{e9}").is(&PyStr::new(py, "\u{e9}")));
        assert!(!PyStr::new(py, "\u{100}").is(&PyStr::new(py, "\u{100}")));
        assert!(PyTuple::new(py, vec![]).is(&py.interp().singletons.empty_tuple));
    });
}

fn deep_tuples(py: Python<'_>, depth: usize) -> PyRef {
    let mut cur = PyTuple::new(py, vec![]).into_object();
    for _ in 0..depth {
        cur = PyTuple::new(py, vec![cur]).into_object();
    }
    cur
}

#[test]
fn trashcan_frees_deep_chains_without_recursion() {
    const DEPTH: usize = 2_000_000;
    with_gil(|py| {
        // Automatic collections would reset count[0] under the assertions below.
        py.interp().gc.set_enabled(false);
        // Empty free lists, so every allocation below counts (as after `gc.collect()`).
        clear_free_lists(py);
        let (c0, _, _) = py.interp().gc.counts();
        let t = deep_tuples(py, DEPTH);
        assert_eq!(py.interp().gc.counts().0 - c0, DEPTH as isize);
        drop(t);
        // 2000 dead 1-tuples wait on their free list without giving their count back.
        assert_eq!(py.interp().gc.counts().0 - c0, TUPLE_MAXFREELIST as isize);
        assert_eq!(trashcan::nesting(), 0);
        clear_free_lists(py);
        assert_eq!(py.interp().gc.counts().0, c0);

        let mut cur = PyList::new_empty(py);
        for _ in 0..DEPTH {
            let outer = PyList::new_empty(py);
            outer.append(cur.into_object()).unwrap();
            cur = outer;
        }
        drop(cur);
        assert_eq!(py.interp().gc.counts().0 - c0, LIST_MAXFREELIST as isize);
        assert_eq!(trashcan::nesting(), 0);
        clear_free_lists(py);
        assert_eq!(py.interp().gc.counts().0, c0);
        py.interp().gc.set_enabled(true);
    });
}

#[test]
fn trashcan_keeps_release_order_for_shallow_containers() {
    with_gil(|py| {
        deaths();
        // Nested 10 deep: below the unwind level, so the order is plain depth-first.
        let mut cur = PyTuple::new(py, vec![tracer(py, 0)]).into_object();
        for i in 1..10 {
            cur = PyTuple::new(py, vec![tracer(py, i), cur]).into_object();
        }
        drop(cur);
        assert_eq!(deaths(), (0..10).collect::<Vec<_>>());
    });
}

#[test]
fn gc_tracking_and_counts() {
    with_gil(|py| {
        let gcs = &py.interp().gc;
        clear_free_lists(py);
        let (c0, _, _) = gcs.counts();
        let l = PyList::new_empty(py);
        let t = PyTuple::new(py, vec![py.none()]);
        let c = PyCell::new(py, None);
        assert_eq!(gcs.counts().0 - c0, 3);
        assert!(gc::is_tracked(l.as_object()));
        assert!(gc::is_tracked(t.as_object()));
        assert!(gc::is_tracked(c.as_object()));
        assert!(!gc::is_tracked(
            py.interp().singletons.empty_tuple.as_object()
        ));
        assert!(!gc::is_tracked(PyInt::new(py, 5).as_object()));
        assert!(!gc::is_tracked(py.types().int().as_object()));

        // Generation 0 holds them at its end, in creation order.
        let seen: Vec<_> = gcs.objects(0).iter().map(|o| o.as_ptr()).collect();
        let tail: Vec<_> = seen.iter().rev().take(3).rev().copied().collect();
        assert_eq!(
            tail,
            vec![
                l.as_object().as_ptr(),
                t.as_object().as_ptr(),
                c.as_object().as_ptr()
            ]
        );

        let n0 = gcs.len(0);
        gc::untrack(py, t.as_object());
        assert!(!gc::is_tracked(t.as_object()));
        assert_eq!(gcs.len(0), n0 - 1);
        gc::track(py, t.as_object());
        assert_eq!(gcs.len(0), n0);
        assert!(gc::tracked_objects(py).iter().any(|o| o.is(&t)));

        drop((l, t, c));
        // The list and the 1-tuple went to their free lists (count kept), the cell was freed.
        assert_eq!(gcs.counts().0, c0 + 2);
        clear_free_lists(py);
        assert_eq!(gcs.counts().0, c0);
        assert_eq!(gcs.len(0), n0 - 3);
        assert_eq!(gcs.thresholds(), (700, 10, 10));
    });
}

#[test]
fn finalized_flag_survives_untracking() {
    with_gil(|py| {
        let l = PyList::new_empty(py);
        assert!(!gc::is_finalized(l.as_object()));
        gc::set_finalized(l.as_object());
        gc::untrack(py, l.as_object());
        assert!(gc::is_finalized(l.as_object()));
        gc::track(py, l.as_object());
        assert!(gc::is_finalized(l.as_object()) && gc::is_tracked(l.as_object()));
    });
}

#[test]
fn traverse_visits_in_cpython_order() {
    with_gil(|py| {
        // gc.get_referents([1, 'a', None]) == [None, 'a', 1]
        let one = PyInt::new(py, 1).into_object();
        let a = PyStr::new(py, "a").into_object();
        let l = PyList::from_vec(py, vec![one.clone(), a.clone(), py.none()]).unwrap();
        let mut got = Vec::new();
        let _ = gc::traverse(l.as_object(), &mut |o| {
            got.push(o.as_ptr());
            ControlFlow::Continue(())
        });
        assert_eq!(
            got,
            vec![py.none().as_object().as_ptr(), a.as_ptr(), one.as_ptr()]
        );
        let t = PyTuple::new(py, vec![one.clone(), a.clone()]);
        got.clear();
        let _ = gc::traverse(t.as_object(), &mut |o| {
            got.push(o.as_ptr());
            ControlFlow::Continue(())
        });
        assert_eq!(got, vec![a.as_ptr(), one.as_ptr()]);
        got.clear();
        let _ = gc::traverse(one.as_object(), &mut |o| {
            got.push(o.as_ptr());
            ControlFlow::Continue(())
        });
        assert!(got.is_empty());
    });
}

#[test]
fn downcasts_are_checked() {
    with_gil(|py| {
        let o = PyList::new_empty(py).into_object();
        let o = match o.downcast::<PyTuple>(py) {
            Ok(_) => panic!("a list is not a tuple"),
            Err(o) => o,
        };
        let l = o.downcast::<PyList>(py).ok().unwrap();
        assert_eq!(l.len(), 0);
        let b = py.true_().into_object();
        assert!(b.downcast_ref::<PyInt>(py).is_some());
        assert!(
            PyInt::new(py, 1)
                .as_object()
                .downcast_ref::<oxpy_vm::objects::bool_::PyBool>(py)
                .is_none()
        );
    });
}
