//! `reversed(seq)` (`enumobject.c`): a type's own `__reversed__` (list, range, or any builtin
//! type listing a `__reversed__` method) or the generic `reversed` iterator over
//! `__len__` + `__getitem__`.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gc;
use crate::gil::Python;
use crate::object::alloc::free_object;
use crate::object::iter::ends_sequence;
use crate::object::{Args, MethodDef, NativeFn, PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::range::{PyRange, range_reversed_iter};
use crate::objects::seq_iter::{alloc_with, length_hint_method, list_reviter_new, self_iter};
use crate::objects::type_::{PyType, TypeFlags, TypeSlots, TypeSpec, Visit};

/// A `reversed` object (`reversedobject`: index and sequence, 32 bytes + 16 GC head).
#[repr(C)]
pub struct PyReversed {
    ob_base: PyObject,
    index: Cell<isize>,
    seq: Cell<Option<PyRef>>,
}

const _: () = assert!(size_of::<PyReversed>() == 32);

// SAFETY: #[repr(C)], header first; subtype check on `reversed`.
unsafe impl PyPayload for PyReversed {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().reversed()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().is_subtype(py.types().reversed())
    }
}

static REVERSED_METHODS: [MethodDef; 1] = [MethodDef::new("__length_hint__", length_hint_method)];

/// `reversed`'s spec (basicsize 32, `__flags__` 0x5500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &REVERSED_METHODS,
        name: "reversed",
        basicsize: 32,
        itemsize: 0,
        flags: 0x5500,
        slots: TypeSlots {
            traverse: Some(reversed_traverse),
            iter: Some(self_iter),
            iternext: Some(reversed_next),
            ..TypeSlots::new(reversed_dealloc)
        },
    }
}

fn not_reversible(obj: &PyObject) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not reversible",
        obj.ob_type().name()
    ))
}

/// `reversed(seq)`.
pub fn reversed_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("reversed")?;
    let pos = args.pos();
    let [seq] = pos else {
        return Err(PyErr::type_error(format!(
            "reversed expected 1 argument, got {}",
            pos.len()
        )));
    };
    if PyList::is_exact_type_of(py, seq) {
        return Ok(list_reviter_new(py, seq.clone()));
    }
    if seq.downcast_ref::<PyRange>(py).is_some() {
        return range_reversed_iter(py, seq);
    }
    let ty = seq.ob_type();
    if ty.is_heap() {
        // A class's own `__reversed__` (`None` = not reversible).
        match ty.lookup(
            py,
            crate::objects::str::intern_str(py, "__reversed__").as_object(),
        )? {
            Some(f) if py.is_none(&f) => return Err(not_reversible(seq)),
            Some(f) if f.is_instance_of::<crate::objects::function::PyFunction>(py) => {
                return crate::eval::call::call1(py, &f, std::slice::from_ref(seq));
            }
            _ => {}
        }
    }
    if let Some(f) = builtin_method(seq.ob_type(), "__reversed__") {
        return f(py, seq, Args::positional(&[]));
    }
    let ty = seq.ob_type();
    if ty.slots.getitem.is_none() || ty.flags().contains(TypeFlags::DICT_SUBCLASS) {
        return Err(not_reversible(seq));
    }
    let Some(len) = ty.slots.len else {
        return Err(PyErr::type_error(format!(
            "object of type '{}' has no len()",
            ty.name()
        )));
    };
    let n = len(py, seq)? as isize;
    let seq = seq.clone();
    // SAFETY: both fields written; GC type tracked by `alloc_with`.
    let r = unsafe {
        alloc_with::<PyReversed>(py, py.types().reversed(), |p| {
            std::ptr::addr_of_mut!((*p).index).write(Cell::new(n - 1));
            std::ptr::addr_of_mut!((*p).seq).write(Cell::new(Some(seq)));
        })
    };
    Ok(r.into_object())
}

/// A method of a builtin type (or its bases) by name.
fn builtin_method(ty: &PyType, name: &str) -> Option<NativeFn> {
    ty.mro()
        .flat_map(|t| t.methods.iter())
        .find(|m| m.name == name)
        .map(|m| m.func)
}

fn as_reversed(obj: &PyObject) -> &PyReversed {
    // SAFETY: only called on `reversed` objects.
    unsafe { &*(obj as *const PyObject as *const PyReversed) }
}

impl PyReversed {
    fn seq(&self) -> Option<PyRef> {
        // SAFETY: cloning only increments a count.
        unsafe { (*self.seq.as_ptr()).clone() }
    }
}

unsafe fn reversed_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead reversed object: untrack, drop the sequence, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        let p = obj.cast::<PyReversed>().as_ptr();
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).seq));
        free_object(py, obj, size_of::<PyReversed>());
    }
}

fn reversed_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    match as_reversed(obj).seq() {
        Some(s) => visit(&s),
        None => ControlFlow::Continue(()),
    }
}

fn reversed_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    let r = as_reversed(obj);
    let i = r.index.get();
    if i >= 0
        && let Some(seq) = r.seq()
        && let Some(getitem) = seq.ob_type().slots.getitem
    {
        match getitem(py, &seq, PyInt::new(py, i as i64).as_object()) {
            Ok(v) => {
                r.index.set(i - 1);
                return Ok(Some(v));
            }
            Err(e) if ends_sequence(&e) => {}
            Err(e) => return Err(e),
        }
    }
    r.index.set(-1);
    let old = r.seq.replace(None);
    drop(old);
    Ok(None)
}

/// `reversed.__length_hint__()` (`None` if `obj` is not a `reversed` object).
pub fn reversed_length_hint(py: Python<'_>, obj: &PyObject) -> Option<usize> {
    if !obj.is_instance_of::<PyReversed>(py) {
        return None;
    }
    let r = as_reversed(obj);
    let Some(seq) = r.seq() else { return Some(0) };
    let size = seq.ob_type().slots.len.and_then(|f| f(py, &seq).ok())?;
    let position = (r.index.get() + 1).max(0) as usize;
    Some(if size < position { 0 } else { position })
}
