//! The Python 3.11 lexer: logos token rules plus one hand-written layout pass.

pub mod error;
pub mod token;

pub use error::{ErrorKind, SyntaxError};
pub use token::{Pos, TokKind, Token};
