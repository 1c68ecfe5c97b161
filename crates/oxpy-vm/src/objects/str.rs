//! `str`: PEP 393 compact strings (1, 2 or 4 bytes per code point), cached hash, interning.

use std::cell::Cell;
use std::hash::{Hash, Hasher};
use std::ptr::NonNull;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{alloc_object, alloc_object_in, free_object};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::type_::{CompareOp, PyType, TypeFlags, TypeSlots, TypeSpec};
use crate::ops::BinOp;
use crate::tables::hash::StrData;

/// Width of a string's code units (`PyUnicode_KIND`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StrKind {
    /// Latin-1 (and ASCII): 1 byte per code point.
    One = 1,
    /// UCS-2: 2 bytes.
    Two = 2,
    /// UCS-4: 4 bytes.
    Four = 4,
}

impl StrKind {
    /// The narrowest kind that holds `max_char`.
    pub fn for_max_char(max_char: u32) -> StrKind {
        if max_char < 0x100 {
            StrKind::One
        } else if max_char < 0x1_0000 {
            StrKind::Two
        } else {
            StrKind::Four
        }
    }

    /// Bytes per code unit.
    #[inline]
    pub fn width(self) -> usize {
        self as usize
    }
}

const STATE_KIND_MASK: u32 = 0b111;
const STATE_ASCII: u32 = 1 << 3;
const STATE_INTERNED_SHIFT: u32 = 4;
/// `SSTATE_INTERNED_MORTAL`: in the interning table, which holds no reference.
const SSTATE_INTERNED_MORTAL: u32 = 1;

/// A `str` object. The code units follow the struct (PEP 393 "compact" layout).
#[repr(C)]
pub struct PyStr {
    ob_base: PyObject,
    length: usize,
    hash: Cell<isize>,
    state: Cell<u32>,
    _pad: u32,
}

const DATA_OFFSET: usize = size_of::<PyStr>();
const _: () = assert!(DATA_OFFSET.is_multiple_of(8));

// SAFETY: #[repr(C)], header first; the UNICODE_SUBCLASS flag marks str and its subclasses.
unsafe impl PyPayload for PyStr {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().str_()
    }
    #[inline]
    fn is_type_of(_py: Python<'_>, obj: &PyObject) -> bool {
        obj.ob_type().flags().contains(TypeFlags::UNICODE_SUBCLASS)
    }
}

/// `str`'s spec (basicsize 80 as CPython reports, `__flags__` 0x10401500).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: crate::objects::str_methods::METHODS,
        name: "str",
        basicsize: 80,
        itemsize: 0,
        flags: 0x1040_1500,
        slots: TypeSlots {
            hash: Some(str_hash),
            repr: Some(str_repr),
            richcompare: Some(str_richcompare),
            sizeof: Some(str_sizeof),
            binop: Some(str_binop),
            str: Some(str_str),
            format: Some(crate::objects::str_format::str_format_slot),
            len: Some(str_len),
            getitem: Some(str_getitem),
            contains: Some(str_contains),
            iter: Some(crate::objects::str_iter::str_iter),
            ..TypeSlots::new(str_dealloc)
        },
    }
}

fn body_size(len: usize, kind: StrKind) -> usize {
    DATA_OFFSET + len * kind.width()
}

/// Allocate an uninitialised string and fill it from `units` (already in `kind`'s range).
fn alloc_str(
    py: Option<Python<'_>>,
    ty: NonNull<PyType>,
    len: usize,
    kind: StrKind,
    ascii: bool,
    units: impl Iterator<Item = u32>,
) -> PyRef<PyStr> {
    // SAFETY: not a GC type; every field and `len` code units are written before the handle is
    // made; the data area starts 8-aligned so u16/u32 writes are aligned.
    unsafe {
        let size = body_size(len, kind);
        let obj = match py {
            Some(py) => alloc_object(py, ty.as_ref(), size),
            None => alloc_object_in(None, ty, size),
        };
        let p = obj.cast::<PyStr>().as_ptr();
        std::ptr::addr_of_mut!((*p).length).write(len);
        std::ptr::addr_of_mut!((*p).hash).write(Cell::new(-1));
        let state = kind as u32 | if ascii { STATE_ASCII } else { 0 };
        std::ptr::addr_of_mut!((*p).state).write(Cell::new(state));
        std::ptr::addr_of_mut!((*p)._pad).write(0);
        let data = (p as *mut u8).add(DATA_OFFSET);
        for (i, u) in units.take(len).enumerate() {
            match kind {
                StrKind::One => data.add(i).write(u as u8),
                StrKind::Two => (data as *mut u16).add(i).write(u as u16),
                StrKind::Four => (data as *mut u32).add(i).write(u),
            }
        }
        PyRef::from_raw(NonNull::new_unchecked(p))
    }
}

