//! The interpreter state: GIL, GC state, builtin types and singletons.
//!
//! For now the process has one interpreter, created on first use and never destroyed
//! (`main_interpreter`). Every interpreter owns its own builtin type objects and singletons
//! (`None`, `True`, small ints, `()`, …), so sub-interpreters with their own GIL will never share
//! a non-atomic count.

use std::cell::RefCell;
use std::ptr::NonNull;
use std::sync::OnceLock;

use crate::error::ExcKind;
use crate::gc::GcState;
use crate::gil::Gil;
use crate::object::{PyObject, PyRef};
use crate::objects::bool_::PyBool;
use crate::objects::bytes::PyBytes;
use crate::objects::int::{PyInt, SMALL_INT_MAX, SMALL_INT_MIN};
use crate::objects::str::{InternKey, PyStr};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSpec};
use crate::objects::{
    bool_, builtin_function, bytes, cell, code, complex, descriptors, exception, float, function,
    generator, int, list, method, module, none, object, slot_wrapper, str, super_, traceback,
    tuple, type_,
};
use crate::objects::{bytearray, str_iter};
use crate::objects::{dict, dict_views, set, set_iter};
use crate::objects::{enumerate, filter, map, range, reversed, seq_iter, slice, zip};
use crate::tables::hash::HashSecret;

macro_rules! builtin_types {
    ($($field:ident => $doc:literal),* $(,)?) => {
        /// The interpreter's builtin type objects (CPython's static `PyXxx_Type`s).
        pub struct BuiltinTypes {
            $($field: NonNull<PyType>,)*
            /// The builtin exception classes, indexed by `ExcKind as usize`.
            exceptions: Box<[NonNull<PyType>]>,
        }

        impl BuiltinTypes {
            /// Every builtin type (exceptions included).
            pub fn all(&self) -> Vec<NonNull<PyType>> {
                let mut v = vec![$(self.$field),*];
                v.extend_from_slice(&self.exceptions);
                v
            }

            $(
                #[doc = $doc]
                #[inline]
                pub fn $field(&self) -> &PyType {
                    // SAFETY: builtin types live as long as the interpreter that owns `self`.
                    unsafe { self.$field.as_ref() }
                }
            )*
        }
    };
}

builtin_types! {
    code => "`code`.",
    function => "`function`.",
    module => "`module`.",
    builtin_function => "`builtin_function_or_method`.",
    method_descriptor => "`method_descriptor`.",
    method => "`method`.",
    staticmethod => "`staticmethod`.",
    classmethod => "`classmethod`.",
    property => "`property`.",
    generator => "`generator`.",
    coroutine => "`coroutine`.",
    traceback => "`traceback`.",
    super_ => "`super`.",
    wrapper_descriptor => "`wrapper_descriptor`.",
    text_stream => "`_io.TextIOWrapper` (the standard streams).",
    type_ => "`type`.",
    object => "`object`.",
    none_type => "`NoneType`.",
    not_implemented_type => "`NotImplementedType`.",
    ellipsis_type => "`ellipsis`.",
    int => "`int`.",
    bool_ => "`bool`.",
    float => "`float`.",
    complex => "`complex`.",
    str_ => "`str`.",
    bytes => "`bytes`.",
    tuple => "`tuple`.",
    list => "`list`.",
    cell => "`cell`.",
    dict => "`dict`.",
    dict_keys => "`dict_keys`.",
    dict_values => "`dict_values`.",
    dict_items => "`dict_items`.",
    dict_keyiterator => "`dict_keyiterator`.",
    dict_valueiterator => "`dict_valueiterator`.",
    dict_itemiterator => "`dict_itemiterator`.",
    dict_reversekeyiterator => "`dict_reversekeyiterator`.",
    dict_reversevalueiterator => "`dict_reversevalueiterator`.",
    dict_reverseitemiterator => "`dict_reverseitemiterator`.",
    set => "`set`.",
    frozenset => "`frozenset`.",
    set_iterator => "`set_iterator`.",
    slice => "`slice`.",
    range => "`range`.",
    enumerate => "`enumerate`.",
    zip => "`zip`.",
    map => "`map`.",
    filter => "`filter`.",
    reversed => "`reversed`.",
    callable_iterator => "`callable_iterator`.",
    list_iterator => "`list_iterator`.",
    list_reverseiterator => "`list_reverseiterator`.",
    tuple_iterator => "`tuple_iterator`.",
    iterator => "`iterator` (the generic `__getitem__` iterator).",
    range_iterator => "`range_iterator`.",
    longrange_iterator => "`longrange_iterator`.",
    bytearray => "`bytearray`.",
    str_ascii_iterator => "`str_ascii_iterator`.",
    str_iterator => "`str_iterator`.",
    bytes_iterator => "`bytes_iterator`.",
    bytearray_iterator => "`bytearray_iterator`.",
    union_type => "`types.UnionType`.",
    generic_alias => "`types.GenericAlias`.",
    mappingproxy => "`mappingproxy`.",
    frame => "`frame` (read-only views from tracebacks).",
    memoryview => "`memoryview`.",
    async_generator => "`async_generator`.",
    async_generator_wrapped_value => "`async_generator_wrapped_value`.",
    async_generator_asend => "`async_generator_asend`.",
    anext_awaitable => "`anext_awaitable`.",
}

