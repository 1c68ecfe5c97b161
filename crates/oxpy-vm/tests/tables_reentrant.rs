//! `__eq__` that mutates the container mid-search: the cursor APIs restart exactly when CPython
//! does (same number of `__eq__` calls, same final contents), recorded in `reentrant.txt`.

mod tables_common;

use oxpy_vm::tables::TableKey;
use oxpy_vm::tables::dict_table::{Compared as DictCompared, DictStep, DictTable};
use oxpy_vm::tables::set_table::{Compared, SearchMode, SetStep, SetTable};
use tables_common::fixture;

/// `K(hash, name)` objects (identity = `id`) and small ints.
#[derive(Clone, Debug)]
enum RKey {
    K { id: u32, hash: i64, name: char },
    Int(i64),
}

impl RKey {
    fn hash(&self) -> i64 {
        match self {
            RKey::K { hash, .. } => *hash,
            RKey::Int(i) => oxpy_vm::tables::hash::hash_i64(*i),
        }
    }
    fn enc(&self) -> String {
        match self {
            RKey::K { name, .. } => format!("k{name}"),
            RKey::Int(i) => format!("i{i}"),
        }
    }
    /// Python `==` (the `__eq__` of K compares names).
    fn py_eq(&self, other: &RKey) -> bool {
        match (self, other) {
            (RKey::K { name: a, .. }, RKey::K { name: b, .. }) => a == b,
            (RKey::Int(a), RKey::Int(b)) => a == b,
            _ => false,
        }
    }
}

impl TableKey for RKey {
    fn is_same(&self, other: &Self) -> bool {
        match (self, other) {
            (RKey::K { id: a, .. }, RKey::K { id: b, .. }) => a == b,
            (RKey::Int(a), RKey::Int(b)) => a == b,
            _ => false,
        }
    }
}

fn plain_eq(a: &RKey, b: &RKey) -> Result<bool, ()> {
    Ok(a.py_eq(b))
}

/// A mutation run inside the first `__eq__` of a set search.
type SetHook = Box<dyn FnMut(&mut SetTable<RKey>)>;

fn k(id: u32, name: char) -> RKey {
    RKey::K { id, hash: 1, name }
}

/// Set add/lookup through the cursor; `hook` runs (once) inside the first `__eq__`.
fn set_search(
    t: &mut SetTable<RKey>,
    key: RKey,
    mode: SearchMode,
    mut hook: Option<SetHook>,
) -> (usize, bool) {
    let mut calls = 0;
    let mut s = t.search(key.hash(), mode);
    loop {
        match t.search_step(&mut s, &key) {
            SetStep::Absent(slot) => {
                if mode == SearchMode::Insert {
                    t.insert_absent(&s, slot, key);
                }
                return (calls, false);
            }
            SetStep::Found(_) => return (calls, true),
            SetStep::Compare(slot) => {
                let start = t.key_at(slot).cloned().expect("active slot");
                calls += 1;
                if let Some(mut h) = hook.take() {
                    h(t);
                }
                let equal = start.py_eq(&key);
                match t.compared(&mut s, slot, &start, equal) {
                    Compared::Found(_) => return (calls, true),
                    Compared::Continue | Compared::Restarted => {}
                }
            }
        }
    }
}

type Dict = DictTable<RKey, i64>;
/// A mutation run inside the first `__eq__` of a dict search.
type DictHook = Box<dyn FnMut(&mut Dict)>;

fn dict_search(d: &mut Dict, key: &RKey, mut hook: Option<DictHook>) -> (usize, Option<usize>) {
    let mut calls = 0;
    let mut s = d.search(key.hash());
    loop {
        match d.search_step(&mut s, key) {
            DictStep::Absent => return (calls, None),
            DictStep::Found(ix) => return (calls, Some(ix)),
            DictStep::Compare(ix) => {
                let start = d.key_at(ix).expect("entry");
                calls += 1;
                if let Some(mut h) = hook.take() {
                    h(d);
                }
                let equal = start.py_eq(key);
                match d.compared(&mut s, ix, &start, equal) {
                    DictCompared::Found(ix) => return (calls, Some(ix)),
                    DictCompared::Continue | DictCompared::Restarted => {}
                }
            }
        }
    }
}

