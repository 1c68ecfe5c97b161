//! `BaseExceptionGroup`/`ExceptionGroup` (`Objects/exceptions.c`) and the `except*` opcodes'
//! logic (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR` of 3.11's `ceval.c`).

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::exception::PyBaseException;
use crate::objects::exception_attrs::get_member;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::PyType;

/// True if `ty` is `BaseExceptionGroup` or a subclass.
pub fn is_group_type(py: Python<'_>, ty: &PyType) -> bool {
    ty.is_subtype(py.types().exception(ExcKind::BaseExceptionGroup))
}

fn is_group(py: Python<'_>, obj: &PyObject) -> bool {
    is_group_type(py, obj.ob_type())
}

fn is_exception_instance(py: Python<'_>, obj: &PyObject) -> bool {
    obj.is_instance_of::<PyBaseException>(py)
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
pub fn construct(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() takes no keyword arguments",
            ty.name()
        )));
    }
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    }
    if !pos[0].is_instance_of::<PyStr>(py) {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            pos[0].ob_type().name()
        )));
    }
    let seq = &pos[1];
    let is_seq = seq.is_instance_of::<PyList>(py) || seq.is_instance_of::<PyTuple>(py);
    if !is_seq {
        return Err(PyErr::type_error(
            "second argument (exceptions) must be a sequence",
        ));
    }
    let items = crate::eval::ops::collect_iterable(py, seq)?;
    if items.is_empty() {
        return Err(PyErr::value_error(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut nested_base = false;
    for (i, item) in items.iter().enumerate() {
        if !is_exception_instance(py, item) {
            return Err(PyErr::value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !item
            .ob_type()
            .is_subtype(py.types().exception(ExcKind::Exception))
        {
            nested_base = true;
        }
    }
    let base_group = py.types().exception(ExcKind::BaseExceptionGroup);
    let group = py.types().exception(ExcKind::ExceptionGroup);
    let mut cls = ty;
    if std::ptr::eq(cls, base_group) {
        if !nested_base {
            cls = group;
        }
    } else if std::ptr::eq(cls, group) {
        if nested_base {
            return Err(PyErr::type_error(
                "Cannot nest BaseExceptions in an ExceptionGroup",
            ));
        }
    } else if nested_base && cls.is_subtype(py.types().exception(ExcKind::Exception)) {
        return Err(PyErr::type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            cls.name()
        )));
    }
    Ok(PyBaseException::new_of_type(py, cls, pos.to_vec()).into_object())
}

/// `_PyExc_CreateExceptionGroup(msg, excs)`: `BaseExceptionGroup(msg, excs)`.
fn create_group(py: Python<'_>, msg: &str, excs: Vec<PyRef>) -> PyResult<PyRef> {
    let list = PyList::from_vec(py, excs)?.into_object();
    let args = [PyStr::new(py, msg).into_object(), list];
    construct(
        py,
        py.types().exception(ExcKind::BaseExceptionGroup),
        Args::positional(&args),
    )
}

/// The methods of exception groups (on top of `BaseException`'s).
pub static GROUP_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "with_traceback",
        crate::objects::exception::exc_with_traceback,
    ),
    MethodDef::new("add_note", crate::objects::exception::exc_add_note),
    MethodDef::new("derive", eg_derive),
    MethodDef::new("split", eg_split),
    MethodDef::new("subgroup", eg_subgroup),
];

fn group_parts(py: Python<'_>, this: &PyObject) -> PyResult<(PyRef, Vec<PyRef>)> {
    let e = this
        .downcast_ref::<PyBaseException>(py)
        .ok_or_else(|| PyErr::type_error("expected an exception group"))?;
    let msg = get_member(py, e, "message").unwrap_or_else(|| py.none());
    let excs = match get_member(py, e, "exceptions") {
        Some(t) if !py.is_none(&t) => crate::eval::ops::collect_iterable(py, &t)?,
        _ => Vec::new(),
    };
    Ok((msg, excs))
}

fn eg_derive(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("derive", 1, 1)?;
    let (msg, _) = group_parts(py, this)?;
    let pair = [msg, a[0].clone()];
    construct(
        py,
        py.types().exception(ExcKind::BaseExceptionGroup),
        Args::positional(&pair),
    )
}

/// What a split matches against (`_exceptiongroup_split_matcher_type`).
enum Matcher {
    Types(PyRef),
    Predicate(PyRef),
    Ids(Vec<usize>),
}

fn is_exc_class(py: Python<'_>, v: &PyObject) -> bool {
    v.downcast_ref::<PyType>(py)
        .is_some_and(|t| t.is_subtype(py.types().exception(ExcKind::BaseException)))
}

