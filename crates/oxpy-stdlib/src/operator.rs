//! `operator` (CPython's `_operator`): the operators as functions, dispatched through the
//! objects' type slots exactly as the interpreter dispatches the operators themselves.

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef, arg_count_message};
use oxpy_vm::object::protocol::{is_true, rich_compare, rich_compare_bool};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::CompareOp;
use oxpy_vm::ops::{BinOp, UnaryOp};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::seq;
use crate::util::{binary_op, collect_iter, index, new_int, one_arg, pos_args};

macro_rules! operator_module {
    ($($name:literal => $func:path),* $(,)?) => {
        /// The `operator` module (CPython's `_operator`, including `operator.py`'s dunder
        /// aliases such as `__add__`).
        pub static OPERATOR: ModuleDef = ModuleDef {
            name: "_operator",
            doc: "Operator interface.\n\nThis module exports a set of functions implemented in C \
                  corresponding\nto the intrinsic operators of Python.  For example, \
                  operator.add(x, y)\nis equivalent to the expression x+y.  The function names \
                  are those\nused for special methods; variants without leading and trailing\n\
                  '__' are also provided for convenience.",
            methods: &[$(MethodDef::new($name, $func)),*],
            attrs: operator_attrs,
        };
    };
}

operator_module! {
    "add" => op_add, "sub" => op_sub, "mul" => op_mul, "matmul" => op_matmul,
    "truediv" => op_truediv, "floordiv" => op_floordiv, "mod" => op_mod, "pow" => op_pow,
    "lshift" => op_lshift, "rshift" => op_rshift, "and_" => op_and, "or_" => op_or,
    "xor" => op_xor, "concat" => op_concat,
    "neg" => op_neg, "pos" => op_pos, "abs" => op_abs, "inv" => op_inv, "invert" => op_invert,
    "not_" => op_not, "truth" => op_truth, "index" => op_index,
    "lt" => op_lt, "le" => op_le, "eq" => op_eq, "ne" => op_ne, "gt" => op_gt, "ge" => op_ge,
    "is_" => op_is, "is_not" => op_is_not,
    "contains" => op_contains, "countOf" => op_count_of, "indexOf" => op_index_of,
    "getitem" => op_getitem, "setitem" => op_setitem, "delitem" => op_delitem,
    "length_hint" => op_length_hint, "itemgetter" => crate::itemgetter::itemgetter_new,
    "__add__" => op_add, "__sub__" => op_sub, "__mul__" => op_mul, "__matmul__" => op_matmul,
    "__truediv__" => op_truediv, "__floordiv__" => op_floordiv, "__mod__" => op_mod,
    "__pow__" => op_pow, "__lshift__" => op_lshift, "__rshift__" => op_rshift,
    "__and__" => op_and, "__or__" => op_or, "__xor__" => op_xor, "__concat__" => op_concat,
    "__neg__" => op_neg, "__pos__" => op_pos, "__abs__" => op_abs, "__inv__" => op_inv,
    "__invert__" => op_invert, "__not__" => op_not, "__index__" => op_index,
    "__lt__" => op_lt, "__le__" => op_le, "__eq__" => op_eq, "__ne__" => op_ne,
    "__gt__" => op_gt, "__ge__" => op_ge, "__contains__" => op_contains,
    "__getitem__" => op_getitem, "__setitem__" => op_setitem, "__delitem__" => op_delitem,
}

fn operator_attrs(_py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(Vec::new())
}

/// The two operands of a binary function (`add expected 2 arguments, got 1`).
fn two<'a>(args: Args<'a>, name: &str) -> PyResult<(&'a PyRef, &'a PyRef)> {
    let pos = pos_args(args, &format!("_operator.{name}"), name, 2, 2)?;
    match pos {
        [a, b] => Ok((a, b)),
        _ => Err(PyErr::type_error(arg_count_message(name, 2, 2, pos.len()))),
    }
}

/// The operand of a unary function (`_operator.neg() takes exactly one argument (0 given)`).
fn one<'a>(args: Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    one_arg(args, &format!("_operator.{name}"))
}

macro_rules! binary_fns {
    ($($func:ident = $name:literal, $op:expr;)*) => {
        $(
            fn $func(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                let (a, b) = two(args, $name)?;
                binary_op(py, $op, a, b)
            }
        )*
    };
}