/// Build a string of type `ty` from Rust text during start-up (no caches).
pub(crate) fn new_in(ty: NonNull<PyType>, s: &str) -> PyRef<PyStr> {
    build(None, ty, s)
}

fn build(py: Option<Python<'_>>, ty: NonNull<PyType>, s: &str) -> PyRef<PyStr> {
    if s.is_ascii() {
        return alloc_str(
            py,
            ty,
            s.len(),
            StrKind::One,
            true,
            s.bytes().map(u32::from),
        );
    }
    let (len, max) = s
        .chars()
        .fold((0, 0), |(n, m), c| (n + 1, m.max(u32::from(c))));
    alloc_str(
        py,
        ty,
        len,
        StrKind::for_max_char(max),
        false,
        s.chars().map(u32::from),
    )
}

impl PyStr {
    /// A `str` with the text of `s`. `''` and one-character Latin-1 strings are the shared
    /// singletons, as in CPython.
    pub fn new(py: Python<'_>, s: &str) -> PyRef<PyStr> {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (None, _) => return py.interp().singletons.empty_str.clone(),
            (Some(c), None) if u32::from(c) < 256 => {
                if let Some(r) = py.interp().singletons.latin1.get(u32::from(c) as usize) {
                    return r.clone();
                }
            }
            _ => {}
        }
        build(Some(py), NonNull::from(py.types().str_()), s)
    }

    /// A `str` from code points (which may include lone surrogates); `None` if one is above
    /// U+10FFFF.
    pub fn from_code_points(py: Python<'_>, cps: &[u32]) -> Option<PyRef<PyStr>> {
        let max = cps.iter().copied().max().unwrap_or(0);
        if max > 0x10_FFFF {
            return None;
        }
        match cps {
            [] => return Some(py.interp().singletons.empty_str.clone()),
            [c] if *c < 256 => return py.interp().singletons.latin1.get(*c as usize).cloned(),
            _ => {}
        }
        let ty = NonNull::from(py.types().str_());
        Some(alloc_str(
            Some(py),
            ty,
            cps.len(),
            StrKind::for_max_char(max),
            max < 128,
            cps.iter().copied(),
        ))
    }

    /// A `str` of Latin-1 code units (what [`PyStr::from_code_points`] makes of them, without
    /// a code-point buffer): the shared singletons for `''` and one character.
    pub fn from_latin1(py: Python<'_>, units: &[u8]) -> PyRef<PyStr> {
        match units {
            [] => return py.interp().singletons.empty_str.clone(),
            [c] => {
                if let Some(s) = py.interp().singletons.latin1.get(*c as usize) {
                    return s.clone();
                }
            }
            _ => {}
        }
        let ascii = units.is_ascii();
        let ty = NonNull::from(py.types().str_());
        alloc_str(
            Some(py),
            ty,
            units.len(),
            StrKind::One,
            ascii,
            units.iter().map(|&u| u32::from(u)),
        )
    }

    /// Number of code points.
    #[inline]
    pub fn len(&self) -> usize {
        self.length
    }

    /// True for `''`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The storage kind.
    #[inline]
    pub fn kind(&self) -> StrKind {
        match self.state.get() & STATE_KIND_MASK {
            1 => StrKind::One,
            2 => StrKind::Two,
            _ => StrKind::Four,
        }
    }

    /// Mark a bitwise copy of a string (a `str` subclass instance) as not interned.
    pub(crate) fn clear_interned_copy(&self) {
        self.state
            .set(self.state.get() & ((1 << STATE_INTERNED_SHIFT) - 1));
    }

    /// True if every code point is below 128.
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.state.get() & STATE_ASCII != 0
    }

    fn data_ptr(&self) -> *const u8 {
        // SAFETY: the data area directly follows the struct in the same allocation.
        unsafe { (self as *const PyStr as *const u8).add(DATA_OFFSET) }
    }

    /// The raw code units as bytes (`len * kind` bytes, native endian).
    #[inline]
    pub fn data_bytes(&self) -> &[u8] {
        // SAFETY: the allocation holds exactly `len * kind` initialised bytes after the struct.
        unsafe { std::slice::from_raw_parts(self.data_ptr(), self.length * self.kind().width()) }
    }

    /// The code units in their canonical kind.
    pub fn data(&self) -> StrData<'_> {
        let p = self.data_ptr();
        // SAFETY: `len` initialised, aligned units of the string's kind follow the struct.
        unsafe {
            match self.kind() {
                StrKind::One => StrData::Latin1(std::slice::from_raw_parts(p, self.length)),
                StrKind::Two => {
                    StrData::Ucs2(std::slice::from_raw_parts(p as *const u16, self.length))
                }
                StrKind::Four => {
                    StrData::Ucs4(std::slice::from_raw_parts(p as *const u32, self.length))
                }
            }
        }
    }

    /// The code point at `i`.
    pub fn code_point(&self, i: usize) -> Option<u32> {
        match self.data() {
            StrData::Latin1(d) => d.get(i).map(|&u| u32::from(u)),
            StrData::Ucs2(d) => d.get(i).map(|&u| u32::from(u)),
            StrData::Ucs4(d) => d.get(i).copied(),
        }
    }

    /// Iterate the code points.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.length).filter_map(move |i| self.code_point(i))
    }

    /// The text as `&str` when the string is ASCII (zero-copy).
    pub fn as_ascii_str(&self) -> Option<&str> {
        if self.is_ascii() {
            std::str::from_utf8(self.data_bytes()).ok()
        } else {
            None
        }
    }

    /// The text as a Rust string; lone surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match self.as_ascii_str() {
            Some(s) => s.to_owned(),
            None => self
                .code_points()
                .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                .collect(),
        }
    }

    /// The cached hash (−1 = not computed yet).
    #[inline(always)]
    pub fn cached_hash(&self) -> isize {
        self.hash.get()
    }

    /// `hash(s)`, computed once with the interpreter's secret and cached.
    pub fn hash(&self, py: Python<'_>) -> isize {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = py.interp().hash_secret.hash_str(self.data()) as isize;
        self.hash.set(h);
        h
    }

    /// True if this object is in the interning table.
    #[inline]
    pub fn is_interned(&self) -> bool {
        self.state.get() >> STATE_INTERNED_SHIFT != 0
    }

    /// The object header.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// Content equality.
    pub fn eq_str(&self, other: &PyStr) -> bool {
        self.length == other.length
            && self.kind() == other.kind()
            && self.data_bytes() == other.data_bytes()
    }
}

