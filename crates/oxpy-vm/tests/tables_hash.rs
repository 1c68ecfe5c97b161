//! Hash values of 10,000 generated keys, recorded from python3 under PYTHONHASHSEED=0 and 12345.

mod tables_common;

use num_bigint::{BigInt, Sign};
use oxpy_vm::tables::hash::{self, HashSecret};
use tables_common::{Key, fixture, parse_key};

fn check_seed(seed: u32, file: &str) -> usize {
    let secret = HashSecret::from_seed(seed);
    let keys = fixture("hash_keys.txt");
    let hashes = fixture(file);
    let mut n = 0;
    let mut bad = Vec::new();
    for (line, want) in keys.lines().zip(hashes.lines()) {
        let key = parse_key(line);
        let want: i64 = want.parse().expect("hash value");
        let got = key.hash(&secret);
        if got != want {
            bad.push(format!("{line}: got {got}, want {want}"));
        }
        n += 1;
    }
    assert_eq!(n, hashes.lines().count());
    assert!(
        bad.is_empty(),
        "{} of {n} hashes differ (seed {seed}):\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
    n
}

#[test]
fn hashes_seed_0() {
    assert!(check_seed(0, "hashes_seed0.txt") >= 10_000);
}

#[test]
fn hashes_seed_12345() {
    assert!(check_seed(12345, "hashes_seed12345.txt") >= 10_000);
}

/// The other entry points agree with the canonical-storage one on every str and int key.
#[test]
fn alternative_entry_points_agree() {
    let secret = HashSecret::from_seed(12345);
    for line in fixture("hash_keys.txt").lines() {
        match parse_key(line) {
            Key::Str(cps) => {
                let want = tables_common::hash_str(&secret, &cps);
                let max = cps.iter().copied().max().unwrap_or(0);
                assert_eq!(
                    secret.hash_code_points(cps.iter().copied(), max),
                    want,
                    "{line}"
                );
                if let Ok(s) = cps
                    .iter()
                    .map(|&c| char::from_u32(c).ok_or(()))
                    .collect::<Result<String, ()>>()
                {
                    assert_eq!(secret.hash_utf8(&s), want, "{line}");
                }
            }
            Key::Int(n) => {
                let want = hash::hash_bigint(&n);
                let (sign, mag) = n.to_u32_digits();
                // regroup 32-bit digits into CPython's 30-bit digits
                let mut digits = Vec::new();
                let big = num_bigint::BigUint::new(mag);
                let mut rest = big.clone();
                let base = num_bigint::BigUint::from(1u32 << 30);
                while rest > num_bigint::BigUint::from(0u32) {
                    let d = &rest % &base;
                    digits.push(d.to_u32_digits().first().copied().unwrap_or(0));
                    rest /= &base;
                }
                assert_eq!(
                    hash::hash_digits30(sign == Sign::Minus, &digits),
                    want,
                    "{line}"
                );
                assert_eq!(BigInt::from_biguint(sign, big), n);
            }
            Key::Frozen(items) => {
                let mut t = oxpy_vm::tables::set_table::SetTable::new();
                for k in items {
                    let h = k.hash(&secret);
                    t.add(k, h, tables_common::eq).expect("eq");
                }
                assert_eq!(t.frozenset_hash(), parse_key(line).hash(&secret), "{line}");
            }
            _ => {}
        }
    }
}
