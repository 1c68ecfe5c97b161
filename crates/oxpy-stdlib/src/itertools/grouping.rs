//! `itertools.groupby` (with its `_grouper`s) and `itertools.tee` (with its
//! `_tee_dataobject` links): iterators that share state with other iterator objects.

use std::ops::ControlFlow;

use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, arg_count_message};
use oxpy_vm::object::protocol::rich_compare_bool;
use oxpy_vm::objects::type_::{CompareOp, Visit};
use oxpy_vm::{PyObject, PyRef, Python};

use super::{
    GROUPBY, GROUPER, TEE, TEE_DATA, keywords, positional, some_tuple, tuple_of, visit_opt,
};
use crate::native_iter::{IterState, PyIter, call_object, visit_all, with_state_as};
use crate::util::{ssize, try_vec};

struct GroupBy {
    it: PyIter,
    keyfunc: Option<PyRef>,
    tgtkey: Option<PyRef>,
    currkey: Option<PyRef>,
    currvalue: Option<PyRef>,
    /// Address of the current `_grouper` (a borrowed pointer, as in CPython).
    currgrouper: usize,
}

impl GroupBy {
    /// `groupby_step`: read the next value and its key; false when exhausted.
    fn step(&mut self, py: Python<'_>) -> PyResult<bool> {
        let Some(value) = self.it.next(py)? else {
            return Ok(false);
        };
        let key = match &self.keyfunc {
            None => value.clone(),
            Some(f) => call_object(py, f, std::slice::from_ref(&value))?,
        };
        self.currvalue = Some(value);
        self.currkey = Some(key);
        Ok(true)
    }
}

impl IterState for GroupBy {
    fn next(&mut self, py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>> {
        self.currgrouper = 0;
        loop {
            match (&self.currkey, &self.tgtkey) {
                (None, _) => {}
                (Some(_), None) => break,
                (Some(curr), Some(tgt)) => {
                    if !rich_compare_bool(py, tgt, curr, CompareOp::Eq)? {
                        break;
                    }
                }
            }
            if !self.step(py)? {
                return Ok(None);
            }
        }
        let Some(key) = self.currkey.clone() else {
            return Ok(None);
        };
        self.tgtkey = Some(key.clone());
        let grouper = GROUPER.create(
            py,
            Box::new(Grouper {
                parent: this.to_owned_ref(),
                tgtkey: key.clone(),
            }),
        );
        self.currgrouper = grouper.as_ptr() as usize;
        some_tuple(py, vec![key, grouper])
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        self.it.visit(visit)?;
        visit_opt(&self.keyfunc, visit)?;
        visit_opt(&self.tgtkey, visit)?;
        visit_opt(&self.currkey, visit)?;
        visit_opt(&self.currvalue, visit)
    }
}

/// One group of a `groupby`: valid until the parent advances to the next group.
struct Grouper {
    parent: PyRef,
    tgtkey: PyRef,
}

impl IterState for Grouper {
    fn next(&mut self, py: Python<'_>, this: &PyObject) -> PyResult<Option<PyRef>> {
        let me = this.as_ptr() as usize;
        let tgtkey = self.tgtkey.clone();
        let r = with_state_as(&GROUPBY, &self.parent, |gb: &mut GroupBy| {
            if gb.currgrouper != me {
                return Ok(None);
            }
            if gb.currvalue.is_none() && !gb.step(py)? {
                return Ok(None);
            }
            let Some(curr) = gb.currkey.clone() else {
                return Ok(None);
            };
            if !rich_compare_bool(py, &tgtkey, &curr, CompareOp::Eq)? {
                return Ok(None);
            }
            gb.currkey = None;
            Ok(gb.currvalue.take())
        });
        r.unwrap_or_else(|| {
            Err(PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "itertools.groupby iterator re-entered",
            ))
        })
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.parent)?;
        visit(&self.tgtkey)
    }
}

pub(super) fn itertools_groupby(
    py: Python<'_>,
    _this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let [iterable, key] = keywords(args, "groupby", ["iterable", "key"], 1)?;
    let iterable = iterable.ok_or_else(|| PyErr::type_error("groupby() missing iterable"))?;
    let keyfunc = key.filter(|k| !py.is_none(k)).cloned();
    let it = PyIter::new(py, iterable)?;
    Ok(GROUPBY.create(
        py,
        Box::new(GroupBy {
            it,
            keyfunc,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            currgrouper: 0,
        }),
    ))
}

// ---------------------------------------------------------------- tee

/// Values per `_tee_dataobject` link (`LINKCELLS`).
const LINKCELLS: usize = 57;

/// One link of a tee's shared buffer (`teedataobject`). The source iterator moves to the next
/// link when that link is made: only the lead tee reads from the newest link.
struct TeeData {
    it: Option<PyIter>,
    values: Vec<PyRef>,
    nextlink: Option<PyRef>,
}

