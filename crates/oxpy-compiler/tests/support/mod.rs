//! Test support: CPython-exported ASTs.
pub mod ast_reader;
pub mod ast_reader_gen;
