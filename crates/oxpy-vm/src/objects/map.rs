//! `map(func, *iterables)` (`bltinmodule.c`).

use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::call::call;
use crate::object::iter::{get_iter, iter_next};
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::seq_iter::{alloc_with, self_iter};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};

/// A `map` object (`mapobject`: iterators tuple and function, 32 bytes + 16 GC head).
#[repr(C)]
pub struct PyMap {
    ob_base: PyObject,
    iters: PyRef<PyTuple>,
    func: PyRef,
}

const _: () = assert!(size_of::<PyMap>() == 32);

// SAFETY: #[repr(C)], header first; subtype check on `map`.
unsafe impl PyPayload for PyMap {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().map()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().map())
    }
}

/// `map`'s spec (basicsize 32, `__flags__` 0x5500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "map",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(map_traverse),
            iter: Some(self_iter),
            iternext: Some(map_next),
            ..TypeSlots::new(map_dealloc)
        },
    }
}

/// `map(func, *iterables)`.
pub fn map_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("map")?;
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(pos.len() - 1);
    for x in &pos[1..] {
        iters.push(get_iter(py, x)?);
    }
    let iters = PyTuple::new(py, iters);
    let func = pos[0].clone();
    // SAFETY: both fields written; GC type tracked by `alloc_with`.
    let m = unsafe {
        alloc_with::<PyMap>(py, py.types().map(), |p| {
            std::ptr::addr_of_mut!((*p).iters).write(iters);
            std::ptr::addr_of_mut!((*p).func).write(func);
        })
    };
    Ok(m.into_object())
}

fn as_map(obj: &PyObject) -> &PyMap {
    // SAFETY: only called from map's own slots.
    unsafe { &*(obj as *const PyObject as *const PyMap) }
}

unsafe fn map_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead map: untrack, drop its references, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyMap>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).iters));
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).func));
        free_object(py, obj, size_of::<PyMap>());
    }
}

fn map_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    let m = as_map(obj);
    visit(m.iters.as_object())?;
    visit(&m.func)
}

fn map_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let m = as_map(obj);
    let iters = m.iters.as_slice();
    let mut values = Vec::with_capacity(iters.len());
    for it in iters {
        match iter_next(py, it)? {
            Some(v) => values.push(v),
            None => return Ok(None),
        }
    }
    call(py, &m.func, Args::positional(&values)).map(Some)
}
