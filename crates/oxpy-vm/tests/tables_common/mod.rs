//! Shared helpers of the `tables_*` tests: a plain Rust key type with Python's hash and
//! equality for ints, strs, bytes, floats, complex numbers, tuples and frozensets, and the
//! parser of the fixture key encoding written by `scripts/gen-size-tables`.
#![allow(dead_code)]

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use oxpy_vm::tables::TableKey;
use oxpy_vm::tables::hash::{self, HashSecret, StrData};
use std::path::PathBuf;

/// A Python value usable as a key.
#[derive(Clone, Debug)]
pub enum Key {
    Int(BigInt),
    Str(Vec<u32>),
    Bytes(Vec<u8>),
    Float(f64),
    Complex(f64, f64),
    Tuple(Vec<Key>),
    Frozen(Vec<Key>),
}

impl Key {
    /// Python's `hash()` under `secret`.
    pub fn hash(&self, secret: &HashSecret) -> i64 {
        match self {
            Key::Int(n) => match n.to_i64() {
                Some(v) => hash::hash_i64(v),
                None => hash::hash_bigint(n),
            },
            Key::Str(cps) => hash_str(secret, cps),
            Key::Bytes(b) => secret.hash_bytes(b),
            Key::Float(f) => hash::hash_f64(*f).unwrap_or(0),
            Key::Complex(r, i) => hash::hash_complex(
                hash::hash_f64(*r).unwrap_or(0),
                hash::hash_f64(*i).unwrap_or(0),
            ),
            Key::Tuple(items) => {
                let hs: Vec<i64> = items.iter().map(|k| k.hash(secret)).collect();
                hash::hash_tuple(&hs)
            }
            Key::Frozen(items) => {
                let hs: Vec<i64> = items.iter().map(|k| k.hash(secret)).collect();
                hash::hash_frozenset(&hs)
            }
        }
    }

    /// Hash under `PYTHONHASHSEED=0`.
    pub fn hash0(&self) -> i64 {
        self.hash(&HashSecret::ZERO)
    }

    /// Python `==` for these key kinds.
    pub fn py_eq(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Int(a), Key::Int(b)) => a == b,
            (Key::Str(a), Key::Str(b)) => a == b,
            (Key::Bytes(a), Key::Bytes(b)) => a == b,
            (Key::Float(a), Key::Float(b)) => a == b,
            (Key::Int(a), Key::Float(b)) | (Key::Float(b), Key::Int(a)) => {
                b.fract() == 0.0 && num_bigint::BigInt::from(*b as i128) == *a && b.abs() < 1e38
            }
            (Key::Tuple(a), Key::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
            }
            (Key::Frozen(a), Key::Frozen(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.py_eq(y)))
            }
            _ => false,
        }
    }

    /// A small int key.
    pub fn int(v: i64) -> Key {
        Key::Int(BigInt::from(v))
    }

    /// A str key.
    pub fn str(s: &str) -> Key {
        Key::Str(s.chars().map(u32::from).collect())
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.py_eq(other)
    }
}

impl TableKey for Key {
    fn is_same(&self, other: &Self) -> bool {
        self.py_eq(other) && std::mem::discriminant(self) == std::mem::discriminant(other)
    }
    fn is_exact_str(&self) -> bool {
        matches!(self, Key::Str(_))
    }
}

/// `eq` callback for the tables.
pub fn eq(a: &Key, b: &Key) -> Result<bool, ()> {
    Ok(a.py_eq(b))
}

/// Hash a str given as code points through the canonical-storage API.
pub fn hash_str(secret: &HashSecret, cps: &[u32]) -> i64 {
    let max = cps.iter().copied().max().unwrap_or(0);
    if max < 0x100 {
        let b: Vec<u8> = cps.iter().map(|&c| c as u8).collect();
        secret.hash_str(StrData::Latin1(&b))
    } else if max < 0x1_0000 {
        let u: Vec<u16> = cps.iter().map(|&c| c as u16).collect();
        secret.hash_str(StrData::Ucs2(&u))
    } else {
        secret.hash_str(StrData::Ucs4(cps))
    }
}

/// Parse one encoded key (see `scripts/gen-size-tables`).
pub fn parse_key(tok: &str) -> Key {
    let (tag, rest) = tok.split_at(1);
    match tag {
        "i" => Key::Int(rest.parse().unwrap_or_else(|_| panic!("bad int {tok}"))),
        "s" => Key::Str(if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('.')
                .map(|h| u32::from_str_radix(h, 16).expect("code point"))
                .collect()
        }),
        "b" => Key::Bytes(
            (0..rest.len() / 2)
                .map(|i| u8::from_str_radix(&rest[2 * i..2 * i + 2], 16).expect("hex"))
                .collect(),
        ),
        "f" => Key::Float(f64::from_bits(
            u64::from_str_radix(rest, 16).expect("float bits"),
        )),
        "c" => {
            let (r, i) = rest.split_once(',').expect("complex");
            Key::Complex(
                f64::from_bits(u64::from_str_radix(r, 16).expect("re")),
                f64::from_bits(u64::from_str_radix(i, 16).expect("im")),
            )
        }
        "t" | "z" => {
            let inner = &rest[1..rest.len() - 1];
            let items = split_top(inner).into_iter().map(parse_key).collect();
            if tag == "t" {
                Key::Tuple(items)
            } else {
                Key::Frozen(items)
            }
        }
        _ => panic!("bad key {tok}"),
    }
}

/// Split `a|b|t(c|d)` at top-level `|`.
fn split_top(s: &str) -> Vec<&str> {
    if s.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// Contents of a fixture file.
pub fn fixture(name: &str) -> String {
    let p: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "tables",
        name,
    ]
    .iter()
    .collect();
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Whether an int key is zero (helper for tests that need it).
pub fn is_zero(k: &Key) -> bool {
    matches!(k, Key::Int(n) if n.is_zero())
}
