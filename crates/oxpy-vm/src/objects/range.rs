//! `range` (`rangeobject.c`): start/stop/step/length kept as int objects, so arbitrarily large
//! bounds work; machine-word fast paths for length, indexing, `in` and iteration.

use std::ptr::NonNull;

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::iter::{get_iter, iter_next};
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::seq_iter::{alloc_with, longrange_iter_new, range_iter_new};
use crate::objects::slice::{PySlice, number_index, slice_indices_method};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};

/// A `range` object (`rangeobject`): 48 bytes, not a GC type.
#[repr(C)]
pub struct PyRange {
    ob_base: PyObject,
    start: PyRef<PyInt>,
    stop: PyRef<PyInt>,
    step: PyRef<PyInt>,
    length: PyRef<PyInt>,
}

const _: () = assert!(size_of::<PyRange>() == 48);

// SAFETY: #[repr(C)], header first; `range` cannot be subclassed.
unsafe impl PyPayload for PyRange {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().range()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().range())
    }
}

static RANGE_METHODS: [MethodDef; 3] = [
    MethodDef::new("count", range_count),
    MethodDef::new("index", range_index),
    MethodDef::new("__reversed__", range_reversed),
];

/// `range`'s spec (basicsize 48, `__flags__` 0x1120).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &RANGE_METHODS,
        name: "range",
        basicsize: 48,
        itemsize: 0,
        flags: 0x1120,
        slots: TypeSlots {
            hash: Some(range_hash),
            repr: Some(range_repr),
            richcompare: Some(range_richcompare),
            len: Some(range_len),
            getitem: Some(range_subscript),
            contains: Some(range_contains),
            iter: Some(range_iter),
            attr: Some(range_attr),
            ..TypeSlots::new(range_dealloc)
        },
    }
}

/// `compute_range_length`: the number of values in `range(start, stop, step)`.
pub fn range_length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, step) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        BigInt::zero()
    } else {
        (hi - lo - 1u32) / step + 1u32
    }
}

impl PyRange {
    /// A range from normalised bounds (`step != 0`).
    pub fn new(py: Python<'_>, start: BigInt, stop: BigInt, step: BigInt) -> PyRef<PyRange> {
        let length = range_length(&start, &stop, &step);
        let (start, stop, step, length) = (
            PyInt::from_bigint(py, start),
            PyInt::from_bigint(py, stop),
            PyInt::from_bigint(py, step),
            PyInt::from_bigint(py, length),
        );
        Self::from_parts(py, start, stop, step, length)
    }

    /// A range of these int objects (`step != 0`, `length` computed from the others).
    fn from_parts(
        py: Python<'_>,
        start: PyRef<PyInt>,
        stop: PyRef<PyInt>,
        step: PyRef<PyInt>,
        length: PyRef<PyInt>,
    ) -> PyRef<PyRange> {
        // SAFETY: all four fields are written; `range` is not a GC type.
        unsafe {
            alloc_with::<PyRange>(py, py.types().range(), |p| {
                std::ptr::addr_of_mut!((*p).start).write(start);
                std::ptr::addr_of_mut!((*p).stop).write(stop);
                std::ptr::addr_of_mut!((*p).step).write(step);
                std::ptr::addr_of_mut!((*p).length).write(length);
            })
        }
    }

    /// `range.start`.
    pub fn start(&self) -> &PyRef<PyInt> {
        &self.start
    }

    /// `range.stop`.
    pub fn stop(&self) -> &PyRef<PyInt> {
        &self.stop
    }

    /// `range.step`.
    pub fn step(&self) -> &PyRef<PyInt> {
        &self.step
    }

