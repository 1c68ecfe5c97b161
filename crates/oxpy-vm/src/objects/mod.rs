//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod bool_;
pub mod bytes;
pub mod cell;
pub mod complex;
pub mod float;
pub mod float_methods;
pub mod float_ops;
pub mod int;
pub mod int_methods;
pub mod int_ops;
pub mod list;
pub mod none;
pub mod number_format;
pub mod number_new;
pub mod object;
pub mod str;
pub mod tuple;
pub mod type_;
