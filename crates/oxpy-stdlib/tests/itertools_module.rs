//! `itertools` against python3 3.11.7: each case in `fixtures/itertools_cases.txt` (recorded
//! by `fixtures/gen_itertools.py`) builds an iterator and drains up to 30 items; plus reprs,
//! sizes and GC tracking.

mod common;

use oxpy_stdlib::itertools::ITERTOOLS;
use oxpy_vm::object::protocol::{getsizeof, repr};
use oxpy_vm::{PyRef, Python, with_gil};

/// Up to 30 items, as the fixture records them (`L<...>` then `!E:...` on an error).
fn drain(py: Python<'_>, it: &PyRef) -> String {
    let next = it.ob_type().slots.iternext.expect("an iterator");
    let mut items = Vec::new();
    let mut err = String::new();
    for _ in 0..30 {
        match next(py, it) {
            Ok(Some(x)) => items.push(x),
            Ok(None) => break,
            Err(e) => {
                err = format!("!{}", common::encode_result(py, Err(e)));
                break;
            }
        }
    }
    let list = oxpy_vm::objects::list::PyList::from_vec(py, items)
        .unwrap()
        .into_object();
    format!("{}{err}", common::encode(py, &list))
}

/// Every item of an iterator (errors propagate).
fn collect(py: Python<'_>, it: &PyRef) -> oxpy_vm::PyResult<Vec<PyRef>> {
    let next = it.ob_type().slots.iternext.expect("an iterator");
    let mut out = Vec::new();
    while let Some(x) = next(py, it)? {
        out.push(x);
    }
    Ok(out)
}

fn list(py: Python<'_>, items: Vec<PyRef>) -> PyRef {
    oxpy_vm::objects::list::PyList::from_vec(py, items)
        .unwrap()
        .into_object()
}

/// The fixture's three ways of draining a groupby (see gen_itertools.py).
fn groupby_case(py: Python<'_>, mode: &str, args: &str) -> String {
    let run = || -> oxpy_vm::PyResult<PyRef> {
        let g = common::call_spec(py, &ITERTOOLS, "groupby", args)?;
        let pair = |p: PyRef| {
            let t = p.downcast::<oxpy_vm::objects::tuple::PyTuple>(py).unwrap();
            (t.get(0).unwrap().clone(), t.get(1).unwrap().clone())
        };
        let next = g.ob_type().slots.iternext.unwrap();
        let mut out = Vec::new();
        match mode {
            "lists" => {
                while let Some(p) = next(py, &g)? {
                    let (k, grp) = pair(p);
                    let items = list(py, collect(py, &grp)?);
                    out.push(
                        oxpy_vm::objects::tuple::PyTuple::new(py, vec![k, items]).into_object(),
                    );
                }
            }
            "keys" => {
                for p in collect(py, &g)? {
                    out.push(pair(p).0);
                }
            }
            _ => {
                let stop = || oxpy_vm::PyErr::new(oxpy_vm::error::ExcKind::StopIteration, "");
                let (k1, g1) = pair(next(py, &g)?.ok_or_else(stop)?);
                let (k2, g2) = pair(next(py, &g)?.ok_or_else(stop)?);
                out.push(k1);
                out.push(list(py, collect(py, &g1)?));
                out.push(k2);
                out.push(list(py, collect(py, &g2)?));
            }
        }
        Ok(list(py, out))
    };
    common::encode_result(py, run())
}

/// The fixture's two ways of draining a tee (see gen_itertools.py).
fn tee_case(py: Python<'_>, mode: &str, args: &str) -> String {
    let run = || -> oxpy_vm::PyResult<PyRef> {
        let t = common::call_spec(py, &ITERTOOLS, "tee", args)?;
        let tees = t.downcast::<oxpy_vm::objects::tuple::PyTuple>(py).unwrap();
        let tees: Vec<PyRef> = tees.as_slice().to_vec();
        let mut out = Vec::new();
        if mode == "seq" {
            for t in &tees {
                out.push(list(py, collect(py, t)?));
            }
        } else {
            let mut live = tees;
            while !live.is_empty() {
                let mut still = Vec::new();
                for t in live {
                    if let Some(x) = t.ob_type().slots.iternext.unwrap()(py, &t)? {
                        out.push(x);
                        still.push(t);
                    }
                }
                live = still;
            }
        }
        Ok(list(py, out))
    };
    common::encode_result(py, run())
}

#[test]
fn long_tee_buffers_free_iteratively() {
    with_gil(|py| {
        let items: Vec<PyRef> = (0..2_000_000)
            .map(|i| oxpy_vm::objects::int::PyInt::new(py, i % 7).into_object())
            .collect();
        let big = list(py, items);
        let t = common::call(py, &ITERTOOLS, "tee", &[big]).unwrap();
        let t = t.downcast::<oxpy_vm::objects::tuple::PyTuple>(py).unwrap();
        let lead = t.get(0).unwrap().clone();
        assert_eq!(collect(py, &lead).unwrap().len(), 2_000_000);
        let lag = t.get(1).unwrap().clone();
        // python3: sys.getsizeof(itertools.tee([1])[0]) == 56
        assert_eq!(getsizeof(&lag), 56);
        drop(t);
        drop(lead);
        drop(lag); // 35,088 buffer links: must not recurse.
    });
}