    /// The length as an int object (may exceed `isize`).
    pub fn length(&self) -> &PyRef<PyInt> {
        &self.length
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// Machine-word view `(start, step, len)` when all of them fit an `i64`.
    fn small(&self) -> Option<(i64, i64, i64)> {
        Some((
            self.start.as_i64()?,
            self.step.as_i64()?,
            self.length.as_i64()?,
        ))
    }

    /// `start + i * step` for `0 <= i < len` (`compute_item`).
    fn item(&self, py: Python<'_>, i: &BigInt) -> PyRef {
        if let (Some((start, step, _)), Some(i)) = (self.small(), i.to_i64()) {
            let v = i128::from(start) + i128::from(i) * i128::from(step);
            if let Ok(v) = i64::try_from(v) {
                return PyInt::new(py, v).into_object();
            }
        }
        let v = self.start.to_bigint() + i * self.step.to_bigint();
        PyInt::from_bigint(py, v).into_object()
    }
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("range")?;
    let pos = args.pos();
    if let Some(r) = range_new_small(py, pos) {
        return Ok(r.into_object());
    }
    let idx = |o: &PyObject| number_index(py, o).map(|i| i.to_bigint());
    let (start, stop, step) = match pos {
        [stop] => (BigInt::zero(), idx(stop)?, BigInt::one()),
        [start, stop] => (idx(start)?, idx(stop)?, BigInt::one()),
        [start, stop, step] => {
            let (a, b, c) = (idx(start)?, idx(stop)?, idx(step)?);
            if c.is_zero() {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
        [] => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ));
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {}",
                pos.len()
            )));
        }
    };
    Ok(PyRange::new(py, start, stop, step).into_object())
}

/// `range(...)` of exact ints that fit in 64 bits, computed without big ints. As CPython's
/// `range_new`, the bounds are the argument objects themselves (`PyNumber_Index` of an exact
/// int is that int) and the length is a new int; `None` leaves every other case (and every
/// error) to the general path.
fn range_new_small(py: Python<'_>, pos: &[PyRef]) -> Option<PyRef<PyRange>> {
    let small = |o: &PyRef| -> Option<(PyRef<PyInt>, i64)> {
        if !PyInt::is_exact_type_of(py, o) {
            return None;
        }
        let i = o.clone().downcast::<PyInt>(py).ok()?;
        let v = i.as_i64()?;
        Some((i, v))
    };
    let ((start, a), (stop, b), (step, c)) = match pos {
        [stop] => ((PyInt::new(py, 0), 0), small(stop)?, (PyInt::new(py, 1), 1)),
        [start, stop] => (small(start)?, small(stop)?, (PyInt::new(py, 1), 1)),
        [start, stop, step] => (small(start)?, small(stop)?, small(step)?),
        _ => return None,
    };
    if c == 0 {
        return None;
    }
    let (lo, hi, step_abs) = if c > 0 {
        (i128::from(a), i128::from(b), i128::from(c))
    } else {
        (i128::from(b), i128::from(a), -i128::from(c))
    };
    let len = if lo >= hi {
        0
    } else {
        (hi - lo - 1) / step_abs + 1
    };
    let length = PyInt::new(py, i64::try_from(len).ok()?);
    Some(PyRange::from_parts(py, start, stop, step, length))
}

unsafe fn range_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead range: drop its four ints and free.
    unsafe {
        let p = obj.cast::<PyRange>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).start));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).stop));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).step));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).length));
        free_object(py, obj, size_of::<PyRange>());
    }
}

/// `range.start`, `.stop`, `.step` (`range_members`): the objects the range was made from.
fn range_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(r) = obj.downcast_ref::<PyRange>(py) else {
        return Ok(None);
    };
    Ok(match name {
        "start" => Some(r.start.clone().into_object()),
        "stop" => Some(r.stop.clone().into_object()),
        "step" => Some(r.step.clone().into_object()),
        _ => None,
    })
}

fn as_range<'a>(py: Python<'_>, obj: &'a PyObject) -> PyResult<&'a PyRange> {
    obj.downcast_ref::<PyRange>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'range' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// `range(0, 5)`, `range(0, 10, 2)`.
fn range_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let r = as_range(py, obj)?;
    let mut text = format!(
        "range({}, {}",
        protocol::repr(py, r.start.as_object())?.to_string_lossy(),
        protocol::repr(py, r.stop.as_object())?.to_string_lossy()
    );
    if r.step.as_i64() != Some(1) {
        text.push_str(", ");
        text.push_str(&protocol::repr(py, r.step.as_object())?.to_string_lossy());
    }
    text.push(')');
    Ok(PyStr::new(py, &text))
}

