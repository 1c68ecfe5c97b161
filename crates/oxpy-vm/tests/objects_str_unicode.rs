//! Unicode character properties and case mappings of `str` methods against python3 3.11.7
//! (Unicode 14.0) on a sample of code points (`fixtures/strbytes/unicode.txt`, recorded by
//! `gen_unicode.py`). Rust's tables are a newer Unicode version; the differences met in the
//! sample are corrected in `str_methods.rs`.

use std::collections::HashMap;

use oxpy_vm::object::{Args, PyObject};
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::{PyRef, Python, with_gil};

fn call(py: Python<'_>, obj: &PyObject, name: &str) -> PyRef {
    let def = obj
        .ob_type()
        .methods
        .iter()
        .find(|m| m.name == name)
        .unwrap();
    (def.func)(py, obj, Args::positional(&[])).unwrap()
}

fn parse_ranges(text: &str) -> Vec<(u32, u32)> {
    text.split(' ')
        .filter(|s| !s.is_empty())
        .map(|r| {
            let (a, b) = r.split_once('-').unwrap();
            (
                u32::from_str_radix(a, 16).unwrap(),
                u32::from_str_radix(b, 16).unwrap(),
            )
        })
        .collect()
}

#[test]
fn properties_and_case_mappings_match_python() {
    let text = include_str!("fixtures/strbytes/unicode.txt");
    let mut lines = text.lines();
    let ranges = parse_ranges(lines.next().unwrap().strip_prefix("ranges ").unwrap());
    let cps: Vec<u32> = ranges
        .iter()
        .flat_map(|&(a, b)| a..b)
        .filter(|c| !(0xD800..0xE000).contains(c))
        .collect();
    with_gil(|py| {
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in lines {
            let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
            if name.starts_with("is") {
                let truth = parse_ranges(rest);
                for &c in &cps {
                    let want = truth.iter().any(|&(a, b)| (a..=b).contains(&c));
                    let s = PyStr::from_cps(py, &[c]).into_object();
                    let got = call(py, &s, name).is(&py.true_().into_object());
                    checked += 1;
                    if got != want {
                        failures.push(format!("{name}(U+{c:04X}) want {want}"));
                    }
                }
            } else {
                let map: HashMap<u32, Vec<u32>> = rest
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(|item| {
                        let (c, r) = item.split_once(':').unwrap();
                        let r = r
                            .split('.')
                            .map(|h| u32::from_str_radix(h, 16).unwrap())
                            .collect();
                        (u32::from_str_radix(c, 16).unwrap(), r)
                    })
                    .collect();
                for &c in &cps {
                    let want = map.get(&c).cloned().unwrap_or_else(|| vec![c]);
                    let s = PyStr::from_cps(py, &[c]).into_object();
                    let r = call(py, &s, name);
                    let got = r.downcast_ref::<PyStr>(py).unwrap().to_cps();
                    checked += 1;
                    if got != want {
                        failures.push(format!("{name}(U+{c:04X}) want {want:x?} got {got:x?}"));
                    }
                }
            }
        }
        for f in failures.iter().take(2000) {
            eprintln!("{f}");
        }
        assert!(
            failures.is_empty(),
            "{} of {checked} checks failed",
            failures.len()
        );
    });
}
