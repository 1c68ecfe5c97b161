//! oxpy native modules (sys, gc, math, time, threading, ...).
//!
//! Each module is a static [`ModuleDef`] (`math::MATH`, `random::RANDOM`, `time::TIME`,
//! `operator::OPERATOR`, `itertools::ITERTOOLS`); [`find`] looks one up by its import name.
//! Module functions have the native calling convention (`fn(py, this, Args)`) and ignore
//! `this`; constants come from the module's `attrs` function.
//!
//! Objects these modules create (`operator.itemgetter`, the itertools iterators) are native
//! types made on first use by `PyType::new_native`, GC-tracked, with CPython's `tp_name`,
//! `__basicsize__` and `__flags__`; their constructors are exposed as module functions until
//! module attributes can carry callable types.
//!
//! Until the VM has a generic `PyObject_GetIter`/`len`/`getitem` and numeric slots on the
//! builtin types, [`util`], [`seq`] and [`native_iter::PyIter`] use the type's slots first and
//! fall back on list/tuple/str/bytes (and int/float arithmetic) natively.

pub mod atexit;
pub mod dl;
pub mod gc;
pub mod hashlib;
pub mod itemgetter;
pub mod itertools;
pub mod math;
pub mod math_impl;
pub mod mt;
pub mod native_iter;
pub mod operator;
pub mod posix;
pub mod pylib;
pub mod random;
pub mod seq;
pub mod signal;
pub mod thread;
pub mod time;
pub mod util;
pub mod weakref;
pub mod zlib;

use oxpy_vm::object::native::ModuleDef;

/// Every native module of this crate.
pub static MODULES: &[&ModuleDef] = &[
    &math::MATH,
    &random::RANDOM,
    &time::TIME,
    &operator::OPERATOR,
    &itertools::ITERTOOLS,
    &gc::GC,
    &thread::THREAD,
    &weakref::WEAKREF,
    &atexit::ATEXIT,
    &posix::POSIX,
    &signal::SIGNAL,
    &hashlib::HASHLIB,
    &zlib::ZLIB,
];

/// The native module called `name` (`"math"`, `"_operator"`, …), if this crate provides it.
pub fn find(name: &str) -> Option<&'static ModuleDef> {
    MODULES.iter().copied().find(|m| m.name == name)
}

/// Python-source modules bundled in the binary (`lib/*.py`): `(source, is_package)`.
pub fn find_source(name: &str) -> Option<(&'static str, bool)> {
    pylib::find(name)
}