impl BuiltinTypes {
    /// The builtin exception class `kind`.
    #[inline]
    pub fn exception(&self, kind: ExcKind) -> &PyType {
        // SAFETY: builtin types live as long as the interpreter; every kind has an entry.
        unsafe { self.exceptions[kind as usize].as_ref() }
    }

    fn new() -> BuiltinTypes {
        let type_ = PyType::new_builtin(None, None, type_::spec());
        let object = PyType::new_builtin(Some(type_), None, object::spec());
        // `type` derives from `object`; fixed up now that `object` exists.
        // SAFETY: `type_` was just created and nothing else references it yet.
        unsafe { PyType::set_builtin_base(type_, object) };
        let mk = |base: NonNull<PyType>, spec: TypeSpec| {
            PyType::new_builtin(Some(type_), Some(base), spec)
        };
        let int = mk(object, int::spec());
        let mut exceptions: Vec<NonNull<PyType>> = Vec::with_capacity(ExcKind::ALL.len());
        for &kind in ExcKind::ALL {
            let base = kind.base().map_or(object, |b| exceptions[b as usize]);
            exceptions.push(mk(base, exception::spec(kind)));
        }
        // `ExceptionGroup(BaseExceptionGroup, Exception)`: CPython's MRO.
        {
            let e = |k: ExcKind| exceptions[k as usize];
            let eg = e(ExcKind::ExceptionGroup);
            let mro = vec![
                eg,
                e(ExcKind::BaseExceptionGroup),
                e(ExcKind::Exception),
                e(ExcKind::BaseException),
                object,
            ];
            // SAFETY: the type was just created and nothing else references it yet.
            unsafe { (*eg.as_ptr()).set_mro_boxed(mro.into_boxed_slice()) };
        }
        BuiltinTypes {
            exceptions: exceptions.into_boxed_slice(),
            code: mk(object, code::spec()),
            function: mk(object, function::spec()),
            module: mk(object, module::spec()),
            builtin_function: mk(object, builtin_function::builtin_function_spec()),
            method_descriptor: mk(object, builtin_function::method_descriptor_spec()),
            method: mk(object, method::spec()),
            staticmethod: mk(object, descriptors::staticmethod_spec()),
            classmethod: mk(object, descriptors::classmethod_spec()),
            property: mk(object, descriptors::property_spec()),
            generator: mk(object, generator::generator_spec()),
            coroutine: mk(object, generator::coroutine_spec()),
            traceback: mk(object, traceback::spec()),
            super_: mk(object, super_::spec()),
            wrapper_descriptor: mk(object, slot_wrapper::spec()),
            text_stream: mk(object, crate::eval::sysmod::stream_spec()),
            type_,
            object,
            none_type: mk(object, none::none_spec()),
            not_implemented_type: mk(object, none::not_implemented_spec()),
            ellipsis_type: mk(object, none::ellipsis_spec()),
            int,
            bool_: mk(int, bool_::spec()),
            float: mk(object, float::spec()),
            complex: mk(object, complex::spec()),
            str_: mk(object, str::spec()),
            bytes: mk(object, bytes::spec()),
            tuple: mk(object, tuple::spec()),
            list: mk(object, list::spec()),
            cell: mk(object, cell::spec()),
            dict: mk(object, dict::spec()),
            dict_keys: mk(object, dict_views::keys_spec()),
            dict_values: mk(object, dict_views::values_spec()),
            dict_items: mk(object, dict_views::items_spec()),
            dict_keyiterator: mk(object, dict_views::keyiter_spec()),
            dict_valueiterator: mk(object, dict_views::valueiter_spec()),
            dict_itemiterator: mk(object, dict_views::itemiter_spec()),
            dict_reversekeyiterator: mk(object, dict_views::reversekeyiter_spec()),
            dict_reversevalueiterator: mk(object, dict_views::reversevalueiter_spec()),
            dict_reverseitemiterator: mk(object, dict_views::reverseitemiter_spec()),
            set: mk(object, set::set_spec()),
            frozenset: mk(object, set::frozenset_spec()),
            set_iterator: mk(object, set_iter::spec()),
            slice: mk(object, slice::spec()),
            range: mk(object, range::spec()),
            enumerate: mk(object, enumerate::spec()),
            zip: mk(object, zip::spec()),
            map: mk(object, map::spec()),
            filter: mk(object, filter::spec()),
            reversed: mk(object, reversed::spec()),
            callable_iterator: mk(object, seq_iter::callable_iterator_spec()),
            list_iterator: mk(object, seq_iter::list_iterator_spec()),
            list_reverseiterator: mk(object, seq_iter::list_reverseiterator_spec()),
            tuple_iterator: mk(object, seq_iter::tuple_iterator_spec()),
            iterator: mk(object, seq_iter::iterator_spec()),
            range_iterator: mk(object, seq_iter::range_iterator_spec()),
            longrange_iterator: mk(object, seq_iter::longrange_iterator_spec()),
            bytearray: mk(object, bytearray::spec()),
            str_ascii_iterator: mk(object, str_iter::str_ascii_iterator_spec()),
            str_iterator: mk(object, str_iter::str_iterator_spec()),
            bytes_iterator: mk(object, str_iter::bytes_iterator_spec()),
            bytearray_iterator: mk(object, str_iter::bytearray_iterator_spec()),
            union_type: mk(object, crate::objects::union::spec()),
            generic_alias: mk(object, crate::objects::generic_alias::spec()),
            mappingproxy: mk(object, crate::objects::mappingproxy::spec()),
            frame: mk(object, crate::objects::frame::spec()),
            memoryview: mk(object, crate::objects::memoryview::spec()),
            async_generator: mk(object, generator::async_generator_spec()),
            async_generator_wrapped_value: mk(object, crate::objects::async_gen::wrapped_spec()),
            async_generator_asend: mk(object, crate::objects::async_gen::asend_spec()),
            anext_awaitable: mk(object, crate::objects::async_gen::anext_spec()),
        }
    }
}

