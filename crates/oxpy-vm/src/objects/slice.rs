//! `slice` objects (`PySliceObject`) and the index conversions every sequence uses
//! (`PyNumber_Index`, `PyNumber_AsSsize_t`, `_PyEval_SliceIndex`, `PySlice_GetIndicesEx`).

use std::ops::ControlFlow;
use std::ptr::NonNull;

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::{alloc_object, free_object};
use crate::object::protocol;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::free_list;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};

/// A `slice` object: three references (40 bytes + 16 GC head, as CPython).
#[repr(C)]
pub struct PySlice {
    ob_base: PyObject,
    start: PyRef,
    stop: PyRef,
    step: PyRef,
}

const _: () = assert!(size_of::<PySlice>() == 40);

// SAFETY: #[repr(C)], header first; `slice` cannot be subclassed, so the exact check suffices.
unsafe impl PyPayload for PySlice {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().slice()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().slice())
    }
}

static SLICE_METHODS: [MethodDef; 1] = [MethodDef::new("indices", slice_indices_method)];

/// `slice`'s spec (basicsize 40, `__flags__` 0x5100; unhashable in 3.11).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &SLICE_METHODS,
        name: "slice",
        basicsize: 40,
        itemsize: 0,
        flags: 0x5100,
        slots: TypeSlots {
            traverse: Some(slice_traverse),
            hash: None,
            repr: Some(slice_repr),
            richcompare: Some(slice_richcompare),
            attr: Some(slice_attr),
            ..TypeSlots::new(slice_dealloc)
        },
    }
}

impl PySlice {
    /// `PySlice_New(start, stop, step)`; tracked from creation. Reuses the one cached dead
    /// slice when there is one (no GC allocation then, as in CPython).
    pub fn new(py: Python<'_>, start: PyRef, stop: PyRef, step: PyRef) -> PyRef<PySlice> {
        let obj = match free_list::pop(py, free_list::SLICE_CACHE) {
            Some(obj) => obj,
            // SAFETY: the fields are written below before use.
            None => unsafe { alloc_object(py, py.types().slice(), size_of::<PySlice>()) },
        };
        // SAFETY: every field is written before the object is used.
        let s = unsafe {
            let p = obj.cast::<PySlice>();
            std::ptr::addr_of_mut!((*p.as_ptr()).start).write(start);
            std::ptr::addr_of_mut!((*p.as_ptr()).stop).write(stop);
            std::ptr::addr_of_mut!((*p.as_ptr()).step).write(step);
            PyRef::from_raw(p)
        };
        gc::track(py, &s.ob_base);
        s
    }

    /// `slice.start`.
    pub fn start(&self) -> &PyRef {
        &self.start
    }

    /// `slice.stop`.
    pub fn stop(&self) -> &PyRef {
        &self.stop
    }

    /// `slice.step`.
    pub fn step(&self) -> &PyRef {
        &self.step
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }
}

/// `slice.start`, `.stop`, `.step` (`slice_members`).
fn slice_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(s) = obj.downcast_ref::<PySlice>(py) else {
        return Ok(None);
    };
    Ok(match name {
        "start" => Some(s.start.clone()),
        "stop" => Some(s.stop.clone()),
        "step" => Some(s.step.clone()),
        _ => None,
    })
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub fn slice_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("slice")?;
    let pos = args.pos();
    let none = || py.none();
    let (start, stop, step) = match pos {
        [stop] => (none(), stop.clone(), none()),
        [start, stop] => (start.clone(), stop.clone(), none()),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        [] => {
            return Err(PyErr::type_error(
                "slice expected at least 1 argument, got 0",
            ));
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "slice expected at most 3 arguments, got {}",
                pos.len()
            )));
        }
    };
    Ok(PySlice::new(py, start, stop, step).into_object())
}

unsafe fn slice_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead slice: untrack, drop its three references, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PySlice>().as_ptr();
        // `slice_dealloc`'s order: step, start, stop.
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).step));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).start));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).stop));
        if free_list::push(py, free_list::SLICE_CACHE, 1, obj) {
            return;
        }
        free_object(py, obj, size_of::<PySlice>());
    }
}

fn as_slice_obj(obj: &PyObject) -> &PySlice {
    // SAFETY: only called from slice's own slots and methods.
    unsafe { &*(obj as *const PyObject as *const PySlice) }
}

fn slice_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let s = as_slice_obj(obj);
    visit(&s.start)?;
    visit(&s.stop)?;
    visit(&s.step)
}

