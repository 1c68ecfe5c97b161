//! `list.sort`/`sorted`: results, sizes, messages and CPython's exact comparison sequence.

use super::*;

#[test]
fn list_sort() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        let names =
            |ns: &[&str]| -> Vec<PyRef<PyStr>> { ns.iter().map(|n| PyStr::new(py, n)).collect() };
        let l = list(py, &[3, 1, 2, 5, 4, 0]);
        list_sort(py, &l, Args::positional(&[])).unwrap();
        assert_eq!(
            (r(py, &l), getsizeof(&l)),
            ("[0, 1, 2, 3, 4, 5]".into(), 104)
        );
        let l = list(py, &[3, 1, 2, 5, 4, 0]);
        let n = names(&["reverse"]);
        list_sort(py, &l, kw(&[py.true_().into_object()], &n)).unwrap();
        assert_eq!(r(py, &l), "[5, 4, 3, 2, 1, 0]");

        // Stability with a key, forwards and reversed: key = x // 10.
        let tens = native::func(py, |py, _, a| Ok(int(py, ival(py, &a[0]) / 10)), None);
        let l = list(py, &[10, 1, 12, 3]);
        let n = names(&["key"]);
        list_sort(py, &l, kw(std::slice::from_ref(&tens), &n)).unwrap();
        assert_eq!(r(py, &l), "[1, 3, 10, 12]");
        let l = list(py, &[10, 1, 12, 3]);
        let n = names(&["key", "reverse"]);
        list_sort(py, &l, kw(&[tens.clone(), int(py, 1)], &n)).unwrap();
        assert_eq!(r(py, &l), "[10, 12, 1, 3]");

        // 300 pseudo-random values: plain, keyed (stability) and reversed keyed sorts.
        let data = lcg_data(300);
        let l = list(py, &data);
        list_sort(py, &l, Args::positional(&[])).unwrap();
        assert_eq!(weighted_sum(py, &l), 2750154);
        assert_eq!(getsizeof(&l), 2456);
        let table = list(py, &data);
        let by_last_digit = native::func(
            py,
            |py, data, a| {
                let t = data.unwrap().downcast_ref::<PyList>(py).unwrap();
                Ok(int(
                    py,
                    ival(py, &t.get(ival(py, &a[0]) as usize).unwrap()) % 10,
                ))
            },
            Some(table),
        );
        let idx = range_list(py, 300);
        let n = names(&["key"]);
        list_sort(py, &idx, kw(std::slice::from_ref(&by_last_digit), &n)).unwrap();
        assert_eq!(weighted_sum(py, &idx), 6888175);
        let idx = range_list(py, 300);
        let n = names(&["key", "reverse"]);
        list_sort(py, &idx, kw(&[by_last_digit, py.true_().into_object()], &n)).unwrap();
        assert_eq!(weighted_sum(py, &idx), 6971265);
        let l = list(py, &data);
        let n = names(&["reverse"]);
        list_sort(py, &l, kw(&[int(py, 1)], &n)).unwrap();
        assert_eq!(weighted_sum(py, &l), 1369468);

        // Errors.
        let l = PyList::from_vec(py, vec![int(py, 1), s(py, "a")])
            .unwrap()
            .into_object();
        assert_eq!(
            err(list_sort(py, &l, Args::positional(&[])).unwrap_err()),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(r(py, &l), "[1, 'a']");
        let l = list(py, &[3, 2, 1]);
        let appender = native::func(
            py,
            |py, data, a| {
                let l = data.unwrap().downcast_ref::<PyList>(py).unwrap();
                l.append(int(py, 1))?;
                Ok(a[0].clone())
            },
            Some(l.clone()),
        );
        let n = names(&["key"]);
        assert_eq!(
            err(list_sort(py, &l, kw(&[appender], &n)).unwrap_err()),
            "ValueError: list modified during sort"
        );
        assert_eq!((r(py, &l), getsizeof(&l)), ("[1, 2, 3]".into(), 80));
        let e = PyList::new_empty(py).into_object();
        assert_eq!(
            err(list_sort(py, &e, Args::positional(&[py.none()])).unwrap_err()),
            "TypeError: sort() takes no positional arguments"
        );
        let n = names(&["key", "x"]);
        assert_eq!(
            err(list_sort(py, &e, kw(&[int(py, 1), int(py, 2)], &n)).unwrap_err()),
            "TypeError: 'x' is an invalid keyword argument for sort()"
        );
        let n = names(&["reverse"]);
        assert_eq!(
            err(list_sort(py, &e, kw(&[py.none()], &n)).unwrap_err()),
            "TypeError: 'NoneType' object cannot be interpreted as an integer"
        );
        assert_eq!(
            err(list_sort(
                py,
                &e,
                kw(&[big(py, "1267650600228229401496703205376")], &n)
            )
            .unwrap_err()),
            "OverflowError: Python int too large to convert to C int"
        );
        let n = names(&["key"]);
        assert_eq!(
            err(list_sort(py, &list(py, &[1, 2]), kw(&[int(py, 1)], &n)).unwrap_err()),
            "TypeError: 'int' object is not callable"
        );
    });
}