/// `len(range)`: `OverflowError` beyond `isize`.
pub fn range_len(py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    let r = as_range(py, obj)?;
    r.length
        .to_bigint()
        .to_isize()
        .map(|n| n as usize)
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))
}

/// `range[i]` (any int size) and `range[slice]` (a new range).
pub fn range_subscript(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let r = as_range(py, obj)?;
    if let Some(i) = key.downcast_ref::<PyInt>(py) {
        let len = r.length.to_bigint();
        let mut i = i.to_bigint();
        if i.is_negative() {
            i += &len;
        }
        if i.is_negative() || i >= len {
            return Err(PyErr::index_error("range object index out of range"));
        }
        return Ok(r.item(py, &i));
    }
    if key.downcast_ref::<PySlice>(py).is_some() {
        let idx =
            slice_indices_method(py, key, Args::positional(&[r.length.clone().into_object()]))?;
        let t = idx
            .downcast_ref::<PyTuple>(py)
            .map(|t| t.as_slice().to_vec())
            .unwrap_or_default();
        let get = |k: usize| {
            t.get(k)
                .and_then(|v| v.downcast_ref::<PyInt>(py))
                .map(PyInt::to_bigint)
                .unwrap_or_default()
        };
        let (istart, istop, istep) = (get(0), get(1), get(2));
        let (start, step) = (r.start.to_bigint(), r.step.to_bigint());
        let new_start = &start + istart * &step;
        let new_stop = &start + istop * &step;
        let new_step = step * istep;
        return Ok(PyRange::new(py, new_start, new_stop, new_step).into_object());
    }
    Err(PyErr::type_error(format!(
        "range indices must be integers or slices, not {}",
        key.ob_type().name()
    )))
}

/// True if `ob` is an exact `int` or a `bool` (the arithmetic fast path of `in`/`index`/`count`).
fn is_exact_int(py: Python<'_>, ob: &PyObject) -> bool {
    PyInt::is_exact_type_of(py, ob) || std::ptr::eq(ob.ob_type(), py.types().bool_())
}

/// `range_contains_long`.
fn contains_int(r: &PyRange, v: &PyInt) -> bool {
    if let (Some((start, step, len)), Some(v)) = (r.small(), v.as_i64()) {
        if len == 0 {
            return false;
        }
        let (start, step, v) = (i128::from(start), i128::from(step), i128::from(v));
        let last = start + step * (i128::from(len) - 1);
        let (lo, hi) = if step > 0 {
            (start, last)
        } else {
            (last, start)
        };
        return lo <= v && v <= hi && (v - start) % step == 0;
    }
    let (start, stop, step, v) = (
        r.start.to_bigint(),
        r.stop.to_bigint(),
        r.step.to_bigint(),
        v.to_bigint(),
    );
    let inside = if step.is_positive() {
        start <= v && v < stop
    } else {
        stop < v && v <= start
    };
    inside && ((v - start) % step).is_zero()
}

/// `x in range`: arithmetic for ints, a linear scan (`item == x`) otherwise.
pub fn range_contains(py: Python<'_>, obj: &PyObject, ob: &PyObject) -> PyResult<bool> {
    let r = as_range(py, obj)?;
    if is_exact_int(py, ob)
        && let Some(v) = ob.downcast_ref::<PyInt>(py)
    {
        return Ok(contains_int(r, v));
    }
    let it = get_iter(py, obj)?;
    while let Some(item) = iter_next(py, &it)? {
        if protocol::rich_compare_bool(py, &item, ob, CompareOp::Eq)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `range_equals`: same sequence of values.
fn range_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PyRange>(py) else {
        return Ok(py.not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py.not_implemented());
    }
    let a = as_range(py, a)?;
    let eq = a.as_object().is(b.as_object()) || {
        let len = a.length.to_bigint();
        len == b.length.to_bigint()
            && (len.is_zero()
                || (a.start.to_bigint() == b.start.to_bigint()
                    && (len.is_one() || a.step.to_bigint() == b.step.to_bigint())))
    };
    Ok(py.bool(eq == (op == CompareOp::Eq)).into_object())
}

/// `range_hash`: `hash((len, start, step))` with `None` for the parts that do not matter.
fn range_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let r = as_range(py, obj)?;
    let len = r.length.to_bigint();
    let (s, st) = if len.is_zero() {
        (py.none(), py.none())
    } else if len.is_one() {
        (r.start.clone().into_object(), py.none())
    } else {
        (r.start.clone().into_object(), r.step.clone().into_object())
    };
    let t = PyTuple::from_array(py, [r.length.clone().into_object(), s, st]);
    protocol::hash(py, t.as_object())
}

