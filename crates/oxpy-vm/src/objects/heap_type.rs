//! Class-statement types (`PyHeapTypeObject`): creation, C3 MRO, layout and flags.

use std::cell::RefCell;
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::descriptors::{GetSetGet, GetSetSet, PyGetSetDescr};
use crate::objects::dict::PyDict;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeFlags};
use crate::tables::sizing::{DictPlacement, LayoutError, TypeLayout};

/// CPython's layout of `ty` and the `__basicsize__` of its solid builtin base.
fn layout_of(py: Python<'_>, ty: &PyType) -> (TypeLayout, usize) {
    if let Some(h) = &ty.heap {
        return (h.layout.clone(), h.base_basicsize);
    }
    let is_type = std::ptr::eq(ty, py.types().type_());
    let dict = if ty.flags().contains(TypeFlags::BASE_EXC_SUBCLASS) {
        // `PyBaseException.dict` follows the header.
        DictPlacement::Fixed(16)
    } else if is_type {
        // `offsetof(PyTypeObject, tp_dict)`.
        DictPlacement::Fixed(264)
    } else {
        DictPlacement::None
    };
    let mut layout = TypeLayout::builtin(ty.basicsize, ty.itemsize, ty.is_gc(), dict);
    if std::ptr::eq(ty, py.types().set()) || std::ptr::eq(ty, py.types().frozenset()) {
        // `PySetObject.weakreflist` is its last word.
        layout.weaklistoffset = ty.basicsize - 8;
    }
    if is_type {
        // `offsetof(PyTypeObject, tp_weaklist)`.
        layout.weaklistoffset = 368;
    }
    (layout, ty.basicsize)
}

/// `__slots__` of a class namespace, mangled, validated as CPython's `type_new` does.
fn read_slots(py: Python<'_>, class_name: &str, ns: &PyDict) -> PyResult<Option<Vec<String>>> {
    let Some(v) = ns.get_item(py, intern_str(py, "__slots__").as_object())? else {
        return Ok(None);
    };
    let items = if v.is_instance_of::<PyStr>(py) {
        vec![v]
    } else {
        crate::eval::ops::collect_iterable(py, &v)?
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let Some(s) = it.downcast_ref::<PyStr>(py) else {
            return Err(PyErr::type_error(format!(
                "__slots__ items must be strings, not '{}'",
                it.ob_type().name()
            )));
        };
        let text = s.to_string_lossy();
        let ident = text
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphabetic())
            && text.chars().all(|c| c == '_' || c.is_alphanumeric());
        if !ident {
            return Err(PyErr::type_error("__slots__ must be identifiers"));
        }
        let mangled = mangle(class_name, &text);
        if mangled != "__dict__"
            && mangled != "__weakref__"
            && ns
                .get_item(
                    py,
                    crate::objects::str::intern_text(py, &mangled).as_object(),
                )?
                .is_some()
        {
            return Err(PyErr::value_error(format!(
                "'{mangled}' in __slots__ conflicts with class variable"
            )));
        }
        out.push(mangled);
    }
    Ok(Some(out))
}