binary_fns! {
    op_add = "add", BinOp::Add;
    op_sub = "sub", BinOp::Subtract;
    op_mul = "mul", BinOp::Multiply;
    op_matmul = "matmul", BinOp::MatrixMultiply;
    op_truediv = "truediv", BinOp::TrueDivide;
    op_floordiv = "floordiv", BinOp::FloorDivide;
    op_mod = "mod", BinOp::Remainder;
    op_pow = "pow", BinOp::Power;
    op_lshift = "lshift", BinOp::Lshift;
    op_rshift = "rshift", BinOp::Rshift;
    op_and = "and_", BinOp::And;
    op_or = "or_", BinOp::Or;
    op_xor = "xor", BinOp::Xor;
}

/// `PyNumber_Negative` & co: the type's unary slot, else
/// `TypeError: bad operand type for unary -: 'str'`.
pub fn unary_op(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    match a.ob_type().slots.unary {
        Some(f) => f(py, op, a),
        None => Err(PyErr::type_error(format!(
            "bad operand type for {}: '{}'",
            op.symbol(),
            a.ob_type().name()
        ))),
    }
}

macro_rules! unary_fns {
    ($($func:ident = $name:literal, $op:expr;)*) => {
        $(
            fn $func(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                unary_op(py, $op, one(args, $name)?)
            }
        )*
    };
}

unary_fns! {
    op_neg = "neg", UnaryOp::Negative;
    op_pos = "pos", UnaryOp::Positive;
    op_abs = "abs", UnaryOp::Absolute;
    op_inv = "inv", UnaryOp::Invert;
    op_invert = "invert", UnaryOp::Invert;
}

fn op_not(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = one(args, "not_")?;
    Ok(py.bool(!is_true(py, a)).into_object())
}

fn op_truth(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = one(args, "truth")?;
    Ok(py.bool(is_true(py, a)).into_object())
}

fn op_index(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = one(args, "index")?;
    if std::ptr::eq(a.ob_type(), py.types().int()) {
        return Ok(a.clone());
    }
    Ok(new_int(py, index(py, a)?))
}

macro_rules! compare_fns {
    ($($func:ident = $name:literal, $op:expr;)*) => {
        $(
            fn $func(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                let (a, b) = two(args, $name)?;
                rich_compare(py, a, b, $op)
            }
        )*
    };
}

compare_fns! {
    op_lt = "lt", CompareOp::Lt;
    op_le = "le", CompareOp::Le;
    op_eq = "eq", CompareOp::Eq;
    op_ne = "ne", CompareOp::Ne;
    op_gt = "gt", CompareOp::Gt;
    op_ge = "ge", CompareOp::Ge;
}

fn op_is(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "is_")?;
    Ok(py.bool(a.is(b)).into_object())
}

fn op_is_not(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "is_not")?;
    Ok(py.bool(!a.is(b)).into_object())
}

/// The items of `a` for `in`/`countOf`/`indexOf` (`_PySequence_IterSearch`), with CPython's
/// "argument of type 'int' is not iterable".
fn search_items(py: Python<'_>, a: &PyObject) -> PyResult<Vec<PyRef>> {
    collect_iter(py, a).map_err(|e| {
        if e.message()
            .is_some_and(|m| m.ends_with("object is not iterable"))
        {
            PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                a.ob_type().name()
            ))
        } else {
            e
        }
    })
}

/// `PySequence_Contains(a, b)`: the type's slot, substring search for str/bytes, else
/// iteration comparing each `item == b`.
pub fn contains(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    if let Some(f) = a.ob_type().slots.contains {
        return f(py, a, b);
    }
    if let Some(s) = a.downcast_ref::<PyStr>(py) {
        let Some(needle) = b.downcast_ref::<PyStr>(py) else {
            return Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                b.ob_type().name()
            )));
        };
        let hay: Vec<u32> = s.code_points().collect();
        let pat: Vec<u32> = needle.code_points().collect();
        return Ok(pat.is_empty() || hay.windows(pat.len()).any(|w| w == pat.as_slice()));
    }
    if let Some(bytes) = a.downcast_ref::<PyBytes>(py) {
        let hay = bytes.as_bytes();
        if let Some(i) = b.downcast_ref::<PyInt>(py) {
            let v = i
                .as_i64()
                .filter(|v| (0..256).contains(v))
                .ok_or_else(|| PyErr::value_error("byte must be in range(0, 256)"))?;
            return Ok(hay.contains(&(v as u8)));
        }
        let Some(pat) = b.downcast_ref::<PyBytes>(py) else {
            return Err(PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                b.ob_type().name()
            )));
        };
        let pat = pat.as_bytes();
        return Ok(pat.is_empty() || hay.windows(pat.len()).any(|w| w == pat));
    }
    for item in search_items(py, a)? {
        if rich_compare_bool(py, &item, b, CompareOp::Eq)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn op_contains(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "contains")?;
    Ok(py.bool(contains(py, a, b)?).into_object())
}

