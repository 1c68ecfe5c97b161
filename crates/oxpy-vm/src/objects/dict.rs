//! TEMPORARY stand-in for `dict` while the real compact dict lands (branch `dictset`): the same
//! API on a simple vector, so the eval loop can be written against it.

use std::cell::RefCell;

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::alloc::{dealloc_object, new_object};
use crate::object::protocol::{hash, repr, rich_compare_bool};
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::str::PyStr;
use crate::objects::type_::{CompareOp, PyType, TypeSlots, TypeSpec};

/// A `dict`.
#[repr(C)]
pub struct PyDict {
    ob_base: PyObject,
    entries: RefCell<Vec<(PyRef, PyRef, isize)>>,
}

// SAFETY: #[repr(C)], header first.
unsafe impl PyPayload for PyDict {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().dict()
    }
}

pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: &[],
        name: "dict",
        basicsize: 48,
        itemsize: 0,
        flags: 0x2000_5500,
        slots: TypeSlots {
            hash: None,
            repr: Some(dict_repr),
            ..TypeSlots::new(dealloc_object::<PyDict>)
        },
    }
}

fn dict_repr(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef<PyStr>> {
    let d = obj
        .downcast_ref::<PyDict>(py)
        .ok_or_else(|| PyErr::type_error("dict expected"))?;
    let items = d.items();
    let mut s = String::from("{");
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr(py, k)?.to_string_lossy());
        s.push_str(": ");
        s.push_str(&repr(py, v)?.to_string_lossy());
    }
    s.push('}');
    Ok(PyStr::new(py, &s))
}

impl PyDict {
    /// An empty dict.
    pub fn new(py: Python<'_>) -> PyRef<PyDict> {
        new_object(py, py.types().dict(), |ob_base| PyDict {
            ob_base,
            entries: RefCell::new(Vec::new()),
        })
    }

    fn find(&self, py: Python<'_>, key: &PyObject, h: isize) -> PyResult<Option<usize>> {
        let snapshot: Vec<(PyRef, isize)> = self
            .entries
            .borrow()
            .iter()
            .map(|(k, _, h)| (k.clone(), *h))
            .collect();
        for (i, (k, kh)) in snapshot.iter().enumerate() {
            if *kh == h && (k.is(key) || rich_compare_bool(py, k, key, CompareOp::Eq)?) {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// `d[key]` or `None`.
    pub fn get_item(&self, py: Python<'_>, key: &PyObject) -> PyResult<Option<PyRef>> {
        let h = hash(py, key)?;
        Ok(self
            .find(py, key, h)?
            .and_then(|i| self.entries.borrow().get(i).map(|e| e.1.clone())))
    }

    /// `d[key] = value`.
    pub fn set_item(&self, py: Python<'_>, key: PyRef, value: PyRef) -> PyResult<()> {
        let h = hash(py, &key)?;
        match self.find(py, &key, h)? {
            Some(i) => {
                let old = self
                    .entries
                    .borrow_mut()
                    .get_mut(i)
                    .map(|e| std::mem::replace(&mut e.1, value));
                drop(old);
            }
            None => self.entries.borrow_mut().push((key, value, h)),
        }
        Ok(())
    }

    /// `del d[key]`.
    pub fn del_item(&self, py: Python<'_>, key: &PyObject) -> PyResult<()> {
        let h = hash(py, key)?;
        match self.find(py, key, h)? {
            Some(i) => {
                let old = self.entries.borrow_mut().remove(i);
                drop(old);
                Ok(())
            }
            None => Err(PyErr::key_error(key.to_owned_ref())),
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Snapshot of the items in order.
    pub fn items(&self) -> Vec<(PyRef, PyRef)> {
        self.entries
            .borrow()
            .iter()
            .map(|(k, v, _)| (k.clone(), v.clone()))
            .collect()
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }
}