/// `_Py_Mangle`: `__x` in class `C` becomes `_C__x` (dunder names and dotted names unchanged).
fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Which builtin layout instances of a heap type have (`solid_base`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SolidBase {
    /// Plain `object` instances: header + managed dict.
    Object,
    /// `BaseException` instances (`PyBaseException` body).
    Exception,
    /// `int` payload (`PyInt`).
    Int,
    /// `float` payload.
    Float,
    /// `str` payload (inline characters).
    Str,
    /// `bytes` payload (inline bytes).
    Bytes,
    /// `tuple` payload (inline items).
    Tuple,
    /// `list` payload.
    List,
    /// `dict` payload.
    Dict,
    /// `set` payload.
    Set,
    /// `frozenset` payload.
    FrozenSet,
    /// `type` (metaclasses): instances are class objects made by `type_new`.
    Type,
}

impl SolidBase {
    /// True for the builtin payload kinds (everything but `object` and exceptions).
    pub fn is_builtin_payload(self) -> bool {
        !matches!(self, SolidBase::Object | SolidBase::Exception)
    }
}

/// What a heap type owns besides the `PyType` fields.
pub struct HeapData {
    /// `__bases__`.
    pub bases: PyRef<PyTuple>,
    /// `tp_base` (a strong reference, as in CPython).
    pub owned: Vec<PyRef>,
    /// `tp_mro`: the `__mro__` tuple, starting with the class itself (a cycle, as in CPython;
    /// `type_clear` drops it). Lookups walk the Rust-side copy in `PyType::mro`.
    pub mro_tuple: RefCell<Option<PyRef<PyTuple>>>,
    /// `__qualname__`.
    pub qualname: RefCell<PyRef<PyStr>>,
    /// Instance layout.
    pub solid: SolidBase,
    /// `__basicsize__` of the solid builtin base (where this class's own fields start, in
    /// CPython's numbering).
    pub base_basicsize: usize,
    /// CPython's layout of the instances (slots, dict placement, weakref offset).
    pub layout: crate::tables::sizing::TypeLayout,
    /// `ht_cached_keys`: the keys table the instances' attribute values share (classes whose
    /// instances have a managed dict), `None` otherwise.
    pub cached_keys: Option<crate::objects::dict::SharedKeysRef>,
}

/// `type.__module__` of a heap type.
pub fn type_module(py: Python<'_>, ty: &PyType) -> String {
    if ty.heap.is_none() {
        // `type_module` of a static type: the part of `tp_name` before the last dot.
        return match ty.name().rsplit_once('.') {
            Some((module, _)) => module.into(),
            None => "builtins".into(),
        };
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
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| std::ptr::eq(*o, *b)) {
            return Err(PyErr::type_error(format!(
                "duplicate base class {}",
                b.name()
            )));
        }
    }
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
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
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
    let t = py.types();
    let table: [(&PyType, SolidBase); 10] = [
        (t.type_(), SolidBase::Type),
        (t.int(), SolidBase::Int),
        (t.float(), SolidBase::Float),
        (t.str_(), SolidBase::Str),
        (t.bytes(), SolidBase::Bytes),
        (t.tuple(), SolidBase::Tuple),
        (t.list(), SolidBase::List),
        (t.dict(), SolidBase::Dict),
        (t.set(), SolidBase::Set),
        (t.frozenset(), SolidBase::FrozenSet),
    ];
    if let Some((_, s)) = table.iter().find(|(b, _)| std::ptr::eq(*b, ty)) {
        return Ok(*s);
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
    if solid == SolidBase::Type {
        install_type_call(py)?;
    }
    let base_refs: Vec<&PyType> = bases.iter().map(|b| &**b).collect();
    let base = NonNull::from(base_refs[0]);
    let mut inherited = TypeFlags(0);
    for b in &base_refs {
        inherited = inherited.union(TypeFlags(
            b.flags().0
                & (TypeFlags::BASE_EXC_SUBCLASS.0
                    | TypeFlags::TYPE_SUBCLASS.0
                    | TypeFlags::LONG_SUBCLASS.0
                    | TypeFlags::LIST_SUBCLASS.0
                    | TypeFlags::TUPLE_SUBCLASS.0
                    | TypeFlags::BYTES_SUBCLASS.0
                    | TypeFlags::UNICODE_SUBCLASS.0
                    | TypeFlags::DICT_SUBCLASS.0
                    | TypeFlags::SEQUENCE.0
                    | TypeFlags::MAPPING.0),
        ));
    }
    let mut flags = TypeFlags::HEAPTYPE
        .union(TypeFlags::BASETYPE)
        .union(TypeFlags::HAVE_GC)
        .union(TypeFlags::READY)
        .union(TypeFlags::HAVE_VERSION_TAG)
        .union(inherited);
    // `best_base`: the base whose layout the new class extends.
    let best = base_refs
        .iter()
        .copied()
        .filter(|b| solid_base_of(py, b).is_ok_and(|s| s == solid))
        .max_by_key(|b| b.basicsize)
        .unwrap_or(base_refs[0]);
    let (base_layout, base_basicsize) = layout_of(py, best);
    let slots = read_slots(py, name, ns)?;
    let layout = TypeLayout::for_class(&base_layout, slots.as_deref()).map_err(|e| match e {
        LayoutError::DictSlotDisallowed => {
            PyErr::type_error("__dict__ slot disallowed: we already got one")
        }
        LayoutError::WeakrefSlotDisallowed => PyErr::type_error(
            "__weakref__ slot disallowed: either we already got one, or the base type has a nonzero itemsize",
        ),
        LayoutError::NonemptySlotsOnVarsized => PyErr::type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            best.name()
        )),
    })?;
    if layout.managed_dict() {
        flags = flags.union(TypeFlags::MANAGED_DICT);
    }
    // The class whose layout first adds the dict / the weakref list gets the `__dict__` /
    // `__weakref__` descriptors (`subtype_getsets_full`).
    let adds_dict = matches!(base_layout.dict, DictPlacement::None)
        && !matches!(layout.dict, DictPlacement::None);
    let adds_weakref = base_layout.weaklistoffset == 0 && layout.weaklistoffset != 0;
    let basicsize = layout.basicsize;
    let itemsize = layout.itemsize;
    let new_slots: Vec<(String, usize)> = layout
        .slot_offsets
        .iter()
        .filter(|s| !base_layout.slot_offsets.contains(s))
        .cloned()
        .collect();
    let qualname = match ns.get_item(py, intern_str(py, "__qualname__").as_object())? {
        Some(q) => q
            .downcast::<PyStr>(py)
            .map_err(|_| PyErr::type_error("type __qualname__ must be a str, not int"))?,
        None => PyStr::new(py, name),
    };
    let heap = HeapData {
        bases: PyTuple::new(py, bases.iter().map(|b| b.clone().into_object()).collect()),
        owned: vec![bases[0].clone().into_object()],
        mro_tuple: RefCell::new(None),
        qualname: RefCell::new(qualname),
        solid,
        base_basicsize,
        cached_keys: layout
            .managed_dict()
            .then(|| std::rc::Rc::new(RefCell::new(crate::tables::dict_table::SharedKeys::new()))),
        layout,
    };
    // Allocate with a placeholder MRO, then compute the real one (it starts with the type).
    let value = PyType::make_value(
        NonNull::from(meta),
        name,
        basicsize,
        itemsize,
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
    // A class is a GC object like any instance of its metaclass (`PyType_GenericAlloc`): it
    // counts as a GC allocation, owns a reference to a heap metaclass and is tracked, so the
    // collector sees the cycles running through class namespaces.
    py.interp().gc.on_alloc();
    if meta.is_heap() {
        meta.as_object().incref();
    }
    crate::gc::track(py, ty.as_object());
    if let Some(h) = &ty.heap {
        let items = ty.mro().map(|m| m.to_owned_ref().into_object()).collect();
        *h.mro_tuple.borrow_mut() = Some(PyTuple::new(py, items));
    }
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
    // `type_new_set_module`: `__module__` from the calling frame's globals when the namespace
    // has none (`type(name, bases, ns)`; a class body always sets it).
    let module_key = intern_str(py, "__module__");
    if dict.get_item(py, module_key.as_object())?.is_none()
        && let Some(m) = crate::eval::with_current_frame(|f| {
            f.and_then(|f| {
                f.globals
                    .get_item(py, intern_str(py, "__name__").as_object())
                    .ok()
                    .flatten()
            })
        })
    {
        dict.set_item(py, module_key.into_object(), m)?;
    }
    let getsets: [(&str, bool, GetSetGet, Option<GetSetSet>); 2] = [
        (
            "__dict__",
            adds_dict,
            subtype_dict_get,
            Some(subtype_dict_set),
        ),
        ("__weakref__", adds_weakref, subtype_weakref_get, None),
    ];
    for (name, add, get, set) in getsets {
        if !add {
            continue;
        }
        let key = intern_str(py, name);
        if dict.get_item(py, key.as_object())?.is_some() {
            continue;
        }
        let descr = PyGetSetDescr::new(py, &ty, key.clone(), get, set);
        dict.set_item(py, key.into_object(), descr.into_object())?;
    }
    if dict
        .get_item(py, intern_str(py, "__doc__").as_object())?
        .is_none()
    {
        dict.set_item(py, intern_str(py, "__doc__").into_object(), py.none())?;
    }
    for (slot, offset) in new_slots {
        let key = crate::objects::str::intern_text(py, &slot);
        let descr = crate::objects::member_descr::PyMemberDescr::new(py, &ty, key.clone(), offset);
        dict.set_item(py, key.into_object(), descr.into_object())?;
    }
    *ty.dict.borrow_mut() = Some(dict);
    for b in &bases {
        b.add_subclass(py, &ty)?;
    }
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

/// `__dictoffset__`.
pub fn dictoffset(ty: &PyType) -> isize {
    match &ty.heap {
        Some(h) => h.layout.dictoffset(),
        None if ty.flags().contains(TypeFlags::BASE_EXC_SUBCLASS) => 16,
        None => 0,
    }
}

/// `__weakrefoffset__`.
pub fn weakrefoffset(ty: &PyType) -> usize {
    match &ty.heap {
        Some(h) => h.layout.weaklistoffset,
        None => 0,
    }
}

/// True if instances of `ty` can be weakly referenced (`tp_weaklistoffset != 0`). Of the
/// builtin types only type objects qualify for now (oxpy keeps them alive forever).
pub fn supports_weakrefs(py: Python<'_>, obj: &PyObject) -> bool {
    let ty = obj.ob_type();
    match &ty.heap {
        Some(h) => h.layout.weaklistoffset != 0,
        None => PyType::is_type_of(py, obj),
    }
}

static TYPE_CALL_DEF: crate::object::native::MethodDef =
    crate::object::native::MethodDef::new("__call__", crate::eval::slots::type_dunder_call);

/// Put `type.__call__` in `type`'s dict (once), so a metaclass's `super().__call__` finds it.
fn install_type_call(py: Python<'_>) -> PyResult<()> {
    let t = py.types().type_();
    let Some(d) = t.dict() else {
        return Ok(());
    };
    let key = intern_str(py, "__call__");
    if d.get_item(py, key.as_object())?.is_some() {
        return Ok(());
    }
    let descr = crate::objects::builtin_function::PyMethodDescr::new(py, &TYPE_CALL_DEF, t);
    d.set_item(py, key.into_object(), descr.into_object())
}

/// `subtype_dict`: the instance's `__dict__` (made on first access).
fn subtype_dict_get(py: Python<'_>, this: &PyObject) -> PyResult<PyRef> {
    match crate::objects::instance::instance_dict(py, this) {
        Some(d) => Ok(d.into_object()),
        None => Err(PyErr::new(
            crate::error::ExcKind::AttributeError,
            "This object has no __dict__",
        )),
    }
}

/// `subtype_setdict`: replace the instance's `__dict__` with another dict (`del` leaves an
/// empty one, which is what the next `obj.__dict__` shows in CPython).
fn subtype_dict_set(py: Python<'_>, this: &PyObject, value: Option<PyRef>) -> PyResult<()> {
    let d = match value {
        Some(v) => v.downcast::<PyDict>(py).map_err(|v| {
            PyErr::type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                v.ob_type().name()
            ))
        })?,
        None => PyDict::new(py),
    };
    if !crate::objects::instance::set_instance_dict(py, this, d) {
        return Err(PyErr::new(
            crate::error::ExcKind::AttributeError,
            "This object has no __dict__",
        ));
    }
    Ok(())
}

/// `subtype_getweakref`: the first weak reference to the instance, or None.
fn subtype_weakref_get(py: Python<'_>, this: &PyObject) -> PyResult<PyRef> {
    Ok(crate::objects::weakref::weakrefs_of(py, this)
        .into_iter()
        .next()
        .unwrap_or_else(|| py.none()))
}
