//! `memoryview` over `bytes` and `bytearray` (`Objects/memoryobject.c`), one-dimensional with
//! format `'B'`: indexing, slicing with steps, item assignment into a bytearray, `tobytes`,
//! `tolist`, `hex`, `release` and the context-manager protocol.

use std::cell::{Cell, RefCell};
use std::ops::ControlFlow;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::bytearray::PyByteArray;
use crate::objects::bytes::PyBytes;
use crate::objects::int::PyInt;
use crate::objects::slice::PySlice;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec, Visit};

/// A memoryview: the exporting object (`None` once released) and the view's byte positions.
#[repr(C)]
pub struct PyMemoryView {
    ob_base: PyObject,
    obj: RefCell<Option<PyRef>>,
    start: isize,
    step: isize,
    len: usize,
    readonly: bool,
    released: Cell<bool>,
}

// SAFETY: #[repr(C)], header first; `memoryview` cannot be subclassed.
unsafe impl PyPayload for PyMemoryView {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().memoryview()
    }
}

static METHODS: [MethodDef; 6] = [
    MethodDef::new("tobytes", mv_tobytes),
    MethodDef::new("tolist", mv_tolist),
    MethodDef::new("hex", mv_hex),
    MethodDef::new("release", mv_release),
    MethodDef::new("__enter__", mv_enter),
    MethodDef::new("__exit__", mv_exit),
];

/// `memoryview`'s spec (CPython 3.11: basicsize 144, itemsize 8, GC).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &METHODS,
        name: "memoryview",
        basicsize: 144,
        itemsize: 8,
        flags: 0x5100,
        slots: TypeSlots {
            sizeof: Some(mv_sizeof),
            traverse: Some(mv_traverse),
            hash: Some(mv_hash),
            repr: Some(mv_repr),
            richcompare: Some(mv_richcompare),
            len: Some(mv_len),
            getitem: Some(mv_getitem),
            setitem: Some(mv_setitem),
            iter: Some(mv_iter),
            attr: Some(mv_attr),
            ..TypeSlots::new(dealloc_object::<PyMemoryView>)
        },
    }
}

/// `object.__sizeof__` of a memoryview: `ob_size` is `3 * ndim` (shape, strides, suboffsets
/// in `ob_array`), and oxpy's views are one-dimensional: 144 + 8 * 3.
fn mv_sizeof(_obj: &PyObject) -> usize {
    144 + 8 * 3
}

fn released_error() -> PyErr {
    PyErr::value_error("operation forbidden on released memoryview object")
}

fn new_view(
    py: Python<'_>,
    obj: PyRef,
    start: isize,
    step: isize,
    len: usize,
    readonly: bool,
) -> PyRef {
    let m = new_object(py, py.types().memoryview(), |ob_base| PyMemoryView {
        ob_base,
        obj: RefCell::new(Some(obj)),
        start,
        step,
        len,
        readonly,
        released: Cell::new(false),
    });
    crate::gc::track(py, m.as_object());
    m.into_object()
}

/// `memoryview(object)`: a view of a bytes-like object.
pub fn memoryview_new(py: Python<'_>, args: Args<'_>) -> PyResult<PyRef> {
    let [obj] = args.parse("memoryview", ["object"], 1)?;
    let Some(obj) = obj else {
        return Err(PyErr::type_error(
            "memoryview() missing required argument 'object' (pos 1)",
        ));
    };
    if let Some(m) = obj.downcast_ref::<PyMemoryView>(py) {
        let base = m.exporter()?;
        return Ok(new_view(py, base, m.start, m.step, m.len, m.readonly));
    }
    if let Some(b) = obj.downcast_ref::<PyBytes>(py) {
        return Ok(new_view(py, obj.clone(), 0, 1, b.as_bytes().len(), true));
    }
    if let Some(b) = obj.downcast_ref::<PyByteArray>(py) {
        return Ok(new_view(py, obj.clone(), 0, 1, b.len(), false));
    }
    Err(PyErr::type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        obj.ob_type().name()
    )))
}

impl PyMemoryView {
    fn exporter(&self) -> PyResult<PyRef> {
        if self.released.get() {
            return Err(released_error());
        }
        self.obj.borrow().clone().ok_or_else(released_error)
    }