/// An interning-table entry: a borrowed pointer hashed and compared by content.
pub(crate) struct InternKey(NonNull<PyStr>);

impl InternKey {
    fn get(&self) -> &PyStr {
        // SAFETY: entries are removed by `str_dealloc` before the string is freed.
        unsafe { self.0.as_ref() }
    }
}

impl Hash for InternKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let s = self.get();
        state.write_u8(s.kind() as u8);
        state.write(s.data_bytes());
    }
}

impl PartialEq for InternKey {
    fn eq(&self, other: &InternKey) -> bool {
        self.get().eq_str(other.get())
    }
}

impl Eq for InternKey {}

/// `sys.intern` / `PyUnicode_InternInPlace`: the table's string equal to `s`, or `s` itself after
/// adding it. The table holds no reference (3.11 "mortal" interning): a string leaves it when it
/// dies. Only exact `str` objects are interned.
pub fn intern(py: Python<'_>, s: PyRef<PyStr>) -> PyRef<PyStr> {
    if s.is_interned() || !PyStr::is_exact_type_of(py, s.as_object()) {
        return s;
    }
    let existing = {
        let mut table = py.interp().interned.borrow_mut();
        match table.get(&InternKey(s.as_non_null())) {
            Some(k) => Some(k.get().as_object().to_owned_ref()),
            None => {
                table.insert(InternKey(s.as_non_null()));
                s.state
                    .set(s.state.get() | (SSTATE_INTERNED_MORTAL << STATE_INTERNED_SHIFT));
                None
            }
        }
    };
    match existing {
        // SAFETY: table entries are exact strs.
        Some(e) => unsafe { e.downcast_unchecked::<PyStr>() },
        None => s,
    }
}

/// The interned string with text `text` taken from user code (names in code objects, class
/// attribute names): interned like `sys.intern`, holding no extra reference.
pub fn intern_text(py: Python<'_>, text: &str) -> PyRef<PyStr> {
    intern(py, PyStr::new(py, text))
}

