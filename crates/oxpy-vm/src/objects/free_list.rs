//! Free lists of dead `list`, `tuple` and `dict` objects (CPython 3.11's `PyList_MAXFREELIST`
//! = 80 exact lists, `PyTuple_MAXFREELIST` = 2000 exact tuples per length,
//! `PyDict_MAXFREELIST` = 80 exact dicts) and the one-object `slice` cache.
//!
//! Recycled objects bypass the GC allocator, so they change neither `gc.get_count()` on reuse
//! nor on release, exactly like CPython (cpython-rules 5.2). A generation-2 collection must
//! call [`clear_free_lists`] at its end, which frees them through the GC allocator.
//!
//! They are on by default, as in CPython; [`set_free_lists_enabled`] can turn them off (for
//! tests measuring raw allocation). The collector calls [`clear_free_lists`] at the end of
//! every generation-2 collection, so right after `gc.collect()` new lists and tuples count.
//!
//! CPython keeps these lists per interpreter. Until the interpreter state has a slot for them
//! they live in a thread-local tagged with the interpreter that owns the objects; objects of
//! another interpreter are never recycled through it.

use std::cell::RefCell;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::gil::Python;
use crate::object::PyObject;
use crate::object::alloc::{free_object, preheader_size};

/// `PyList_MAXFREELIST`.
pub const LIST_MAXFREELIST: usize = 80;
/// `PyTuple_MAXSAVESIZE`: tuples shorter than this are reused from the free lists.
pub const TUPLE_MAXSAVESIZE: usize = 20;
/// `PyTuple_MAXFREELIST`: dead tuples kept per length.
pub const TUPLE_MAXFREELIST: usize = 2000;

/// 0: not decided yet (read `OXPY_NO_FREELISTS` on first use), 1: on, 2: off.
static ENABLED: AtomicU8 = AtomicU8::new(0);

/// Turn the list/tuple free lists on or off (process-wide; on by default, off when the
/// environment variable `OXPY_NO_FREELISTS` is set, for measuring). Objects already on a free
/// list stay there.
pub fn set_free_lists_enabled(on: bool) {
    ENABLED.store(if on { 1 } else { 2 }, Ordering::Relaxed);
}

/// True if dead lists/tuples are recycled.
#[inline]
pub fn free_lists_enabled() -> bool {
    match ENABLED.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let on = std::env::var_os("OXPY_NO_FREELISTS").is_none();
            set_free_lists_enabled(on);
            on
        }
    }
}

/// Stack index of `slice`'s one-object cache (`interp->slice_cache`).
pub const SLICE_CACHE: usize = TUPLE_MAXSAVESIZE + 1;
/// Stack index of the dict free list.
pub const DICT_STACK: usize = SLICE_CACHE + 1;
/// `PyDict_MAXFREELIST`: dead exact dicts kept for reuse.
pub const DICT_MAXFREELIST: usize = 80;

/// One stack of dead objects of one body size.
struct Stack {
    objs: Vec<NonNull<PyObject>>,
    body_size: usize,
}

/// The free lists of one thread, for the interpreter `interp`.
struct FreeLists {
    interp: usize,
    /// Index 0: lists; index `n` (1..=20): tuples of length `n`; then the slice cache.
    stacks: Vec<Stack>,
}

impl FreeLists {
    fn new() -> FreeLists {
        let mut stacks = vec![Stack {
            objs: Vec::new(),
            body_size: 40,
        }];
        stacks.extend((1..=TUPLE_MAXSAVESIZE).map(|n| Stack {
            objs: Vec::new(),
            body_size: 24 + 8 * n,
        }));
        stacks.push(Stack {
            objs: Vec::new(),
            body_size: 40,
        });
        stacks.push(Stack {
            objs: Vec::new(),
            body_size: size_of::<crate::objects::dict::PyDict>(),
        });
        FreeLists { interp: 0, stacks }
    }
}

impl Drop for FreeLists {
    fn drop(&mut self) {
        // Thread exit: give the memory back (no interpreter bookkeeping is possible here).
        for s in &mut self.stacks {
            for obj in s.objs.drain(..) {
                // All recycled objects are GC objects without a managed dict.
                let pre = preheader_size(crate::objects::type_::TypeFlags::HAVE_GC);
                if let Ok(layout) =
                    std::alloc::Layout::from_size_align((pre + s.body_size).max(8), 8)
                {
                    // SAFETY: the object was allocated by `alloc_object` with this layout and is
                    // referenced only by this free list.
                    unsafe { std::alloc::dealloc((obj.as_ptr() as *mut u8).sub(pre), layout) };
                }
            }
        }
    }
}

thread_local! {
    static FREE: RefCell<FreeLists> = RefCell::new(FreeLists::new());
}

fn interp_tag(py: Python<'_>) -> usize {
    py.interp() as *const _ as usize
}

