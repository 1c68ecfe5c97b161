//! Dict sizes, orders and split-table behaviour replayed from python3 recordings.

mod tables_common;

use oxpy_vm::tables::dict_table::{DictTable, KeysKind, MergeMode, SharedKeys, SplitValues};
use oxpy_vm::tables::set_table::SetTable;
use std::cell::RefCell;
use std::rc::Rc;
use tables_common::{Key, eq, fixture, parse_key};

type Dict = DictTable<Key, i64>;

fn set(d: &mut Dict, k: Key, v: i64) {
    let h = k.hash0();
    d.insert(k, h, v, eq).expect("eq");
}

fn merged(d: &Dict) -> Dict {
    let mut t = Dict::new();
    t.merge(d, MergeMode::Override, eq).expect("eq");
    t
}

fn keys(d: &Dict) -> Vec<Key> {
    d.items().into_iter().map(|(k, _, _)| k).collect()
}

#[test]
fn dict_programs_match_cpython() {
    let text = fixture("dict_programs.txt");
    let mut lines = text.lines();
    let (mut programs, mut sizes, mut orders, mut pops) = (0, 0, 0, 0);
    while let Some(p) = lines.next() {
        let r = lines.next().expect("R line");
        let mut d = Dict::new();
        for (step, op) in p.trim_start_matches('P').split_whitespace().enumerate() {
            let ctx = || format!("program {programs} step {step} op {op}");
            match op.as_bytes()[0] {
                b'+' => set(&mut d, parse_key(&op[1..]), 0),
                b'-' => {
                    let k = parse_key(&op[1..]);
                    let h = k.hash0();
                    d.remove(&k, h, eq).expect("eq");
                }
                b'P' => {
                    let (k, _) = d.popitem().expect("non-empty");
                    assert!(k == parse_key(&op[2..]), "{}: popped {k:?}", ctx());
                    pops += 1;
                }
                b'C' => d = d.copy(eq).expect("eq"),
                b'M' => d = merged(&d),
                b'X' => {
                    d.clear();
                }
                b'U' | b'V' => {
                    let (list, ndel) = op[1..].split_once('/').unwrap_or((&op[1..], "0"));
                    let mut other = Dict::new();
                    for tok in list.split(',').filter(|t| !t.is_empty()) {
                        set(&mut other, parse_key(tok), 0);
                    }
                    for k in keys(&other).into_iter().take(ndel.parse().expect("ndel")) {
                        let h = k.hash0();
                        other.remove(&k, h, eq).expect("eq");
                    }
                    d.merge(&other, MergeMode::Override, eq).expect("eq");
                }
                b'#' => {
                    assert_eq!(
                        d.sizeof(),
                        op[1..].parse::<usize>().expect("size"),
                        "{}",
                        ctx()
                    );
                    sizes += 1;
                }
                _ => panic!("unknown op {op}"),
            }
        }
        let want: Vec<Key> = r
            .trim_start_matches('R')
            .split_whitespace()
            .map(parse_key)
            .collect();
        assert!(keys(&d) == want, "program {programs}: order differs");
        orders += 1;
        programs += 1;
    }
    eprintln!(
        "dict programs: {programs} programs, {sizes} sizes, {orders} orders, {pops} popitems matched"
    );
    assert!(programs >= 200);
}