#[test]
fn recorded_cases() {
    let text = include_str!("fixtures/itertools_cases.txt");
    with_gil(|py| {
        let (passed, failures) = common::run_fixture_with(py, &ITERTOOLS, text, |name, args, _| {
            if let Some(mode) = name.strip_prefix("groupby_") {
                return Some(groupby_case(py, mode, args));
            }
            if let Some(mode) = name.strip_prefix("tee_") {
                return Some(tee_case(py, mode, args));
            }
            Some(match common::call_spec(py, &ITERTOOLS, name, args) {
                Ok(it) => drain(py, &it),
                Err(e) => common::encode_result(py, Err(e)),
            })
        });
        for f in failures.iter().take(40) {
            eprintln!("{}", &f[..f.len().min(600)]);
        }
        assert!(
            failures.is_empty(),
            "{passed} passed, {} failed",
            failures.len()
        );
    });
}

#[test]
fn reprs_and_sizes() {
    with_gil(|py| {
        let make = |name: &str, args: &str| common::call_spec(py, &ITERTOOLS, name, args).unwrap();
        let r = |o: &PyRef| repr(py, o).unwrap().to_string_lossy();
        // python3: repr(itertools.count()), ... (3.11.7)
        assert_eq!(r(&make("count", "")), "count(0)");
        assert_eq!(r(&make("count", "i:5;i:2")), "count(5, 2)");
        assert_eq!(r(&make("count", "f:3ff8000000000000")), "count(1.5)");
        assert_eq!(r(&make("count", "i:0;f:3ff0000000000000")), "count(0, 1.0)");
        assert_eq!(
            r(&make("count", "i:1180591620717411303424")),
            "count(1180591620717411303424)"
        );
        assert_eq!(r(&make("repeat", "i:1")), "repeat(1)");
        assert_eq!(r(&make("repeat", "s:a;i:3")), "repeat('a', 3)");
        assert_eq!(r(&make("repeat", "s:a;i:-3")), "repeat('a', 0)");
        let rep = make("repeat", "i:1;i:2");
        let next = rep.ob_type().slots.iternext.unwrap();
        next(py, &rep).unwrap();
        assert_eq!(r(&rep), "repeat(1, 1)");
        let c = make("count", "i:3");
        next(py, &c).unwrap();
        assert_eq!(r(&c), "count(4)");
        assert!(r(&make("chain", "L<i:1>")).starts_with("<itertools.chain object at 0x"));
        // python3: sys.getsizeof(...)
        assert_eq!(getsizeof(&make("count", "")), 56);
        assert_eq!(getsizeof(&make("repeat", "i:1")), 48);
        assert_eq!(getsizeof(&make("cycle", "L<i:1>")), 64);
        assert_eq!(getsizeof(&make("product", "L<i:1,i:2>;L<i:3>")), 80);
        assert_eq!(getsizeof(&make("permutations", "L<i:1,i:2,i:3>")), 128);
        assert_eq!(getsizeof(&make("permutations", "L<i:1,i:2,i:3>;i:2")), 120);
        assert_eq!(getsizeof(&make("combinations", "L<i:1,i:2,i:3>;i:2")), 88);
        assert_eq!(
            getsizeof(&make("combinations_with_replacement", "L<i:1,i:2,i:3>;i:2")),
            88
        );
        // python3: g = groupby('aab'); k, gr = next(g); sys.getsizeof(g), sys.getsizeof(gr)
        let g = make("groupby", "s:aab");
        let first = g.ob_type().slots.iternext.unwrap()(py, &g)
            .unwrap()
            .unwrap();
        let first = first
            .downcast::<oxpy_vm::objects::tuple::PyTuple>(py)
            .unwrap();
        let grouper = first.get(1).unwrap();
        assert_eq!(getsizeof(&g), 80);
        assert_eq!(getsizeof(grouper), 48);
        assert!(r(grouper).starts_with("<itertools._grouper object at 0x"));
        let it = make("chain", "L<i:1>");
        assert!(oxpy_vm::gc::is_tracked(&it));
        let iter_slot = it.ob_type().slots.iter.unwrap();
        assert!(iter_slot(py, &it).unwrap().is(&it), "iter(it) is it");
    });
}

#[test]
fn iterators_release_what_they_hold() {
    with_gil(|py| {
        let list = common::decode(py, "L<i:1,i:2>");
        let before = list.refcnt();
        let it = common::call(py, &ITERTOOLS, "cycle", std::slice::from_ref(&list)).unwrap();
        assert_eq!(list.refcnt(), before + 1);
        drop(it);
        assert_eq!(list.refcnt(), before);
    });
}