#[test]
fn sorted_and_recursive_reprs() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::sorted_new;
        let rev = vec![PyStr::new(py, "reverse")];
        let x = vec![PyStr::new(py, "x")];
        let key = vec![PyStr::new(py, "key")];
        let sorted = |args: Args<'_>| rr(py, sorted_new(py, args));
        assert_eq!(
            sorted(Args::positional(&[])),
            "TypeError: sorted expected 1 argument, got 0"
        );
        assert_eq!(
            sorted(Args::positional(&[list(py, &[]), list(py, &[])])),
            "TypeError: sorted expected 1 argument, got 2"
        );
        assert_eq!(
            sorted(kw(&[list(py, &[3, 1, 2]), py.true_().into_object()], &rev)),
            "[3, 2, 1]"
        );
        assert_eq!(
            sorted(kw(&[tuple(py, &[3, 1, 2]), py.none()], &key)),
            "[1, 2, 3]"
        );
        assert_eq!(
            sorted(Args::positional(&[int(py, 1)])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            sorted(kw(&[list(py, &[]), int(py, 1)], &x)),
            "TypeError: 'x' is an invalid keyword argument for sort()"
        );
        let s = sorted_new(py, Args::positional(&[tuple(py, &[3, 1, 2])])).unwrap();
        assert_eq!(getsizeof(&s), 88);
        let rg = oxpy_vm::objects::range::range_new(py, Args::positional(&[int(py, 5)])).unwrap();
        assert_eq!(
            getsizeof(&sorted_new(py, Args::positional(&[rg])).unwrap()),
            104
        );

        let l = list(py, &[1]);
        meth(py, lm::list_append, &l, std::slice::from_ref(&l)).unwrap();
        assert_eq!(r(py, &l), "[1, [...]]");
        // Break the cycle so the test does not leak it.
        meth(py, lm::list_clear, &l, &[]).unwrap();
    });
}

/// Values whose `<` is recorded, to compare the sequence of comparisons `sort` makes with
/// CPython's (a class with a recording `__lt__` in the Python script).
mod recorded {
    use oxpy_vm::object::PyObject;
    use oxpy_vm::object::alloc::{alloc_object, free_object};
    use oxpy_vm::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};
    use oxpy_vm::{PyRef, PyResult, Python};
    use std::cell::RefCell;
    use std::ptr::NonNull;

    thread_local! {
        pub static CALLS: RefCell<Vec<(i64, i64)>> = const { RefCell::new(Vec::new()) };
        /// Raise `ValueError` on this call (1-based; 0 = never).
        pub static LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[repr(C)]
    struct Rec {
        header: [usize; 2],
        v: i64,
    }

    fn value(o: &PyObject) -> i64 {
        // SAFETY: only `rec` objects reach these slots.
        unsafe { (*(o as *const PyObject as *const Rec)).v }
    }

    fn richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
        assert_eq!(op, CompareOp::Lt);
        let (x, y) = (value(a), value(b));
        let n = CALLS.with(|c| {
            c.borrow_mut().push((x, y));
            c.borrow().len()
        });
        if n == LIMIT.with(|l| l.get()) {
            return Err(oxpy_vm::PyErr::value_error("boom"));
        }
        Ok(py.bool(x < y).into_object())
    }

    unsafe fn dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
        // SAFETY: a dead rec object owns nothing.
        unsafe { free_object(py, obj, size_of::<Rec>()) }
    }

    /// Objects with values `vs`, all of one new type.
    pub fn values(py: Python<'_>, vs: &[i64]) -> Vec<PyRef> {
        let spec = TypeSpec {
            methods: &[],
            name: "C",
            basicsize: 24,
            itemsize: 0,
            flags: 0,
            slots: TypeSlots {
                richcompare: Some(richcompare),
                ..TypeSlots::new(dealloc)
            },
        };
        let ty = PyType::new_native(py, py.types().object(), spec);
        let ty: &'static PyType =
            unsafe { &*(std::mem::ManuallyDrop::new(ty).as_non_null().as_ptr()) };
        vs.iter()
            .map(|&v| {
                // SAFETY: the value is written right after allocation.
                unsafe {
                    let p = alloc_object(py, ty, size_of::<Rec>()).cast::<Rec>();
                    std::ptr::addr_of_mut!((*p.as_ptr()).v).write(v);
                    PyRef::from_raw(p.cast())
                }
            })
            .collect()
    }

    /// `(number of calls, checksum of the call sequence)` as the Python script computes it.
    pub fn value_of(o: &PyObject) -> i64 {
        value(o)
    }

    pub fn take() -> (usize, u64) {
        let calls = CALLS.with(|c| std::mem::take(&mut *c.borrow_mut()));
        let m: u128 = (1 << 61) - 1;
        let mut cs: u128 = 0;
        for (i, (a, b)) in calls.iter().enumerate() {
            cs = (cs * 1000003 + (*a as u128) * 7919 + *b as u128 + i as u128) % m;
        }
        (calls.len(), cs as u64)
    }
}

