//! `int`: machine-word fast path, `num-bigint` beyond; sizes use CPython's 30-bit digit count.

use std::cmp::Ordering;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{alloc_object, alloc_object_in, free_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec};
use crate::tables::hash::{hash_bigint, hash_i64};

/// Smallest cached int.
pub const SMALL_INT_MIN: i64 = -5;
/// Largest cached int.
pub const SMALL_INT_MAX: i64 = 256;
/// Bits per CPython digit (`PyLong_SHIFT`).
pub const DIGIT_BITS: u64 = 30;

/// The value of an int: inline when it fits an `i64`, boxed otherwise (never both for one value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntValue {
    /// Fits in 64 bits.
    Small(i64),
    /// Does not fit in 64 bits.
    Big(Box<BigInt>),
}

impl IntValue {
    /// The canonical representation of `v`.
    pub fn from_bigint(v: BigInt) -> IntValue {
        match v.to_i64() {
            Some(i) => IntValue::Small(i),
            None => IntValue::Big(Box::new(v)),
        }
    }

    /// The value as a `BigInt`.
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntValue::Small(i) => BigInt::from(*i),
            IntValue::Big(b) => (**b).clone(),
        }
    }

    /// `int.bit_length()` of the absolute value.
    pub fn bit_length(&self) -> u64 {
        match self {
            IntValue::Small(i) => u64::from(64 - i.unsigned_abs().leading_zeros()),
            IntValue::Big(b) => b.bits(),
        }
    }

    /// Number of 30-bit digits CPython stores (`abs(Py_SIZE)`), 0 for zero.
    pub fn ndigits(&self) -> u64 {
        self.bit_length().div_ceil(DIGIT_BITS)
    }

    fn cmp_value(&self, other: &IntValue) -> Ordering {
        match (self, other) {
            (IntValue::Small(a), IntValue::Small(b)) => a.cmp(b),
            _ => self.to_bigint().cmp(&other.to_bigint()),
        }
    }
}

/// An `int` object (`PyLongObject`); also the layout of `bool`.
#[repr(C)]
pub struct PyInt {
    ob_base: PyObject,
    value: IntValue,
}

const _: () = assert!(size_of::<PyInt>() == 32, "header + one tagged word");

// SAFETY: #[repr(C)], header first; the check uses the LONG_SUBCLASS flag that only int and its
// subclasses (which share this layout) carry.
unsafe impl PyPayload for PyInt {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().int()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::LONG_SUBCLASS)
    }
}

/// `int`'s spec (basicsize 24, itemsize 4 as in CPython 3.11).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: crate::objects::int_methods::INT_METHODS,
        name: "int",
        basicsize: 24,
        itemsize: 4,
        flags: 0x0140_1500,
        slots: int_slots(),
    }
}

/// The slot table shared by `int` and `bool` (bool overrides `repr`).
pub(crate) fn int_slots() -> TypeSlots {
    TypeSlots {
        hash: Some(int_hash),
        repr: Some(int_repr),
        richcompare: Some(int_richcompare),
        sizeof: Some(int_sizeof),
        binop: Some(crate::objects::int_ops::int_binop),
        unary: Some(crate::objects::int_ops::int_unary),
        format: Some(crate::objects::int_methods::int_format_slot),
        ..TypeSlots::new(int_dealloc)
    }
}

/// Allocate an int of type `ty` (not via the cache).
pub(crate) fn new_in(py: Option<Python<'_>>, ty: NonNull<PyType>, value: IntValue) -> PyRef<PyInt> {
    // SAFETY: not a GC type; the body is fully written below before use.
    unsafe {
        let obj = match py {
            Some(py) => alloc_object(py, ty.as_ref(), size_of::<PyInt>()),
            None => alloc_object_in(None, ty, size_of::<PyInt>()),
        };
        let p = obj.cast::<PyInt>();
        std::ptr::addr_of_mut!((*p.as_ptr()).value).write(value);
        PyRef::from_raw(p)
    }
}

/// Allocate one small-int singleton during start-up.
pub(crate) fn new_small_in(ty: NonNull<PyType>, v: i64) -> PyRef<PyInt> {
    new_in(None, ty, IntValue::Small(v))
}

