//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod bool_;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod float;
pub mod int;
pub mod list;
pub mod none;
pub mod object;
pub mod str;
pub mod str_algo;
pub mod str_codecs;
pub mod str_format;
pub mod str_iter;
pub mod str_methods;
pub mod str_percent;
pub mod tuple;
pub mod type_;