/// The interned string of a name the VM itself looks up (`"__init__"`, `"__getattr__"`, a
/// literal in oxpy's source; text from user code goes through [`intern_text`]): cached per
/// thread, so no str is allocated to find the interned one. The cache is emptied when the
/// thread leaves the GIL for good (`with_gil` returns).
pub fn intern_str(py: Python<'_>, text: &str) -> PyRef<PyStr> {
    // First level: a direct-mapped cache keyed by the text's address (names are nearly always
    // literals, so the same address comes back); the content is compared, so a reused address
    // of another text only misses.
    let slot = (text.as_ptr() as usize >> 3) % NAME_SLOTS;
    if let Some(s) = NAME_SLOT_CACHE.with(|c| {
        c.borrow()
            .get(slot)
            .and_then(Option::as_ref)
            .filter(|(p, s)| *p == text.as_ptr() as usize && s.latin1_eq(text))
            .map(|(_, s)| s.clone())
    }) {
        return s;
    }
    let s = intern_str_slow(py, text);
    NAME_SLOT_CACHE.with(|c| {
        if let Some(e) = c.borrow_mut().get_mut(slot) {
            *e = Some((text.as_ptr() as usize, s.clone()));
        }
    });
    s
}

/// One entry of the first-level [`intern_str`] cache: the text's address and its name.
type NameSlot = Option<(usize, PyRef<PyStr>)>;

/// Entries of the first-level [`intern_str`] cache.
const NAME_SLOTS: usize = 512;

impl PyStr {
    /// True if this is a Latin-1 string whose bytes are `text`'s (ASCII `text`).
    #[inline]
    fn latin1_eq(&self, text: &str) -> bool {
        matches!(self.data(), StrData::Latin1(d) if d == text.as_bytes()) && text.is_ascii()
    }
}

fn intern_str_slow(py: Python<'_>, text: &str) -> PyRef<PyStr> {
    if text.len() <= 64
        && let Some(s) = NAME_CACHE.with(|c| c.borrow().get(text).cloned())
    {
        return s;
    }
    let s = intern(py, PyStr::new(py, text));
    if text.len() <= 64 {
        NAME_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < 8192 {
                c.insert(text.into(), s.clone());
            }
        });
    }
    s
}

thread_local! {
    /// Interned names by text (see [`intern_str`]); emptied by [`clear_name_cache`].
    static NAME_CACHE: std::cell::RefCell<crate::fxhash::FxHashMap<Box<str>, PyRef<PyStr>>> =
        std::cell::RefCell::new(crate::fxhash::FxHashMap::default());
    /// The first-level cache of [`intern_str`]: `(text address, name)` per slot.
    static NAME_SLOT_CACHE: std::cell::RefCell<Vec<NameSlot>> =
        std::cell::RefCell::new(vec![None; NAME_SLOTS]);
}

/// Drop this thread's name cache (at thread exit, while the GIL is held).
pub fn clear_name_cache() {
    let old = NAME_CACHE.with(|c| std::mem::take(&mut *c.borrow_mut()));
    drop(old);
    let old_slots =
        NAME_SLOT_CACHE.with(|c| std::mem::replace(&mut *c.borrow_mut(), vec![None; NAME_SLOTS]));
    drop(old_slots);
}

unsafe fn str_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead str: read its size, leave the interning table, free.
    unsafe {
        let s = obj.cast::<PyStr>().as_ref();
        if s.is_interned() {
            let removed = py
                .interp()
                .interned
                .borrow_mut()
                .remove(&InternKey(NonNull::from(s)));
            debug_assert!(removed);
        }
        let size = body_size(s.length, s.kind());
        free_object(py, obj, size);
    }
}

fn as_str(obj: &PyObject) -> &PyStr {
    // SAFETY: only called from str's own slots.
    unsafe { &*(obj as *const PyObject as *const PyStr) }
}

/// `str.__sizeof__` for the compact layout: ASCII 48 + n + 1, else 72 + (n + 1) × kind.
fn str_sizeof(obj: &PyObject) -> usize {
    let s = as_str(obj);
    if obj.ob_type().is_heap() {
        // Subclass instances are two-block `PyUnicodeObject`s in CPython.
        80 + (s.length + 1) * s.kind().width()
    } else if s.is_ascii() {
        48 + s.length + 1
    } else {
        72 + (s.length + 1) * s.kind().width()
    }
}

fn str_hash(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    Ok(as_str(obj).hash(py))
}

