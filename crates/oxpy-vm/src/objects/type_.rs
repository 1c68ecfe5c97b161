//! `type`: type objects and their slot tables (CPython's `PyTypeObject`).
//!
//! Builtin types are created once per interpreter (see `interp.rs`) and live as long as it; the
//! interpreter owns one reference to each, so their dealloc never runs. Because every interpreter
//! has its own copies, type objects (and their counts) are never shared between interpreters that
//! run in parallel. Heap types (class statements) will be ordinary GC objects that own their base
//! and MRO entries; builtin types point at their base with non-owning pointers.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::error::PyResult;
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef, PyVarObject};
use crate::objects::str::PyStr;
use crate::ops::{BinOp, UnaryOp};

/// `tp_flags` bits, numbered as in CPython's `Include/object.h` so `__flags__` matches.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TypeFlags(pub u64);

impl TypeFlags {
    /// Instances have a managed `__dict__` in the pre-header (`Py_TPFLAGS_MANAGED_DICT`).
    pub const MANAGED_DICT: TypeFlags = TypeFlags(1 << 4);
    /// `Py_TPFLAGS_SEQUENCE` (pattern matching).
    pub const SEQUENCE: TypeFlags = TypeFlags(1 << 5);
    /// `Py_TPFLAGS_MAPPING` (pattern matching).
    pub const MAPPING: TypeFlags = TypeFlags(1 << 6);
    /// `Py_TPFLAGS_DISALLOW_INSTANTIATION`.
    pub const DISALLOW_INSTANTIATION: TypeFlags = TypeFlags(1 << 7);
    /// `Py_TPFLAGS_IMMUTABLETYPE`.
    pub const IMMUTABLETYPE: TypeFlags = TypeFlags(1 << 8);
    /// Allocated by a class statement (`Py_TPFLAGS_HEAPTYPE`).
    pub const HEAPTYPE: TypeFlags = TypeFlags(1 << 9);
    /// Can be subclassed (`Py_TPFLAGS_BASETYPE`).
    pub const BASETYPE: TypeFlags = TypeFlags(1 << 10);
    /// `Py_TPFLAGS_HAVE_VECTORCALL`.
    pub const HAVE_VECTORCALL: TypeFlags = TypeFlags(1 << 11);
    /// `Py_TPFLAGS_READY`.
    pub const READY: TypeFlags = TypeFlags(1 << 12);
    /// Instances take part in cyclic GC and carry a GC head (`Py_TPFLAGS_HAVE_GC`).
    pub const HAVE_GC: TypeFlags = TypeFlags(1 << 14);
    /// `Py_TPFLAGS_METHOD_DESCRIPTOR`.
    pub const METHOD_DESCRIPTOR: TypeFlags = TypeFlags(1 << 17);
    /// `Py_TPFLAGS_HAVE_VERSION_TAG` (always set, `Py_TPFLAGS_DEFAULT`).
    pub const HAVE_VERSION_TAG: TypeFlags = TypeFlags(1 << 18);
    /// `Py_TPFLAGS_VALID_VERSION_TAG`.
    pub const VALID_VERSION_TAG: TypeFlags = TypeFlags(1 << 19);
    /// `Py_TPFLAGS_IS_ABSTRACT`.
    pub const IS_ABSTRACT: TypeFlags = TypeFlags(1 << 20);
    /// `_Py_TPFLAGS_MATCH_SELF`.
    pub const MATCH_SELF: TypeFlags = TypeFlags(1 << 22);
    /// Subclass of `int` (`Py_TPFLAGS_LONG_SUBCLASS`).
    pub const LONG_SUBCLASS: TypeFlags = TypeFlags(1 << 24);
    /// Subclass of `list`.
    pub const LIST_SUBCLASS: TypeFlags = TypeFlags(1 << 25);
    /// Subclass of `tuple`.
    pub const TUPLE_SUBCLASS: TypeFlags = TypeFlags(1 << 26);
    /// Subclass of `bytes`.
    pub const BYTES_SUBCLASS: TypeFlags = TypeFlags(1 << 27);
    /// Subclass of `str`.
    pub const UNICODE_SUBCLASS: TypeFlags = TypeFlags(1 << 28);
    /// Subclass of `dict`.
    pub const DICT_SUBCLASS: TypeFlags = TypeFlags(1 << 29);
    /// Subclass of `BaseException`.
    pub const BASE_EXC_SUBCLASS: TypeFlags = TypeFlags(1 << 30);
    /// Subclass of `type`.
    pub const TYPE_SUBCLASS: TypeFlags = TypeFlags(1 << 31);