/// Objects every interpreter preallocates.
pub struct Singletons {
    /// `None`.
    pub none: PyRef,
    /// `NotImplemented`.
    pub not_implemented: PyRef,
    /// `Ellipsis` (`...`).
    pub ellipsis: PyRef,
    /// `True`.
    pub true_: PyRef<PyBool>,
    /// `False`.
    pub false_: PyRef<PyBool>,
    /// Small ints −5 … 256.
    pub small_ints: Box<[PyRef<PyInt>]>,
    /// `()`.
    pub empty_tuple: PyRef<PyTuple>,
    /// `''`.
    pub empty_str: PyRef<PyStr>,
    /// `b''`.
    pub empty_bytes: PyRef<PyBytes>,
    /// One-byte bytes objects `b'\x00'` … `b'\xff'`.
    pub bytes_chars: Box<[PyRef<PyBytes>]>,
    /// One-character strings U+0000 … U+00FF.
    pub latin1: Box<[PyRef<PyStr>]>,
}

/// One interpreter: its GIL, heap bookkeeping, types and singletons.
pub struct Interpreter {
    /// The GIL guarding every object of this interpreter.
    pub gil: Gil,
    /// Generation lists and counts.
    pub gc: GcState,
    /// Builtin type objects.
    pub types: BuiltinTypes,
    /// Preallocated objects.
    pub singletons: Singletons,
    /// The `PYTHONHASHSEED` secret for str/bytes hashes.
    pub hash_secret: HashSecret,
    /// The interning table (`interned` dict): borrowed pointers, removed when the string dies.
    pub(crate) interned: RefCell<crate::fxhash::FxHashSet<InternKey>>,
    /// `builtins`, `sys` and `sys.modules`, once the VM has started.
    pub runtime: RefCell<Option<crate::eval::run::Runtime>>,
    /// Native types made on first use (`weakref`, `member_descriptor`, …), by name: one per
    /// interpreter, shared by its threads (see [`Interpreter::lazy_type`]).
    lazy_types: RefCell<Vec<(&'static str, NonNull<PyType>)>>,
    /// Weak reference lists by referent (see `objects::weakref`).
    pub(crate) weakrefs: crate::objects::weakref::WeakrefTable,
}

impl Interpreter {
    fn new() -> Interpreter {
        let types = BuiltinTypes::new();
        let singletons = Singletons {
            none: none::new_singleton(types.none_type),
            not_implemented: none::new_singleton(types.not_implemented_type),
            ellipsis: none::new_singleton(types.ellipsis_type),
            true_: bool_::new_in(types.bool_, true),
            false_: bool_::new_in(types.bool_, false),
            small_ints: (SMALL_INT_MIN..=SMALL_INT_MAX)
                .map(|v| int::new_small_in(types.int, v))
                .collect(),
            empty_tuple: tuple::new_empty_in(types.tuple),
            empty_str: str::new_in(types.str_, ""),
            empty_bytes: bytes::new_in(types.bytes, b""),
            bytes_chars: (0u8..=255)
                .map(|b| bytes::new_in(types.bytes, &[b]))
                .collect(),
            latin1: (0u8..=255)
                .map(|b| str::new_in(types.str_, char::from(b).encode_utf8(&mut [0; 4])))
                .collect(),
        };
        Interpreter {
            gil: Gil::new(),
            gc: GcState::new(),
            types,
            singletons,
            interned: RefCell::new(crate::fxhash::FxHashSet::default()),
            runtime: RefCell::new(None),
            lazy_types: RefCell::new(Vec::new()),
            weakrefs: Default::default(),
            // An invalid PYTHONHASHSEED is reported by the command line before the interpreter
            // starts; here it falls back to the seed-0 secret.
            hash_secret: HashSecret::from_env_value(
                std::env::var("PYTHONHASHSEED").ok().as_deref(),
            )
            .unwrap_or(HashSecret::ZERO),
        }
    }