    /// The bytes the view shows, in view order.
    pub fn to_vec(&self, py: Python<'_>) -> PyResult<Vec<u8>> {
        let base = self.exporter()?;
        let data = crate::objects::bytes::buffer_bytes(py, &base).unwrap_or_default();
        Ok((0..self.len)
            .filter_map(|k| {
                data.get((self.start + k as isize * self.step) as usize)
                    .copied()
            })
            .collect())
    }
}

fn as_mv(obj: &PyObject) -> &PyMemoryView {
    // SAFETY: only installed on `memoryview`, whose instances are `PyMemoryView`s.
    unsafe { &*(obj as *const PyObject as *const PyMemoryView) }
}

fn mv_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: cloning only increments a count.
    if let Some(o) = unsafe { (*as_mv(obj).obj.as_ptr()).clone() } {
        visit(&o)?;
    }
    ControlFlow::Continue(())
}

fn mv_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let m = as_mv(obj);
    let what = if m.released.get() {
        "released memory"
    } else {
        "memory"
    };
    Ok(PyStr::new(py, &format!("<{what} at {obj:p}>")))
}

fn mv_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let m = as_mv(obj);
    if !m.readonly {
        return Err(PyErr::value_error("cannot hash writable memoryview object"));
    }
    let b = PyBytes::new(py, &m.to_vec(py)?);
    crate::object::protocol::hash(py, b.as_object())
}

fn mv_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py.not_implemented());
    }
    let (Some(x), Some(y)) = (buffer_of(py, a)?, buffer_of(py, b)?) else {
        return Ok(py.not_implemented());
    };
    Ok(py.bool((x == y) == (op == CompareOp::Eq)).into_object())
}

/// The bytes of a memoryview, bytes or bytearray operand.
fn buffer_of(py: Python<'_>, o: &PyObject) -> PyResult<Option<Vec<u8>>> {
    if let Some(m) = o.downcast_ref::<PyMemoryView>(py) {
        if m.released.get() {
            return Ok(None);
        }
        return m.to_vec(py).map(Some);
    }
    Ok(crate::objects::bytes::buffer_bytes(py, o))
}

fn mv_len(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    let m = as_mv(obj);
    m.exporter()?;
    Ok(m.len)
}

fn item_index(py: Python<'_>, m: &PyMemoryView, key: &PyObject) -> PyResult<Option<usize>> {
    let Ok(i) = crate::objects::slice::number_index(py, key) else {
        return Ok(None);
    };
    let Some(v) = i.as_i64() else {
        return Err(PyErr::index_error("index out of bounds on dimension 1"));
    };
    let n = m.len as i64;
    let v = if v < 0 { v + n } else { v };
    if v < 0 || v >= n {
        return Err(PyErr::index_error("index out of bounds on dimension 1"));
    }
    Ok(Some((m.start + v as isize * m.step) as usize))
}

fn mv_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let m = as_mv(obj);
    let base = m.exporter()?;
    if let Some(s) = key.downcast_ref::<PySlice>(py) {
        let (start, _stop, step, n) = crate::objects::slice::slice_indices(py, s, m.len)?;
        return Ok(new_view(
            py,
            base,
            m.start + start * m.step,
            m.step * step,
            n,
            m.readonly,
        ));
    }
    if py.is_none(key) || key.is(&py.ellipsis()) {
        return Ok(obj.to_owned_ref());
    }
    match item_index(py, m, key)? {
        Some(pos) => {
            let data = crate::objects::bytes::buffer_bytes(py, &base).unwrap_or_default();
            let byte = data.get(pos).copied().unwrap_or(0);
            Ok(PyInt::new(py, i64::from(byte)).into_object())
        }
        None => Err(PyErr::type_error("memoryview: invalid slice key")),
    }
}

