//! The opcode table's stack effects against values recorded from CPython 3.11's
//! `dis.stack_effect` (tests/data/stack_effects.txt).

use oxpy_bytecode::Opcode;

#[test]
fn stack_effects_match_cpython() {
    let data = include_str!("data/stack_effects.txt");
    let mut checked = 0;
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let op = Opcode::ALL
            .iter()
            .find(|o| o.name() == f[0])
            .unwrap_or_else(|| panic!("opcode {} missing from the table", f[0]));
        let arg: u32 = f[1].parse().unwrap();
        let (nojump, jump): (i32, i32) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        assert_eq!(
            op.stack_effect(arg, false),
            nojump,
            "{} {arg} no jump",
            f[0]
        );
        assert_eq!(op.stack_effect(arg, true), jump, "{} {arg} jump", f[0]);
        checked += 1;
    }
    assert!(checked > 500);
}