impl TeeData {
    /// `teedataobject_getitem`: a buffered value, or the next one from the source.
    fn getitem(&mut self, py: Python<'_>, i: usize) -> PyResult<Option<PyRef>> {
        if let Some(v) = self.values.get(i) {
            return Ok(Some(v.clone()));
        }
        let Some(it) = &mut self.it else {
            return Ok(None);
        };
        let Some(value) = it.next(py)? else {
            return Ok(None);
        };
        self.values.push(value.clone());
        Ok(Some(value))
    }

    /// `teedataobject_jumplink`: the next link, made on first use.
    fn jumplink(&mut self, py: Python<'_>) -> PyRef {
        if let Some(l) = &self.nextlink {
            return l.clone();
        }
        let link = TEE_DATA.create(
            py,
            Box::new(TeeData {
                it: self.it.take(),
                values: Vec::with_capacity(LINKCELLS),
                nextlink: None,
            }),
        );
        self.nextlink = Some(link.clone());
        link
    }
}

impl IterState for TeeData {
    fn next(&mut self, _py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        Ok(None)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        if let Some(it) = &self.it {
            it.visit(visit)?;
        }
        visit_all(&self.values, visit)?;
        visit_opt(&self.nextlink, visit)
    }
}

impl Drop for TeeData {
    /// `teedataobject_safe_decref`: free a long chain of links iteratively, not recursively.
    fn drop(&mut self) {
        let mut next = self.nextlink.take();
        while let Some(link) = next {
            if link.refcnt() != 1 {
                break;
            }
            next = with_state_as(&TEE_DATA, &link, |d: &mut TeeData| d.nextlink.take()).flatten();
            drop(link);
        }
    }
}

/// One tee iterator: a position in the shared buffer.
struct Tee {
    dataobj: PyRef,
    index: usize,
}

impl IterState for Tee {
    fn next(&mut self, py: Python<'_>, _this: &PyObject) -> PyResult<Option<PyRef>> {
        let reentered = || {
            PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "cannot re-enter the tee iterator",
            )
        };
        if self.index >= LINKCELLS {
            let link = with_state_as(&TEE_DATA, &self.dataobj, |d: &mut TeeData| d.jumplink(py))
                .ok_or_else(reentered)?;
            self.dataobj = link;
            self.index = 0;
        }
        let index = self.index;
        let value = with_state_as(&TEE_DATA, &self.dataobj, |d: &mut TeeData| {
            d.getitem(py, index)
        })
        .ok_or_else(reentered)??;
        if value.is_some() {
            self.index += 1;
        }
        Ok(value)
    }
    fn visit(&self, visit: Visit<'_>) -> ControlFlow<()> {
        visit(&self.dataobj)
    }
}

/// A new tee iterator at the same position as `tee` (`tee_copy`).
fn tee_copy(py: Python<'_>, tee: &PyObject) -> Option<PyRef> {
    let (dataobj, index) = with_state_as(&TEE, tee, |t: &mut Tee| (t.dataobj.clone(), t.index))?;
    Some(TEE.create(py, Box::new(Tee { dataobj, index })))
}

fn is_tee(py: Python<'_>, obj: &PyObject) -> bool {
    std::ptr::eq(obj.ob_type(), TEE.type_object(py))
}

pub(super) fn itertools_tee(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error(
            "itertools.tee() takes no keyword arguments",
        ));
    }
    let pos = positional(args, "tee", 1, 2)?;
    let (iterable, n) = match pos {
        [i] => (i, 2),
        [i, n] => match usize::try_from(ssize(py, n)?) {
            Ok(n) => (i, n),
            Err(_) => return Err(PyErr::value_error("n must be >= 0")),
        },
        _ => return Err(PyErr::type_error(arg_count_message("tee", 1, 2, 0))),
    };
    if n == 0 {
        return Ok(tuple_of(py, Vec::new()));
    }
    let first = if is_tee(py, iterable) {
        iterable.clone()
    } else {
        let it = PyIter::new(py, iterable)?;
        let dataobj = TEE_DATA.create(
            py,
            Box::new(TeeData {
                it: Some(it),
                values: Vec::with_capacity(LINKCELLS),
                nextlink: None,
            }),
        );
        TEE.create(py, Box::new(Tee { dataobj, index: 0 }))
    };
    let mut out = try_vec(n)?;
    out.push(first.clone());
    for _ in 1..n {
        out.push(tee_copy(py, &first).ok_or_else(|| {
            PyErr::new(
                oxpy_vm::error::ExcKind::RuntimeError,
                "cannot re-enter the tee iterator",
            )
        })?);
    }
    Ok(tuple_of(py, out))
}
