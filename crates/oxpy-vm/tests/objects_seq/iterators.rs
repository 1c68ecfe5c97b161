//! `range`, its iterators and the builtin iterator types (`enumerate`, `zip`, `map`,
//! `filter`, `reversed`).

use super::*;

fn range_of(py: Python<'_>, args: &[&str]) -> PyRef {
    let args: Vec<PyRef> = args.iter().map(|a| big(py, a)).collect();
    oxpy_vm::objects::range::range_new(py, Args::positional(&args)).unwrap()
}

#[test]
fn range_objects() {
    with_gil(|py| {
        use oxpy_vm::objects::range::{range_count, range_index, range_new};
        let reprs: Vec<String> = [
            &["5"][..],
            &["0", "10", "2"],
            &["-3", "7", "1"],
            &["5", "1", "-1"],
        ]
        .iter()
        .map(|a| r(py, &range_of(py, a)))
        .collect();
        assert_eq!(
            reprs,
            [
                "range(0, 5)",
                "range(0, 10, 2)",
                "range(-3, 7)",
                "range(5, 1, -1)"
            ]
        );
        assert_eq!(getsizeof(&range_of(py, &["5"])), 48);
        assert_eq!(
            getsizeof(&range_of(py, &["1267650600228229401496703205376"])),
            48
        );
        assert!(!oxpy_vm::gc::is_tracked(&range_of(py, &["5"])));

        // (args, len, list or "", hash, r[0], r[-1], r[1:3], r[::-1], r[::2], 3 in r, 2**64+3 in r, count(3))
        type Case<'a> = (
            &'a [&'a str],
            &'a str,
            &'a str,
            i64,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            bool,
            bool,
            &'a str,
        );
        let cases: &[Case<'_>] = &[
            (
                &["5"],
                "5",
                "[0, 1, 2, 3, 4]",
                5795932985296280846,
                "0",
                "4",
                "range(1, 3)",
                "range(4, -1, -1)",
                "range(0, 5, 2)",
                true,
                false,
                "1",
            ),
            (
                &["1", "5"],
                "4",
                "[1, 2, 3, 4]",
                -1469834585040929973,
                "1",
                "4",
                "range(2, 4)",
                "range(4, 0, -1)",
                "range(1, 5, 2)",
                true,
                false,
                "1",
            ),
            (
                &["0", "10", "3"],
                "4",
                "[0, 3, 6, 9]",
                -1816567394155750349,
                "0",
                "9",
                "range(3, 9, 3)",
                "range(9, -3, -3)",
                "range(0, 12, 6)",
                true,
                false,
                "1",
            ),
            (
                &["10", "0", "-3"],
                "4",
                "[10, 7, 4, 1]",
                -4187782621229172137,
                "10",
                "1",
                "range(7, 1, -3)",
                "range(1, 13, 3)",
                "range(10, -2, -6)",
                false,
                false,
                "0",
            ),
            (
                &["5", "5"],
                "0",
                "[]",
                9099635500040103735,
                "",
                "",
                "range(5, 5)",
                "range(4, 4, -1)",
                "range(5, 5, 2)",
                false,
                false,
                "0",
            ),
            (
                &["18446744073709551616", "18446744073709551626", "3"],
                "4",
                "[18446744073709551616, 18446744073709551619, 18446744073709551622, 18446744073709551625]",
                -5485391040782904358,
                "18446744073709551616",
                "18446744073709551625",
                "range(18446744073709551619, 18446744073709551625, 3)",
                "range(18446744073709551625, 18446744073709551613, -3)",
                "range(18446744073709551616, 18446744073709551628, 6)",
                false,
                true,
                "0",
            ),
            (
                &[
                    "-1180591620717411303424",
                    "1180591620717411303424",
                    "295147905179352825856",
                ],
                "8",
                "",
                4037344690489014976,
                "-1180591620717411303424",
                "885443715538058477568",
                "range(-885443715538058477568, -295147905179352825856, 295147905179352825856)",
                "range(885443715538058477568, -1475739525896764129280, -295147905179352825856)",
                "range(-1180591620717411303424, 1180591620717411303424, 590295810358705651712)",
                false,
                false,
                "0",
            ),
            (
                &["0", "-5"],
                "0",
                "[]",
                9099635500040103735,
                "",
                "",
                "range(0, 0)",
                "range(-1, -1, -1)",
                "range(0, 0, 2)",
                false,
                false,
                "0",
            ),
        ];
        for &(args, len, items, h, first, last, s13, rev, step2, has3, has_big, count3) in cases {
            let rg = range_of(py, args);
            let ctx = r(py, &rg);
            let n = (rg.ob_type().slots.len.unwrap())(py, &rg).unwrap();
            assert_eq!(n.to_string(), len, "{ctx}");
            if !items.is_empty() {
                assert_eq!(collect(py, &rg), items, "{ctx}");
            }
            if n > 1 {
                assert_eq!(hash(py, &rg).unwrap() as i64, h, "{ctx}");
            } else {
                // hash(None) is address-based in 3.11, so only the tuple identity is stable.
                let t = PyTuple::from_array(py, [int(py, 0), py.none(), py.none()]);
                assert_eq!(
                    hash(py, &rg).unwrap(),
                    hash(py, t.as_object()).unwrap(),
                    "{ctx}"
                );
            }
            if n > 0 {
                assert_eq!(rr(py, getitem(py, &rg, &int(py, 0))), first, "{ctx}");
                assert_eq!(rr(py, getitem(py, &rg, &int(py, -1))), last, "{ctx}");
            }
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, Some(1), Some(3), None))),
                s13,
                "{ctx}"
            );
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, None, None, Some(-1)))),
                rev,
                "{ctx}"
            );
            assert_eq!(
                rr(py, getitem(py, &rg, &sl(py, None, None, Some(2)))),
                step2,
                "{ctx}"
            );
            let contains = rg.ob_type().slots.contains.unwrap();
            assert_eq!(contains(py, &rg, &int(py, 3)).unwrap(), has3, "{ctx}");
            assert_eq!(
                contains(py, &rg, &big(py, "18446744073709551619")).unwrap(),
                has_big,
                "{ctx}"
            );
            assert_eq!(
                rr(py, meth(py, range_count, &rg, &[int(py, 3)])),
                count3,
                "{ctx}"
            );
            assert!(rich_compare_bool(py, &rg, &range_of(py, args), CompareOp::Eq).unwrap());
        }
        let eq = |a: &[&str], b: &[&str]| {
            rich_compare_bool(py, &range_of(py, a), &range_of(py, b), CompareOp::Eq).unwrap()
        };
        assert_eq!(
            [
                eq(&["0"], &["5", "5"]),
                eq(&["0", "3", "2"], &["0", "4", "2"]),
                eq(&["1", "2", "5"], &["1", "2", "7"]),
                eq(&["0", "10"], &["0", "10", "2"]),
            ],
            [true, true, true, false]
        );
        let h = |a: &[&str]| hash(py, &range_of(py, a)).unwrap() as i64;
        assert_eq!(h(&["0"]), h(&["5", "5"]));
        assert_eq!(h(&["1", "2", "5"]), h(&["1", "2", "7"]));
        let one = PyTuple::from_array(py, [int(py, 1), int(py, 1), py.none()]);
        assert_eq!(
            h(&["1", "2", "5"]),
            hash(py, one.as_object()).unwrap() as i64
        );
        assert_eq!(
            h(&[
                "18446744073709551616",
                "36893488147419103232",
                "1152921504606846976"
            ]),
            634835301397578454
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["0", "20", "3"]),
                    &[int(py, 9)]
                )
            ),
            "3"
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["18446744073709551616", "36893488147419103232"]),
                    &[big(py, "18446744073709551621")]
                )
            ),
            "5"
        );
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_index,
                    &range_of(py, &["0", "20", "3"]),
                    &[int(py, 10)]
                )
            ),
            "ValueError: 10 is not in range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["10"]), &int(py, -10))),
            "0"
        );
        assert_eq!(
            rr(
                py,
                getitem(
                    py,
                    &range_of(py, &["1180591620717411303424"]),
                    &big(py, "590295810358705651712")
                )
            ),
            "590295810358705651712"
        );
        let contains =
            |rg: &PyRef, x: PyRef| (rg.ob_type().slots.contains.unwrap())(py, rg, &x).unwrap();
        assert!(contains(&range_of(py, &["3"]), py.false_().into_object()));
        assert!(contains(
            &range_of(py, &["1", "2"]),
            py.true_().into_object()
        ));
        assert_eq!(
            rr(
                py,
                meth(
                    py,
                    range_count,
                    &range_of(py, &["5"]),
                    &[py.true_().into_object()]
                )
            ),
            "1"
        );

        // Errors.
        let new = |args: &[PyRef]| rr(py, range_new(py, Args::positional(args)));
        assert_eq!(
            new(&[int(py, 1), int(py, 2), int(py, 0)]),
            "ValueError: range() arg 3 must not be zero"
        );
        assert_eq!(
            new(&[]),
            "TypeError: range expected at least 1 argument, got 0"
        );
        assert_eq!(
            new(&[int(py, 1), int(py, 2), int(py, 3), int(py, 4)]),
            "TypeError: range expected at most 3 arguments, got 4"
        );
        assert_eq!(
            new(&[s(py, "a")]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        let huge = range_of(py, &["18446744073709551616"]);
        assert_eq!(
            err((huge.ob_type().slots.len.unwrap())(py, &huge).unwrap_err()),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        assert_eq!(
            err(
                (huge.ob_type().slots.len.unwrap())(py, &range_of(py, &["9223372036854775808"]))
                    .unwrap_err()
            ),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        assert_eq!(
            rr(py, getitem(py, &huge, &big(py, "36893488147419103232"))),
            "IndexError: range object index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["5"]), &int(py, 10))),
            "IndexError: range object index out of range"
        );
        assert_eq!(
            rr(py, getitem(py, &range_of(py, &["5"]), &s(py, "a"))),
            "TypeError: range indices must be integers or slices, not str"
        );
    });
}

#[test]
fn range_iterators() {
    with_gil(|py| {
        use oxpy_vm::objects::range::range_reversed;
        use oxpy_vm::objects::reversed::reversed_new;
        let it = |a: &[&str]| get_iter(py, &range_of(py, a)).unwrap();
        let rev = |a: &[&str]| reversed_new(py, Args::positional(&[range_of(py, a)])).unwrap();
        assert_eq!(it(&["3"]).ob_type().name(), "range_iterator");
        assert_eq!(getsizeof(&it(&["3"])), 48);
        assert_eq!(getsizeof(&it(&["18446744073709551616"])), 48);
        assert_eq!(
            it(&["-9223372036854775808", "9223372036854775807"])
                .ob_type()
                .name(),
            "longrange_iterator"
        );
        assert_eq!(
            it(&["0", "9223372036854775807"]).ob_type().name(),
            "range_iterator"
        );
        assert_eq!(
            it(&["9223372036854775808"]).ob_type().name(),
            "longrange_iterator"
        );
        assert_eq!(
            collect(py, &it(&["18446744073709551616", "18446744073709551619"])),
            "[18446744073709551616, 18446744073709551617, 18446744073709551618]"
        );
        assert_eq!(collect(py, &it(&["10", "-10", "-7"])), "[10, 3, -4]");
        assert_eq!(collect(py, &rev(&["0", "10", "3"])), "[9, 6, 3, 0]");
        assert_eq!(collect(py, &rev(&["5", "-5", "-4"])), "[-3, 1, 5]");
        let r1 = rev(&["9223372036854775800", "9223372036854775807", "3"]);
        assert_eq!(r1.ob_type().name(), "range_iterator");
        assert_eq!(
            collect(py, &r1),
            "[9223372036854775806, 9223372036854775803, 9223372036854775800]"
        );
        let r2 = rev(&["-9223372036854775808", "0", "4611686018427387904"]);
        assert_eq!(r2.ob_type().name(), "longrange_iterator");
        assert_eq!(
            collect(py, &r2),
            "[-4611686018427387904, -9223372036854775808]"
        );
        assert_eq!(
            collect(
                py,
                &rev(&[
                    "-9223372036854775808",
                    "9223372036854775807",
                    "4611686018427387904"
                ])
            ),
            "[4611686018427387904, 0, -4611686018427387904, -9223372036854775808]"
        );
        assert_eq!(
            collect(py, &rev(&["18446744073709551616", "18446744073709551619"])),
            "[18446744073709551618, 18446744073709551617, 18446744073709551616]"
        );
        assert_eq!(
            collect(
                py,
                &meth(py, range_reversed, &range_of(py, &["5"]), &[]).unwrap()
            ),
            "[4, 3, 2, 1, 0]"
        );
        let i = it(&["3"]);
        let hint = |o: &PyObject| {
            rr(
                py,
                meth(py, oxpy_vm::objects::seq_iter::length_hint_method, o, &[]),
            )
        };
        assert_eq!(hint(&i), "3");
        iter_next(py, &i).unwrap();
        assert_eq!(hint(&i), "2");
    });
}

#[test]
fn builtin_iterator_types() {
    with_gil(|py| {
        use oxpy_vm::objects::enumerate::enumerate_new;
        use oxpy_vm::objects::filter::filter_new;
        use oxpy_vm::objects::map::map_new;
        use oxpy_vm::objects::reversed::reversed_new;
        use oxpy_vm::objects::zip::zip_new;
        let abc = || PyTuple::new(py, vec![s(py, "a"), s(py, "b"), s(py, "c")]).into_object();
        let ab = || PyTuple::new(py, vec![s(py, "a"), s(py, "b")]).into_object();
        let names =
            |ns: &[&str]| -> Vec<PyRef<PyStr>> { ns.iter().map(|n| PyStr::new(py, n)).collect() };

        // Sizes.
        let e = enumerate_new(py, Args::positional(&[list(py, &[])])).unwrap();
        let z = zip_new(py, Args::positional(&[])).unwrap();
        let m = map_new(py, Args::positional(&[py.none(), list(py, &[])])).unwrap();
        let f = filter_new(py, Args::positional(&[py.none(), list(py, &[])])).unwrap();
        let rv = reversed_new(py, Args::positional(&[tuple(py, &[])])).unwrap();
        assert_eq!(
            [
                getsizeof(&e),
                getsizeof(&z),
                getsizeof(&m),
                getsizeof(&f),
                getsizeof(&rv)
            ],
            [72, 64, 48, 48, 48]
        );
        assert!(
            [&e, &z, &m, &f, &rv]
                .iter()
                .all(|o| oxpy_vm::gc::is_tracked(o))
        );

        // enumerate.
        assert_eq!(
            collect(py, &enumerate_new(py, Args::positional(&[abc()])).unwrap()),
            "[(0, 'a'), (1, 'b'), (2, 'c')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(py, Args::positional(&[ab(), int(py, 5)])).unwrap()
            ),
            "[(5, 'a'), (6, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(py, Args::positional(&[ab(), int(py, -5)])).unwrap()
            ),
            "[(-5, 'a'), (-4, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(
                    py,
                    Args::positional(&[ab(), big(py, "1180591620717411303424")])
                )
                .unwrap()
            ),
            "[(1180591620717411303424, 'a'), (1180591620717411303425, 'b')]"
        );
        assert_eq!(
            collect(
                py,
                &enumerate_new(
                    py,
                    Args::positional(&[abc(), big(py, "9223372036854775806")])
                )
                .unwrap()
            ),
            "[(9223372036854775806, 'a'), (9223372036854775807, 'b'), (9223372036854775808, 'c')]"
        );
        let n = names(&["iterable", "start"]);
        assert_eq!(
            collect(py, &enumerate_new(py, kw(&[ab(), int(py, 1)], &n)).unwrap()),
            "[(1, 'a'), (2, 'b')]"
        );
        let en = |args: Args<'_>| rr(py, enumerate_new(py, args));
        assert_eq!(
            en(Args::positional(&[])),
            "TypeError: enumerate() missing required argument 'iterable'"
        );
        assert_eq!(
            en(Args::positional(&[int(py, 1), int(py, 2), int(py, 3)])),
            "TypeError: enumerate() takes at most 2 arguments (3 given)"
        );
        let n = names(&["x"]);
        assert_eq!(
            en(kw(&[int(py, 1)], &n)),
            "TypeError: 'x' is an invalid keyword argument for enumerate()"
        );
        let n = names(&["start"]);
        assert_eq!(
            en(kw(&[ab(), int(py, 1), int(py, 2)], &n)),
            "TypeError: enumerate() takes at most 2 arguments (3 given)"
        );
        assert_eq!(
            en(Args::positional(&[int(py, 1)])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            en(kw(&[list(py, &[]), s(py, "a")], &n)),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        // The result tuple is recycled when the caller dropped it.
        let e = enumerate_new(py, Args::positional(&[abc()])).unwrap();
        let t1 = iter_next(py, &e).unwrap().unwrap();
        let id1 = t1.as_object().as_ptr();
        drop(t1);
        let t2 = iter_next(py, &e).unwrap().unwrap();
        assert_eq!(t2.as_object().as_ptr(), id1);
        assert_eq!(r(py, &t2), "(1, 'b')");
        let t3 = iter_next(py, &e).unwrap().unwrap();
        assert_ne!(t3.as_object().as_ptr(), id1, "t2 still alive: a new tuple");

        // zip.
        assert_eq!(
            collect(
                py,
                &zip_new(py, Args::positional(&[abc(), tuple(py, &[1, 2])])).unwrap()
            ),
            "[('a', 1), ('b', 2)]"
        );
        assert_eq!(
            collect(py, &zip_new(py, Args::positional(&[])).unwrap()),
            "[]"
        );
        let strict = names(&["strict"]);
        let zs = |its: Vec<PyRef>, on: PyRef| {
            let mut v = its;
            v.push(on);
            let z = zip_new(py, kw(&v, &strict)).unwrap();
            let it = get_iter(py, &z).unwrap();
            let mut out = Vec::new();
            loop {
                match iter_next(py, &it) {
                    Ok(Some(x)) => out.push(r(py, &x)),
                    Ok(None) => return format!("[{}]", out.join(", ")),
                    Err(e) => return err(e),
                }
            }
        };
        let t = || py.true_().into_object();
        let a3 = || tuple(py, &[1, 2, 3]);
        let a2 = || tuple(py, &[1, 2]);
        let a1 = || tuple(py, &[1]);
        assert_eq!(
            zs(vec![a2(), a3(), a1()], t()),
            "ValueError: zip() argument 3 is shorter than arguments 1-2"
        );
        assert_eq!(
            zs(vec![a3(), a2(), a3(), a3()], t()),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        assert_eq!(
            zs(vec![a2(), a2(), a3()], t()),
            "ValueError: zip() argument 3 is longer than arguments 1-2"
        );
        assert_eq!(
            zs(vec![a1(), a2()], t()),
            "ValueError: zip() argument 2 is longer than argument 1"
        );
        assert_eq!(
            zs(vec![a2(), a1()], t()),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        assert_eq!(zs(vec![], t()), "[]");
        assert_eq!(zs(vec![a2()], int(py, 0)), "[(1,), (2,)]");
        let n = names(&["x"]);
        assert_eq!(
            rr(py, zip_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: 'x' is an invalid keyword argument for zip()"
        );
        assert_eq!(
            rr(py, zip_new(py, Args::positional(&[int(py, 1)]))),
            "TypeError: 'int' object is not iterable"
        );
        let z = zip_new(py, Args::positional(&[ab(), ab()])).unwrap();
        let t1 = iter_next(py, &z).unwrap().unwrap();
        let id1 = t1.as_object().as_ptr();
        drop(t1);
        assert_eq!(
            iter_next(py, &z).unwrap().unwrap().as_object().as_ptr(),
            id1
        );

        // map and filter.
        let pow = native::func(
            py,
            |py, _, a| Ok(int(py, ival(py, &a[0]).pow(ival(py, &a[1]) as u32))),
            None,
        );
        let m = map_new(
            py,
            Args::positional(&[pow, list(py, &[2, 3]), list(py, &[5, 6, 7])]),
        )
        .unwrap();
        assert_eq!(collect(py, &m), "[32, 729]");
        assert_eq!(
            rr(py, map_new(py, Args::positional(&[py.none()]))),
            "TypeError: map() must have at least two arguments."
        );
        let n = names(&["x"]);
        assert_eq!(
            rr(py, map_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: map() takes no keyword arguments"
        );
        let m = map_new(py, Args::positional(&[int(py, 1), list(py, &[1])])).unwrap();
        assert_eq!(
            err(iter_next(py, &m).unwrap_err()),
            "TypeError: 'int' object is not callable"
        );
        let mixed = PyList::from_vec(
            py,
            vec![
                int(py, 0),
                int(py, 1),
                s(py, ""),
                s(py, "a"),
                py.none(),
                list(py, &[]),
                list(py, &[1]),
            ],
        )
        .unwrap()
        .into_object();
        assert_eq!(
            collect(
                py,
                &filter_new(py, Args::positional(&[py.none(), mixed])).unwrap()
            ),
            "[1, 'a', [1]]"
        );
        let odd = native::func(
            py,
            |py, _, a| Ok(py.bool(ival(py, &a[0]) % 2 == 1).into_object()),
            None,
        );
        assert_eq!(
            collect(
                py,
                &filter_new(py, Args::positional(&[odd, range_list(py, 7)])).unwrap()
            ),
            "[1, 3, 5]"
        );
        assert_eq!(
            rr(py, filter_new(py, Args::positional(&[py.none()]))),
            "TypeError: filter expected 2 arguments, got 1"
        );
        assert_eq!(
            rr(py, filter_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: filter() takes no keyword arguments"
        );

        // reversed.
        let rv = reversed_new(py, Args::positional(&[tuple(py, &[1, 2, 3])])).unwrap();
        assert_eq!(rv.ob_type().name(), "reversed");
        let hint = |o: &PyObject| {
            rr(
                py,
                meth(py, oxpy_vm::objects::seq_iter::length_hint_method, o, &[]),
            )
        };
        assert_eq!(hint(&rv), "3");
        assert_eq!(r(py, &iter_next(py, &rv).unwrap().unwrap()), "3");
        assert_eq!(hint(&rv), "2");
        assert_eq!(collect(py, &rv), "[2, 1]");
        assert_eq!(hint(&rv), "0");
        let lr = reversed_new(py, Args::positional(&[range_list(py, 3)])).unwrap();
        assert_eq!(
            (lr.ob_type().name(), collect(py, &lr)),
            ("list_reverseiterator", "[2, 1, 0]".into())
        );
        assert_eq!(
            rr(py, reversed_new(py, Args::positional(&[int(py, 5)]))),
            "TypeError: 'int' object is not reversible"
        );
        assert_eq!(
            rr(
                py,
                reversed_new(py, Args::positional(&[list(py, &[]), int(py, 1)]))
            ),
            "TypeError: reversed expected 1 argument, got 2"
        );
        assert_eq!(
            rr(py, reversed_new(py, Args::positional(&[]))),
            "TypeError: reversed expected 1 argument, got 0"
        );
        assert_eq!(
            rr(py, reversed_new(py, kw(&[int(py, 1)], &n))),
            "TypeError: reversed() takes no keyword arguments"
        );
    });
}

#[test]
fn iter_and_next_builtins() {
    with_gil(|py| {
        use oxpy_vm::object::iter::{iter_builtin, next_builtin};
        let l = list(py, &[1, 2, 3, 4]);
        let pop = native::func(
            py,
            |py, data, _| {
                let l = data.unwrap();
                lm::list_pop(py, l, Args::positional(&[]))
            },
            Some(l.clone()),
        );
        let it = iter_builtin(py, Args::positional(&[pop, int(py, 2)])).unwrap();
        assert_eq!(
            (it.ob_type().name(), getsizeof(&it)),
            ("callable_iterator", 48)
        );
        assert_eq!(collect(py, &it), "[4, 3]");
        assert_eq!(r(py, &l), "[1]");
        assert!(iter_next(py, &it).unwrap().is_none());
        let cases: &[(&[PyRef], &str)] = &[
            (
                &[int(py, 1), int(py, 2)],
                "TypeError: iter(v, w): v must be callable",
            ),
            (&[], "TypeError: iter expected at least 1 argument, got 0"),
            (
                &[int(py, 1), int(py, 2), int(py, 3)],
                "TypeError: iter expected at most 2 arguments, got 3",
            ),
            (&[int(py, 1)], "TypeError: 'int' object is not iterable"),
        ];
        for (args, want) in cases {
            assert_eq!(rr(py, iter_builtin(py, Args::positional(args))), *want);
        }
        let empty = || get_iter(py, &list(py, &[])).unwrap();
        let cases: &[(&[PyRef], &str)] = &[
            (&[], "TypeError: next expected at least 1 argument, got 0"),
            (&[int(py, 1)], "TypeError: 'int' object is not an iterator"),
            (
                &[int(py, 1), int(py, 2)],
                "TypeError: 'int' object is not an iterator",
            ),
            (&[empty()], "StopIteration"),
            (&[empty(), int(py, 5)], "5"),
            (
                &[empty(), int(py, 5), int(py, 6)],
                "TypeError: next expected at most 2 arguments, got 3",
            ),
            (&[get_iter(py, &list(py, &[7])).unwrap()], "7"),
        ];
        for (args, want) in cases {
            assert_eq!(rr(py, next_builtin(py, Args::positional(args))), *want);
        }
        let x = vec![PyStr::new(py, "x")];
        assert_eq!(
            rr(py, iter_builtin(py, kw(&[int(py, 1)], &x))),
            "TypeError: iter() takes no keyword arguments"
        );
        assert_eq!(
            rr(py, next_builtin(py, kw(&[int(py, 1)], &x))),
            "TypeError: next() takes no keyword arguments"
        );
    });
}

/// Ranges with small and huge bounds: slicing over a grid of (also huge) bounds and steps,
/// indexing, `in`, `count`, `index`, `len` and `reversed` (fixtures/seq/ranges.txt, generated
/// by gen_ranges.py under python3).
#[test]
fn range_grid_matches_python() {
    use oxpy_vm::objects::range::{range_count, range_index};
    use oxpy_vm::objects::reversed::reversed_new;
    let text = include_str!("../fixtures/seq/ranges.txt");
    with_gil(|py| {
        let val = |t: &str| if t == "N" { py.none() } else { big(py, t) };
        let mut n = 0;
        for line in text.lines() {
            let (lhs, want) = line.split_once(" -> ").unwrap();
            let f: Vec<&str> = lhs.split(' ').collect();
            let rg = range_of(py, &f[1..4]);
            let got = match f[0] {
                "len" => match (rg.ob_type().slots.len.unwrap())(py, &rg) {
                    Ok(n) => n.to_string(),
                    Err(e) => err(e),
                },
                "slice" => {
                    let key = PySlice::new(py, val(f[4]), val(f[5]), val(f[6]));
                    rr(py, getitem(py, &rg, key.as_object()))
                }
                "probe" => {
                    let p = big(py, f[4]);
                    let contains = (rg.ob_type().slots.contains.unwrap())(py, &rg, &p).unwrap();
                    let py_bool = if contains { "True" } else { "False" };
                    format!(
                        "{} {py_bool} {} {}",
                        rr(py, getitem(py, &rg, &p)),
                        rr(py, meth(py, range_count, &rg, std::slice::from_ref(&p))),
                        rr(py, meth(py, range_index, &rg, std::slice::from_ref(&p)))
                    )
                }
                _ => {
                    let it = reversed_new(py, Args::positional(std::slice::from_ref(&rg))).unwrap();
                    let three: Vec<String> = (0..3)
                        .map(|_| match iter_next(py, &it).unwrap() {
                            Some(v) => r(py, &v),
                            None => "None".into(),
                        })
                        .collect();
                    format!("{} [{}]", it.ob_type().name(), three.join(", "))
                }
            };
            assert_eq!(got, want, "{lhs}");
            n += 1;
        }
        assert_eq!(n, 7749);
    });
}

#[test]
fn unpacking_and_generic_contains() {
    with_gil(|py| {
        use oxpy_vm::object::iter::{contains, unpack_iterable};
        use oxpy_vm::objects::map::map_new;
        let rg = |n: i64| {
            oxpy_vm::objects::range::range_new(py, Args::positional(&[int(py, n)])).unwrap()
        };
        let show = |res: PyResult<Vec<PyRef>>| match res {
            Ok(v) => v
                .iter()
                .map(|x| {
                    if x.ob_type().name() == "list" {
                        format!("{}:{}", r(py, x), getsizeof(x))
                    } else {
                        r(py, x)
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => err(e),
        };
        let ident = native::func(py, |_, _, a| Ok(a[0].clone()), None);
        let genexpr = |n: i64| map_new(py, Args::positional(&[ident.clone(), rg(n)])).unwrap();
        let it = |o: PyRef| get_iter(py, &o).unwrap();
        // (source, before, after, python3's values and starred getsizeof / error)
        let cases: Vec<(PyRef, usize, Option<usize>, &str)> = vec![
            (
                int(py, 1),
                2,
                None,
                "TypeError: cannot unpack non-iterable int object",
            ),
            (
                list(py, &[1]),
                2,
                None,
                "ValueError: not enough values to unpack (expected 2, got 1)",
            ),
            (
                list(py, &[1, 2, 3]),
                2,
                None,
                "ValueError: too many values to unpack (expected 2)",
            ),
            (
                tuple(py, &[1, 2, 3]),
                2,
                None,
                "ValueError: too many values to unpack (expected 2)",
            ),
            (
                it(list(py, &[1])),
                2,
                None,
                "ValueError: not enough values to unpack (expected 2, got 1)",
            ),
            (
                list(py, &[1]),
                1,
                Some(1),
                "ValueError: not enough values to unpack (expected at least 2, got 1)",
            ),
            (
                it(list(py, &[1])),
                1,
                Some(1),
                "ValueError: not enough values to unpack (expected at least 2, got 1)",
            ),
            (
                tuple(py, &[1]),
                0,
                Some(2),
                "ValueError: not enough values to unpack (expected at least 2, got 1)",
            ),
            (
                int(py, 5),
                1,
                Some(0),
                "TypeError: cannot unpack non-iterable int object",
            ),
            (tuple(py, &[1, 2]), 2, None, "1 2"),
            (it(rg(10)), 1, Some(1), "0 [1, 2, 3, 4, 5, 6, 7, 8]:136 9"),
            (list(py, &[1, 2, 3, 4, 5]), 1, Some(1), "1 [2, 3, 4]:88 5"),
            (rg(3), 1, Some(0), "0 [1, 2]:72"),
            (genexpr(3), 0, Some(0), "[0, 1, 2]:120"),
        ];
        for (src, before, after, want) in cases {
            assert_eq!(
                show(unpack_iterable(py, &src, before, after)),
                want,
                "{}",
                r(py, &src)
            );
        }
        assert_eq!(
            err(contains(py, &int(py, 5), &int(py, 1)).unwrap_err()),
            "TypeError: argument of type 'int' is not iterable"
        );
        assert!(contains(py, &it(list(py, &[1])), &int(py, 1)).unwrap());
        assert!(!contains(py, &genexpr(3), &int(py, 5)).unwrap());
        assert!(contains(py, &rg(3), &int(py, 2)).unwrap());
    });
}
