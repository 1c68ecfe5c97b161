//! `sys.getsizeof` formulas and container growth rules of CPython 3.11 (cpython-rules 1.1–1.10).
//!
//! All sizes are the values `sys.getsizeof` reports on 64-bit Linux, GC pre-header included
//! where the type has one. Dict and set sizes live with their tables
//! ([`super::dict_table`], [`super::set_table`]).

/// Bytes of the GC pre-header (`PyGC_Head`) of types with `Py_TPFLAGS_HAVE_GC`.
pub const GC_HEADER_SIZE: usize = 16;
/// Bytes of the managed-dict pre-header (dict and values pointers) of 3.11 classes.
pub const MANAGED_DICT_PREHEADER: usize = 16;
/// Pointer / `Py_ssize_t` size.
pub const PTR: usize = 8;

/// Pre-header bytes charged by `sys.getsizeof` for a type's instances.
#[inline]
pub const fn preheader(has_gc: bool, managed_dict: bool) -> usize {
    (if has_gc { GC_HEADER_SIZE } else { 0 })
        + if managed_dict {
            MANAGED_DICT_PREHEADER
        } else {
            0
        }
}

// ---------------------------------------------------------------------------------------------
// int, str, bytes, tuple, generators, types
// ---------------------------------------------------------------------------------------------

/// Number of 30-bit digits of an int whose absolute value has `bit_length` bits (0 for zero).
#[inline]
pub const fn int_digit_count(bit_length: u64) -> u64 {
    bit_length.div_ceil(30)
}

/// `sys.getsizeof(int)`: `24 + 4 * max(1, digits)` (zero is charged one digit; not GC).
#[inline]
pub const fn int_sizeof(digits: u64) -> usize {
    24 + 4 * (if digits == 0 { 1 } else { digits as usize })
}

/// `sys.getsizeof(str)` of an exact str of `len` code points whose largest is `max_code_point`:
/// ASCII `48 + len + 1`, otherwise `72 + (len + 1) * kind` (kind 1, 2 or 4 bytes).
#[inline]
pub const fn str_sizeof(len: usize, max_code_point: u32) -> usize {
    if max_code_point < 0x80 {
        48 + len + 1
    } else {
        72 + (len + 1) * str_kind(max_code_point)
    }
}

/// Bytes per character of the PEP 393 kind that holds `max_code_point`.
#[inline]
pub const fn str_kind(max_code_point: u32) -> usize {
    if max_code_point < 0x100 {
        1
    } else if max_code_point < 0x1_0000 {
        2
    } else {
        4
    }
}

/// `str.__sizeof__` of a str-subclass instance (non-compact layout: `80 + (len+1)*kind`);
/// `sys.getsizeof` adds the subclass's pre-header (usually 32).
#[inline]
pub const fn str_subclass_sizeof(len: usize, max_code_point: u32) -> usize {
    80 + (len + 1) * str_kind(max_code_point)
}

/// `sys.getsizeof(bytes)`: `33 + len` (header, data, trailing NUL; not GC).
#[inline]
pub const fn bytes_sizeof(len: usize) -> usize {
    33 + len
}

/// `sys.getsizeof(tuple)`: `40 + 8 * len` (24 + items + GC); exact tuples only.
#[inline]
pub const fn tuple_sizeof(len: usize) -> usize {
    24 + PTR * len + GC_HEADER_SIZE
}

/// `sys.getsizeof(generator)` (also coroutines): `168 + 8 * (co_nlocalsplus + co_stacksize)`.
#[inline]
pub const fn generator_sizeof(nlocalsplus: usize, stacksize: usize) -> usize {
    168 + PTR * (nlocalsplus + stacksize)
}

/// `sys.getsizeof` of a static built-in type object (`int`, `list`, ...).
pub const STATIC_TYPE_SIZEOF: usize = 408 + GC_HEADER_SIZE;

/// `sys.getsizeof(cls)` of a class: 904 + GC, plus its shared-keys table (768) when its
/// instances have a managed dict.
#[inline]
pub const fn heap_type_sizeof(shared_keys_size: Option<usize>) -> usize {
    904 + GC_HEADER_SIZE
        + match shared_keys_size {
            Some(n) => n,
            None => 0,
        }
}

