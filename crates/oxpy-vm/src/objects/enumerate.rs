//! `enumerate(iterable, start=0)` (`enumobject.c`), recycling its result tuple when the caller
//! dropped the previous one, as CPython does.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::iter::{get_iter, iter_next};
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::int::{IntValue, PyInt};
use crate::objects::seq_iter::{alloc_with, self_iter};
use crate::objects::slice::number_index;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// An `enumerate` object (`enumobject`, 56 bytes + 16 GC head).
#[repr(C)]
pub struct PyEnumerate {
    ob_base: PyObject,
    en_index: Cell<isize>,
    en_sit: PyRef,
    en_result: PyRef<PyTuple>,
    en_longindex: Cell<Option<PyRef>>,
    _one: usize,
}

const _: () = assert!(size_of::<PyEnumerate>() == 56);

// SAFETY: #[repr(C)], header first; exact type check.
unsafe impl PyPayload for PyEnumerate {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().enumerate()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().enumerate())
    }
}

/// `enumerate`'s spec (basicsize 56, `__flags__` 0x5500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "enumerate",
        basicsize: 56,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(enum_traverse),
            iter: Some(self_iter),
            iternext: Some(enum_next),
            ..TypeSlots::new(enum_dealloc)
        },
    }
}

/// `enumerate(iterable, start=0)`.
pub fn enumerate_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if args.values.len() > 2 {
        return Err(PyErr::type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            args.values.len()
        )));
    }
    let mut iterable = pos.first();
    let mut start = pos.get(1);
    for (name, value) in args.kwargs() {
        let name = name.to_string_lossy();
        let slot = match name.as_str() {
            "iterable" => &mut iterable,
            "start" => &mut start,
            _ => {
                return Err(PyErr::type_error(format!(
                    "'{name}' is an invalid keyword argument for enumerate()"
                )));
            }
        };
        if slot.is_some() {
            let p = if name == "iterable" { 1 } else { 2 };
            return Err(PyErr::type_error(format!(
                "argument for enumerate() given by name ('{name}') and position ({p})"
            )));
        }
        *slot = Some(value);
    }
    let Some(iterable) = iterable else {
        return Err(PyErr::type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let (index, longindex) = match start {
        None => (0, None),
        Some(s) => {
            let i = number_index(py, s)?;
            match i.value() {
                IntValue::Small(v) if isize::try_from(*v).is_ok() => (*v as isize, None),
                _ => (isize::MAX, Some(i.as_object().to_owned_ref())),
            }
        }
    };
    let sit = get_iter(py, iterable)?;
    let result = PyTuple::from_array(py, [py.none(), py.none()]);
    // SAFETY: every field written; `enumerate` is a GC type, tracked by `alloc_with`.
    let e = unsafe {
        alloc_with::<PyEnumerate>(py, py.types().enumerate(), |p| {
            std::ptr::addr_of_mut!((*p).en_index).write(Cell::new(index));
            std::ptr::addr_of_mut!((*p).en_sit).write(sit);
            std::ptr::addr_of_mut!((*p).en_result).write(result);
            std::ptr::addr_of_mut!((*p).en_longindex).write(Cell::new(longindex));
            std::ptr::addr_of_mut!((*p)._one).write(0);
        })
    };
    Ok(e.into_object())
}

fn as_enum(obj: &PyObject) -> &PyEnumerate {
    // SAFETY: only called from enumerate's own slots.
    unsafe { &*(obj as *const PyObject as *const PyEnumerate) }
}

unsafe fn enum_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead enumerate: untrack, drop the references, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyEnumerate>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).en_sit));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).en_result));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).en_longindex));
        free_object(py, obj, size_of::<PyEnumerate>());
    }
}

fn enum_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let e = as_enum(obj);
    visit(&e.en_sit)?;
    visit(e.en_result.as_object())?;
    // SAFETY: cloning only increments a count.
    if let Some(l) = unsafe { (*e.en_longindex.as_ptr()).clone() } {
        visit(&l)?;
    }
    ControlFlow::Continue(())
}

fn enum_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let e = as_enum(obj);
    let Some(item) = iter_next(py, &e.en_sit)? else {
        return Ok(None);
    };
    let index = if e.en_index.get() == isize::MAX {
        // `enum_next_long`: count with an int object from here on.
        let cur = e
            .en_longindex
            .take()
            .unwrap_or_else(|| PyInt::new(py, isize::MAX as i64).into_object());
        let next = cur
            .downcast_ref::<PyInt>(py)
            .map_or_else(BigInt::default, PyInt::to_bigint)
            + 1u32;
        e.en_longindex
            .set(Some(PyInt::from_bigint(py, next).into_object()));
        cur
    } else {
        let i = e.en_index.get();
        e.en_index.set(i + 1);
        PyInt::new(py, i as i64).into_object()
    };
    Ok(Some(recycle_pair(py, &e.en_result, [index, item])))
}

/// Fill `result` with `items` in place if the iterator holds its only reference, else build a
/// new tuple (`enum_next`/`zip_next`'s recycling).
pub(crate) fn recycle_pair<const N: usize>(
    py: Python<'_>,
    result: &PyRef<PyTuple>,
    items: [PyRef; N],
) -> PyRef {
    if result.refcnt() == 1 && result.len() == N {
        let out = result.clone();
        let mut old = Vec::with_capacity(N);
        for (i, item) in items.into_iter().enumerate() {
            // SAFETY: only this iterator references the tuple (count was 1); `i < N == len`.
            old.push(unsafe { out.replace_item(i, item) });
        }
        drop(old);
        // The GC may have untracked the tuple since it held only atomic values.
        gc::track(py, out.as_object());
        return out.into_object();
    }
    PyTuple::from_array(py, items).into_object()
}
