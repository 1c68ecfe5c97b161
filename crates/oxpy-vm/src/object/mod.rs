//! The object model core: header, owning handles, allocation, the trashcan.

pub mod alloc;
pub mod call;
pub mod header;
pub mod iter;
pub mod native;
pub mod pool;
pub mod protocol;
pub mod pyref;
pub mod trashcan;

pub use header::{PyObject, PyVarObject};
pub use native::{Args, MethodDef, ModuleDef, NativeFn};
pub use pyref::{PyPayload, PyRef};