/// `Py_UNICODE_ISPRINTABLE`: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (space excepted).
fn is_printable(c: u32) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    if c == u32::from(' ') {
        return true;
    }
    let Some(ch) = char::from_u32(c) else {
        return false;
    };
    !matches!(
        get_general_category(ch),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

/// `unicode_repr`: single quotes unless the text has `'` and no `"`; escapes as CPython.
pub fn repr_string(s: &PyStr) -> String {
    let has_single = s.code_points().any(|c| c == u32::from('\''));
    let has_double = s.code_points().any(|c| c == u32::from('"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.code_points() {
        match c {
            0x5c => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            _ if c == u32::from(quote) => {
                out.push('\\');
                out.push(quote);
            }
            _ if c < 0x20 || c == 0x7f => out.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x7f => out.push(char::from(c as u8)),
            _ if is_printable(c) => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
            _ if c <= 0xff => out.push_str(&format!("\\x{c:02x}")),
            _ if c <= 0xffff => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out.push(quote);
    out
}

fn str_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let text = repr_string(as_str(obj));
    Ok(PyStr::new(py, &text))
}

fn str_richcompare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let Some(b) = b.downcast_ref::<PyStr>(py) else {
        return Ok(py.not_implemented());
    };
    let a = as_str(a);
    let r = match op {
        CompareOp::Eq => a.eq_str(b),
        CompareOp::Ne => !a.eq_str(b),
        _ => op.test(a.code_points().cmp(b.code_points())),
    };
    Ok(py.bool(r).into_object())
}

// ---------------------------------------------------------------------------------------------
// Construction from code points and the sequence slots.

impl PyStr {
    /// A new exact `str` holding `cps`, stored compactly in the narrowest kind (as every CPython
    /// operation result is); `''` and one-character Latin-1 results are the shared singletons.
    /// Code points above U+10FFFF cannot come from other strings; they are replaced by U+FFFD.
    pub fn from_cps(py: Python<'_>, cps: &[u32]) -> PyRef<PyStr> {
        match PyStr::from_code_points(py, cps) {
            Some(s) => s,
            None => {
                let fixed: Vec<u32> = cps
                    .iter()
                    .map(|&c| if c > 0x10_FFFF { 0xFFFD } else { c })
                    .collect();
                PyStr::from_code_points(py, &fixed)
                    .unwrap_or_else(|| py.interp().singletons.empty_str.clone())
            }
        }
    }

    /// Concatenate `parts` (`sep` between them) straight into a compact string of the
    /// narrowest kind, without an intermediate code-point buffer (join, concat, repeat).
    pub fn from_parts(py: Python<'_>, parts: &[&PyStr], sep: Option<&PyStr>) -> PyRef<PyStr> {
        let sep_len = sep.map_or(0, PyStr::len);
        let len =
            parts.iter().map(|p| p.len()).sum::<usize>() + sep_len * parts.len().saturating_sub(1);
        if len <= 1 {
            // Empty or one character: the shared singletons when Latin-1.
            let cps: Vec<u32> = parts.iter().flat_map(|p| p.code_points()).collect();
            let mut all = cps;
            if all.is_empty()
                && let Some(s) = sep
                && parts.len() > 1
            {
                all = s.to_cps();
            }
            return PyStr::from_cps(py, &all);
        }
        let kind = parts
            .iter()
            .map(|p| p.kind())
            .chain(sep.filter(|_| parts.len() > 1).map(PyStr::kind))
            .max_by_key(|k| k.width())
            .unwrap_or(StrKind::One);
        let ascii = parts.iter().all(|p| p.is_ascii())
            && sep.is_none_or(|s| parts.len() < 2 || s.is_ascii());
        if kind == StrKind::One {
            return Self::from_latin1_parts(py, parts, sep, len, ascii);
        }
        let units = parts.iter().enumerate().flat_map(|(i, p)| {
            let sep_units = match sep {
                Some(s) if i > 0 => Some(s.units()),
                _ => None,
            };
            sep_units.into_iter().flatten().chain(p.units())
        });
        alloc_str(
            Some(py),
            NonNull::from(py.types().str_()),
            len,
            kind,
            ascii,
            units,
        )
    }

    /// [`PyStr::from_parts`] when every part (and the separator) is Latin-1: the bytes are
    /// copied slice by slice into the new string (`len` units in all).
    fn from_latin1_parts(
        py: Python<'_>,
        parts: &[&PyStr],
        sep: Option<&PyStr>,
        len: usize,
        ascii: bool,
    ) -> PyRef<PyStr> {
        fn bytes(s: &PyStr) -> &[u8] {
            match s.data() {
                StrData::Latin1(d) => d,
                _ => &[],
            }
        }
        let sep = sep.map(bytes);
        // SAFETY: as in `alloc_str` (not a GC type, every field written before the handle is
        // made); the copies below write exactly `len` bytes: `len` is the sum of the parts'
        // lengths and the separators', and `take` bounds each copy by what is left.
        unsafe {
            let ty = py.types().str_();
            let obj = alloc_object(py, ty, body_size(len, StrKind::One));
            let p = obj.cast::<PyStr>().as_ptr();
            std::ptr::addr_of_mut!((*p).length).write(len);
            std::ptr::addr_of_mut!((*p).hash).write(Cell::new(-1));
            let state = StrKind::One as u32 | if ascii { STATE_ASCII } else { 0 };
            std::ptr::addr_of_mut!((*p).state).write(Cell::new(state));
            std::ptr::addr_of_mut!((*p)._pad).write(0);
            let data = (p as *mut u8).add(DATA_OFFSET);
            let mut at = 0usize;
            let mut put = |d: &[u8]| {
                let take = d.len().min(len - at);
                std::ptr::copy_nonoverlapping(d.as_ptr(), data.add(at), take);
                at += take;
            };
            for (i, part) in parts.iter().enumerate() {
                if i > 0
                    && let Some(s) = sep
                {
                    put(s);
                }
                put(bytes(part));
            }
            // Unreachable shortfall (lengths are consistent): keep the data initialised.
            if at < len {
                std::ptr::write_bytes(data.add(at), 0, len - at);
            }
            PyRef::from_raw(NonNull::new_unchecked(p))
        }
    }

    /// The code units widened to `u32`, without a bounds check per unit.
    pub fn units(&self) -> impl Iterator<Item = u32> + '_ {
        let (a, b, c) = match self.data() {
            StrData::Latin1(d) => (Some(d.iter().map(|&u| u32::from(u))), None, None),
            StrData::Ucs2(d) => (None, Some(d.iter().map(|&u| u32::from(u))), None),
            StrData::Ucs4(d) => (None, None, Some(d.iter().copied())),
        };
        a.into_iter()
            .flatten()
            .chain(b.into_iter().flatten())
            .chain(c.into_iter().flatten())
    }

    /// The code points as a vector.
    pub fn to_cps(&self) -> Vec<u32> {
        match self.data() {
            StrData::Latin1(d) => d.iter().map(|&u| u32::from(u)).collect(),
            StrData::Ucs2(d) => d.iter().map(|&u| u32::from(u)).collect(),
            StrData::Ucs4(d) => d.to_vec(),
        }
    }

    /// The largest code point (0 for `''`).
    pub fn max_char(&self) -> u32 {
        match self.data() {
            StrData::Latin1(d) => d.iter().copied().max().map_or(0, u32::from),
            StrData::Ucs2(d) => d.iter().copied().max().map_or(0, u32::from),
            StrData::Ucs4(d) => d.iter().copied().max().unwrap_or(0),
        }
    }
}

/// A new reference to `obj` as a `str` if it is an *exact* `str` (CPython returns `self` from
/// many methods only in that case).
pub(crate) fn exact_self(py: Python<'_>, obj: &PyObject) -> Option<PyRef> {
    PyStr::is_exact_type_of(py, obj).then(|| obj.to_owned_ref())
}

/// `str(s)`: an exact `str` is itself; a subclass instance gives an exact copy.
fn str_str(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let s = as_str(obj);
    if PyStr::is_exact_type_of(py, obj) {
        // SAFETY: exact `str` checked just above.
        return Ok(unsafe { obj.to_owned_ref().downcast_unchecked::<PyStr>() });
    }
    Ok(PyStr::from_cps(py, &s.to_cps()))
}

fn str_len(_py: Python<'_>, obj: &PyObject) -> PyResult<usize> {
    Ok(as_str(obj).len())
}

/// `sq_concat` for `str` (`PyUnicode_Concat`): `TypeError: can only concatenate str (not "int")
/// to str` when `b` is not a `str`. Concatenating with `''` returns the other operand if it is
/// an exact `str`.
pub fn str_concat(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (Some(sa), Some(sb)) = (a.downcast_ref::<PyStr>(py), b.downcast_ref::<PyStr>(py)) else {
        let bad = if a.downcast_ref::<PyStr>(py).is_none() {
            a
        } else {
            b
        };
        return Err(PyErr::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            bad.ob_type().name()
        )));
    };
    if sb.is_empty()
        && let Some(r) = exact_self(py, a)
    {
        return Ok(r);
    }
    if sa.is_empty()
        && let Some(r) = exact_self(py, b)
    {
        return Ok(r);
    }
    Ok(PyStr::from_parts(py, &[sa, sb], None).into_object())
}

