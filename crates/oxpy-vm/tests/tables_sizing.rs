//! List and bytearray capacities, scalar sizes and class layouts replayed from python3.

mod tables_common;

use num_traits::Signed;
use oxpy_vm::tables::sizing::{
    self, ByteArrayAlloc, DictPlacement, LayoutError, ListAlloc, TypeLayout,
};
use tables_common::{Key, fixture, parse_key};

fn num(s: &str) -> usize {
    s.parse().unwrap_or_else(|_| panic!("bad number {s}"))
}

#[test]
fn list_programs_match_cpython() {
    let mut checked = 0;
    for (p, line) in fixture("list_programs.txt").lines().enumerate() {
        let mut l = ListAlloc::default();
        for (step, op) in line.split_whitespace().enumerate() {
            let (c, arg) = op.split_at(1);
            match c {
                "a" | "i" => l.push(),
                "p" => l.pop(),
                "e" => l.extend_sequence(num(arg)),
                "r" | "g" => {
                    let n = num(arg);
                    l.extend_iter_begin(if c == "r" {
                        n
                    } else {
                        sizing::LIST_DEFAULT_LENGTH_HINT
                    });
                    for _ in 0..n {
                        l.extend_iter_item();
                    }
                    l.extend_iter_end();
                }
                "c" => l.clear(),
                "n" => l = ListAlloc::exact(num(arg)),
                "#" => {
                    assert_eq!(l.sizeof(), num(arg), "list program {p} step {step}");
                    checked += 1;
                }
                _ => panic!("unknown op {op}"),
            }
        }
    }
    eprintln!("list programs: {checked} sizes matched");
    assert!(checked > 500);
}

#[test]
fn bytearray_programs_match_cpython() {
    let mut checked = 0;
    for (p, line) in fixture("bytearray_programs.txt").lines().enumerate() {
        let mut b = ByteArrayAlloc::default();
        for (step, op) in line.split_whitespace().enumerate() {
            let (c, arg) = op.split_at(1);
            match c {
                "a" => b.push(),
                "e" => b.resize(b.len + num(arg)),
                "d" => {
                    let n = num(arg);
                    if n > 0 {
                        b.delete_slice(b.len.saturating_sub(n), b.len);
                    }
                }
                "n" => b = ByteArrayAlloc::from_len(num(arg)),
                "#" => {
                    assert_eq!(b.sizeof(), num(arg), "bytearray program {p} step {step}");
                    checked += 1;
                }
                _ => panic!("unknown op {op}"),
            }
        }
    }
    eprintln!("bytearray programs: {checked} sizes matched");
    assert!(checked > 100);
}

/// `sys.getsizeof` of the 10,000 hash-test keys (str, bytes, int, float, complex, tuple).
#[test]
fn scalar_sizes_match_cpython() {
    let keys = fixture("hash_keys.txt");
    let sizes = fixture("key_sizes.txt");
    let mut checked = 0;
    for (k, want) in keys.lines().zip(sizes.lines()) {
        let want = num(want);
        let got = match parse_key(k) {
            Key::Str(cps) => sizing::str_sizeof(cps.len(), cps.iter().copied().max().unwrap_or(0)),
            Key::Bytes(b) => sizing::bytes_sizeof(b.len()),
            Key::Int(n) => sizing::int_sizeof(sizing::int_digit_count(n.abs().bits())),
            Key::Float(_) => 24,
            Key::Complex(..) => 32,
            Key::Tuple(items) => sizing::tuple_sizeof(items.len()),
            Key::Frozen(_) => continue,
        };
        assert_eq!(got, want, "getsizeof({k})");
        checked += 1;
    }
    eprintln!("scalar sizes: {checked} matched");
    assert!(checked > 9000);
}

fn base_layout(name: &str) -> TypeLayout {
    let gc = !matches!(name, "object" | "int" | "str" | "bytes");
    match name {
        "object" => TypeLayout::OBJECT,
        "int" => TypeLayout::builtin(24, 4, gc, DictPlacement::None),
        "tuple" => TypeLayout::builtin(24, 8, gc, DictPlacement::None),
        "list" => TypeLayout::builtin(40, 0, gc, DictPlacement::None),
        "dict" => TypeLayout::builtin(48, 0, gc, DictPlacement::None),
        "BaseException" => TypeLayout::builtin(72, 0, gc, DictPlacement::Fixed(16)),
        "str" => TypeLayout::builtin(80, 0, gc, DictPlacement::None),
        "bytes" => TypeLayout::builtin(33, 1, gc, DictPlacement::None),
        _ => panic!("unknown base {name}"),
    }
}

fn check_row(layout: &TypeLayout, want: &str, ctx: &str) {
    let f: Vec<i64> = want.split('/').map(|x| x.parse().expect("field")).collect();
    let got = [
        layout.basicsize as i64,
        layout.itemsize as i64,
        layout.dictoffset() as i64,
        layout.weaklistoffset as i64,
        if f[4] < 0 {
            -1
        } else {
            layout.instance_getsizeof(0) as i64
        },
    ];
    assert_eq!(&got[..], &f[..], "{ctx}");
}

#[test]
fn class_layouts_match_cpython() {
    let mut checked = 0;
    for line in fixture("class_layouts.txt").lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let base = base_layout(f[0]);
        let slots: Option<Vec<String>> = match f[1] {
            "-" => None,
            "()" => Some(Vec::new()),
            s => Some(s.split(',').map(str::to_string).collect()),
        };
        let res = TypeLayout::for_class(&base, slots.as_deref());
        if f[2] == "error" {
            let want = if f[3].starts_with("nonempty") {
                LayoutError::NonemptySlotsOnVarsized
            } else if f[3].starts_with("__dict__") {
                LayoutError::DictSlotDisallowed
            } else {
                LayoutError::WeakrefSlotDisallowed
            };
            assert_eq!(res, Err(want), "{line}");
        } else {
            let c = res.unwrap_or_else(|e| panic!("{line}: {e:?}"));
            check_row(&c, f[2], line);
            let d = TypeLayout::for_class(&c, None).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            check_row(&d, f[3], line);
        }
        checked += 1;
    }
    eprintln!("class layouts: {checked} matched");
}

/// The examples of cpython-rules.md 1.2, 1.5, 1.7 and 1.10.
#[test]
fn rules_examples() {
    assert_eq!(sizing::generator_sizeof(0, 1), 176);
    assert_eq!(sizing::generator_sizeof(3, 2), 208);
    assert_eq!(sizing::STATIC_TYPE_SIZEOF, 424);
    assert_eq!(sizing::heap_type_sizeof(None), 920);
    assert_eq!(sizing::heap_type_sizeof(Some(768)), 1688);
    assert_eq!(sizing::str_subclass_sizeof(2, 0x62) + 32, 115);
    assert_eq!(ByteArrayAlloc::from_len(3).sizeof(), 60);
    let mut l = ListAlloc::exact(1);
    l.pop();
    l.extend_sequence(3);
    assert_eq!(l.allocated, 8);
    let mut l = ListAlloc::default();
    l.extend_sequence(3);
    assert_eq!(l.allocated, 4);
}