fn matcher_for(py: Python<'_>, cond: &PyRef) -> PyResult<Matcher> {
    if is_exc_class(py, cond) {
        return Ok(Matcher::Types(cond.clone()));
    }
    if let Some(t) = cond.downcast_ref::<PyTuple>(py)
        && t.as_slice().iter().all(|v| is_exc_class(py, v))
    {
        return Ok(Matcher::Types(cond.clone()));
    }
    let is_callable = crate::eval::builtins::builtin_callable(
        py,
        cond,
        Args::positional(std::slice::from_ref(cond)),
    )?;
    if crate::object::protocol::is_true(py, &is_callable) {
        return Ok(Matcher::Predicate(cond.clone()));
    }
    Err(PyErr::type_error(
        "expected a function, exception type or tuple of exception types",
    ))
}

fn matches(py: Python<'_>, m: &Matcher, exc: &PyRef) -> PyResult<bool> {
    match m {
        Matcher::Types(t) => crate::eval::ops::exception_matches(py, exc, t),
        Matcher::Predicate(f) => {
            let r = crate::eval::call::call1(py, f, std::slice::from_ref(exc))?;
            Ok(crate::object::protocol::is_true(py, &r))
        }
        Matcher::Ids(ids) => Ok(ids.contains(&(exc.as_ptr() as usize))),
    }
}

/// `exceptiongroup_subset`: `orig` restricted to `excs` (`None` if empty), keeping its metadata.
fn subset(py: Python<'_>, orig: &PyRef, excs: Vec<PyRef>) -> PyResult<Option<PyRef>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let (_, all) = group_parts(py, orig)?;
    if all.len() == excs.len() && all.iter().zip(&excs).all(|(a, b)| a.is(b)) {
        return Ok(Some(orig.clone()));
    }
    let list = PyList::from_vec(py, excs)?.into_object();
    let eg = {
        let derive = crate::eval::attr::getattr_str(py, orig, "derive")?;
        crate::eval::call::call1(py, &derive, &[list])?
    };
    if !is_group(py, &eg) {
        return Err(PyErr::type_error(
            "derive must return an instance of BaseExceptionGroup",
        ));
    }
    if let (Some(src), Some(dst)) = (
        orig.downcast_ref::<PyBaseException>(py),
        eg.downcast_ref::<PyBaseException>(py),
    ) {
        *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
        *dst.context.borrow_mut() = src.context.borrow().clone();
        *dst.cause.borrow_mut() = src.cause.borrow().clone();
        let key = crate::objects::str::intern_str(py, "__notes__");
        if let Some(notes) = src.dict(py).get_item(py, key.as_object())? {
            dst.dict(py).set_item(py, key.into_object(), notes)?;
        }
    }
    Ok(Some(eg))
}

/// `exceptiongroup_split_recursive`: `(match, rest)`.
fn split_recursive(
    py: Python<'_>,
    exc: &PyRef,
    m: &Matcher,
    construct_rest: bool,
) -> PyResult<(Option<PyRef>, Option<PyRef>)> {
    if matches(py, m, exc)? {
        return Ok((Some(exc.clone()), None));
    }
    if !is_group(py, exc) {
        return Ok((None, construct_rest.then(|| exc.clone())));
    }
    let (_, excs) = group_parts(py, exc)?;
    let mut match_list = Vec::new();
    let mut rest_list = Vec::new();
    for e in &excs {
        let (mm, rr) = split_recursive(py, e, m, construct_rest)?;
        match_list.extend(mm);
        rest_list.extend(rr);
    }
    let matched = subset(py, exc, match_list)?;
    let rest = if construct_rest {
        subset(py, exc, rest_list)?
    } else {
        None
    };
    Ok((matched, rest))
}

fn eg_split(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("split", 1, 1)?;
    let m = matcher_for(py, &a[0])?;
    let (mm, rr) = split_recursive(py, &this.to_owned_ref(), &m, true)?;
    let none = || py.none();
    Ok(PyTuple::new(py, vec![mm.unwrap_or_else(none), rr.unwrap_or_else(none)]).into_object())
}

fn eg_subgroup(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("subgroup", 1, 1)?;
    let m = matcher_for(py, &a[0])?;
    let (mm, _) = split_recursive(py, &this.to_owned_ref(), &m, false)?;
    Ok(mm.unwrap_or_else(|| py.none()))
}

/// `str(group)`: `message (N sub-exceptions)`.
pub fn group_str(py: Python<'_>, e: &PyBaseException) -> PyResult<String> {
    let msg = match get_member(py, e, "message") {
        Some(m) => crate::object::protocol::str_(py, &m)?.to_string_lossy(),
        None => String::new(),
    };
    let n = match get_member(py, e, "exceptions") {
        Some(t) => t.downcast_ref::<PyTuple>(py).map_or(0, PyTuple::len),
        None => 0,
    };
    Ok(format!(
        "{msg} ({n} sub-exception{})",
        if n > 1 { "s" } else { "" }
    ))
}

