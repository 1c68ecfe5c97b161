//! Set slot order, `pop()` order and `sys.getsizeof` replayed from python3 recordings.

mod tables_common;

use oxpy_vm::tables::set_table::SetTable;
use tables_common::{Key, eq, fixture, parse_key};

fn add(s: &mut SetTable<Key>, k: Key) {
    let h = k.hash0();
    s.add(k, h, eq).expect("eq never fails");
}

fn build(keys: &[Key]) -> SetTable<Key> {
    let mut s = SetTable::new();
    for k in keys {
        add(&mut s, k.clone());
    }
    s
}

fn order(s: &SetTable<Key>) -> Vec<Key> {
    s.iter().map(|(k, _)| k.clone()).collect()
}

/// Replay the random programs of `set_programs.txt`; returns (programs, sizes, orders, pops).
#[test]
fn set_programs_match_cpython() {
    let text = fixture("set_programs.txt");
    let mut lines = text.lines();
    let (mut programs, mut sizes, mut orders, mut pops) = (0, 0, 0, 0);
    while let Some(p) = lines.next() {
        let r = lines.next().expect("R line");
        let q = lines.next().expect("Q line");
        let mut s: SetTable<Key> = SetTable::new();
        for (step, op) in p.trim_start_matches('P').split_whitespace().enumerate() {
            let ctx = || format!("program {programs} step {step} op {op}");
            match op.as_bytes()[0] {
                b'+' => add(&mut s, parse_key(&op[1..])),
                b'-' => {
                    let k = parse_key(&op[1..]);
                    let h = k.hash0();
                    s.discard(&k, h, eq).expect("eq");
                }
                b'p' => {
                    let got = s.pop().expect("non-empty pop");
                    assert!(got == parse_key(&op[2..]), "{}: popped {got:?}", ctx());
                    pops += 1;
                }
                b'C' => {
                    let mut t = SetTable::new();
                    t.merge_set(&s, eq).expect("eq");
                    s = t;
                }
                b'F' => {
                    // set(dict.fromkeys(s)): presize with the dict's length, then adds in dict
                    // order (= the set's iteration order).
                    let mut t = SetTable::new();
                    t.presize_for(s.len());
                    for (k, h) in s.iter() {
                        t.add(k.clone(), h, eq).expect("eq");
                    }
                    s = t;
                }
                b'X' => {
                    s.clear();
                }
                b'U' => {
                    let Key::Tuple(generated) = parse_key(&op[1..]) else {
                        panic!("{}", ctx())
                    };
                    let other = build(&generated);
                    s.merge_set(&other, eq).expect("eq");
                }
                b'#' => {
                    let want: usize = op[1..].parse().expect("size");
                    assert_eq!(s.sizeof(), want, "{}", ctx());
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
        assert!(
            order(&s) == want,
            "program {programs}: order {:?} != {want:?}",
            order(&s)
        );
        orders += 1;
        for tok in q.trim_start_matches('Q').split_whitespace() {
            let got = s.pop().expect("pop");
            assert!(
                got == parse_key(tok),
                "program {programs}: final pop {got:?} != {tok}"
            );
            pops += 1;
        }
        programs += 1;
    }
    eprintln!(
        "set programs: {programs} programs, {sizes} sizes, {orders} orders, {pops} pops matched"
    );
    assert!(programs >= 200);
}

#[test]
fn set_growth_matches_cpython() {
    let text = fixture("set_growth.txt");
    let (grow, del) = text.split_once("D\n").expect("D section");
    let want: Vec<(usize, usize)> = grow.lines().map(parse_pair).collect();
    let mut s: SetTable<Key> = SetTable::new();
    let mut got = Vec::new();
    let mut prev = s.sizeof();
    for n in 1..=1_000_000i64 {
        add(&mut s, Key::int(n));
        if s.sizeof() != prev {
            prev = s.sizeof();
            got.push((n as usize, prev));
        }
    }
    got.push((1_000_000, s.sizeof()));
    assert_eq!(got, want);

    let want: Vec<(usize, usize)> = del.lines().map(parse_pair).collect();
    let mut s: SetTable<Key> = SetTable::new();
    let mut got = Vec::new();
    let mut prev = s.sizeof();
    let mut x: u64 = 77;
    for step in 1..=200_000usize {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let k = Key::int(((x >> 33) % 30001) as i64);
        if (x >> 20) & 0xff < 141 {
            add(&mut s, k);
        } else {
            let h = k.hash0();
            s.discard(&k, h, eq).expect("eq");
        }
        if s.sizeof() != prev {
            prev = s.sizeof();
            got.push((step, prev));
        }
    }
    got.push((200_000, s.sizeof()));
    assert_eq!(got, want);
}

fn parse_pair(l: &str) -> (usize, usize) {
    let (a, b) = l.split_once(' ').expect("pair");
    (a.parse().expect("n"), b.parse().expect("size"))
}

/// The order and size examples of cpython-rules.md 3.2 and 1.9 that need the merge path.
#[test]
fn displays_and_merges() {
    let ints = |v: &[i64]| v.iter().map(|&i| Key::int(i)).collect::<Vec<_>>();
    // `{100, ..., 600}` is a frozenset constant merged into an empty set.
    let fs = build(&ints(&[100, 200, 300, 400, 500, 600]));
    let mut s = SetTable::new();
    s.merge_set(&fs, eq).expect("eq");
    assert_eq!(order(&s), ints(&[400, 100, 500, 200, 600, 300]));
    assert_eq!(
        order(&build(&ints(&[100, 200, 300, 400, 500, 600]))),
        ints(&[100, 200, 300, 400, 500, 600])
    );
    // set(set(range(5))) == 472, set(range(19)) == 2264, set(set(range(19))) == 1240
    let r5 = build(&ints(&[0, 1, 2, 3, 4]));
    assert_eq!(r5.sizeof(), 728);
    let mut c = SetTable::new();
    c.merge_set(&r5, eq).expect("eq");
    assert_eq!(c.sizeof(), 472);
    let r19 = build(&(0..19).map(Key::int).collect::<Vec<_>>());
    let mut c = SetTable::new();
    c.merge_set(&r19, eq).expect("eq");
    assert_eq!((r19.sizeof(), c.sizeof()), (2264, 1240));
}
