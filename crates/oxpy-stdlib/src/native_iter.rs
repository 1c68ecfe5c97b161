//! Native iterator objects (the `itertools` types): one GC-tracked layout whose state is a
//! boxed [`IterState`], one type object per kind with CPython's name and `__basicsize__`, and
//! [`PyIter`], a lazy `PyObject_GetIter` over the iterables this crate can see.

use std::any::Any;
use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;
use std::sync::OnceLock;

use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::gc;
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::{IterNextFn, PyType, TypeSlots, TypeSpec, Visit};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::seq;

/// What one kind of native iterator does.
pub trait IterState: Any {
    /// The next item of iterator `this`, `None` when exhausted.
    fn next(&mut self, py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>>;
    /// Visit every object the state references (GC traversal).
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()>;
    /// A custom repr (`count(5)`); `None` for `<itertools.chain object at 0x…>`.
    fn repr(&self, _py: Python<'_>) -> Option<PyResult<String>> {
        None
    }
    /// Bytes `__sizeof__` adds to `__basicsize__` (index arrays of `product` & co).
    fn extra_size(&self) -> usize {
        0
    }
}

#[repr(C)]
struct NativeIter {
    ob_base: PyObject,
    state: Cell<Option<Box<dyn IterState>>>,
}

struct TypePtr(NonNull<PyType>);

// SAFETY: native types are never freed and not mutated after creation; they are only used by
// threads holding the (single, main) interpreter's GIL.
unsafe impl Send for TypePtr {}
// SAFETY: as above.
unsafe impl Sync for TypePtr {}

/// One kind of native iterator: its type object, made on first use.
pub struct IterKind {
    name: &'static str,
    basicsize: usize,
    flags: u64,
    ty: OnceLock<TypePtr>,
}

impl IterKind {
    /// A kind named `name` (`tp_name`, e.g. `itertools.count`) with CPython's basicsize and
    /// `__flags__` 0x5500 (GC, subclassable) like 3.11's itertools types.
    pub const fn new(name: &'static str, basicsize: usize) -> IterKind {
        IterKind::with_flags(name, basicsize, 0x5500)
    }

    /// A kind with explicit `__flags__`.
    pub const fn with_flags(name: &'static str, basicsize: usize, flags: u64) -> IterKind {
        IterKind {
            name,
            basicsize,
            flags,
            ty: OnceLock::new(),
        }
    }

    /// The type object.
    pub fn type_object(&self, py: Python<'_>) -> &'static PyType {
        let p = self.ty.get_or_init(|| {
            let spec = TypeSpec {
                methods: &[],
                name: self.name,
                basicsize: self.basicsize,
                itemsize: 0,
                flags: self.flags,
                slots: TypeSlots {
                    traverse: Some(iter_traverse),
                    clear: Some(iter_clear),
                    repr: Some(iter_repr),
                    sizeof: Some(iter_sizeof),
                    iter: Some(iter_self),
                    iternext: Some(iter_next),
                    ..TypeSlots::new(iter_dealloc)
                },
            };
            TypePtr(PyType::new_native(py, py.types().object(), spec).into_raw())
        });
        // SAFETY: never freed (see `TypePtr`).
        unsafe { p.0.as_ref() }
    }

    /// A new, GC-tracked iterator of this kind.
    pub fn create(&self, py: Python<'_>, state: Box<dyn IterState>) -> PyRef {
        let ty = self.type_object(py);
        // SAFETY: the state field is written before the handle exists.
        let obj = unsafe {
            let p = alloc_object(py, ty, size_of::<NativeIter>()).cast::<NativeIter>();
            std::ptr::addr_of_mut!((*p.as_ptr()).state).write(Cell::new(Some(state)));
            PyRef::from_raw(p.cast::<PyObject>())
        };
        gc::track(py, &obj);
        obj
    }
}

fn cell(obj: &PyObject) -> &Cell<Option<Box<dyn IterState>>> {
    // SAFETY: only called from the native iterator slots, on native iterator instances.
    &unsafe { &*(obj as *const PyObject as *const NativeIter) }.state
}

/// Run `f` on the state, taken out of the object meanwhile so that re-entrant calls and
/// GC traversal never alias it.
fn with_state<R>(obj: &PyObject, f: impl FnOnce(&mut dyn IterState) -> R) -> Option<R> {
    let c = cell(obj);
    let mut state = c.take()?;
    let r = f(state.as_mut());
    c.set(Some(state));
    Some(r)
}

fn iter_self(_py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.to_owned_ref())
}

/// Run `f` on the state of `obj` if it is an iterator of `kind` whose state is a `T` (and not
/// already in use).
pub fn with_state_as<T: IterState, R>(
    kind: &IterKind,
    obj: &PyObject,
    f: impl FnOnce(&mut T) -> R,
) -> Option<R> {
    let is_kind = kind
        .ty
        .get()
        .is_some_and(|t| std::ptr::eq(t.0.as_ptr(), obj.ob_type()));
    if !is_kind {
        return None;
    }
    with_state(obj, |s| {
        let any: &mut dyn Any = s;
        any.downcast_mut::<T>().map(f)
    })
    .flatten()
}

fn iter_next(py: Python<'_>, obj: &PyObject) -> PyResult<Option<PyRef>> {
    match with_state(obj, |s| s.next(py, obj)) {
        Some(r) => r,
        None => Err(PyErr::new(
            ExcKind::RuntimeError,
            format!("{} iterator re-entered", obj.ob_type().name()),
        )),
    }
}

fn iter_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let custom = with_state(obj, |s| s.repr(py)).flatten().transpose()?;
    let text = match custom {
        Some(t) => t,
        None => format!("<{} object at {:p}>", obj.ob_type().name(), obj),
    };
    Ok(PyStr::new(py, &text))
}

