//! `zip(*iterables, strict=False)` (`bltinmodule.c`), with 3.11's `strict` length checks and
//! result-tuple recycling.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::iter::{get_iter, iter_next};
use crate::object::protocol;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::seq_iter::{alloc_with, self_iter};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `zip` object (`zipobject`, 48 bytes + 16 GC head).
#[repr(C)]
pub struct PyZip {
    ob_base: PyObject,
    tuplesize: usize,
    ittuple: PyRef<PyTuple>,
    result: PyRef<PyTuple>,
    strict: Cell<bool>,
}

const _: () = assert!(size_of::<PyZip>() == 48);

// SAFETY: #[repr(C)], header first; subtype check on `zip`.
unsafe impl PyPayload for PyZip {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().zip()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().zip())
    }
}

/// `zip`'s spec (basicsize 48, `__flags__` 0x5500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "zip",
        basicsize: 48,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(zip_traverse),
            iter: Some(self_iter),
            iternext: Some(zip_next),
            ..TypeSlots::new(zip_dealloc)
        },
    }
}

/// `zip(*iterables, strict=False)`.
pub fn zip_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let mut strict = false;
    for (name, value) in args.kwargs() {
        let name = name.to_string_lossy();
        if name != "strict" {
            return Err(PyErr::type_error(format!(
                "'{name}' is an invalid keyword argument for zip()"
            )));
        }
        strict = protocol::is_true(py, value);
    }
    let pos = args.pos();
    let mut iters = Vec::with_capacity(pos.len());
    for x in pos {
        iters.push(get_iter(py, x)?);
    }
    let n = iters.len();
    let ittuple = PyTuple::new(py, iters);
    let result = PyTuple::new(py, (0..n).map(|_| py.none()).collect());
    // SAFETY: every field written; GC type tracked by `alloc_with`.
    let z = unsafe {
        alloc_with::<PyZip>(py, py.types().zip(), |p| {
            std::ptr::addr_of_mut!((*p).tuplesize).write(n);
            std::ptr::addr_of_mut!((*p).ittuple).write(ittuple);
            std::ptr::addr_of_mut!((*p).result).write(result);
            std::ptr::addr_of_mut!((*p).strict).write(Cell::new(strict));
        })
    };
    Ok(z.into_object())
}

fn as_zip(obj: &PyObject) -> &PyZip {
    // SAFETY: only called from zip's own slots.
    unsafe { &*(obj as *const PyObject as *const PyZip) }
}

unsafe fn zip_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead zip: untrack, drop its tuples, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyZip>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).ittuple));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).result));
        free_object(py, obj, size_of::<PyZip>());
    }
}

fn zip_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let z = as_zip(obj);
    visit(z.ittuple.as_object())?;
    visit(z.result.as_object())
}

fn plural(i: usize) -> &'static str {
    if i == 1 { " " } else { "s 1-" }
}

fn zip_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let z = as_zip(obj);
    let n = z.tuplesize;
    if n == 0 {
        return Ok(None);
    }
    let iters = z.ittuple.as_slice();
    let recycle = z.result.refcnt() == 1;
    let result = if recycle {
        Some(z.result.clone())
    } else {
        None
    };
    let mut fresh = Vec::with_capacity(if recycle { 0 } else { n });
    for (i, it) in iters.iter().enumerate() {
        let item = match iter_next(py, it) {
            Ok(Some(item)) => item,
            Ok(None) if z.strict.get() => return strict_check(py, iters, i),
            Ok(None) => return Ok(None),
            Err(e) => return Err(e),
        };
        match &result {
            // SAFETY: the zip held the only reference (checked above) and `i < n == len`.
            Some(t) => drop(unsafe { t.replace_item(i, item) }),
            None => fresh.push(item),
        }
    }
    Ok(Some(match result {
        Some(t) => {
            gc::track(py, t.as_object());
            t.into_object()
        }
        None => PyTuple::new(py, fresh).into_object(),
    }))
}

/// The `strict=True` check after iterator `i` ran out.
fn strict_check(py: Python<'_>, iters: &[PyRef], i: usize) -> PyResult<Option<PyRef>> {
    if i > 0 {
        return Err(PyErr::value_error(format!(
            "zip() argument {} is shorter than argument{}{i}",
            i + 1,
            plural(i)
        )));
    }
    for (k, it) in iters.iter().enumerate().skip(1) {
        match iter_next(py, it) {
            Ok(Some(_)) => {
                return Err(PyErr::value_error(format!(
                    "zip() argument {} is longer than argument{}{k}",
                    k + 1,
                    plural(k)
                )));
            }
            Ok(None) => {}
            Err(e) if e.is_kind(ExcKind::StopIteration) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}
