//! The Python 3.11 abstract syntax tree.
//!
//! Node types are generated from CPython's own ASDL signatures by `scripts/gen-ast.py`
//! (see [`nodes`]); this file holds the hand-written leaves they share: source
//! locations, identifiers, constants, and the reflective [`Node`] view that
//! [`dump`] walks to print exactly what `ast.dump` prints.

pub mod dump;
pub mod nodes;
pub mod repr;
mod unicode14;
mod wtf8;

pub use dump::dump;
pub use nodes::*;
pub use num_bigint::BigInt;
pub use wtf8::PyStr;

/// An identifier (already NFKC-normalised, as CPython stores it).
pub type Identifier = String;

/// CPython's four location attributes. Columns are UTF-8 byte offsets from the start of
/// the line, lines are 1-based — exactly what `ast` reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Loc {
    /// `lineno`: first line (1-based).
    pub lineno: u32,
    /// `col_offset`: UTF-8 byte offset of the first character in its line.
    pub col_offset: u32,
    /// `end_lineno`: last line.
    pub end_lineno: u32,
    /// `end_col_offset`: UTF-8 byte offset just past the last character.
    pub end_col_offset: u32,
}

impl Loc {
    /// The location from the start of `self` to the end of `end`.
    pub fn to(self, end: Loc) -> Loc {
        Loc {
            end_lineno: end.end_lineno,
            end_col_offset: end.end_col_offset,
            ..self
        }
    }
}

/// The value of an `ast.Constant` (and of `MatchSingleton`).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// `...`
    Ellipsis,
    /// An int of any size.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A complex number (literals have `real == 0.0`).
    Complex {
        /// Real part.
        real: f64,
        /// Imaginary part.
        imag: f64,
    },
    /// A str; may hold lone surrogates, as Python strs can.
    Str(PyStr),
    /// A bytes object.
    Bytes(Vec<u8>),
    /// A tuple of constants (made by the compiler's constant folding, never by the parser).
    Tuple(Vec<Constant>),
}

/// A field value as `ast.dump` sees it.
pub enum Value<'a> {
    /// A child node.
    Node(&'a dyn Node),
    /// A list field.
    List(Vec<Value<'a>>),
    /// An optional field that is unset: `ast.dump` omits it.
    Absent,
    /// A `None` list item (`kw_defaults`, `Dict.keys`): printed as `None`.
    None,
    /// An `int` field (`level`, `simple`, `is_async`, `conversion`).
    Int(i64),
    /// An identifier or string field, printed with `repr`.
    Str(&'a str),
    /// A constant, printed with `repr`.
    Constant(&'a Constant),
}

/// Reflective access to a node: what `ast.dump` needs and nothing more.
pub trait Node {
    /// The `ast` class name (`"FunctionDef"`, `"arguments"`, `"Load"` …).
    fn class_name(&self) -> &'static str;
    /// `_fields` with their values, in CPython's order.
    fn fields(&self) -> Vec<(&'static str, Value<'_>)>;
    /// The location attributes, for nodes that have `_attributes`.
    fn loc(&self) -> Option<&Loc> {
        None
    }
}

/// The first node found more than `limit` nodes below `node` (the root counts as
/// one), or `None` if the tree is no deeper. Recursion stops at `limit`, so this is
/// safe on trees of any depth that can be dropped.
pub fn node_deeper_than(node: &dyn Node, limit: u32) -> Option<&dyn Node> {
    let Some(below) = limit.checked_sub(1) else {
        return Some(node);
    };
    node.fields()
        .into_iter()
        .find_map(|(_, value)| value_deeper_than(value, below))
}

fn value_deeper_than(value: Value<'_>, limit: u32) -> Option<&dyn Node> {
    match value {
        Value::Node(child) => node_deeper_than(child, limit),
        Value::List(items) => items
            .into_iter()
            .find_map(|item| value_deeper_than(item, limit)),
        _ => None,
    }
}
