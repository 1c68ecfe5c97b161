//! oxpy native modules (sys, gc, math, time, threading, ...).
//!
//! Each module is a static [`ModuleDef`]; [`find`] looks one up by its import name.

pub mod itemgetter;
pub mod itertools;
pub mod math;
pub mod math_impl;
pub mod mt;
pub mod native_iter;
pub mod operator;
pub mod random;
pub mod seq;
pub mod time;
pub mod util;

use oxpy_vm::object::native::ModuleDef;

/// Every native module of this crate.
pub static MODULES: &[&ModuleDef] = &[
    &math::MATH,
    &random::RANDOM,
    &time::TIME,
    &operator::OPERATOR,
    &itertools::ITERTOOLS,
];

/// The native module called `name` (`"math"`, …), if this crate provides it.
/// `"_operator"` is an alias of `operator` (CPython's `operator.py` re-exports `_operator`).
pub fn find(name: &str) -> Option<&'static ModuleDef> {
    let name = if name == "_operator" {
        "operator"
    } else {
        name
    };
    MODULES.iter().copied().find(|m| m.name == name)
}
