//! `member_descriptor`: the descriptor a `__slots__` name becomes (`PyMemberDescrObject` with a
//! `T_OBJECT_EX` member), reading and writing one word of the instance at a fixed offset.

use std::ptr::NonNull;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec};

/// A `__slots__` member of a class.
#[repr(C)]
pub struct PyMemberDescr {
    ob_base: PyObject,
    /// `d_type`: the class that defined the slot (types are immortal).
    owner: NonNull<PyType>,
    /// `d_name`.
    pub name: PyRef<PyStr>,
    /// CPython's byte offset of the slot (`__offset__`).
    pub offset: usize,
}

/// The `member_descriptor` type of each interpreter, keyed by the interpreter's address (one
/// type per interpreter, shared by all its threads: a per-thread type made descriptors
/// created on one thread unrecognisable on another).
static MEMBER_TYPES: parking_lot::Mutex<Vec<(usize, usize)>> = parking_lot::Mutex::new(Vec::new());

// SAFETY: #[repr(C)], header first; only objects of the member_descriptor type have this layout.
unsafe impl PyPayload for PyMemberDescr {
    fn type_object(py: Python<'_>) -> &PyType {
        member_descriptor_type(py)
    }
}

/// The `member_descriptor` type (created on first use).
pub fn member_descriptor_type(py: Python<'_>) -> &PyType {
    let key = py.interp() as *const _ as usize;
    let mut types = MEMBER_TYPES.lock();
    let p = match types.iter().find(|(k, _)| *k == key) {
        Some(&(_, p)) => p,
        None => {
            let spec = TypeSpec {
                name: "member_descriptor",
                basicsize: 64,
                itemsize: 0,
                // HAVE_GC | READY | IMMUTABLETYPE | HAVE_VERSION_TAG.
                flags: (1 << 14) | (1 << 12) | (1 << 8) | (1 << 18),
                slots: TypeSlots {
                    repr: Some(member_repr),
                    ..TypeSlots::new(member_dealloc)
                },
                methods: &[],
            };
            let t = PyType::new_native(py, py.types().object(), spec);
            let p = NonNull::from(&*t).as_ptr() as usize;
            // Types live as long as the interpreter.
            std::mem::forget(t);
            types.push((key, p));
            p
        }
    };
    drop(types);
    // SAFETY: the type is never freed; `p` came from a live `PyType`.
    unsafe { &*(p as *const PyType) }
}

unsafe fn member_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: forwarded; made by `new_object` as a PyMemberDescr.
    unsafe { crate::object::alloc::dealloc_object::<PyMemberDescr>(py, obj) }
}

fn member_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let Some(d) = obj.downcast_ref::<PyMemberDescr>(py) else {
        return Err(PyErr::type_error("expected a member_descriptor"));
    };
    Ok(PyStr::new(
        py,
        &format!(
            "<member '{}' of '{}' objects>",
            d.name.to_string_lossy(),
            d.owner().name()
        ),
    ))
}

impl PyMemberDescr {
    /// A member descriptor for slot `name` of `owner` at CPython offset `offset`.
    pub fn new(py: Python<'_>, owner: &PyType, name: PyRef<PyStr>, offset: usize) -> PyRef<Self> {
        let ty = member_descriptor_type(py);
        crate::object::alloc::new_object(py, ty, |ob_base| PyMemberDescr {
            ob_base,
            owner: NonNull::from(owner),
            name,
            offset,
        })
    }

    /// The class that defined the slot.
    pub fn owner(&self) -> &PyType {
        // SAFETY: heap types are kept alive forever.
        unsafe { self.owner.as_ref() }
    }

    fn check(&self, obj: &PyObject) -> PyResult<()> {
        if obj.ob_type().is_subtype(self.owner()) {
            return Ok(());
        }
        Err(PyErr::type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            self.name.to_string_lossy(),
            self.owner().name(),
            obj.ob_type().name()
        )))
    }

    fn unset(&self, obj: &PyObject) -> PyErr {
        PyErr::new(
            ExcKind::AttributeError,
            format!(
                "'{}' object has no attribute '{}'",
                obj.ob_type().name(),
                self.name.to_string_lossy()
            ),
        )
    }

    /// `__get__`: the slot's value, `AttributeError` if unset.
    pub fn get(&self, obj: &PyObject) -> PyResult<PyRef> {
        self.check(obj)?;
        let cell =
            crate::objects::instance::slot_cell(obj, self.offset).ok_or_else(|| self.unset(obj))?;
        let p = cell.get();
        if p.is_null() {
            return Err(self.unset(obj));
        }
        // SAFETY: the slot owns a reference to a live object.
        Ok(unsafe { (*p).to_owned_ref() })
    }

    /// `__set__` (`Some`) / `__delete__` (`None`).
    pub fn set(&self, obj: &PyObject, value: Option<PyRef>) -> PyResult<()> {
        self.check(obj)?;
        let cell =
            crate::objects::instance::slot_cell(obj, self.offset).ok_or_else(|| self.unset(obj))?;
        let new = value.map_or(std::ptr::null_mut(), |v| v.into_raw().as_ptr());
        if new.is_null() && cell.get().is_null() {
            // `member_set` of an unset `T_OBJECT_EX`: the bare name.
            return Err(PyErr::new(
                ExcKind::AttributeError,
                self.name.to_string_lossy(),
            ));
        }
        let old = cell.replace(new);
        // SAFETY: the slot owned the old reference.
        drop(NonNull::new(old).map(|p| unsafe { PyRef::<PyObject>::from_raw(p) }));
        Ok(())
    }
}
