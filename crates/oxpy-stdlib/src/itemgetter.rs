//! `operator.itemgetter`: a GC-tracked native object whose call slot fetches `obj[item]` (one
//! item) or a tuple of them (several), with CPython's size, repr and messages.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;
use std::sync::OnceLock;

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::gc;
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::object::native::Args;
use oxpy_vm::object::protocol::{ReprGuard, repr};
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec, Visit};
use oxpy_vm::{PyObject, PyRef, Python};

use crate::seq;

/// An `itemgetter` instance: the header and the items to fetch.
#[repr(C)]
struct ItemGetter {
    ob_base: PyObject,
    items: Cell<Box<[PyRef]>>,
}

/// The `operator.itemgetter` type object.
struct TypePtr(NonNull<PyType>);

// SAFETY: native types are never freed and not mutated after creation; they are only used by
// threads holding the (single, main) interpreter's GIL.
unsafe impl Send for TypePtr {}
// SAFETY: as above.
unsafe impl Sync for TypePtr {}

static ITEMGETTER_TYPE: OnceLock<TypePtr> = OnceLock::new();

/// `operator.itemgetter` (`__basicsize__` 48, `__flags__` 0x5b00 as in 3.11.7), created on
/// first use.
pub fn itemgetter_type(py: Python<'_>) -> &'static PyType {
    let p = ITEMGETTER_TYPE.get_or_init(|| {
        let spec = TypeSpec {
            methods: &[],
            name: "operator.itemgetter",
            basicsize: 48,
            itemsize: 0,
            flags: 0x5b00,
            slots: TypeSlots {
                traverse: Some(itemgetter_traverse),
                clear: Some(itemgetter_clear),
                repr: Some(itemgetter_repr),
                call: Some(itemgetter_call),
                ..TypeSlots::new(itemgetter_dealloc)
            },
        };
        TypePtr(PyType::new_native(py, py.types().object(), spec).into_raw())
    });
    // SAFETY: never freed (see `TypePtr`).
    unsafe { p.0.as_ref() }
}

fn as_getter(obj: &PyObject) -> &ItemGetter {
    // SAFETY: only called from itemgetter's own slots, on itemgetter instances.
    unsafe { &*(obj as *const PyObject as *const ItemGetter) }
}

/// A copy of the items (new references), so callers never borrow the cell's contents.
fn items(obj: &PyObject) -> Vec<PyRef> {
    let cell = &as_getter(obj).items;
    let b = cell.take();
    let v = b.to_vec();
    cell.set(b);
    v
}

/// `operator.itemgetter(item, *items)`.
pub fn itemgetter_new(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("itemgetter")?;
    let pos = args.pos();
    if pos.is_empty() {
        return Err(one_argument_error(0));
    }
    let ty = itemgetter_type(py);
    // SAFETY: the items field is written before the handle exists.
    let obj = unsafe {
        let p = alloc_object(py, ty, size_of::<ItemGetter>()).cast::<ItemGetter>();
        std::ptr::addr_of_mut!((*p.as_ptr()).items).write(Cell::new(pos.to_vec().into()));
        PyRef::from_raw(p.cast::<PyObject>())
    };
    gc::track(py, &obj);
    Ok(obj)
}

/// `_PyArg_CheckPositional("itemgetter", n, 1, 1)`'s message.
fn one_argument_error(given: usize) -> PyErr {
    PyErr::type_error(format!("itemgetter expected 1 argument, got {given}"))
}

fn itemgetter_call(py: Python<'_>, obj: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("itemgetter")?;
    let pos = args.pos();
    let [target] = pos else {
        return Err(one_argument_error(pos.len()));
    };
    let items = items(obj);
    if let [item] = items.as_slice() {
        return seq::getitem_obj(py, target, item);
    }
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        out.push(seq::getitem_obj(py, target, item)?);
    }
    Ok(PyTuple::new(py, out).into_object())
}

fn itemgetter_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let name = obj.ob_type().name().to_string();
    let Some(_guard) = ReprGuard::enter(obj) else {
        return Ok(PyStr::new(py, &format!("{name}(...)")));
    };
    let mut parts = Vec::new();
    for item in items(obj) {
        parts.push(repr(py, &item)?.to_string_lossy());
    }
    Ok(PyStr::new(py, &format!("{name}({})", parts.join(", "))))
}

fn itemgetter_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    for item in items(obj) {
        visit(&item)?;
    }
    ControlFlow::Continue(())
}

fn itemgetter_clear(_py: Python<'_>, obj: &PyObject) {
    drop(as_getter(obj).items.take());
}

unsafe fn itemgetter_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead itemgetter: nothing else can reach it; release the items, then the memory.
    unsafe {
        gc::untrack(py, obj.as_ref());
        drop(as_getter(obj.as_ref()).items.take());
        free_object(py, obj, size_of::<ItemGetter>());
    }
}