#[test]
fn dict_growth_and_presizing_match_cpython() {
    let text = fixture("dict_growth.txt");
    let mut section = String::new();
    let mut d = Dict::new();
    let mut expected: Vec<(usize, usize)> = Vec::new();
    let mut checked = 0;
    let finish = |section: &str, expected: &[(usize, usize)]| -> usize {
        if section.is_empty() {
            return 0;
        }
        let mut d = Dict::new();
        let mut prev = d.sizeof();
        let mut got = Vec::new();
        for n in 1..=200_000i64 {
            let k = if section == "int" {
                Key::int(n)
            } else {
                Key::str(&format!("k{n}"))
            };
            set(&mut d, k, 0);
            if d.sizeof() != prev {
                prev = d.sizeof();
                got.push((n as usize, prev));
            }
        }
        assert_eq!(got, expected, "growth of {section} keys");
        got.len()
    };
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("G ") {
            checked += finish(&section, &expected);
            section = name.to_string();
            expected.clear();
        } else if line == "F" {
            checked += finish(&section, &expected);
            section.clear();
        } else if line == "P" {
            section = "P".to_string();
        } else if section == "P" {
            // dict displays: dict_new_presized(n, all keys exact str), then inserts
            let v: Vec<usize> = line.split(' ').map(|x| x.parse().expect("num")).collect();
            let n = v[0];
            let mut got = Vec::new();
            for flavour in 0..3 {
                let keys: Vec<Key> = (0..n)
                    .map(|i| match (flavour, i % 2) {
                        (1, _) | (2, 1) => Key::str(&format!("k{i}")),
                        _ => Key::int(i as i64),
                    })
                    .collect();
                let kind = if keys.iter().all(|k| matches!(k, Key::Str(_))) {
                    KeysKind::Unicode
                } else {
                    KeysKind::General
                };
                let mut d = Dict::new_presized(n, kind);
                for k in keys {
                    set(&mut d, k, 0);
                }
                got.push(d.sizeof());
            }
            assert_eq!(&got[..], &v[1..], "display of {n} items");
            checked += 3;
        } else if section.is_empty() {
            let v: Vec<usize> = line.split(' ').map(|x| x.parse().expect("num")).collect();
            let n = v[0];
            // dict.fromkeys(set(range(n)))
            let mut s = SetTable::new();
            for i in 0..n as i64 {
                let k = Key::int(i);
                let h = k.hash0();
                s.add(k, h, eq).expect("eq");
            }
            let mut a = Dict::for_fromkeys(s.len(), KeysKind::General);
            for (k, h) in s.iter() {
                a.insert(k.clone(), h, 0, eq).expect("eq");
            }
            // strs = dict.fromkeys(generator); dict.fromkeys(strs); {**strs}
            let mut strs = Dict::new();
            for i in 0..n {
                set(&mut strs, Key::str(&format!("k{i}")), 0);
            }
            let mut b = Dict::for_fromkeys(strs.len(), strs.kind());
            for (k, _, h) in strs.items() {
                b.insert(k, h, 0, eq).expect("eq");
            }
            let mut inner = Dict::new();
            for i in 0..n as i64 {
                set(&mut inner, Key::int(i), 0);
            }
            let got = [
                a.sizeof(),
                b.sizeof(),
                merged(&inner).sizeof(),
                merged(&strs).sizeof(),
            ];
            assert_eq!(&got[..], &v[1..], "fromkeys/merge sizes for n = {n}");
            checked += 4;
        } else {
            let (a, b) = line.split_once(' ').expect("pair");
            expected.push((a.parse().expect("n"), b.parse().expect("size")));
        }
    }
    let _ = &mut d;
    eprintln!("dict growth/presize: {checked} sizes matched");
}

type SplitDict = DictTable<Key, i64, Rc<RefCell<SharedKeys<Key>>>>;

/// Instance dicts: shared keys, the per-instance `usable` decrement, materialisation.
#[test]
fn split_dicts_match_cpython() {
    let text = fixture("split_dicts.txt");
    let mut n = 0;
    for line in text.lines() {
        let mut it = line.split(' ');
        let mut num = || it.next().expect("field").parse::<usize>().expect("num");
        let (before, nattr, read_at) = (num(), num(), num());
        let want: Vec<usize> = line
            .rsplit(' ')
            .next()
            .expect("sizes")
            .split(',')
            .map(|x| x.parse().expect("size"))
            .collect();
        let shared = Rc::new(RefCell::new(SharedKeys::<Key>::new()));
        for _ in 0..before {
            let _: SplitValues<i64> = shared.borrow_mut().new_instance_values();
        }
        let mut values: Option<SplitValues<i64>> = Some(shared.borrow_mut().new_instance_values());
        let mut dict: Option<SplitDict> = None;
        let mut got = Vec::new();
        let materialise = |values: &mut Option<SplitValues<i64>>, dict: &mut Option<SplitDict>| {
            if dict.is_none() {
                let v = values.take().unwrap_or_else(|| SplitValues::with_size(0));
                *dict = Some(SplitDict::from_split(shared.clone(), v));
            }
        };
        for i in 0..nattr {
            if i == read_at {
                materialise(&mut values, &mut dict);
                got.push(dict.as_ref().map_or(0, |d| d.sizeof()));
            }
            let name = Key::str(&format!("a{i}"));
            let h = name.hash0();
            if let Some(d) = dict.as_mut() {
                d.insert(name, h, i as i64, eq).expect("eq");
                continue;
            }
            let ix = shared.borrow_mut().insert_name(&name, h, eq).expect("eq");
            match (ix, values.as_mut()) {
                (Some(ix), Some(v)) => {
                    v.set(ix, i as i64).expect("in range");
                }
                _ => {
                    materialise(&mut values, &mut dict);
                    if let Some(d) = dict.as_mut() {
                        d.insert(name, h, i as i64, eq).expect("eq");
                    }
                }
            }
        }
        materialise(&mut values, &mut dict);
        let mut d = dict.take().expect("dict");
        got.push(d.sizeof());
        got.push(d.copy(eq).expect("eq").sizeof());
        let extra = Key::str("extra");
        let eh = extra.hash0();
        d.insert(extra.clone(), eh, 1, eq).expect("eq");
        got.push(d.sizeof());
        d.remove(&extra, eh, eq).expect("eq");
        let mut bv: SplitValues<i64> = shared.borrow_mut().new_instance_values();
        let z = Key::str("z");
        let zh = z.hash0();
        let zix = shared.borrow_mut().insert_name(&z, zh, eq).expect("eq");
        let bd = match zix {
            Some(ix) => {
                bv.set(ix, 1).expect("in range");
                SplitDict::from_split(shared.clone(), bv)
            }
            None => {
                let mut bd = SplitDict::from_split(shared.clone(), bv);
                bd.insert(z, zh, 1, eq).expect("eq");
                bd
            }
        };
        got.push(bd.sizeof());
        got.push(d.sizeof());
        if !d.is_empty() {
            d.popitem();
        }
        got.push(d.sizeof());
        assert_eq!(got, want, "before={before} nattr={nattr} read_at={read_at}");
        n += 1;
    }
    eprintln!("split dicts: {n} scenarios matched");
}