fn set_grow(t: &mut SetTable<RKey>) {
    for i in 2..20 {
        let key = RKey::Int(i);
        let h = key.hash();
        t.add(key, h, plain_eq).expect("eq");
    }
}

fn dict_grow(d: &mut Dict) {
    for i in 2..20 {
        let key = RKey::Int(i);
        let h = key.hash();
        d.insert(key, h, i, plain_eq).expect("eq");
    }
}

#[test]
fn mutation_during_eq_restarts_like_cpython() {
    let mut n = 0;
    for line in fixture("reentrant.txt").lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (scenario, want_calls, want_result, want_order, want_size) =
            (f[0], f[1], f[2], f[3], f[4]);
        let (a, b, c) = (k(1, 'a'), k(2, 'b'), k(3, 'a'));
        let (calls, result, order, size) = if scenario.starts_with("set") {
            let mut t = SetTable::new();
            t.add(a.clone(), 1, plain_eq).expect("eq");
            let grow: SetHook = Box::new(set_grow);
            let (calls, found) = match scenario {
                "set_add_discard" => {
                    let a2 = a.clone();
                    let hook: SetHook = Box::new(move |t| {
                        t.discard(&a2, 1, plain_eq).expect("eq");
                    });
                    set_search(&mut t, b.clone(), SearchMode::Insert, Some(hook))
                }
                "set_add_resize" => set_search(&mut t, b.clone(), SearchMode::Insert, Some(grow)),
                "set_contains_resize" => {
                    set_search(&mut t, c.clone(), SearchMode::Lookup, Some(grow))
                }
                "set_add_equal_resize" => {
                    set_search(&mut t, c.clone(), SearchMode::Insert, Some(grow))
                }
                _ => panic!("unknown scenario {scenario}"),
            };
            let result = if scenario == "set_contains_resize" {
                if found { "True" } else { "False" }
            } else {
                "-"
            };
            let order: Vec<String> = t.iter().map(|(k, _)| k.enc()).collect();
            (calls, result.to_string(), order.join(","), t.sizeof())
        } else {
            let mut d = Dict::new();
            d.insert(a.clone(), 1, 1, plain_eq).expect("eq");
            let grow: DictHook = Box::new(dict_grow);
            let (calls, result) = match scenario {
                "dict_set_resize" | "dict_set_delete" => {
                    let hook: DictHook = if scenario == "dict_set_resize" {
                        grow
                    } else {
                        let a2 = a.clone();
                        Box::new(move |d| {
                            d.remove(&a2, 1, plain_eq).expect("eq");
                        })
                    };
                    d.prepare_insert(&b);
                    let (calls, found) = dict_search(&mut d, &b, Some(hook));
                    d.insert_looked_up(found, b.clone(), 1, 2);
                    (calls, "-".to_string())
                }
                "dict_get_resize" => {
                    let (calls, found) = dict_search(&mut d, &c, Some(grow));
                    let v = found.and_then(|ix| d.value_at(ix)).copied();
                    (calls, v.map_or("None".to_string(), |v| v.to_string()))
                }
                _ => panic!("unknown scenario {scenario}"),
            };
            let order: Vec<String> = d.items().iter().map(|(k, _, _)| k.enc()).collect();
            (calls, result, order.join(","), d.sizeof())
        };
        assert_eq!(calls.to_string(), want_calls, "{scenario}: __eq__ calls");
        assert_eq!(result, want_result, "{scenario}: result");
        assert_eq!(order, want_order, "{scenario}: order");
        assert_eq!(size.to_string(), want_size, "{scenario}: size");
        n += 1;
    }
    assert_eq!(n, 7);
}
