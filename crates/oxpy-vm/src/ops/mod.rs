//! Operators: the `BINARY_OP`/`UNARY_*` operator enums and their dispatch (`PyNumber_*`).

/// Binary operators, numbered as `BINARY_OP`'s `NB_*` argument (`opcode._nb_ops`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u8)]
pub enum BinOp {
    /// `+`
    Add = 0,
    /// `&`
    And,
    /// `//`
    FloorDivide,
    /// `<<`
    Lshift,
    /// `@`
    MatrixMultiply,
    /// `*`
    Multiply,
    /// `%`
    Remainder,
    /// `|`
    Or,
    /// `**`
    Power,
    /// `>>`
    Rshift,
    /// `-`
    Subtract,
    /// `/`
    TrueDivide,
    /// `^`
    Xor,
}

impl BinOp {
    /// Every operator, in `NB_*` order.
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::And,
        BinOp::FloorDivide,
        BinOp::Lshift,
        BinOp::MatrixMultiply,
        BinOp::Multiply,
        BinOp::Remainder,
        BinOp::Or,
        BinOp::Power,
        BinOp::Rshift,
        BinOp::Subtract,
        BinOp::TrueDivide,
        BinOp::Xor,
    ];

    /// Decode a `BINARY_OP` argument: the operator and whether it is the in-place form.
    pub fn from_arg(arg: u32) -> Option<(BinOp, bool)> {
        let i = arg as usize;
        if i < 13 {
            Some((BinOp::ALL[i], false))
        } else {
            BinOp::ALL.get(i - 13).map(|&op| (op, true))
        }
    }

    /// The operator symbol used in error messages (`+`, `**`, …).
    pub fn symbol(self) -> &'static str {
        [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
        ][self as usize]
    }

    /// The in-place symbol (`+=`, …).
    pub fn inplace_symbol(self) -> &'static str {
        [
            "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
        ][self as usize]
    }

    /// The method name (`__add__`).
    pub fn dunder(self) -> &'static str {
        [
            "__add__",
            "__and__",
            "__floordiv__",
            "__lshift__",
            "__matmul__",
            "__mul__",
            "__mod__",
            "__or__",
            "__pow__",
            "__rshift__",
            "__sub__",
            "__truediv__",
            "__xor__",
        ][self as usize]
    }

    /// The reflected method name (`__radd__`).
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__",
            "__rand__",
            "__rfloordiv__",
            "__rlshift__",
            "__rmatmul__",
            "__rmul__",
            "__rmod__",
            "__ror__",
            "__rpow__",
            "__rrshift__",
            "__rsub__",
            "__rtruediv__",
            "__rxor__",
        ][self as usize]
    }

    /// The in-place method name (`__iadd__`).
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__",
            "__iand__",
            "__ifloordiv__",
            "__ilshift__",
            "__imatmul__",
            "__imul__",
            "__imod__",
            "__ior__",
            "__ipow__",
            "__irshift__",
            "__isub__",
            "__itruediv__",
            "__ixor__",
        ][self as usize]
    }
}

/// Unary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum UnaryOp {
    /// `-x` (`__neg__`)
    Negative,
    /// `+x` (`__pos__`)
    Positive,
    /// `~x` (`__invert__`)
    Invert,
    /// `abs(x)` (`__abs__`)
    Absolute,
}

impl UnaryOp {
    /// The symbol in "bad operand type for unary -: 'str'" messages (`abs()` for `Absolute`).
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Negative => "unary -",
            UnaryOp::Positive => "unary +",
            UnaryOp::Invert => "unary ~",
            UnaryOp::Absolute => "abs()",
        }
    }

    /// The method name.
    pub fn dunder(self) -> &'static str {
        match self {
            UnaryOp::Negative => "__neg__",
            UnaryOp::Positive => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Absolute => "__abs__",
        }
    }
}
