//! Class-statement types (`PyHeapTypeObject`): creation, C3 MRO, layout and flags.

use std::cell::RefCell;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::dict::PyDict;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeFlags};

/// Which builtin layout instances of a heap type have.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SolidBase {
    /// Plain `object` instances: header + managed dict.
    Object,
    /// `BaseException` instances (`PyBaseException` body).
    Exception,
}

/// What a heap type owns besides the `PyType` fields.
pub struct HeapData {
    /// `__bases__`.
    pub bases: PyRef<PyTuple>,
    /// References keeping the MRO entries alive.
    pub owned: Vec<PyRef>,
    /// `__qualname__`.
    pub qualname: RefCell<PyRef<PyStr>>,
    /// Instance layout.
    pub solid: SolidBase,
}

/// `type.__module__` of a heap type.
pub fn type_module(py: Python<'_>, ty: &PyType) -> String {
    if ty.heap.is_none() {
        return "builtins".into();
    }
    ty.dict()
        .and_then(|d| {
            d.get_item(py, intern_str(py, "__module__").as_object())
                .ok()
                .flatten()
        })
        .and_then(|m| m.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
        .unwrap_or_else(|| "builtins".into())
}

/// C3 linearisation (`mro_internal`), with CPython's error message.
fn c3_mro(ty: NonNull<PyType>, bases: &[&PyType]) -> PyResult<Vec<NonNull<PyType>>> {
    let mut seqs: Vec<Vec<NonNull<PyType>>> = bases.iter().map(|b| b.mro_ptrs().to_vec()).collect();
    seqs.push(bases.iter().map(|b| NonNull::from(*b)).collect());
    let mut out = vec![ty];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = s[0];
            let in_tail = seqs.iter().any(|t| t[1..].contains(&head));
            (!in_tail).then_some(head)
        });
        let Some(c) = candidate else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                // SAFETY: MRO entries are live types.
                let n = unsafe { s[0].as_ref() }.name().to_string();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(PyErr::type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        out.push(c);
        for s in &mut seqs {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
}

/// The builtin layout a type's instances have.
pub fn solid_base_of(py: Python<'_>, ty: &PyType) -> PyResult<SolidBase> {
    if let Some(h) = &ty.heap {
        return Ok(h.solid);
    }
    if std::ptr::eq(ty, py.types().object()) {
        return Ok(SolidBase::Object);
    }
    if ty.flags().contains(TypeFlags::BASE_EXC_SUBCLASS) {
        return Ok(SolidBase::Exception);
    }
    Err(PyErr::type_error(format!(
        "oxpy does not support subclassing '{}' yet",
        ty.name()
    )))
}

/// Create a class: `type(name, bases, namespace)` without metaclass dispatch.
pub fn new_heap_type(
    py: Python<'_>,
    meta: &PyType,
    name: &str,
    bases: Vec<PyRef<PyType>>,
    ns: &PyDict,
) -> PyResult<PyRef<PyType>> {
    let bases = if bases.is_empty() {
        vec![py.types().object().to_owned_ref()]
    } else {
        bases
    };
    for b in &bases {
        if !b.flags().contains(TypeFlags::BASETYPE) {
            return Err(PyErr::type_error(format!(
                "type '{}' is not an acceptable base type",
                b.name()
            )));
        }
    }
    // The solid base: every base's layout must agree.
    let mut solid = SolidBase::Object;
    for b in &bases {
        let s = solid_base_of(py, b)?;
        if s != SolidBase::Object {
            if solid != SolidBase::Object && solid != s {
                return Err(PyErr::type_error(
                    "multiple bases have instance lay-out conflict",
                ));
            }
            solid = s;
        }
    }
    let base_refs: Vec<&PyType> = bases.iter().map(|b| &**b).collect();
    let base = NonNull::from(base_refs[0]);
    let mut inherited = TypeFlags(0);
    for b in &base_refs {
        inherited = inherited.union(TypeFlags(
            b.flags().0
                & (TypeFlags::BASE_EXC_SUBCLASS.0
                    | TypeFlags::TYPE_SUBCLASS.0
                    | TypeFlags::LONG_SUBCLASS.0),
        ));
    }
    let mut flags = TypeFlags::HEAPTYPE
        .union(TypeFlags::BASETYPE)
        .union(TypeFlags::HAVE_GC)
        .union(TypeFlags::READY)
        .union(TypeFlags::HAVE_VERSION_TAG)
        .union(inherited);
    let basicsize = match solid {
        SolidBase::Object => {
            flags = flags.union(TypeFlags::MANAGED_DICT);
            // Header + `__weakref__` slot; the managed dict lives in the pre-header.
            24
        }
        SolidBase::Exception => base_refs[0].basicsize,
    };
    let qualname = match ns.get_item(py, intern_str(py, "__qualname__").as_object())? {
        Some(q) => q
            .downcast::<PyStr>(py)
            .map_err(|_| PyErr::type_error("type __qualname__ must be a str, not int"))?,
        None => PyStr::new(py, name),
    };
    let heap = HeapData {
        bases: PyTuple::new(py, bases.iter().map(|b| b.clone().into_object()).collect()),
        owned: bases.iter().map(|b| b.clone().into_object()).collect(),
        qualname: RefCell::new(qualname),
        solid,
    };
    // Allocate with a placeholder MRO, then compute the real one (it starts with the type).
    let value = PyType::make_value(
        NonNull::from(meta),
        name,
        basicsize,
        0,
        flags,
        Some(base),
        Vec::new(),
        crate::eval::slots::heap_slots(),
        Some(Box::new(heap)),
    );
    let ptr = PyType::alloc_raw(value);
    let mro = c3_mro(ptr, &base_refs)?;
    // SAFETY: `ptr` is fresh and not shared yet.
    unsafe { (*ptr.as_ptr()).set_mro(mro) };
    // SAFETY: a fresh type object with count 1.
    let ty: PyRef<PyType> = unsafe { PyRef::from_raw(ptr) };
    // The class dict: a copy of the namespace without `__qualname__`.
    let dict = PyDict::new(py);
    for (k, v) in ns.items() {
        if let Some(s) = k.downcast_ref::<PyStr>(py)
            && s.as_ascii_str() == Some("__qualname__")
        {
            continue;
        }
        dict.set_item(py, k, v)?;
    }
    if dict
        .get_item(py, intern_str(py, "__doc__").as_object())?
        .is_none()
    {
        dict.set_item(py, intern_str(py, "__doc__").into_object(), py.none())?;
    }
    *ty.dict.borrow_mut() = Some(dict);
    // Keep the type alive forever (heap types are immortal for now): one extra reference.
    std::mem::forget(ty.clone());
    Ok(ty)
}

impl PyType {
    /// Replace the MRO of a type under construction.
    ///
    /// # Safety
    /// Nothing may borrow the type's MRO concurrently (the type is not shared yet).
    pub(crate) unsafe fn set_mro(&mut self, mro: Vec<NonNull<PyType>>) {
        self.set_mro_boxed(mro.into_boxed_slice());
    }
}

/// Convenience for the eval loop: is `obj` a heap-type instance whose class defines `name`?
pub fn heap_lookup(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let ty = obj.ob_type();
    if !ty.is_heap() {
        return Ok(None);
    }
    ty.lookup(py, intern_str(py, name).as_object())
}

/// `true` if `obj` is a type object.
pub fn is_type(py: Python<'_>, obj: &PyObject) -> bool {
    PyType::is_type_of(py, obj)
}