// ---------------------------------------------------------------------------------------------
// Class layout (`type_new`: __slots__, __weakref__, __dict__)
// ---------------------------------------------------------------------------------------------

/// Where instances keep their `__dict__`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictPlacement {
    /// No instance dict.
    None,
    /// In the managed-dict pre-header (3.11, base item size 0); `__dictoffset__` is fixed when
    /// the class that added the dict is created (`-basicsize - 24`) and inherited unchanged.
    Managed {
        /// The `__dictoffset__` Python shows.
        dictoffset: isize,
    },
    /// A pointer field at this offset in the fixed part (e.g. `BaseException`).
    Fixed(usize),
    /// A pointer after the variable part (subclasses of `int`, `tuple`, `bytes`).
    AfterItems,
}

/// The layout facts of a type that `sys.getsizeof` and the instance layout depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeLayout {
    /// `__basicsize__`.
    pub basicsize: usize,
    /// `__itemsize__`.
    pub itemsize: usize,
    /// `Py_TPFLAGS_HAVE_GC`.
    pub has_gc: bool,
    /// Instance dict placement.
    pub dict: DictPlacement,
    /// `__weakrefoffset__` (0 = none).
    pub weaklistoffset: usize,
    /// `__slots__` member offsets, in offset order (names sorted).
    pub slot_offsets: Vec<(String, usize)>,
}

/// Errors of a `__slots__` layout, with CPython's messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// `TypeError: __dict__ slot disallowed: we already got one`.
    DictSlotDisallowed,
    /// `TypeError: __weakref__ slot disallowed: either we already got one, or the base type has a nonzero itemsize`.
    WeakrefSlotDisallowed,
    /// `TypeError: nonempty __slots__ not supported for subtype of '<base>'`.
    NonemptySlotsOnVarsized,
}

impl TypeLayout {
    /// A built-in base type's layout.
    pub const fn builtin(
        basicsize: usize,
        itemsize: usize,
        has_gc: bool,
        dict: DictPlacement,
    ) -> Self {
        TypeLayout {
            basicsize,
            itemsize,
            has_gc,
            dict,
            weaklistoffset: 0,
            slot_offsets: Vec::new(),
        }
    }

    /// `object`.
    pub const OBJECT: TypeLayout = TypeLayout::builtin(16, 0, false, DictPlacement::None);

    /// Whether the instances carry the managed-dict pre-header.
    #[inline]
    pub fn managed_dict(&self) -> bool {
        matches!(self.dict, DictPlacement::Managed { .. })
    }

    /// Pre-header bytes of an instance.
    #[inline]
    pub fn preheader(&self) -> usize {
        preheader(self.has_gc, self.managed_dict())
    }

    /// `object.__sizeof__` of an instance with `nitems` items: `basicsize + itemsize * nitems`.
    #[inline]
    pub fn object_sizeof(&self, nitems: usize) -> usize {
        self.basicsize + self.itemsize * nitems
    }

    /// `sys.getsizeof` of an instance whose `__sizeof__` is the default one.
    #[inline]
    pub fn instance_getsizeof(&self, nitems: usize) -> usize {
        self.object_sizeof(nitems) + self.preheader()
    }

    /// `__dictoffset__` as Python shows it.
    pub fn dictoffset(&self) -> isize {
        match self.dict {
            DictPlacement::None => 0,
            DictPlacement::Managed { dictoffset } => dictoffset,
            DictPlacement::Fixed(off) => off as isize,
            DictPlacement::AfterItems => -(PTR as isize),
        }
    }