/// `sq_repeat` for `str` (`unicode_repeat`): `n <= 0` gives `''`, `n == 1` the string itself
/// (exact `str` only).
pub fn str_repeat(py: Python<'_>, s: &PyObject, n: isize) -> PyResult<PyRef> {
    let st = as_str(s);
    if n < 1 || st.is_empty() {
        return Ok(py.interp().singletons.empty_str.clone().into_object());
    }
    if n == 1
        && let Some(r) = exact_self(py, s)
    {
        return Ok(r);
    }
    let n = n as usize;
    let total = st
        .len()
        .checked_mul(n)
        .filter(|&t| t <= isize::MAX as usize)
        .ok_or_else(|| PyErr::overflow_error("repeated string is too long"))?;
    crate::objects::str_algo::check_result_size(total, st.kind().width())?;
    let parts = vec![st; n];
    Ok(PyStr::from_parts(py, &parts, None).into_object())
}

/// The repeat count of `seq * n` as CPython's `PyNumber_AsSsize_t(n, OverflowError)`.
pub(crate) fn repeat_count(py: Python<'_>, n: &PyObject) -> Option<PyResult<isize>> {
    let i = n.downcast_ref::<PyInt>(py)?;
    Some(match i.as_i64() {
        Some(v) => Ok(v as isize),
        None if crate::objects::int::is_negative(i.value()) => Ok(isize::MIN),
        None => Err(PyErr::overflow_error(format!(
            "cannot fit '{}' into an index-sized integer",
            n.ob_type().name()
        ))),
    })
}