fn op_count_of(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "countOf")?;
    let mut n: i64 = 0;
    for item in search_items(py, a)? {
        if rich_compare_bool(py, &item, b, CompareOp::Eq)? {
            n += 1;
        }
    }
    Ok(PyInt::new(py, n).into_object())
}

fn op_index_of(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "indexOf")?;
    for (i, item) in search_items(py, a)?.iter().enumerate() {
        if rich_compare_bool(py, item, b, CompareOp::Eq)? {
            return Ok(PyInt::new(py, i as i64).into_object());
        }
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}

/// True for the objects `PySequence_Check` accepts that we know of.
fn is_sequence(py: Python<'_>, a: &PyObject) -> bool {
    a.downcast_ref::<PyList>(py).is_some()
        || a.downcast_ref::<PyTuple>(py).is_some()
        || a.downcast_ref::<PyStr>(py).is_some()
        || a.downcast_ref::<PyBytes>(py).is_some()
        || (a.ob_type().slots.getitem.is_some()
            && !a
                .ob_type()
                .flags()
                .contains(oxpy_vm::objects::type_::TypeFlags::MAPPING))
}

fn op_concat(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "concat")?;
    if !is_sequence(py, a) {
        return Err(PyErr::type_error(format!(
            "'{}' object can't be concatenated",
            a.ob_type().name()
        )));
    }
    binary_op(py, BinOp::Add, a, b)
}

fn op_getitem(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "getitem")?;
    seq::getitem_obj(py, a, b)
}

fn op_setitem(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "_operator.setitem", "setitem", 3, 3)?;
    let [a, b, c] = pos else {
        return Err(PyErr::type_error(arg_count_message(
            "setitem",
            3,
            3,
            pos.len(),
        )));
    };
    seq::setitem_obj(py, a, b, Some(c.clone()))?;
    Ok(py.none())
}

fn op_delitem(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (a, b) = two(args, "delitem")?;
    seq::setitem_obj(py, a, b, None)?;
    Ok(py.none())
}

fn op_length_hint(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "_operator.length_hint", "length_hint", 1, 2)?;
    let (obj, default) = match pos {
        [o] => (o, None),
        [o, d] => (o, Some(d)),
        _ => return Err(PyErr::type_error(arg_count_message("length_hint", 1, 2, 0))),
    };
    let default = match default {
        Some(d) => index(py, d)?,
        None => 0.into(),
    };
    let has_len = obj.downcast_ref::<PyList>(py).is_some()
        || obj.downcast_ref::<PyTuple>(py).is_some()
        || obj.downcast_ref::<PyStr>(py).is_some()
        || obj.downcast_ref::<PyBytes>(py).is_some()
        || obj.ob_type().slots.len.is_some();
    if has_len {
        let n = seq::len(py, obj)?;
        return Ok(PyInt::new(py, i64::try_from(n).unwrap_or(i64::MAX)).into_object());
    }
    // `PyObject_LengthHint`: the type's `__length_hint__`, NotImplemented meaning "unknown".
    let name = oxpy_vm::objects::str::intern_str(py, "__length_hint__");
    if let Some(hint) = obj.ob_type().lookup(py, name.as_object())? {
        let r = oxpy_vm::eval::call::call1(py, &hint, std::slice::from_ref(obj))?;
        if r.is(&py.not_implemented()) {
            return Ok(new_int(py, default));
        }
        let Some(n) = r.downcast_ref::<PyInt>(py) else {
            return Err(PyErr::type_error(format!(
                "__length_hint__ must be an integer, not {}",
                r.ob_type().name()
            )));
        };
        if n.as_i64().is_some_and(|v| v < 0) {
            return Err(PyErr::value_error("__length_hint__() should return >= 0"));
        }
        return Ok(r);
    }
    Ok(new_int(py, default))
}