fn iter_sizeof(obj: &PyObject) -> usize {
    obj.ob_type().basicsize + with_state(obj, |s| s.extra_size()).unwrap_or(0)
}

fn iter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    with_state(obj, |s| s.visit(visit)).unwrap_or(ControlFlow::Continue(()))
}

fn iter_clear(_py: Python<'_>, obj: &PyObject) {
    drop(cell(obj).take());
}

unsafe fn iter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead native iterator: nothing else can reach it; drop the state, free.
    unsafe {
        gc::untrack(py, obj.as_ref());
        drop(cell(obj.as_ref()).take());
        free_object(py, obj, size_of::<NativeIter>());
    }
}

/// An iterator over any iterable (`PyObject_GetIter` + `PyIter_Next`): the type's `iter`
/// slot when it has one, else indexing of list/tuple/str/bytes as their iterators do.
pub enum PyIter {
    /// A builtin sequence and the next index.
    Seq(PyRef, usize),
    /// An iterator object and its `iternext` slot.
    Slot(PyRef, IterNextFn),
    /// Exhausted (the reference is dropped, as CPython clears it).
    Done,
}

impl PyIter {
    /// `iter(obj)`, or `TypeError: 'int' object is not iterable`.
    pub fn new(py: Python<'_>, obj: &PyObject) -> PyResult<PyIter> {
        let ty = obj.ob_type();
        if let Some(iter) = ty.slots.iter {
            let it = iter(py, obj)?;
            return match it.ob_type().slots.iternext {
                Some(next) => Ok(PyIter::Slot(it, next)),
                None => Err(PyErr::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    it.ob_type().name()
                ))),
            };
        }
        let is_seq = obj.downcast_ref::<PyList>(py).is_some()
            || obj.downcast_ref::<PyTuple>(py).is_some()
            || obj.downcast_ref::<PyStr>(py).is_some()
            || obj.downcast_ref::<PyBytes>(py).is_some();
        if is_seq {
            return Ok(PyIter::Seq(obj.to_owned_ref(), 0));
        }
        Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            ty.name()
        )))
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn next(&mut self, py: Python<'_>) -> PyResult<Option<PyRef>> {
        let r = match self {
            PyIter::Seq(obj, i) => {
                if *i < seq::len(py, obj)? {
                    let item = seq::getitem(py, obj, *i)?;
                    *i += 1;
                    Some(item)
                } else {
                    None
                }
            }
            PyIter::Slot(it, next) => next(py, it)?,
            PyIter::Done => None,
        };
        if r.is_none() {
            *self = PyIter::Done;
        }
        Ok(r)
    }

    /// Visit the referenced iterable or iterator.
    pub fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        match self {
            PyIter::Seq(o, _) | PyIter::Slot(o, _) => visit(o),
            PyIter::Done => ControlFlow::Continue(()),
        }
    }
}

/// Visit each object of a slice.
pub fn visit_all(items: &[PyRef], visit: Visit<'_>) -> ControlFlow<()> {
    for o in items {
        visit(o)?;
    }
    ControlFlow::Continue(())
}

/// `PyObject_Call(f, args)`: the object's call slot, or `'int' object is not callable`.
pub fn call_object(py: Python<'_>, f: &PyObject, args: &[PyRef]) -> PyResult<PyRef> {
    oxpy_vm::eval::call::call1(py, f, args)
}