fn lcg(n: usize, m: i64, seed: i64) -> Vec<i64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = (x * 1103515245 + 12345) % (1 << 31);
            x % m
        })
        .collect()
}

#[test]
fn sort_makes_cpythons_comparisons() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        let mut asc_desc: Vec<i64> = (0..500).collect();
        asc_desc.extend((1..=500).rev());
        asc_desc.extend(lcg(300, 50, 42));
        let runs: Vec<i64> = lcg(60, 100, 7)
            .iter()
            .flat_map(|i| (0..40).map(move |j| i * 3 + j))
            .collect();
        type Calls = (usize, u64);
        let sets: Vec<(&str, Vec<i64>, Calls, Calls)> = vec![
            (
                "lcg300",
                lcg(300, 100, 42),
                (2084, 43655171158077470),
                (2077, 854607325102776166),
            ),
            (
                "lcg2000",
                lcg(2000, 1000, 42),
                (19230, 1035421362534557343),
                (19281, 1500911230486984407),
            ),
            (
                "lcg5000_dups",
                lcg(5000, 10, 42),
                (35317, 1378087491133398149),
                (35378, 1910098796030988321),
            ),
            (
                "asc_desc",
                asc_desc,
                (4763, 2291132377634654730),
                (4735, 1288756421442458644),
            ),
            (
                "runs",
                runs,
                (11316, 1389830850125114226),
                (11147, 1257874559962777074),
            ),
            (
                "small",
                lcg(50, 20, 42),
                (221, 475191854717298470),
                (215, 1042929660336670017),
            ),
        ];
        let rev = vec![PyStr::new(py, "reverse")];
        for (name, data, fwd, back) in sets {
            for (reverse, want) in [(false, fwd), (true, back)] {
                let l = PyList::from_vec(py, recorded::values(py, &data))
                    .unwrap()
                    .into_object();
                let flag = [py.bool(reverse).into_object()];
                list_sort(py, &l, kw(&flag, &rev)).unwrap();
                assert_eq!(recorded::take(), want, "{name} reverse={reverse}");
            }
        }
    });
}

#[test]
fn sort_error_leaves_cpythons_partial_order() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        for (limit, want) in [
            (50, 991360370i64),
            (1000, 992854744),
            (5000, 1011593521),
            (15000, 1101800452),
        ] {
            recorded::LIMIT.with(|l| l.set(limit));
            let l = PyList::from_vec(py, recorded::values(py, &lcg(2000, 1000, 42))).unwrap();
            let e = list_sort(py, l.as_object(), Args::positional(&[])).unwrap_err();
            assert_eq!(err(e), "ValueError: boom");
            recorded::LIMIT.with(|l| l.set(0));
            recorded::take();
            let got: i64 = (0..l.len())
                .map(|i| i as i64 * recorded::value_of(&l.get(i).unwrap()))
                .sum();
            assert_eq!(got, want, "error at comparison {limit}");
        }
    });
}

#[test]
fn list_looks_empty_during_sort() {
    with_gil(|py| {
        use oxpy_vm::objects::list_sort::list_sort;
        // python3: a key function sees getsizeof(l) == 48, l.__sizeof__() == 32, len(l) == 0.
        let l = list(py, &[3, 1, 2]);
        let probe = native::func(
            py,
            |py, data, a| {
                let l = data.unwrap();
                let seen = format!(
                    "{} {} {}",
                    getsizeof(l),
                    r(py, &meth(py, lm::list_sizeof_method, l, &[]).unwrap()),
                    (l.ob_type().slots.len.unwrap())(py, l).unwrap()
                );
                assert_eq!(seen, "48 32 0");
                Ok(a[0].clone())
            },
            Some(l.clone()),
        );
        let n = vec![PyStr::new(py, "key")];
        list_sort(py, &l, kw(&[probe], &n)).unwrap();
        assert_eq!((r(py, &l), getsizeof(&l)), ("[1, 2, 3]".into(), 80));
    });
}