impl PyInt {
    /// An int with value `v`: the cached object for −5 … 256, a new one otherwise.
    #[inline]
    pub fn new(py: Python<'_>, v: i64) -> PyRef<PyInt> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
            let cache = &py.interp().singletons.small_ints;
            if let Some(r) = usize::try_from(v - SMALL_INT_MIN)
                .ok()
                .and_then(|i| cache.get(i))
            {
                return r.clone();
            }
        }
        new_in(
            Some(py),
            NonNull::from(py.types().int()),
            IntValue::Small(v),
        )
    }

    /// An int from an arbitrary-precision value (normalised; small values come from the cache).
    pub fn from_bigint(py: Python<'_>, v: BigInt) -> PyRef<PyInt> {
        match IntValue::from_bigint(v) {
            IntValue::Small(i) => PyInt::new(py, i),
            big => new_in(Some(py), NonNull::from(py.types().int()), big),
        }
    }

    /// The value.
    #[inline]
    pub fn value(&self) -> &IntValue {
        &self.value
    }

    /// The value if it fits an `i64`.
    #[inline]
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            IntValue::Small(i) => Some(i),
            IntValue::Big(_) => None,
        }
    }

    /// The value as a `BigInt`.
    pub fn to_bigint(&self) -> BigInt {
        self.value.to_bigint()
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }
}

unsafe fn int_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    let p = obj.cast::<PyInt>();
    // SAFETY: dead int: drop its value (frees a boxed BigInt) and the memory it was allocated with.
    unsafe {
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p.as_ptr()).value));
        free_object(py, obj, size_of::<PyInt>());
    }
}

fn as_int(obj: &PyObject) -> &PyInt {
    // SAFETY: only called from `int`'s own slots, which run on ints (and subclasses, same layout).
    unsafe { &*(obj as *const PyObject as *const PyInt) }
}

/// `int.__sizeof__`: 24 + 4 per 30-bit digit, zero counting as one digit (3.11.7).
fn int_sizeof(obj: &PyObject) -> usize {
    let d = as_int(obj).value.ndigits().max(1);
    24 + 4 * usize::try_from(d).unwrap_or(usize::MAX / 8)
}

/// `long_hash`: |n| mod (2**61 − 1) with the sign, −1 → −2.
pub fn hash_int(v: &IntValue) -> isize {
    (match v {
        IntValue::Small(i) => hash_i64(*i),
        IntValue::Big(b) => hash_bigint(b),
    }) as isize
}

fn int_hash(_py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(hash_int(&as_int(obj).value))
}

/// `sys.get_int_max_str_digits()` (default 4300; 0 = no limit).
pub static INT_MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(4300);

/// `str(n)` in base 10, with the 3.11 limit on the number of digits.
pub fn int_to_decimal_string(v: &IntValue) -> PyResult<String> {
    match v {
        IntValue::Small(i) => Ok(i.to_string()),
        IntValue::Big(b) => {
            let limit = INT_MAX_STR_DIGITS.load(AtomicOrdering::Relaxed);
            // Each 30-bit digit carries at most 9.04 decimal digits: skip obviously huge values.
            if limit > 0 && b.bits() / 4 > limit as u64 + 10 {
                return Err(str_digits_error(limit));
            }
            let s = b.to_string();
            let n = s.trim_start_matches('-').len();
            if limit > 0 && n > limit {
                return Err(str_digits_error(limit));
            }
            Ok(s)
        }
    }
}

fn str_digits_error(limit: usize) -> PyErr {
    PyErr::value_error(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit"
    ))
}

fn int_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    Ok(PyStr::new(py, &int_to_decimal_string(&as_int(obj).value)?))
}

fn int_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    match b.downcast_ref::<PyInt>(py) {
        Some(b) => Ok(py
            .bool(op.test(as_int(a).value.cmp_value(&b.value)))
            .into_object()),
        None => Ok(py.not_implemented()),
    }
}

/// True if the value is zero.
pub fn is_zero(v: &IntValue) -> bool {
    match v {
        IntValue::Small(i) => *i == 0,
        IntValue::Big(b) => b.is_zero(),
    }
}

/// True if the value is negative.
pub fn is_negative(v: &IntValue) -> bool {
    match v {
        IntValue::Small(i) => *i < 0,
        IntValue::Big(b) => b.is_negative(),
    }
}
