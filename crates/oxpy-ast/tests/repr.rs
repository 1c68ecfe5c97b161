//! `repr()` of constants against values recorded from python3 by
//! `tests/data/gen-repr-cases.py` (strings over every printability boundary of the
//! code space, bytes, floats, complex numbers, ints).

use oxpy_ast::repr::{bytes_repr, complex_repr, float_repr, pystr_repr};
use oxpy_ast::{BigInt, Constant, PyStr};

fn f64_bits(hex: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(hex, 16).expect("fixture float bits"))
}

fn actual(kind: &str, input: &str) -> String {
    match kind {
        "s" => {
            let mut s = PyStr::new();
            for cp in input.split('.').filter(|p| !p.is_empty()) {
                s.push_code_point(u32::from_str_radix(cp, 16).expect("fixture code point"));
            }
            pystr_repr(&s)
        }
        "b" => {
            let bytes: Vec<u8> = (0..input.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&input[i..i + 2], 16).expect("fixture byte"))
                .collect();
            bytes_repr(&bytes)
        }
        "f" => float_repr(f64_bits(input)),
        "c" => {
            let (re, im) = input.split_once(' ').expect("fixture complex");
            complex_repr(f64_bits(re), f64_bits(im))
        }
        "i" => {
            let (neg, digits) = match input.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, input),
            };
            let n = BigInt::parse_bytes(digits.as_bytes(), 16).expect("fixture int");
            oxpy_ast::repr::constant_repr(&Constant::Int(if neg { -n } else { n }))
        }
        other => panic!("unknown fixture kind {other}"),
    }
}

#[test]
fn reprs_match_python3() {
    let cases = include_str!("data/repr_cases.txt");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in cases.lines() {
        let (input, want) = line.split_once('\t').expect("fixture line has a tab");
        let (kind, value) = input.split_once(' ').unwrap_or((input, ""));
        let got = actual(kind, value);
        total += 1;
        if got != want {
            failures.push(format!("{input}: got {got}, python3 {want}"));
        }
    }
    assert!(total > 7000, "fixture too small: {total}");
    assert!(
        failures.is_empty(),
        "{} of {total} reprs differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn tuple_and_singletons() {
    let t = Constant::Tuple(vec![Constant::Int(BigInt::from(1))]);
    assert_eq!(oxpy_ast::repr::constant_repr(&t), "(1,)");
    assert_eq!(
        oxpy_ast::repr::constant_repr(&Constant::Tuple(vec![])),
        "()"
    );
    assert_eq!(
        oxpy_ast::repr::constant_repr(&Constant::Ellipsis),
        "Ellipsis"
    );
}
