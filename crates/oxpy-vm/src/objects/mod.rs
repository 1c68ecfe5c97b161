//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod bool_;
pub mod bytes;
pub mod cell;
pub mod enumerate;
pub mod filter;
pub mod float;
pub mod free_list;
pub mod int;
pub mod list;
pub mod list_methods;
pub mod list_sort;
pub mod map;
pub mod none;
pub mod object;
pub mod range;
pub mod reversed;
pub mod seq_iter;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod tuple_methods;
pub mod type_;
pub mod zip;