/// `str`'s number slots: `+` of two strings, `*` with an int on either side, `%` formatting.
/// Everything else is `NotImplemented`; the caller's fallback raises CPython's messages (see
/// [`str_concat`] and "can't multiply sequence by non-int").
fn str_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let a_str = a.downcast_ref::<PyStr>(py).is_some();
    match op {
        BinOp::Add if a_str && b.downcast_ref::<PyStr>(py).is_some() => str_concat(py, a, b),
        BinOp::Multiply => {
            if a_str && let Some(n) = repeat_count(py, b) {
                return str_repeat(py, a, n?);
            }
            if !a_str
                && b.downcast_ref::<PyStr>(py).is_some()
                && let Some(n) = repeat_count(py, a)
            {
                return str_repeat(py, b, n?);
            }
            Ok(py.not_implemented())
        }
        BinOp::Remainder if a_str => {
            crate::objects::str_percent::str_percent_format(py, as_str(a), b)
                .map(PyRef::into_object)
        }
        _ => Ok(py.not_implemented()),
    }
}

/// `s[i]` for an int index (negative counts from the end). Slices are the `slice` type's job;
/// it calls [`str_getslice`].
fn str_getitem(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(sl) = key.downcast_ref::<crate::objects::slice::PySlice>(py) {
        let (start, stop, step, _) =
            crate::objects::slice::slice_indices(py, sl, as_str(obj).len())?;
        return str_getslice(py, obj, start, stop, step);
    }
    let s = as_str(obj);
    let Some(i) = key.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "string indices must be integers, not '{}'",
            key.ob_type().name()
        )));
    };
    let len = s.len() as i64;
    let idx = match i.as_i64() {
        Some(v) if v < 0 => v.checked_add(len),
        Some(v) => Some(v),
        None => None,
    };
    match idx.filter(|&v| (0..len).contains(&v)) {
        Some(v) => Ok(str_char(py, s.code_point(v as usize).unwrap_or(0)).into_object()),
        None if i.as_i64().is_none() => Err(PyErr::new(
            crate::error::ExcKind::IndexError,
            "cannot fit 'int' into an index-sized integer",
        )),
        None => Err(PyErr::index_error("string index out of range")),
    }
}

/// A one-character string: the Latin-1 singleton below 256 (`unicode_char`).
pub fn str_char(py: Python<'_>, c: u32) -> PyRef<PyStr> {
    PyStr::from_cps(py, &[c])
}

