//! `float`: a boxed `f64`, CPython's repr and hash.

use std::cmp::Ordering;
use std::ptr::NonNull;

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::int::{IntValue, PyInt};
use crate::objects::object::hash_pointer;
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};
use crate::tables::hash::hash_f64;

/// A `float` object (`PyFloatObject`): header + value, 24 bytes as in CPython.
#[repr(C)]
pub struct PyFloat {
    ob_base: PyObject,
    value: std::cell::Cell<f64>,
}

const _: () = assert!(size_of::<PyFloat>() == 24);

// SAFETY: #[repr(C)], header first; float subclasses keep this layout.
unsafe impl PyPayload for PyFloat {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().float()
    }
}

/// `float`'s spec (basicsize 24, `__flags__` 0x401500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: crate::objects::float_methods::FLOAT_METHODS,
        name: "float",
        basicsize: 24,
        itemsize: 0,
        flags: 0x0040_1500,
        slots: TypeSlots {
            hash: Some(float_hash),
            repr: Some(float_repr),
            richcompare: Some(float_richcompare),
            binop: Some(crate::objects::float_ops::float_binop),
            unary: Some(crate::objects::float_ops::float_unary),
            format: Some(crate::objects::float_methods::float_format_slot),
            ..TypeSlots::new(float_dealloc)
        },
    }
}

impl PyFloat {
    /// A new float.
    #[inline]
    pub fn new(py: Python<'_>, value: f64) -> PyRef<PyFloat> {
        let ty = py.types().float();
        // SAFETY: not a GC type; a recycled float gets a fresh header (count 1, type float) and
        // the value is written before the handle is made.
        unsafe {
            let p = match crate::objects::free_list::float_pop() {
                Some(p) => {
                    p.as_ptr().write(PyObject::new_header(NonNull::from(ty)));
                    p
                }
                None => alloc_object(py, ty, size_of::<PyFloat>()),
            }
            .cast::<PyFloat>();
            std::ptr::addr_of_mut!((*p.as_ptr()).value).write(std::cell::Cell::new(value));
            PyRef::from_raw(p)
        }
    }

    /// The value.
    #[inline]
    pub fn value(&self) -> f64 {
        self.value.get()
    }

    /// Overwrite the value of a float nobody else references (the eval loop reusing a
    /// temporary's box for an arithmetic result).
    ///
    /// Floats are immutable to Python code: only call this with the only reference to an
    /// exact float in hand.
    #[inline]
    pub(crate) fn set_value(&self, value: f64) {
        self.value.set(value);
    }
}

unsafe fn float_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // Only exact floats come here (subclass instances have their own dealloc); keep up to
    // `PyFloat_MAXFREELIST` of them as CPython does.
    if crate::objects::free_list::float_push(obj) {
        return;
    }
    // SAFETY: dead float allocated with this size; `f64` needs no drop.
    unsafe { free_object(py, obj, size_of::<PyFloat>()) }
}

fn as_float(obj: &PyObject) -> &PyFloat {
    // SAFETY: only called from float's own slots.
    unsafe { &*(obj as *const PyObject as *const PyFloat) }
}

/// The shortest round-tripping digits of a finite `v` in Rust's `d.ddde±x` form (`-0e0` for -0.0).
///
/// Rust's `{:e}` finds the shortest length; when two strings of that length are equally near,
/// Gay's dtoa (CPython) takes the even one if it round-trips, which is what correctly rounding
/// the exact value to the same number of digits gives.
pub fn float_repr_digits(v: f64) -> String {
    let shortest = format!("{v:e}");
    let ndigits = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    // Two equally near candidates both within half an ulp need ≥ 16 significant digits.
    if ndigits < 16 {
        return shortest;
    }
    // The nearer-even candidate must still round-trip: next to a power of two the rounding
    // interval is lopsided and only the other one may (2**-24 → ...063e-08).
    let even = format!("{v:.*e}", ndigits - 1);
    if even.parse::<f64>().ok() == Some(v) {
        even
    } else {
        shortest
    }
}

/// `float_repr`: the shortest round-tripping digits; exponent notation when the decimal exponent
/// of `d.ddd × 10**x` is below −4 or at least 16 (cpython-rules 7.2).
pub fn float_repr_string(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = float_repr_digits(v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let mut m = String::new();
        m.push_str(&digits[..1]);
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{m}e{esign}{:02}", exp.unsigned_abs());
    }
    let n = digits.len() as i32;
    let point = exp + 1; // digits before the decimal point
    let body = if point <= 0 {
        format!("0.{}{}", "0".repeat(point.unsigned_abs() as usize), digits)
    } else if point >= n {
        format!("{}{}.0", digits, "0".repeat((point - n) as usize))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{body}")
}

fn float_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    Ok(PyStr::new(py, &float_repr_string(as_float(obj).value())))
}

fn float_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(hash_f64(as_float(obj).value()).map_or_else(|| hash_pointer(obj), |h| h as isize))
}

/// Exact comparison of a float with an int (`float_richcompare`'s int branch); `None` for NaN.
fn cmp_float_int(f: f64, i: &IntValue) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let IntValue::Small(n) = i
        && n.unsigned_abs() < (1 << 53)
    {
        return f.partial_cmp(&(*n as f64));
    }
    let whole = f.trunc();
    let big = BigInt::from_f64(whole)?;
    match big.cmp(&i.to_bigint()) {
        Ordering::Equal => (f - whole).partial_cmp(&0.0),
        o => Some(o),
    }
}

fn float_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let x = as_float(a).value();
    let ord = if let Some(bf) = b.downcast_ref::<PyFloat>(py) {
        x.partial_cmp(&bf.value())
    } else if let Some(bi) = b.downcast_ref::<PyInt>(py) {
        cmp_float_int(x, bi.value())
    } else {
        return Ok(py.not_implemented());
    };
    let r = match ord {
        Some(o) => op.test(o),
        None => op == CompareOp::Ne,
    };
    Ok(py.bool(r).into_object())
}