    /// True if every bit of `other` is set.
    #[inline]
    pub const fn contains(self, other: TypeFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Bitwise union.
    #[inline]
    pub const fn union(self, other: TypeFlags) -> TypeFlags {
        TypeFlags(self.0 | other.0)
    }
}

/// Rich comparison operators, numbered like CPython's `Py_LT` … `Py_GE`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompareOp {
    /// `<`
    Lt = 0,
    /// `<=`
    Le = 1,
    /// `==`
    Eq = 2,
    /// `!=`
    Ne = 3,
    /// `>`
    Gt = 4,
    /// `>=`
    Ge = 5,
}

impl CompareOp {
    /// The operator with swapped operands (`_Py_SwappedOp`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    /// Apply the operator to an `Ordering`.
    pub fn test(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ord == Less,
            CompareOp::Le => ord != Greater,
            CompareOp::Eq => ord == Equal,
            CompareOp::Ne => ord != Equal,
            CompareOp::Gt => ord == Greater,
            CompareOp::Ge => ord != Less,
        }
    }
}

/// Visitor passed to `tp_traverse`; breaking stops the traversal (a non-zero `visitproc` result).
pub type Visit<'a> = &'a mut dyn FnMut(&PyObject) -> ControlFlow<()>;
/// `tp_dealloc`: called once the count reached zero. Releases the children and frees the memory.
pub type DeallocFn = unsafe fn(Python<'_>, NonNull<PyObject>);
/// `tp_traverse`: visit each directly referenced object, in CPython's visit order.
pub type TraverseFn = fn(&PyObject, Visit<'_>) -> ControlFlow<()>;
/// `tp_clear`: drop the references that may be part of cycles.
pub type ClearFn = fn(Python<'_>, &PyObject);
/// `tp_hash`.
pub type HashFn = fn(Python<'_>, &PyObject) -> PyResult<isize>;
/// `tp_repr`.
pub type ReprFn = fn(Python<'_>, &PyObject) -> PyResult<PyRef<PyStr>>;
/// `tp_richcompare`: returns `NotImplemented` for unsupported operand types.
pub type RichCompareFn = fn(Python<'_>, &PyObject, &PyObject, CompareOp) -> PyResult<PyRef>;
/// `__sizeof__` (without the pre-header).
pub type SizeofFn = fn(&PyObject) -> usize;

/// `str(obj)` (`tp_str`); `None` = `repr`.
pub type StrFn = ReprFn;
/// `format(obj, spec)` (`__format__` of a builtin type).
pub type FormatFn = fn(Python<'_>, &PyObject, &PyStr) -> PyResult<PyRef<PyStr>>;
/// `len(obj)` (`sq_length`/`mp_length`).
pub type LenFn = fn(Python<'_>, &PyObject) -> PyResult<usize>;
/// `obj[key]` (`mp_subscript`, which also serves sequences).
pub type GetItemFn = fn(Python<'_>, &PyObject, &PyObject) -> PyResult<PyRef>;
/// `obj[key] = value`, or `del obj[key]` when `value` is `None` (`mp_ass_subscript`).
pub type SetItemFn = fn(Python<'_>, &PyObject, &PyObject, Option<PyRef>) -> PyResult<()>;
/// `item in obj` (`sq_contains`).
pub type ContainsFn = fn(Python<'_>, &PyObject, &PyObject) -> PyResult<bool>;
/// `iter(obj)` (`tp_iter`).
pub type IterFn = fn(Python<'_>, &PyObject) -> PyResult<PyRef>;
/// `next(it)` (`tp_iternext`): `Ok(None)` when exhausted (no `StopIteration` object needed).
pub type IterNextFn = fn(Python<'_>, &PyObject) -> PyResult<Option<PyRef>>;
/// `obj(*args, **kwargs)` (`tp_call`, vectorcall-shaped).
pub type CallFn = fn(Python<'_>, &PyObject, Args<'_>) -> PyResult<PyRef>;

/// Extra attributes of a builtin type that are not methods (`tp_getset`/`tp_members`): return
/// `Ok(None)` for names the type does not have.
pub type AttrFn = fn(Python<'_>, &PyObject, &str) -> PyResult<Option<PyRef>>;

/// The `nb_*` binary slots folded into one (`nb_add`, `nb_subtract`, …): called with the operands
/// in source order, either of which has this type; returns `NotImplemented` for operand types it
/// does not handle, exactly as CPython's `binary_op1` expects.
pub type BinOpFn = fn(Python<'_>, BinOp, &PyObject, &PyObject) -> PyResult<PyRef>;
/// `nb_negative`, `nb_positive`, `nb_invert`, `nb_absolute`; `NotImplemented` if unsupported.
pub type UnaryFn = fn(Python<'_>, UnaryOp, &PyObject) -> PyResult<PyRef>;

/// The slot table of a type.
#[derive(Clone, Copy)]
pub struct TypeSlots {
    /// `tp_dealloc`.
    pub dealloc: DeallocFn,
    /// `tp_traverse` (GC types only).
    pub traverse: Option<TraverseFn>,
    /// `tp_clear`.
    pub clear: Option<ClearFn>,
    /// `tp_hash`; `None` = unhashable (`PyObject_HashNotImplemented`).
    pub hash: Option<HashFn>,
    /// `tp_repr`; `None` = `object.__repr__`.
    pub repr: Option<ReprFn>,
    /// `tp_richcompare`; `None` = identity comparison only (`object`).
    pub richcompare: Option<RichCompareFn>,
    /// `__sizeof__`; `None` = `basicsize + itemsize * ob_size`.
    pub sizeof: Option<SizeofFn>,
    /// Number protocol, binary operators (also `str % x`, `list + list`, `seq * n`).
    pub binop: Option<BinOpFn>,
    /// Number protocol, unary operators.
    pub unary: Option<UnaryFn>,
    /// `tp_str`.
    pub str: Option<StrFn>,
    /// `__format__`.
    pub format: Option<FormatFn>,
    /// `__len__`.
    pub len: Option<LenFn>,
    /// `__getitem__`.
    pub getitem: Option<GetItemFn>,
    /// `__setitem__` / `__delitem__`.
    pub setitem: Option<SetItemFn>,
    /// `__contains__`.
    pub contains: Option<ContainsFn>,
    /// `__iter__`.
    pub iter: Option<IterFn>,
    /// `__next__`.
    pub iternext: Option<IterNextFn>,
    /// `__call__`.
    pub call: Option<CallFn>,
    /// Data attributes (`tp_getset`/`tp_members`), e.g. `slice.start`, `complex.real`.
    pub attr: Option<AttrFn>,
}

impl TypeSlots {
    /// Slots of a type that only defines `dealloc`: hashable and comparable by identity like
    /// `object`, every other slot empty. Spell the rest with `..TypeSlots::new(dealloc)`.
    pub const fn new(dealloc: DeallocFn) -> TypeSlots {
        TypeSlots {
            dealloc,
            traverse: None,
            clear: None,
            hash: Some(crate::objects::object::object_hash),
            repr: None,
            richcompare: Some(crate::objects::object::object_richcompare),
            sizeof: None,
            binop: None,
            unary: None,
            str: None,
            format: None,
            len: None,
            getitem: None,
            setitem: None,
            contains: None,
            iter: None,
            iternext: None,
            call: None,
            attr: None,
        }
    }
}

/// A type object (`PyTypeObject`). Type objects are objects: the header is first.
#[repr(C)]
pub struct PyType {
    ob_base: PyVarObject,
    name: Box<str>,
    /// `tp_basicsize` as CPython reports it (`__basicsize__`).
    pub basicsize: usize,
    /// `tp_itemsize` (`__itemsize__`).
    pub itemsize: usize,
    flags: Cell<TypeFlags>,
    base: Option<NonNull<PyType>>,
    /// `tp_mro` starting with the type itself (non-owning for builtin types).
    mro: Box<[NonNull<PyType>]>,
    /// The slot table.
    pub slots: TypeSlots,
    /// Builtin methods (`tp_methods`).
    pub methods: &'static [MethodDef],
    /// The type's namespace (`tp_dict`): method descriptors of builtin types, the class body of
    /// heap types.
    pub dict: std::cell::RefCell<Option<PyRef<crate::objects::dict::PyDict>>>,
    /// Class-statement data; `None` for builtin types.
    pub heap: Option<Box<crate::objects::heap_type::HeapData>>,
    /// `tp_subclasses`: CPython's dict `{id(sub): weakref.ref(sub)}` of the direct subclasses in
    /// creation order, made at the first subclass; a heap type removes its entry from its bases'
    /// dicts when it dies ([`release_heap_type`]).
    subclasses: std::cell::RefCell<Option<PyRef<crate::objects::dict::PyDict>>>,
    /// Memo of the Python-level dunders the attribute and instantiation paths ask for (see
    /// [`TypeHooks`]); valid while the type epoch it records is current.
    pub hooks: Cell<TypeHooks>,
}

/// What a heap type defines among the dunders `getattr`/`setattr` and `type.__call__` consult,
/// found along its MRO at type epoch `epoch` (CPython reads the same from the type's slots,
/// which `type_modified`-style updates keep current). Filled by `eval::slots`.
#[derive(Clone, Copy, Debug)]
pub struct TypeHooks {
    /// The [`type_epoch`] the memo was taken at; [`TypeHooks::EMPTY`] never matches.
    pub epoch: u64,
    /// `TypeHooks::*` bits.
    pub bits: u16,
    /// Where `__init__` was found: the class along the MRO and the entry of its dict.
    pub init_at: Option<(NonNull<PyType>, u32)>,
}

impl TypeHooks {
    /// No memo yet.
    pub const EMPTY: TypeHooks = TypeHooks {
        epoch: u64::MAX,
        bits: 0,
        init_at: None,
    };
    /// A Python `__getattribute__` override.
    pub const GETATTRIBUTE: u16 = 1;
    /// A Python `__getattr__`.
    pub const GETATTR: u16 = 1 << 1;
    /// A Python `__setattr__`.
    pub const SETATTR: u16 = 1 << 2;
    /// A Python `__delattr__`.
    pub const DELATTR: u16 = 1 << 3;
    /// A Python `__new__`.
    pub const NEW: u16 = 1 << 4;
    /// A Python `__init__`.
    pub const INIT: u16 = 1 << 5;
    /// The class's own dict has `__abstractmethods__`.
    pub const ABSTRACT: u16 = 1 << 6;
}

// SAFETY: `PyType` is #[repr(C)] and starts with the object header.
unsafe impl PyPayload for PyType {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().type_()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::TYPE_SUBCLASS)
    }
}

/// What a builtin type is made from.
pub struct TypeSpec {
    /// `tp_name`.
    pub name: &'static str,
    /// `__basicsize__` as CPython 3.11 reports it.
    pub basicsize: usize,
    /// `__itemsize__` as CPython 3.11 reports it.
    pub itemsize: usize,
    /// `__flags__` as CPython 3.11 reports it.
    pub flags: u64,
    /// The slot table.
    pub slots: TypeSlots,
    /// Methods of a builtin type (become method descriptors in the type's dict).
    pub methods: &'static [MethodDef],
}

impl PyType {
    /// Allocate a builtin type object (not GC-counted, never tracked, like CPython's static types).
    ///
    /// `metatype` = `None` makes the type its own type (only `type` itself).
    pub(crate) fn new_builtin(
        metatype: Option<NonNull<PyType>>,
        base: Option<NonNull<PyType>>,
        spec: TypeSpec,
    ) -> NonNull<PyType> {
        let layout = std::alloc::Layout::new::<PyType>();
        // The GC pre-header is allocated too: `type` is a GC type and the helpers that find the
        // head (e.g. `gc::is_tracked`) rely on it.
        let pre = crate::gc::GC_HEAD_SIZE;
        let full = match std::alloc::Layout::from_size_align(pre + layout.size(), 8) {
            Ok(l) => l,
            Err(_) => std::alloc::handle_alloc_error(layout),
        };
        // SAFETY: non-zero size.
        let raw = unsafe { std::alloc::alloc_zeroed(full) };
        if raw.is_null() {
            std::alloc::handle_alloc_error(full);
        }
        // SAFETY: in bounds; 8-aligned since `pre` is 16.
        let p = unsafe { raw.add(pre) } as *mut PyType;
        // SAFETY: `p` is non-null.
        let nn = unsafe { NonNull::new_unchecked(p) };
        let meta = metatype.unwrap_or(nn);
        let mut mro = vec![nn];
        if let Some(b) = base {
            // SAFETY: the base was created before and lives as long as the interpreter.
            mro.extend_from_slice(&unsafe { b.as_ref() }.mro);
        }
        let ty = PyType {
            ob_base: PyVarObject::new_header(meta.cast(), 0),
            name: spec.name.into(),
            basicsize: spec.basicsize,
            itemsize: spec.itemsize,
            flags: Cell::new(TypeFlags(spec.flags)),
            base,
            mro: mro.into_boxed_slice(),
            slots: spec.slots,
            methods: spec.methods,
            dict: std::cell::RefCell::new(None),
            heap: None,
            subclasses: std::cell::RefCell::new(None),
            hooks: Cell::new(TypeHooks::EMPTY),
        };
        // SAFETY: `p` is valid for writes of a `PyType`.
        unsafe { p.write(ty) };
        nn
    }

    /// Set the base of a builtin type created without one (only `type`, whose base `object`
    /// is created after it).
    ///
    /// # Safety
    /// `ty` and `base` are live builtin types and nothing borrows `ty` yet.
    pub(crate) unsafe fn set_builtin_base(ty: NonNull<PyType>, base: NonNull<PyType>) {
        let t = ty.as_ptr();
        // SAFETY: guaranteed by the caller: exclusive access to a live type.
        unsafe {
            (*t).base = Some(base);
            (*t).mro = vec![ty, base].into_boxed_slice();
        }
    }

    /// Create a native (Rust-defined, non-heap) type deriving from `base`, e.g. for extension
    /// modules. Like the builtin types it is never freed: its dealloc slot is a no-op.
    pub fn new_native(py: Python<'_>, base: &PyType, spec: TypeSpec) -> PyRef<PyType> {
        let ty = PyType::new_builtin(
            Some(NonNull::from(py.types().type_())),
            Some(NonNull::from(base)),
            spec,
        );
        // SAFETY: a fresh type object with count 1, owned by the new handle.
        unsafe { PyRef::from_raw(ty) }
    }

    /// The type as an object.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base.ob_base
    }

    /// `tp_name`.
    #[inline]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `tp_flags`.
    #[inline]
    pub fn flags(&self) -> TypeFlags {
        self.flags.get()
    }

    /// True if instances carry a GC head (`PyType_IS_GC`).
    #[inline]
    pub fn is_gc(&self) -> bool {
        self.flags().contains(TypeFlags::HAVE_GC)
    }

    /// `tp_base`.
    #[inline]
    pub fn base(&self) -> Option<&PyType> {
        // SAFETY: a type's base outlives it.
        self.base.map(|b| unsafe { b.as_ref() })
    }

    /// Iterate `tp_mro` (the type first).
    pub fn mro(&self) -> impl Iterator<Item = &PyType> {
        // SAFETY: MRO entries outlive the type.
        self.mro.iter().map(|t| unsafe { t.as_ref() })
    }

    /// Allocate a type object in the GC-pre-headed layout builtin types use, from a complete
    /// `PyType` value (heap types). The type is never freed (heap types are immortal for now).
    pub(crate) fn alloc_raw(ty: PyType) -> NonNull<PyType> {
        let layout = std::alloc::Layout::new::<PyType>();
        let pre = crate::gc::GC_HEAD_SIZE;
        let full = match std::alloc::Layout::from_size_align(pre + layout.size(), 8) {
            Ok(l) => l,
            Err(_) => std::alloc::handle_alloc_error(layout),
        };
        // SAFETY: non-zero size.
        let raw = unsafe { std::alloc::alloc_zeroed(full) };
        if raw.is_null() {
            std::alloc::handle_alloc_error(full);
        }
        // SAFETY: in bounds, 8-aligned; the value is written before use.
        unsafe {
            let p = raw.add(pre) as *mut PyType;
            p.write(ty);
            NonNull::new_unchecked(p)
        }
    }

    /// The fields of a type value, for [`PyType::alloc_raw`].
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn make_value(
        meta: NonNull<PyType>,
        name: &str,
        basicsize: usize,
        itemsize: usize,
        flags: TypeFlags,
        base: Option<NonNull<PyType>>,
        mro: Vec<NonNull<PyType>>,
        slots: TypeSlots,
        heap: Option<Box<crate::objects::heap_type::HeapData>>,
    ) -> PyType {
        PyType {
            ob_base: PyVarObject::new_header(meta.cast(), 0),
            name: name.into(),
            basicsize,
            itemsize,
            flags: Cell::new(flags),
            base,
            mro: mro.into_boxed_slice(),
            slots,
            methods: &[],
            dict: std::cell::RefCell::new(None),
            heap,
            subclasses: std::cell::RefCell::new(None),
            hooks: Cell::new(TypeHooks::EMPTY),
        }
    }

    /// Replace the MRO (type under construction only).
    pub(crate) fn set_mro_boxed(&mut self, mro: Box<[NonNull<PyType>]>) {
        self.mro = mro;
    }

    /// Raw MRO pointers (the type first).
    pub fn mro_ptrs(&self) -> &[NonNull<PyType>] {
        &self.mro
    }

    /// The type's dict, if it has one yet.
    pub fn dict(&self) -> Option<PyRef<crate::objects::dict::PyDict>> {
        self.dict.borrow().clone()
    }

    /// `_PyType_Lookup`: `name` in the dicts along the MRO, through the method cache when
    /// `name` is an interned string (CPython's type attribute cache).
    pub fn lookup(&self, py: Python<'_>, name: &PyObject) -> PyResult<Option<PyRef>> {
        let cacheable = name
            .downcast_ref::<PyStr>(py)
            .is_some_and(|s| s.is_interned());
        if !cacheable {
            return self.lookup_uncached(py, name);
        }
        let key = (self as *const PyType as usize, name.as_ptr() as usize);
        let hit = TYPE_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let version = TYPE_CACHE_VERSION.load(std::sync::atomic::Ordering::Relaxed);
            if c.version != version {
                c.map.clear();
                c.version = version;
            }
            c.map.get(&key).map(|(_, v)| v.clone())
        });
        if let Some(v) = hit {
            return Ok(v);
        }
        let found = self.lookup_uncached(py, name)?;
        TYPE_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.map.len() > 4096 {
                c.map.clear();
            }
            c.map.insert(key, (name.to_owned_ref(), found.clone()));
        });
        Ok(found)
    }

    /// `_PyType_Lookup` without the cache.
    pub fn lookup_uncached(&self, py: Python<'_>, name: &PyObject) -> PyResult<Option<PyRef>> {
        for t in self.mro() {
            if let Some(d) = t.dict()
                && let Some(v) = d.get_item(py, name)?
            {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    /// Record `sub` as a direct subclass (`add_subclass`): `tp_subclasses[id(sub)] =
    /// weakref.ref(sub)`, the dict made at the first subclass as in CPython.
    pub(crate) fn add_subclass(&self, py: Python<'_>, sub: &PyType) -> PyResult<()> {
        let dict = self
            .subclasses
            .borrow_mut()
            .get_or_insert_with(|| crate::objects::dict::PyDict::new(py))
            .clone();
        let key = crate::objects::int::PyInt::new(py, sub as *const PyType as i64);
        let wr = crate::objects::weakref::new_weakref(py, sub.as_object(), None, false)?;
        dict.set_item(py, key.into_object(), wr)
    }

    /// `remove_subclass`: drop `sub`'s entry (and so its weak reference).
    pub(crate) fn remove_subclass(&self, py: Python<'_>, sub: &PyType) {
        let dict = self.subclasses.borrow().clone();
        if let Some(d) = dict {
            let key = crate::objects::int::PyInt::new(py, sub as *const PyType as i64);
            // An int key hashes without error; an absent key is no error either.
            drop(d.pop_item(py, key.as_object()));
        }
    }

    /// `type.__subclasses__()`: the direct subclasses still alive, oldest first.
    pub fn subclasses(&self, py: Python<'_>) -> Vec<PyRef<PyType>> {
        let dict = self.subclasses.borrow().clone();
        dict.map_or_else(Vec::new, |d| {
            d.values()
                .iter()
                .filter_map(|w| w.downcast_ref::<crate::objects::weakref::PyWeakref>(py))
                .filter_map(|w| w.get())
                .filter_map(|t| t.downcast::<PyType>(py).ok())
                .collect()
        })
    }

    /// True for class-statement types.
    pub fn is_heap(&self) -> bool {
        self.heap.is_some()
    }

    /// A new reference to this type as an object.
    pub fn to_owned_ref(&self) -> PyRef<PyType> {
        // SAFETY: a type is a live object of layout `PyType`.
        unsafe {
            self.as_object()
                .to_owned_ref()
                .downcast_unchecked::<PyType>()
        }
    }

    /// `PyType_IsSubtype`.
    #[inline]
    pub fn is_subtype(&self, other: &PyType) -> bool {
        std::ptr::eq(self, other) || self.mro.iter().any(|t| std::ptr::eq(t.as_ptr(), other))
    }

    /// `__sizeof__` of an instance of this type, without the pre-header.
    pub fn instance_sizeof(&self, obj: &PyObject) -> usize {
        match self.slots.sizeof {
            Some(f) => f(obj),
            None => default_sizeof(obj),
        }
    }
}

/// The per-thread method cache: `(type, interned name)` → value, with a strong reference to
/// the name so its address cannot be reused while cached. Types are immortal.
struct TypeCache {
    version: u64,
    map: crate::fxhash::FxHashMap<(usize, usize), (PyRef, Option<PyRef>)>,
}

thread_local! {
    static TYPE_CACHE: std::cell::RefCell<TypeCache> = std::cell::RefCell::new(TypeCache {
        version: 0,
        map: crate::fxhash::FxHashMap::default(),
    });
}

/// `PyType_Ready`'s `add_subclass` for the builtin types: each one is entered in its base's
/// `tp_subclasses` dict (a weak reference per type), so `object.__subclasses__()` lists them and
/// `object`'s dict exists before the first class statement, as in CPython (run once at start-up).
pub fn register_builtin_subclasses(py: Python<'_>) {
    for ty in py.types().all() {
        // SAFETY: builtin types live as long as the interpreter.
        let ty = unsafe { ty.as_ref() };
        if let Some(base) = ty.base()
            && !std::ptr::eq(base, ty)
        {
            // Types are always weakly referenceable: this cannot fail.
            let _ = base.add_subclass(py, ty);
        }
    }
    // `getset_descriptor` is a static type in CPython, ready before any class statement (so
    // its method descriptors are not allocated by the first class).
    let gs = crate::objects::descriptors::getset_descriptor_type(py);
    let _ = py.types().object().add_subclass(py, gs);
}

/// Bumped whenever any type's dict changes; caches compare it before use.
static TYPE_CACHE_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Drop this thread's method cache (at thread exit, while the GIL is still held).
pub fn clear_thread_type_cache() {
    let old = TYPE_CACHE.with(|c| std::mem::take(&mut c.borrow_mut().map));
    drop(old);
}

/// The type epoch: changes whenever any class namespace changes ([`type_modified`]). Inline
/// caches keyed by it stand in for CPython's per-type `tp_version_tag`.
#[inline]
pub fn type_epoch() -> u64 {
    TYPE_CACHE_VERSION.load(std::sync::atomic::Ordering::Relaxed)
}

/// Invalidate every thread's method cache and the eval loop's inline caches (a type's
/// namespace changed).
pub fn type_modified() {
    TYPE_CACHE_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// `object.__sizeof__`: `tp_basicsize + tp_itemsize * Py_SIZE(o)` (item part only if itemsize > 0).
pub fn default_sizeof(obj: &PyObject) -> usize {
    let ty = obj.ob_type();
    let mut n = ty.basicsize;
    if ty.itemsize > 0 {
        // SAFETY: types with a non-zero item size are variable-size objects.
        let size = unsafe { obj.as_var() }.ob_size().unsigned_abs();
        n += ty.itemsize * size;
    }
    n
}

/// `type.__sizeof__`: `sizeof(PyTypeObject)` (408) for builtin types, `sizeof(PyHeapTypeObject)`
/// (904) plus the shared-keys table for heap types.
pub(crate) fn type_sizeof(obj: &PyObject) -> usize {
    // SAFETY: this is the `__sizeof__` slot of `type`, only called on type objects.
    let t = unsafe { &*(obj as *const PyObject as *const PyType) };
    if !t.flags().contains(TypeFlags::HEAPTYPE) {
        return 408;
    }
    let keys = t
        .heap
        .as_ref()
        .and_then(|h| h.cached_keys.as_ref())
        .map_or(0, |k| k.borrow().keys_size());
    904 + keys
}

/// Builtin type objects are owned by their interpreter: their count never reaches zero while it
/// lives, and the interpreter frees them itself. A dead heap type releases its namespace (see
/// [`release_heap_type`]).
pub(crate) unsafe fn type_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: the object is intact (count 0).
    release_heap_type(py, unsafe { obj.as_ref() });
}

/// The end of a heap type (count 0): untrack it, invalidate the method caches and release its
/// namespace. The type object itself (name, MRO pointers, bases) stays allocated: raw pointers
/// to it (member descriptors, caches keyed by address) may outlive it.
pub(crate) fn release_heap_type(py: Python<'_>, obj: &PyObject) {
    let Some(t) = obj.downcast_ref::<PyType>(py) else {
        return;
    };
    if t.heap.is_none() {
        return;
    }
    crate::gc::untrack(py, obj);
    crate::objects::weakref::clear_weakrefs(py, obj);
    type_modified();
    if let Some(h) = &t.heap {
        for b in h.bases.as_slice() {
            if let Some(b) = b.downcast_ref::<PyType>(py) {
                b.remove_subclass(py, t);
            }
        }
    }
    let dict = t.dict.try_borrow_mut().ok().and_then(|mut d| d.take());
    drop(dict);
}

/// `type_traverse`: a heap type's namespace, `__mro__`, `__bases__` and `tp_base` (builtin types are not
/// tracked and own nothing).
pub(crate) fn type_traverse(obj: &PyObject, visit: Visit<'_>) -> ControlFlow<()> {
    // SAFETY: only installed on `type`, whose instances (and heap subclasses' instances, via
    // the heap slots) have `PyType`'s layout.
    let t = unsafe { &*(obj as *const PyObject as *const PyType) };
    let Some(h) = &t.heap else {
        return ControlFlow::Continue(());
    };
    if let Ok(d) = t.dict.try_borrow()
        && let Some(d) = d.as_ref()
    {
        visit(d.as_object())?;
    }
    if let Ok(m) = h.mro_tuple.try_borrow()
        && let Some(m) = m.as_ref()
    {
        visit(m.as_object())?;
    }
    visit(h.bases.as_object())?;
    for o in &h.owned {
        visit(o)?;
    }
    ControlFlow::Continue(())
}

/// `type_clear`: empty a heap type's namespace, which breaks the cycles through it.
pub(crate) fn type_clear(py: Python<'_>, obj: &PyObject) {
    // SAFETY: as in `type_traverse`.
    let t = unsafe { &*(obj as *const PyObject as *const PyType) };
    if t.heap.is_none() {
        return;
    }
    type_modified();
    let dict = t.dict.try_borrow().ok().and_then(|d| d.clone());
    let _ = py;
    if let Some(d) = dict {
        d.clear();
    }
    // `Py_CLEAR(type->tp_mro)`: the tuple holds the class itself.
    let mro = t
        .heap
        .as_ref()
        .and_then(|h| h.mro_tuple.try_borrow_mut().ok().and_then(|mut m| m.take()));
    drop(mro);
}

/// `type.__repr__`: `<class 'name'>`.
pub(crate) fn type_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let name = match obj.downcast_ref::<PyType>(py) {
        Some(t) => match &t.heap {
            Some(h) => {
                let module = crate::objects::heap_type::type_module(py, t);
                let qual = h.qualname.borrow().to_string_lossy();
                if module == "builtins" {
                    qual
                } else {
                    format!("{module}.{qual}")
                }
            }
            None => t.name().to_owned(),
        },
        None => String::from("?"),
    };
    Ok(PyStr::new(py, &format!("<class '{name}'>")))
}

/// `type`'s spec (CPython 3.11: basicsize 904, itemsize 40, `__flags__` without the
/// run-time VALID_VERSION_TAG bit).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &crate::objects::type_methods::TYPE_METHODS,
        name: "type",
        basicsize: 904,
        itemsize: 40,
        flags: 0x8000_5d00,
        slots: TypeSlots {
            repr: Some(type_repr),
            sizeof: Some(type_sizeof),
            traverse: Some(type_traverse),
            clear: Some(type_clear),
            binop: Some(crate::objects::type_methods::type_binop),
            ..TypeSlots::new(type_dealloc)
        },
    }
}