/// Take a dead object from stack `index`, with count 1 and an untracked GC head.
pub(crate) fn pop(py: Python<'_>, index: usize) -> Option<NonNull<PyObject>> {
    let tag = interp_tag(py);
    let obj = FREE.with(|f| {
        let mut f = f.borrow_mut();
        if f.interp != tag {
            return None;
        }
        f.stacks.get_mut(index)?.objs.pop()
    })?;
    // SAFETY: a free-listed object is dead memory with an intact header; `_Py_NewReference`.
    unsafe { obj.as_ref() }.set_refcnt(1);
    Some(obj)
}

/// Keep a dead, untracked object (its fields already released) on stack `index` if there is
/// room; `false` means the caller must free it.
pub(crate) fn push(py: Python<'_>, index: usize, limit: usize, obj: NonNull<PyObject>) -> bool {
    if !free_lists_enabled() {
        return false;
    }
    let tag = interp_tag(py);
    FREE.with(|f| {
        let Ok(mut f) = f.try_borrow_mut() else {
            return false;
        };
        if f.interp != tag {
            if f.stacks.iter().any(|s| !s.objs.is_empty()) {
                return false;
            }
            f.interp = tag;
        }
        match f.stacks.get_mut(index) {
            Some(s) if s.objs.len() < limit => {
                s.objs.push(obj);
                true
            }
            _ => false,
        }
    })
}

/// Number of objects on stack `index` (0: lists, `n`: tuples of length `n`).
pub fn free_count(py: Python<'_>, index: usize) -> usize {
    let tag = interp_tag(py);
    FREE.with(|f| {
        let f = f.borrow();
        if f.interp != tag {
            return 0;
        }
        f.stacks.get(index).map_or(0, |s| s.objs.len())
    })
}

/// `_PyList_ClearFreeList` + `_PyTuple_ClearFreeList` + `_PyDict_ClearFreeList`: free every
/// recycled list, tuple and dict
/// through the GC allocator (which lowers `count[0]`); the GC calls this after a
/// generation-2 collection. The slice cache is kept, as in CPython.
pub fn clear_free_lists(py: Python<'_>) {
    let tag = interp_tag(py);
    let taken: Vec<(Vec<NonNull<PyObject>>, usize)> = FREE.with(|f| {
        let mut f = f.borrow_mut();
        if f.interp != tag {
            return Vec::new();
        }
        f.stacks
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| *i != SLICE_CACHE)
            .map(|(_, s)| (std::mem::take(&mut s.objs), s.body_size))
            .collect()
    });
    for (objs, body_size) in taken {
        for obj in objs {
            // SAFETY: dead, untracked objects of this interpreter allocated with `body_size`.
            unsafe { free_object(py, obj, body_size) };
        }
    }
}

/// `PyFloat_MAXFREELIST`: dead exact floats kept for reuse.
pub const FLOAT_MAXFREELIST: usize = 100;

/// The float free list of one thread (CPython keeps it per interpreter; a float's memory does
/// not depend on its interpreter, so reuse rewrites the whole header).
struct FloatFree {
    len: usize,
    objs: [*mut PyObject; FLOAT_MAXFREELIST],
}

impl Drop for FloatFree {
    fn drop(&mut self) {
        let layout = std::alloc::Layout::new::<crate::objects::float::PyFloat>();
        for &p in self.objs.iter().take(self.len) {
            // SAFETY: each entry is a dead float allocated by `alloc_object` with the float's
            // size (no pre-header: float is neither GC nor managed-dict) and owned by this list.
            unsafe { std::alloc::dealloc(p.cast::<u8>(), layout) };
        }
    }
}

thread_local! {
    static FLOATS: std::cell::UnsafeCell<FloatFree> = const {
        std::cell::UnsafeCell::new(FloatFree {
            len: 0,
            objs: [std::ptr::null_mut(); FLOAT_MAXFREELIST],
        })
    };
}

/// Take a dead float's memory (header not yet written), if any.
#[inline]
pub(crate) fn float_pop() -> Option<NonNull<PyObject>> {
    FLOATS
        .try_with(|f| {
            // SAFETY: thread-local, and no other borrow exists while this runs (no callbacks).
            let f = unsafe { &mut *f.get() };
            if f.len == 0 {
                return None;
            }
            f.len -= 1;
            NonNull::new(f.objs[f.len])
        })
        .ok()
        .flatten()
}

/// Keep a dead exact float's memory; `false` means the caller must free it.
#[inline]
pub(crate) fn float_push(obj: NonNull<PyObject>) -> bool {
    FLOATS
        .try_with(|f| {
            // SAFETY: as in `float_pop`.
            let f = unsafe { &mut *f.get() };
            if f.len >= FLOAT_MAXFREELIST {
                return false;
            }
            f.objs[f.len] = obj.as_ptr();
            f.len += 1;
            true
        })
        .unwrap_or(false)
}

/// Dead floats kept on this thread's free list.
pub fn float_free_count() -> usize {
    FLOATS
        .try_with(|f| {
            // SAFETY: as in `float_pop`.
            unsafe { &*f.get() }.len
        })
        .unwrap_or(0)
}