/// `iter(range)`: a `range_iterator` when everything fits a machine word, else a
/// `longrange_iterator`.
pub fn range_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let r = as_range(py, obj)?;
    if let (Some(start), Some(_), Some(step), Some(len)) = (
        r.start.as_i64(),
        r.stop.as_i64(),
        r.step.as_i64(),
        r.length.as_i64(),
    ) {
        return Ok(range_iter_new(py, start, step, len));
    }
    Ok(longrange_iter_new(
        py,
        r.start.to_bigint(),
        r.step.to_bigint(),
        r.length.to_bigint(),
    ))
}

/// `reversed(range)` / `range.__reversed__()`.
pub fn range_reversed(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("range.__reversed__", 0, 0)?;
    range_reversed_iter(py, this)
}

/// The iterator behind `reversed(range)` (`range_reverse`).
pub fn range_reversed_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let r = as_range(py, obj)?;
    if let (Some(start), Some(_), Some(step), Some(len)) = (
        r.start.as_i64(),
        r.stop.as_i64(),
        r.step.as_i64(),
        r.length.as_i64(),
    ) && step != i64::MIN
        && let Some(new_stop) = start.checked_sub(step)
    {
        let new_start = i128::from(new_stop) + i128::from(len) * i128::from(step);
        if let Ok(new_start) = i64::try_from(new_start) {
            return Ok(range_iter_new(py, new_start, -step, len));
        }
    }
    let (start, step, len) = (
        r.start.to_bigint(),
        r.step.to_bigint(),
        r.length.to_bigint(),
    );
    let new_start = &start + (&len - 1u32) * &step;
    Ok(longrange_iter_new(py, new_start, -step, len))
}

/// `range.count(x)`.
pub fn range_count(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("range.count", 1, 1)?;
    let r = as_range(py, this)?;
    let ob = &pos[0];
    if is_exact_int(py, ob)
        && let Some(v) = ob.downcast_ref::<PyInt>(py)
    {
        return Ok(PyInt::new(py, i64::from(contains_int(r, v))).into_object());
    }
    let it = get_iter(py, this)?;
    let mut n = 0i64;
    while let Some(item) = iter_next(py, &it)? {
        if protocol::rich_compare_bool(py, &item, ob, CompareOp::Eq)? {
            n += 1;
        }
    }
    Ok(PyInt::new(py, n).into_object())
}

/// `range.index(x)`.
pub fn range_index(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("range.index", 1, 1)?;
    let r = as_range(py, this)?;
    let ob = &pos[0];
    if is_exact_int(py, ob)
        && let Some(v) = ob.downcast_ref::<PyInt>(py)
    {
        if !contains_int(r, v) {
            return Err(PyErr::value_error(format!(
                "{} is not in range",
                protocol::repr(py, ob)?.to_string_lossy()
            )));
        }
        let i = (v.to_bigint() - r.start.to_bigint()) / r.step.to_bigint();
        return Ok(PyInt::from_bigint(py, i).into_object());
    }
    let it = get_iter(py, this)?;
    let mut i = 0i64;
    while let Some(item) = iter_next(py, &it)? {
        if protocol::rich_compare_bool(py, &item, ob, CompareOp::Eq)? {
            return Ok(PyInt::new(py, i).into_object());
        }
        i += 1;
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}