/// `check_except_star_type_valid`.
fn check_star_type(py: Python<'_>, t: &PyRef) -> PyResult<()> {
    let items = match t.downcast_ref::<PyTuple>(py) {
        Some(tup) => tup.as_slice().to_vec(),
        None => vec![t.clone()],
    };
    for item in &items {
        if !is_exc_class(py, item) {
            return Err(PyErr::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        if let Some(ty) = item.downcast_ref::<PyType>(py)
            && is_group_type(py, ty)
        {
            return Err(PyErr::type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
    }
    Ok(())
}

/// `CHECK_EG_MATCH`: split `exc_value` by `match_type`. `None`: no match (push `None`);
/// `Some((rest, match))`: replace the top with `rest`, push `match` and make it the handled
/// exception.
pub fn check_eg_match(
    py: Python<'_>,
    exc_value: &PyRef,
    match_type: &PyRef,
) -> PyResult<Option<(PyRef, PyRef)>> {
    check_star_type(py, match_type)?;
    if py.is_none(exc_value) {
        return Ok(None);
    }
    if crate::eval::ops::exception_matches(py, exc_value, match_type)? {
        if is_group(py, exc_value) {
            return Ok(Some((py.none(), exc_value.clone())));
        }
        let wrapped = create_group(py, "", vec![exc_value.clone()])?;
        if let (Some(src), Some(dst)) = (
            exc_value.downcast_ref::<PyBaseException>(py),
            wrapped.downcast_ref::<PyBaseException>(py),
        ) {
            *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
        }
        return Ok(Some((py.none(), wrapped)));
    }
    if is_group(py, exc_value) {
        let pair = {
            let split = crate::eval::attr::getattr_str(py, exc_value, "split")?;
            crate::eval::call::call1(py, &split, std::slice::from_ref(match_type))?
        };
        let items = crate::eval::ops::collect_iterable(py, &pair)?;
        if let [m, r] = items.as_slice() {
            if py.is_none(m) {
                return Ok(None);
            }
            return Ok(Some((r.clone(), m.clone())));
        }
    }
    Ok(None)
}

fn same_metadata(py: Python<'_>, a: &PyObject, b: &PyObject) -> bool {
    let (Some(x), Some(y)) = (
        a.downcast_ref::<PyBaseException>(py),
        b.downcast_ref::<PyBaseException>(py),
    ) else {
        return false;
    };
    let same = |p: &Option<PyRef>, q: &Option<PyRef>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.is(q),
        _ => false,
    };
    let key = crate::objects::str::intern_str(py, "__notes__");
    let notes = |e: &PyBaseException| e.dict(py).get_item(py, key.as_object()).ok().flatten();
    same(&x.traceback.borrow(), &y.traceback.borrow())
        && same(&x.cause.borrow(), &y.cause.borrow())
        && same(&x.context.borrow(), &y.context.borrow())
        && same(&notes(x), &notes(y))
}

fn leaf_ids(py: Python<'_>, exc: &PyRef, out: &mut Vec<usize>) -> PyResult<()> {
    if py.is_none(exc) {
        return Ok(());
    }
    if !is_group(py, exc) {
        out.push(exc.as_ptr() as usize);
        return Ok(());
    }
    let (_, excs) = group_parts(py, exc)?;
    for e in &excs {
        leaf_ids(py, e, out)?;
    }
    Ok(())
}

/// `PREP_RERAISE_STAR` (`_PyExc_PrepReraiseStar`): the exception to re-raise after the
/// `except*` clauses, from the original `orig` and the list `excs` they raised or re-raised.
pub fn prep_reraise_star(py: Python<'_>, orig: &PyRef, excs: &PyRef) -> PyResult<PyRef> {
    let excs = crate::eval::ops::collect_iterable(py, excs)?;
    if excs.is_empty() {
        return Ok(py.none());
    }
    if !is_group(py, orig) {
        return Ok(excs[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in excs {
        if py.is_none(&e) {
            continue;
        }
        if same_metadata(py, &e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        leaf_ids(py, e, &mut ids)?;
    }
    let reraised_eg = split_recursive(py, orig, &Matcher::Ids(ids), false)?.0;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(|| py.none()));
    }
    let mut keep = raised;
    keep.extend(reraised_eg);
    if keep.len() == 1 {
        return Ok(keep.remove(0));
    }
    create_group(py, "", keep)
}
