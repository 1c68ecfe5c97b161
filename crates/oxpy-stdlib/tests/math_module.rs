//! `math` against python3 3.11.7: every case in `fixtures/math_cases.txt` was recorded by
//! `fixtures/gen_math.py`.

mod common;

use oxpy_stdlib::math::MATH;
use oxpy_vm::with_gil;

#[test]
fn recorded_cases() {
    let text = include_str!("fixtures/math_cases.txt");
    with_gil(|py| {
        let (passed, failures) = common::run_fixture(py, &MATH, text);
        for f in failures.iter().take(60) {
            eprintln!("{}", &f[..f.len().min(400)]);
        }
        assert!(
            failures.is_empty(),
            "{} passed, {} failed",
            passed,
            failures.len()
        );
    });
}

#[test]
fn constants() {
    with_gil(|py| {
        let attrs = (MATH.attrs)(py).unwrap();
        let got: Vec<String> = attrs
            .iter()
            .map(|(n, v)| format!("{n}={}", common::encode(py, v)))
            .collect();
        // python3: [struct.pack('>d', getattr(math, n)).hex() for n in ...]
        assert_eq!(
            got,
            [
                "pi=f:400921fb54442d18",
                "e=f:4005bf0a8b145769",
                "tau=f:401921fb54442d18",
                "inf=f:7ff0000000000000",
                "nan=f:7ff8000000000000",
            ]
        );
    });
}

#[test]
fn finds_module() {
    assert!(oxpy_stdlib::find("math").is_some());
    assert!(oxpy_stdlib::find("nope").is_none());
}