/// `slice(1, 2, None)`.
fn slice_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let s = as_slice_obj(obj);
    let text = format!(
        "slice({}, {}, {})",
        protocol::repr(py, &s.start)?.to_string_lossy(),
        protocol::repr(py, &s.stop)?.to_string_lossy(),
        protocol::repr(py, &s.step)?.to_string_lossy()
    );
    Ok(PyStr::new(py, &text))
}

/// `slice_richcompare`: compare `(start, stop, step)` tuples.
fn slice_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PySlice>(py) else {
        return Ok(py.not_implemented());
    };
    let a = as_slice_obj(a);
    if a.as_object().is(b.as_object()) && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py.bool(op == CompareOp::Eq).into_object());
    }
    let ta = PyTuple::from_array(py, [a.start.clone(), a.stop.clone(), a.step.clone()]);
    let tb = PyTuple::from_array(py, [b.start.clone(), b.stop.clone(), b.step.clone()]);
    protocol::rich_compare(py, ta.as_object(), tb.as_object(), op)
}

/// `slice.indices(length)`: `(start, stop, step)` normalised for a sequence of that length,
/// computed on arbitrary-precision ints (`_PySlice_GetLongIndices`).
pub fn slice_indices_method(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("slice.indices", 1, 1)?;
    let s = as_slice_obj(this);
    let length = number_index(py, &pos[0])?.to_bigint();
    if length.is_negative() {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let step = if py.is_none(&s.step) {
        BigInt::one()
    } else {
        let st = slice_index_big(py, &s.step)?;
        if st.is_zero() {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        st
    };
    let negative = step.is_negative();
    let (lower, upper) = if negative {
        (BigInt::from(-1), &length - 1)
    } else {
        (BigInt::zero(), length.clone())
    };
    let adjust = |v: &PyObject, default: &BigInt| -> PyResult<BigInt> {
        if py.is_none(v) {
            return Ok(default.clone());
        }
        let mut i = slice_index_big(py, v)?;
        if i.is_negative() {
            i += &length;
            if i < lower {
                i = lower.clone();
            }
        } else if i > upper {
            i = upper.clone();
        }
        Ok(i)
    };
    let start = adjust(&s.start, if negative { &upper } else { &lower })?;
    let stop = adjust(&s.stop, if negative { &lower } else { &upper })?;
    let items = [start, stop, step].map(|v| PyInt::from_bigint(py, v).into_object());
    Ok(PyTuple::from_array(py, items).into_object())
}

fn slice_index_big(py: Python<'_>, v: &PyObject) -> PyResult<BigInt> {
    match slice_index_int(py, v)? {
        Some(i) => Ok(i.to_bigint()),
        None => Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `PyIndex_Check`: the object can be used as an index (an `int`, `bool` or subclass).
#[inline]
pub fn is_index(py: Python<'_>, obj: &PyObject) -> bool {
    obj.is_instance_of::<PyInt>(py)
}

/// `PyNumber_Index(obj)`: the object as an int (its `__index__` for class instances), else
/// `TypeError: 'X' object cannot be interpreted as an integer`.
pub fn number_index(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyInt>> {
    if let Ok(i) = obj.to_owned_ref().downcast::<PyInt>(py) {
        return Ok(i);
    }
    match index_dunder(py, obj)? {
        Some(i) => Ok(i),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        ))),
    }
}

/// `nb_index` of a class instance: its `__index__()`, which must return an int; `None` if the
/// class has none.
pub fn index_dunder(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef<PyInt>>> {
    let ty = obj.ob_type();
    if !ty.is_heap() {
        return Ok(None);
    }
    let Some(f) = ty.lookup(
        py,
        crate::objects::str::intern_str(py, "__index__").as_object(),
    )?
    else {
        return Ok(None);
    };
    if py.is_none(&f) {
        return Ok(None);
    }
    let r = crate::eval::call::call1(py, &f, &[obj.to_owned_ref()])?;
    r.downcast::<PyInt>(py).map(Some).map_err(|r| {
        PyErr::type_error(format!(
            "__index__ returned non-int (type {})",
            r.ob_type().name()
        ))
    })
}

/// `PyNumber_AsSsize_t(obj, exc)`: an index as `isize`. A value out of range raises `overflow`
/// with "cannot fit 'int' into an index-sized integer", or is clamped when `overflow` is `None`.
pub fn as_ssize(py: Python<'_>, obj: &PyObject, overflow: Option<ExcKind>) -> PyResult<isize> {
    let i = number_index(py, obj)?;
    int_to_ssize(i.value(), overflow)
}

fn int_to_ssize(v: &IntValue, overflow: Option<ExcKind>) -> PyResult<isize> {
    let fits = match v {
        IntValue::Small(x) => isize::try_from(*x).ok(),
        IntValue::Big(b) => b.to_isize(),
    };
    match (fits, overflow) {
        (Some(x), _) => Ok(x),
        (None, Some(kind)) => Err(PyErr::new(
            kind,
            format!("cannot fit '{}' into an index-sized integer", "int"),
        )),
        (None, None) if crate::objects::int::is_negative(v) => Ok(isize::MIN),
        (None, None) => Ok(isize::MAX),
    }
}

/// A sequence index (`PyNumber_AsSsize_t(obj, PyExc_IndexError)`): `IndexError: cannot fit 'int'
/// into an index-sized integer` when out of range. The caller checks [`is_index`] first.
pub fn index_of(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    as_ssize(py, obj, Some(ExcKind::IndexError))
}

/// An Argument-Clinic `Py_ssize_t` argument (`list.pop(i)`): `TypeError: 'X' object cannot be
/// interpreted as an integer`, `OverflowError: Python int too large to convert to C ssize_t`.
pub fn ssize_arg(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let fits = match number_index(py, obj)?.value() {
        IntValue::Small(x) => isize::try_from(*x).ok(),
        IntValue::Big(b) => b.to_isize(),
    };
    fits.ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))
}

/// `_PyEval_SliceIndex`: `None` keeps `default`; an int is clamped to the `isize` range;
/// anything else is `TypeError: slice indices must be integers or None or have an __index__
/// method`.
pub fn slice_index(py: Python<'_>, obj: &PyObject, default: isize) -> PyResult<isize> {
    if py.is_none(obj) {
        return Ok(default);
    }
    match slice_index_int(py, obj)? {
        Some(i) => int_to_ssize(i.value(), None),
        None => Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// An int slice bound, or an object's `__index__`; `None` for anything else.
fn slice_index_int(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef<PyInt>>> {
    if let Ok(i) = obj.to_owned_ref().downcast::<PyInt>(py) {
        return Ok(Some(i));
    }
    index_dunder(py, obj)
}

/// `_PyEval_SliceIndexNotNone` (`list.index(x, start, stop)` bounds).
pub fn slice_index_not_none(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    match slice_index_int(py, obj)? {
        Some(i) => int_to_ssize(i.value(), None),
        None => Err(PyErr::type_error(
            "slice indices must be integers or have an __index__ method",
        )),
    }
}

/// `PySlice_Unpack`: `(start, stop, step)` with `None`s replaced by the extreme values.
pub fn slice_unpack(py: Python<'_>, s: &PySlice) -> PyResult<(isize, isize, isize)> {
    let mut step = slice_index(py, &s.step, 1)?;
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    // `-step` must not overflow.
    if step < -isize::MAX {
        step = -isize::MAX;
    }
    let start = slice_index(py, &s.start, if step < 0 { isize::MAX } else { 0 })?;
    let stop = slice_index(py, &s.stop, if step < 0 { isize::MIN } else { isize::MAX })?;
    Ok((start, stop, step))
}

/// `PySlice_AdjustIndices`: clip `start`/`stop` to a sequence of `length` items and return the
/// number of selected items.
pub fn adjust_indices(length: isize, start: &mut isize, stop: &mut isize, step: isize) -> usize {
    let adjust = |v: &mut isize| {
        if *v < 0 {
            *v += length;
            if *v < 0 {
                *v = if step < 0 { -1 } else { 0 };
            }
        } else if *v >= length {
            *v = if step < 0 { length - 1 } else { length };
        }
    };
    adjust(start);
    adjust(stop);
    if step < 0 {
        if *stop < *start {
            return ((*start - *stop - 1) / (-step) + 1) as usize;
        }
    } else if *start < *stop {
        return ((*stop - *start - 1) / step + 1) as usize;
    }
    0
}

/// `PySlice_GetIndicesEx(slice, len)`: `(start, stop, step, slicelength)` for a sequence of
/// `len` items.
pub fn slice_indices(
    py: Python<'_>,
    slice: &PySlice,
    len: usize,
) -> PyResult<(isize, isize, isize, usize)> {
    let (mut start, mut stop, step) = slice_unpack(py, slice)?;
    let n = adjust_indices(len as isize, &mut start, &mut stop, step);
    Ok((start, stop, step, n))
}

/// The `i`-th selected position of a normalised slice.
#[inline]
pub fn slice_pos(start: isize, step: isize, i: usize) -> usize {
    (start + step * i as isize) as usize
}
