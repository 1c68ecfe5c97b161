//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod bool_;
pub mod bytes;
pub mod cell;
pub mod dict;
pub mod dict_views;
pub mod float;
pub mod int;
pub mod list;
pub mod none;
pub mod object;
pub mod set;
pub mod set_iter;
pub mod str;
pub mod tuple;
pub mod type_;