    /// The native type called `name`, made by `make` the first time any thread of this
    /// interpreter asks. Such types live as long as the interpreter.
    pub fn lazy_type(&self, name: &'static str, make: impl FnOnce() -> NonNull<PyType>) -> &PyType {
        // The same literal nearly always comes back: match its address before comparing text
        // (`is_instance_of` on a lazy type runs this on hot paths).
        let found = {
            let types = self.lazy_types.borrow();
            types
                .iter()
                .find(|(n, _)| std::ptr::eq(*n, name))
                .or_else(|| types.iter().find(|(n, _)| *n == name))
                .map(|(_, p)| *p)
        };
        let p = match found {
            Some(p) => p,
            None => {
                let p = make();
                self.lazy_types.borrow_mut().push((name, p));
                p
            }
        };
        // SAFETY: lazily made types are never freed while the interpreter lives.
        unsafe { p.as_ref() }
    }

    /// Number of strings in the interning table.
    pub fn interned_count(&self) -> usize {
        self.interned.borrow().len()
    }

    /// `None`.
    #[inline]
    pub fn none(&self) -> &PyObject {
        &self.singletons.none
    }
}

/// `Interpreter` is shared between threads only through its GIL.
struct SharedInterpreter(Box<Interpreter>);

// SAFETY: every non-thread-safe part of the interpreter (counts, cells, lists) is accessed only
// by the thread that holds its GIL; `Gil` itself is thread-safe.
unsafe impl Sync for SharedInterpreter {}
// SAFETY: as above.
unsafe impl Send for SharedInterpreter {}

/// The main interpreter, created on first use; lives until the process exits.
pub(crate) fn main_interpreter() -> &'static Interpreter {
    static MAIN: OnceLock<SharedInterpreter> = OnceLock::new();
    &MAIN
        .get_or_init(|| SharedInterpreter(Box::new(Interpreter::new())))
        .0
}
