//! oxpy virtual machine: object model, refcounts, GIL, eval loop, builtin types, gc.
//!
//! The object model is described in `docs/object-model.md`.
pub mod tables;

pub mod error;
pub mod eval;
pub mod fxhash;
pub mod gc;
pub mod gil;
pub mod interp;
pub mod object;
pub mod objects;
pub mod ops;
pub mod signals;

pub use error::{PyErr, PyResult};
pub use gil::{Python, with_gil};
pub use object::{PyObject, PyPayload, PyRef};