    /// The layout `type_new` gives a class statement with this single base. `slots` are the
    /// mangled `__slots__` names (`None` when the class has no `__slots__`).
    pub fn for_class(
        base: &TypeLayout,
        slots: Option<&[String]>,
    ) -> Result<TypeLayout, LayoutError> {
        if base.itemsize != 0 && slots.is_some_and(|s| !s.is_empty()) {
            return Err(LayoutError::NonemptySlotsOnVarsized);
        }
        let base_has_dict = base.dict != DictPlacement::None;
        let (mut add_dict, mut add_weak, mut names) = match slots {
            None => (
                !base_has_dict,
                base.weaklistoffset == 0 && base.itemsize == 0,
                Vec::new(),
            ),
            Some(list) => {
                let mut dict = false;
                let mut weak = false;
                let mut names = Vec::new();
                for s in list {
                    match s.as_str() {
                        "__dict__" => {
                            if dict || base_has_dict {
                                return Err(LayoutError::DictSlotDisallowed);
                            }
                            dict = true;
                        }
                        "__weakref__" => {
                            if weak || base.weaklistoffset != 0 || base.itemsize != 0 {
                                return Err(LayoutError::WeakrefSlotDisallowed);
                            }
                            weak = true;
                        }
                        _ => names.push(s.clone()),
                    }
                }
                (dict, weak, names)
            }
        };
        if base_has_dict {
            add_dict = false;
        }
        if base.weaklistoffset != 0 {
            add_weak = false;
        }
        names.sort();
        let mut size = base.basicsize;
        let mut slot_offsets = base.slot_offsets.clone();
        for n in names {
            slot_offsets.push((n, size));
            size += PTR;
        }
        let managed = add_dict && base.itemsize == 0;
        if add_dict && !managed {
            size += PTR;
        }
        let mut weaklistoffset = base.weaklistoffset;
        if add_weak {
            weaklistoffset = size;
            size += PTR;
        }
        let dict = match (add_dict, managed) {
            (false, _) => base.dict,
            (true, true) => DictPlacement::Managed {
                dictoffset: -(size as isize) - 24,
            },
            (true, false) => DictPlacement::AfterItems,
        };
        Ok(TypeLayout {
            basicsize: size,
            itemsize: base.itemsize,
            has_gc: true,
            dict,
            weaklistoffset,
            slot_offsets,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

/// Default `__length_hint__` used by `list.extend` for iterables without one.
pub const LIST_DEFAULT_LENGTH_HINT: usize = 8;

/// `sys.getsizeof(list)`: `56 + 8 * capacity`.
#[inline]
pub const fn list_sizeof(capacity: usize) -> usize {
    40 + GC_HEADER_SIZE + PTR * capacity
}

/// `list_resize`'s new capacity for `newsize` items, or `None` when the buffer is kept
/// (`allocated >= newsize >= allocated / 2`).
#[inline]
pub const fn list_resize_capacity(
    allocated: usize,
    oldsize: usize,
    newsize: usize,
) -> Option<usize> {
    if allocated >= newsize && newsize >= (allocated >> 1) {
        return None;
    }
    if newsize == 0 {
        return Some(0);
    }
    let mut new = (newsize + (newsize >> 3) + 6) & !3;
    if newsize.saturating_sub(oldsize) > new - newsize {
        new = (newsize + 3) & !3;
    }
    Some(new)
}

/// `list_preallocate_exact`: capacity for `n` items extended into a NULL buffer (rounded up to even).
#[inline]
pub const fn list_preallocate_exact(n: usize) -> usize {
    (n + 1) & !1
}

/// A list's length and capacity, following `Objects/listobject.c` exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListAlloc {
    /// `Py_SIZE(list)`.
    pub len: usize,
    /// `allocated`.
    pub allocated: usize,
    /// Whether `ob_item` is non-NULL (false for `[]`, `list()` and after `clear()`).
    pub has_buffer: bool,
}

impl ListAlloc {
    /// `PyList_New(n)`: exactly `n` slots (displays, `[x] * n`, slices, `copy()`, `a + b`).
    pub const fn exact(n: usize) -> Self {
        ListAlloc {
            len: n,
            allocated: n,
            has_buffer: n > 0,
        }
    }

    /// `sys.getsizeof` of this list.
    #[inline]
    pub const fn sizeof(&self) -> usize {
        list_sizeof(self.allocated)
    }

    /// `list_resize(newsize)` (append, insert, pop, del, slice assignment, `*=`).
    pub fn resize(&mut self, newsize: usize) {
        if let Some(cap) = list_resize_capacity(self.allocated, self.len, newsize) {
            self.allocated = cap;
            self.has_buffer = true;
        }
        self.len = newsize;
    }

    /// `append` / `insert`: one more item.
    #[inline]
    pub fn push(&mut self) {
        self.resize(self.len + 1);
    }

    /// `pop`: one item fewer (no-op when empty).
    #[inline]
    pub fn pop(&mut self) {
        if self.len > 0 {
            self.resize(self.len - 1);
        }
    }

    /// `extend` with an exact list or tuple of `n` items.
    pub fn extend_sequence(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        if self.has_buffer {
            self.resize(self.len + n);
        } else {
            self.allocated = list_preallocate_exact(n);
            self.has_buffer = true;
            self.len = n;
        }
    }

    /// Start of `extend` with another iterable whose length hint is `hint`
    /// ([`LIST_DEFAULT_LENGTH_HINT`] when it has none).
    pub fn extend_iter_begin(&mut self, hint: usize) {
        if !self.has_buffer {
            if hint > 0 {
                self.allocated = list_preallocate_exact(hint);
                self.has_buffer = true;
            }
        } else {
            let m = self.len;
            self.resize(m + hint);
            self.len = m;
        }
    }

    /// One item appended by `extend` (in place while there is room, else `list_resize`).
    pub fn extend_iter_item(&mut self) {
        if self.len < self.allocated {
            self.len += 1;
        } else {
            self.push();
        }
    }

    /// End of `extend`: trim with `list_resize(len)` if the guess was too large.
    pub fn extend_iter_end(&mut self) {
        if self.len < self.allocated {
            self.resize(self.len);
        }
    }

    /// `clear()` / `del l[:]`: free the buffer.
    pub fn clear(&mut self) {
        *self = ListAlloc::default();
    }
}

// ---------------------------------------------------------------------------------------------
// bytearray
// ---------------------------------------------------------------------------------------------

/// `sys.getsizeof(bytearray)`: `56 + ob_alloc` (not GC).
#[inline]
pub const fn bytearray_sizeof(alloc: usize) -> usize {
    56 + alloc
}

/// A bytearray's length, allocation and logical start offset (`PyByteArray_Resize`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteArrayAlloc {
    /// `Py_SIZE`.
    pub len: usize,
    /// `ob_alloc`.
    pub alloc: usize,
    /// `ob_start - ob_bytes` (bytes dropped from the front by `del b[:n]`).
    pub offset: usize,
}

impl ByteArrayAlloc {
    /// Built from a buffer of `n` bytes (`bytearray(b'..')`, `bytearray(n)`, concatenation):
    /// allocation `n + 1`, or 0 for `n == 0`.
    pub const fn from_len(n: usize) -> Self {
        ByteArrayAlloc {
            len: n,
            alloc: if n == 0 { 0 } else { n + 1 },
            offset: 0,
        }
    }

    /// `sys.getsizeof` of this bytearray.
    #[inline]
    pub const fn sizeof(&self) -> usize {
        bytearray_sizeof(self.alloc)
    }

    /// `del b[lo:hi]` (`bytearray_setslice_linear` with no replacement): deleting a prefix
    /// advances the logical start instead of moving bytes, then the size is reduced.
    pub fn delete_slice(&mut self, lo: usize, hi: usize) {
        let hi = hi.min(self.len);
        if lo >= hi {
            return;
        }
        if lo == 0 {
            self.offset += hi;
        }
        self.resize(self.len - (hi - lo));
    }

    /// `PyByteArray_Resize(requested)`.
    pub fn resize(&mut self, size: usize) {
        if size == self.len {
            return;
        }
        let alloc = if size + self.offset < self.alloc {
            if size < self.alloc / 2 {
                size + 1
            } else {
                self.len = size;
                return;
            }
        } else if (size as f64) <= (self.alloc as f64) * 1.125 {
            size + (size >> 3) + if size < 9 { 3 } else { 6 }
        } else {
            size + 1
        };
        self.offset = 0;
        self.alloc = alloc;
        self.len = size;
    }

    /// `append`: one more byte.
    #[inline]
    pub fn push(&mut self) {
        self.resize(self.len + 1);
    }
}