fn mv_setitem(
    py: Python<'_>,
    obj: &PyObject,
    key: &PyObject,
    value: Option<PyRef>,
) -> PyResult<()> {
    let m = as_mv(obj);
    let base = m.exporter()?;
    if m.readonly {
        return Err(PyErr::type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(PyErr::type_error("cannot delete memory"));
    };
    let Some(ba) = base.downcast_ref::<PyByteArray>(py) else {
        return Err(PyErr::type_error("cannot modify read-only memory"));
    };
    if let Some(s) = key.downcast_ref::<PySlice>(py) {
        let (start, _stop, step, n) = crate::objects::slice::slice_indices(py, s, m.len)?;
        let src = buffer_of(py, &value)?.ok_or_else(|| {
            PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                value.ob_type().name()
            ))
        })?;
        if src.len() != n {
            return Err(PyErr::value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        for (k, b) in src.into_iter().enumerate() {
            let pos = m.start + (start + k as isize * step) * m.step;
            ba.set(pos as usize, b);
        }
        return Ok(());
    }
    let Some(pos) = item_index(py, m, key)? else {
        return Err(PyErr::type_error("memoryview: invalid slice key"));
    };
    let byte = value
        .downcast_ref::<PyInt>(py)
        .and_then(|i| i.as_i64())
        .and_then(|v| u8::try_from(v).ok());
    match byte {
        Some(b) => {
            ba.set(pos, b);
            Ok(())
        }
        None if value.is_instance_of::<PyInt>(py) => Err(PyErr::value_error(
            "memoryview: invalid value for format 'B'",
        )),
        None => Err(PyErr::type_error("memoryview: invalid type for format 'B'")),
    }
}

fn mv_iter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let m = as_mv(obj);
    let items: Vec<PyRef> = m
        .to_vec(py)?
        .into_iter()
        .map(|b| PyInt::new(py, i64::from(b)).into_object())
        .collect();
    crate::eval::ops::get_iter(py, PyTuple::new(py, items).as_object())
}

fn mv_attr(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let m = as_mv(obj);
    let known = matches!(
        name,
        "obj"
            | "nbytes"
            | "readonly"
            | "itemsize"
            | "format"
            | "ndim"
            | "shape"
            | "strides"
            | "suboffsets"
            | "c_contiguous"
            | "f_contiguous"
            | "contiguous"
    );
    if !known {
        return Ok(None);
    }
    let base = m.exporter()?;
    let int = |v: i64| PyInt::new(py, v).into_object();
    let contiguous = m.step == 1 || m.len <= 1;
    Ok(Some(match name {
        "obj" => base,
        "nbytes" => int(m.len as i64),
        "readonly" => py.bool(m.readonly).into_object(),
        "itemsize" => int(1),
        "format" => PyStr::new(py, "B").into_object(),
        "ndim" => int(1),
        "shape" => PyTuple::new(py, vec![int(m.len as i64)]).into_object(),
        "strides" => PyTuple::new(py, vec![int(m.step as i64)]).into_object(),
        "suboffsets" => py.interp().singletons.empty_tuple.clone().into_object(),
        _ => py.bool(contiguous).into_object(),
    }))
}

fn mv_tobytes(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("tobytes", 0, 1)?;
    Ok(PyBytes::new(py, &as_mv(this).to_vec(py)?).into_object())
}

fn mv_tolist(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("tolist", 0, 0)?;
    let items = as_mv(this)
        .to_vec(py)?
        .into_iter()
        .map(|b| PyInt::new(py, i64::from(b)).into_object())
        .collect();
    Ok(crate::objects::list::PyList::from_vec(py, items)?.into_object())
}

fn mv_hex(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("hex", 0, 0)?;
    let text: String = as_mv(this)
        .to_vec(py)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(PyStr::new(py, &text).into_object())
}

fn mv_release(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("release", 0, 0)?;
    let m = as_mv(this);
    m.released.set(true);
    let old = m.obj.borrow_mut().take();
    drop(old);
    Ok(py.none())
}

fn mv_enter(_py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("__enter__", 0, 0)?;
    as_mv(this).exporter()?;
    Ok(this.to_owned_ref())
}

fn mv_exit(py: Python<'_>, this: &PyObject, _args: Args<'_>) -> PyResult<PyRef> {
    mv_release(py, this, Args::positional(&[]))
}

/// The bytes of `obj` if it is a live memoryview (for the buffer consumers in `bytes.rs`).
pub fn memoryview_bytes(py: Python<'_>, obj: &PyObject) -> Option<Vec<u8>> {
    let m = obj.downcast_ref::<PyMemoryView>(py)?;
    m.to_vec(py).ok()
}