/// Examples of cpython-rules.md 1.8.
#[test]
fn rules_examples() {
    let mut d = Dict::new();
    set(&mut d, Key::str("a"), 1);
    assert_eq!(d.sizeof(), 184);
    set(&mut d, Key::int(1), 1);
    assert_eq!(d.sizeof(), 352);
    let presized = Dict::new_presized(6, KeysKind::General);
    assert_eq!(presized.sizeof(), 352);
    assert_eq!(Dict::for_fromkeys(0, KeysKind::General).sizeof(), 224);
    assert_eq!(Dict::for_fromkeys(0, KeysKind::Unicode).sizeof(), 184);
    d.clear();
    assert_eq!(d.sizeof(), 64);
    assert!(d.popitem().is_none());
}

/// `dict_merge`'s override modes and `_PyDict_Next` positions over a split dict.
#[test]
fn merge_modes_and_split_iteration() {
    let mut a = Dict::new();
    set(&mut a, Key::int(1), 10);
    set(&mut a, Key::int(2), 20);
    let mut b = Dict::new();
    set(&mut b, Key::int(2), 99);
    set(&mut b, Key::int(3), 30);
    let mut keep = a.clone();
    assert_eq!(keep.merge(&b, MergeMode::KeepExisting, eq), Ok(None));
    let values: Vec<i64> = keep.items().iter().map(|(_, v, _)| *v).collect();
    assert_eq!(values, vec![10, 20, 30]);
    let mut strict = a.clone();
    let dup = strict
        .merge(&b, MergeMode::ErrorOnDuplicate, eq)
        .expect("eq");
    assert!(dup.is_some_and(|k| k == Key::int(2)));
    let mut over = a.clone();
    over.merge(&b, MergeMode::Override, eq).expect("eq");
    let values: Vec<i64> = over.items().iter().map(|(_, v, _)| *v).collect();
    assert_eq!(values, vec![10, 99, 30]);

    // split dict: positions follow the instance's insertion order, not entry numbers
    let shared = Rc::new(RefCell::new(SharedKeys::<Key>::new()));
    let mut v1: SplitValues<i64> = shared.borrow_mut().new_instance_values();
    let mut v2: SplitValues<i64> = shared.borrow_mut().new_instance_values();
    for (name, val) in [("x", 1), ("y", 2)] {
        let k = Key::str(name);
        let h = k.hash0();
        let ix = shared
            .borrow_mut()
            .insert_name(&k, h, eq)
            .expect("eq")
            .expect("room");
        v1.set(ix, val).expect("range");
    }
    for name in ["y", "x"] {
        let k = Key::str(name);
        let h = k.hash0();
        let ix = shared
            .borrow_mut()
            .find_name(&k, h, eq)
            .expect("eq")
            .expect("known");
        v2.set(ix, 0).expect("range");
    }
    let d2 = SplitDict::from_split(shared.clone(), v2);
    let mut pos = 0;
    let mut order = Vec::new();
    while let Some(ix) = d2.next_index(&mut pos) {
        order.push(d2.key_at(ix).expect("key"));
    }
    assert!(order == vec![Key::str("y"), Key::str("x")]);
    let d1 = SplitDict::from_split(shared, v1);
    assert!(keys_split(&d1) == vec![Key::str("x"), Key::str("y")]);
}

fn keys_split(d: &SplitDict) -> Vec<Key> {
    d.items().into_iter().map(|(k, _, _)| k).collect()
}