/// `s[start:stop:step]` with indices already adjusted by `PySlice_AdjustIndices` (`slicelength`
/// computed here). The whole string (step 1) of an exact `str` is returned as itself.
pub fn str_getslice(
    py: Python<'_>,
    s: &PyObject,
    start: isize,
    stop: isize,
    step: isize,
) -> PyResult<PyRef> {
    let Some(st) = s.downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error("descriptor requires a 'str' object"));
    };
    let len = st.len() as isize;
    let slicelength = slice_length(start, stop, step);
    if slicelength <= 0 {
        return Ok(py.interp().singletons.empty_str.clone().into_object());
    }
    if start == 0
        && step == 1
        && slicelength == len
        && let Some(r) = exact_self(py, s)
    {
        return Ok(r);
    }
    if st.kind() == StrKind::One {
        // One-byte strings slice their bytes: the result is one-byte too (Latin-1 or ASCII,
        // decided by `from_latin1`), still the narrowest kind.
        let bytes = st.data_bytes();
        if step == 1 {
            let range = start as usize..(start + slicelength) as usize;
            if let Some(sub) = bytes.get(range) {
                return Ok(PyStr::from_latin1(py, sub).into_object());
            }
        } else {
            let mut out = Vec::with_capacity(slicelength as usize);
            let mut i = start;
            for _ in 0..slicelength {
                out.push(bytes.get(i as usize).copied().unwrap_or(0));
                i += step;
            }
            return Ok(PyStr::from_latin1(py, &out).into_object());
        }
    }
    let mut cps = Vec::with_capacity(slicelength as usize);
    let mut i = start;
    for _ in 0..slicelength {
        cps.push(st.code_point(i as usize).unwrap_or(0));
        i += step;
    }
    Ok(PyStr::from_cps(py, &cps).into_object())
}

/// `PySlice_AdjustIndices`'s length: items selected by adjusted `start/stop/step`.
pub fn slice_length(start: isize, stop: isize, step: isize) -> isize {
    if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    }
}

/// `sub in s`: substring test; `TypeError: 'in <string>' requires string as left operand, not
/// int` otherwise.
fn str_contains(py: Python<'_>, obj: &PyObject, item: &PyObject) -> PyResult<bool> {
    let Some(sub) = item.downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            item.ob_type().name()
        )));
    };
    let s = as_str(obj);
    Ok(str_search(s, sub, 0, s.len(), false).is_some())
}

/// Run `$body` with `$h`/`$n` bound to the code units of `hay` and `needle` in the hay's
/// width (the needle is widened if narrower); `$none` if the needle cannot occur in the hay.
macro_rules! with_units {
    ($hay:expr, $needle:expr, $none:expr, |$h:ident, $n:ident| $body:expr) => {{
        if $needle.kind().width() > $hay.kind().width() {
            $none
        } else {
            match ($hay.data(), $needle.data()) {
                (StrData::Latin1($h), StrData::Latin1($n)) => $body,
                (StrData::Ucs2($h), StrData::Ucs2($n)) => $body,
                (StrData::Ucs4($h), StrData::Ucs4($n)) => $body,
                (StrData::Ucs2($h), _) => {
                    let w: Vec<u16> = $needle.units().map(|u| u as u16).collect();
                    let $n = &w[..];
                    $body
                }
                (StrData::Ucs4($h), _) => {
                    let w: Vec<u32> = $needle.units().collect();
                    let $n = &w[..];
                    $body
                }
                _ => $none,
            }
        }
    }};
}

/// `find`/`rfind` of `needle` in `hay[start..end]` on the strings' own code units (no widening
/// of the haystack).
pub fn str_search(
    hay: &PyStr,
    needle: &PyStr,
    start: usize,
    end: usize,
    from_right: bool,
) -> Option<usize> {
    use crate::objects::str_algo::{find, rfind};
    with_units!(hay, needle, None, |h, n| if from_right {
        rfind(h, n, start, end)
    } else {
        find(h, n, start, end)
    })
}

/// `count` of `needle` in `hay[start..end]` (non-overlapping).
pub fn str_count_in(hay: &PyStr, needle: &PyStr, start: usize, end: usize) -> usize {
    use crate::objects::str_algo::count;
    if needle.is_empty() {
        let end = end.min(hay.len());
        return if start > end { 0 } else { end - start + 1 };
    }
    with_units!(hay, needle, 0, |h, n| count(h, n, start, end))
}
