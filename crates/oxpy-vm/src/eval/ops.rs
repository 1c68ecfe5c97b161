//! Generic operations the eval loop performs (`Objects/abstract.c`): operators, subscripts,
//! iteration, truth, `with`, `except` matching, `match` helpers.

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::attr::{getattr_opt, getattr_str};
use crate::eval::call::call1;
use crate::gil::Python;
use crate::object::protocol::{self, rich_compare};
use crate::object::{PyObject, PyRef};
use crate::objects::bool_::PyBool;
use crate::objects::dict::PyDict;
use crate::objects::exception::PyBaseException;
use crate::objects::float::PyFloat;
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::str::{PyStr, intern_str};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{CompareOp, PyType, TypeFlags};
use crate::ops::{BinOp, UnaryOp};

/// Truth value (`PyObject_IsTrue`): `__bool__`, then `__len__`.
pub fn truthy(py: Python<'_>, v: &PyObject) -> PyResult<bool> {
    if v.is(py.true_().as_object()) {
        return Ok(true);
    }
    if v.is(py.false_().as_object()) || py.is_none(v) {
        return Ok(false);
    }
    let ty = v.ob_type();
    if ty.is_heap() {
        if let Some(f) = ty.lookup(py, intern_str(py, "__bool__").as_object())? {
            let r = call1(py, &f, &[v.to_owned_ref()])?;
            return match r.downcast_ref::<PyBool>(py) {
                Some(b) => Ok(b.value()),
                None => Err(PyErr::type_error(format!(
                    "__bool__ should return bool, returned {}",
                    r.ob_type().name()
                ))),
            };
        }
        if ty
            .lookup(py, intern_str(py, "__len__").as_object())?
            .is_some()
        {
            return Ok(len(py, v)? > 0);
        }
        return Ok(true);
    }
    if let Some(l) = ty.slots.len
        && !v.is_instance_of::<PyInt>(py)
    {
        return Ok(l(py, v)? > 0);
    }
    if let Some(c) = v.downcast_ref::<crate::objects::complex::PyComplex>(py) {
        // `complex_bool`.
        return Ok(c.real() != 0.0 || c.imag() != 0.0);
    }
    Ok(protocol::is_true(py, v))
}

/// `len(v)`.
pub fn len(py: Python<'_>, v: &PyObject) -> PyResult<usize> {
    match v.ob_type().slots.len {
        Some(l) => l(py, v),
        None => Err(PyErr::type_error(format!(
            "object of type '{}' has no len()",
            v.ob_type().name()
        ))),
    }
}

/// `binary_op1`: try `a`'s slot and `b`'s (reflected first for subclasses); `None` if both
/// return NotImplemented.
fn binary_op1(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<Option<PyRef>> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slota = ta.slots.binop;
    let mut slotb = if std::ptr::eq(ta, tb) {
        None
    } else {
        tb.slots.binop
    };
    if let (Some(sa), Some(sb)) = (slota, slotb)
        && std::ptr::fn_addr_eq(sa, sb)
    {
        slotb = None;
    }
    let ni = py.not_implemented();
    if let Some(sa) = slota {
        if let Some(sb) = slotb
            && tb.is_subtype(ta)
        {
            let r = sb(py, op, a, b)?;
            if !r.is(&ni) {
                return Ok(Some(r));
            }
            slotb = None;
        }
        let r = sa(py, op, a, b)?;
        if !r.is(&ni) {
            return Ok(Some(r));
        }
    }
    if let Some(sb) = slotb {
        let r = sb(py, op, a, b)?;
        if !r.is(&ni) {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

fn unsupported(op_symbol: &str, a: &PyObject, b: &PyObject) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {op_symbol}: '{}' and '{}'",
        a.ob_type().name(),
        b.ob_type().name()
    ))
}

/// `a <op> b`.
pub fn binary_op(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if let Some(r) = binary_op1(py, op, a, b)? {
        return Ok(r);
    }
    if op == BinOp::Add
        && let (Some(x), Some(y)) = (a.downcast_ref::<PyStr>(py), b.downcast_ref::<PyStr>(py))
    {
        let mut s = String::new();
        let mut cps = None;
        push_str_parts(x, &mut s, &mut cps);
        push_str_parts(y, &mut s, &mut cps);
        return Ok(finish_str(py, s, cps));
    }
    if op == BinOp::Add && a.is_instance_of::<PyStr>(py) {
        return Err(PyErr::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.ob_type().name()
        )));
    }
    if op == BinOp::Power {
        return Err(PyErr::type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            a.ob_type().name(),
            b.ob_type().name()
        )));
    }
    Err(unsupported(op.symbol(), a, b))
}

/// `a <op>= b`: `__iop__` of heap types, list `+=`, else the binary operator.
pub fn inplace_op(py: Python<'_>, op: BinOp, a: PyRef, b: &PyObject) -> PyResult<PyRef> {
    let ta = a.ob_type();
    if ta.is_heap()
        && let Some(f) = ta.lookup(py, intern_str(py, op.idunder()).as_object())?
        && !py.is_none(&f)
    {
        let r = call1(py, &f, &[a.clone(), b.to_owned_ref()])?;
        if !r.is(&py.not_implemented()) {
            return Ok(r);
        }
    }
    if op == BinOp::Or
        && let Some(d) = a.downcast_ref::<PyDict>(py)
    {
        // `dict |= other` updates in place from any mapping or iterable of pairs (`dict_ior`).
        if b.is_instance_of::<PyDict>(py) {
            d.update_from(py, b)?;
        } else if getattr_opt(py, b, &intern_str(py, "keys"))?.is_some() {
            dict_update(py, &a, b, false, None)?;
        } else {
            d.merge_from_seq2(py, b)?;
        }
        return Ok(a);
    }
    if op == BinOp::Add
        && let Some(l) = a.downcast_ref::<PyList>(py)
    {
        // `list += iterable` extends in place (`list_inplace_concat`).
        l.extend(py, b)?;
        return Ok(a);
    }
    if matches!(op, BinOp::Or | BinOp::And | BinOp::Subtract | BinOp::Xor)
        && <crate::objects::set::PySet as crate::object::PyPayload>::is_type_of(py, &a)
    {
        // `set_ior` / `set_iand` / `set_isub` / `set_ixor`.
        let r = crate::objects::set::set_inplace_op(py, op, &a, b)?;
        if !r.is(&py.not_implemented()) {
            return Ok(r);
        }
    }
    match binary_op1(py, op, &a, b)? {
        Some(r) => Ok(r),
        None => {
            if op == BinOp::Add && a.is_instance_of::<PyStr>(py) {
                return binary_op(py, op, &a, b);
            }
            if op == BinOp::Power {
                return Err(PyErr::type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                    a.ob_type().name(),
                    b.ob_type().name()
                )));
            }
            Err(unsupported(op.inplace_symbol(), &a, b))
        }
    }
}

/// `-a`, `+a`, `~a`, `abs(a)`.
pub fn unary_op(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    if let Some(f) = a.ob_type().slots.unary {
        let r = f(py, op, a)?;
        if !r.is(&py.not_implemented()) {
            return Ok(r);
        }
    }
    Err(PyErr::type_error(format!(
        "bad operand type for {}: '{}'",
        op.symbol(),
        a.ob_type().name()
    )))
}

/// `a <cmp> b` as an object.
pub fn compare(py: Python<'_>, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let _guard = crate::eval::enter_recursive_call(" in comparison")?;
    rich_compare(py, a, b, op)
}

/// `item in container`.
pub fn contains(py: Python<'_>, container: &PyObject, item: &PyObject) -> PyResult<bool> {
    if let Some(c) = container.ob_type().slots.contains {
        return c(py, container, item);
    }
    // `_PySequence_IterSearch`.
    let it = get_iter(py, container).map_err(|_| {
        PyErr::type_error(format!(
            "argument of type '{}' is not iterable",
            container.ob_type().name()
        ))
    })?;
    while let Some(v) = iter_next(py, &it)? {
        if v.is(item) || protocol::rich_compare_bool(py, &v, item, CompareOp::Eq)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// For builtin sequences, a class instance key with `__index__` becomes that int
/// (`PyIndex_Check` in `list_subscript` & co.); mappings see the key unchanged.
fn sequence_key(py: Python<'_>, container: &PyObject, key: &PyObject) -> PyResult<Option<PyRef>> {
    if !key.ob_type().is_heap() || key.is_instance_of::<PyInt>(py) {
        return Ok(None);
    }
    let t = py.types();
    let ct = container.ob_type();
    let sequence = [
        t.list(),
        t.tuple(),
        t.str_(),
        t.bytes(),
        t.bytearray(),
        t.range(),
    ]
    .iter()
    .any(|s| ct.is_subtype(s));
    if !sequence || ct.is_heap() {
        return Ok(None);
    }
    Ok(crate::objects::slice::index_dunder(py, key)?.map(PyRef::into_object))
}

/// `container[key]`.
pub fn getitem(py: Python<'_>, container: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(g) = container.ob_type().slots.getitem {
        if let Some(k) = sequence_key(py, container, key)? {
            return g(py, container, &k);
        }
        return g(py, container, key);
    }
    if let Some(t) = container.downcast_ref::<PyType>(py) {
        if let Some(f) = t.lookup(py, intern_str(py, "__class_getitem__").as_object())? {
            let bound = crate::eval::attr::descr_get(py, f, None, t)?;
            return call1(py, &bound, &[key.to_owned_ref()]);
        }
        return Err(PyErr::type_error(format!(
            "type '{}' is not subscriptable",
            t.name()
        )));
    }
    Err(PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        container.ob_type().name()
    )))
}

/// `container[key] = value`.
pub fn setitem(py: Python<'_>, container: &PyObject, key: &PyObject, value: PyRef) -> PyResult<()> {
    match container.ob_type().slots.setitem {
        Some(s) => match sequence_key(py, container, key)? {
            Some(k) => s(py, container, &k, Some(value)),
            None => s(py, container, key, Some(value)),
        },
        None => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            container.ob_type().name()
        ))),
    }
}

/// `del container[key]`.
pub fn delitem(py: Python<'_>, container: &PyObject, key: &PyObject) -> PyResult<()> {
    match container.ob_type().slots.setitem {
        Some(s) => match sequence_key(py, container, key)? {
            Some(k) => s(py, container, &k, None),
            None => s(py, container, key, None),
        },
        None => Err(PyErr::type_error(format!(
            "'{}' object does not support item deletion",
            container.ob_type().name()
        ))),
    }
}

/// `mapping.get(key)` for locals mappings (dicts fast, others through `__getitem__`).
pub fn mapping_get(py: Python<'_>, mapping: &PyObject, key: &PyObject) -> PyResult<Option<PyRef>> {
    if let Some(d) = mapping.downcast_ref::<PyDict>(py) {
        return d.get_item(py, key);
    }
    match getitem(py, mapping, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_kind(py, &e, ExcKind::KeyError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// True if `e` is (a subclass of) builtin exception `kind`.
pub fn is_kind(_py: Python<'_>, e: &PyErr, kind: ExcKind) -> bool {
    e.is_kind(kind)
}

/// True if `e` is a StopIteration.
pub fn is_stop_iteration(py: Python<'_>, e: &PyErr) -> bool {
    is_kind(py, e, ExcKind::StopIteration)
}

/// `iter(v)`.
pub fn get_iter(py: Python<'_>, v: &PyObject) -> PyResult<PyRef> {
    if let Some(i) = v.ob_type().slots.iter {
        return i(py, v);
    }
    if v.ob_type().slots.getitem.is_some() {
        return seq_iter_new(py, v);
    }
    Err(PyErr::type_error(format!(
        "'{}' object is not iterable",
        v.ob_type().name()
    )))
}

/// `next(it)`; `None` when exhausted.
pub fn iter_next(py: Python<'_>, it: &PyObject) -> PyResult<Option<PyRef>> {
    match it.ob_type().slots.iternext {
        Some(n) => n(py, it),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            it.ob_type().name()
        ))),
    }
}

/// An iterator over an object with `__getitem__` (the old sequence protocol).
pub fn seq_iter_new(py: Python<'_>, v: &PyObject) -> PyResult<PyRef> {
    crate::objects::seq_iter_for(py, v)
}

/// All items of an iterable.
pub fn collect_iterable(py: Python<'_>, v: &PyObject) -> PyResult<Vec<PyRef>> {
    if let Some(t) = v.downcast_ref::<PyTuple>(py) {
        return Ok(t.as_slice().to_vec());
    }
    if let Some(l) = v.downcast_ref::<PyList>(py) {
        return Ok(l.to_vec());
    }
    let it = get_iter(py, v)?;
    let mut out = Vec::new();
    while let Some(x) = iter_next(py, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// `UNPACK_SEQUENCE` / `UNPACK_EX`: `before` items, then a list of the rest if `after` is set,
/// then `after` items.
pub fn unpack(
    py: Python<'_>,
    seq: &PyObject,
    before: usize,
    after: Option<usize>,
) -> PyResult<Vec<PyRef>> {
    let items = collect_iterable(py, seq).map_err(|e| {
        if is_kind(py, &e, ExcKind::TypeError) && seq.ob_type().slots.iter.is_none() {
            PyErr::type_error(format!(
                "cannot unpack non-iterable {} object",
                seq.ob_type().name()
            ))
        } else {
            e
        }
    })?;
    match after {
        None => {
            if items.len() < before {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {before}, got {})",
                    items.len()
                )));
            }
            if items.len() > before {
                return Err(PyErr::value_error(format!(
                    "too many values to unpack (expected {before})"
                )));
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < before + after {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                )));
            }
            let mut out = Vec::with_capacity(before + after + 1);
            let mid_end = items.len() - after;
            out.extend_from_slice(&items[..before]);
            out.push(PyList::from_vec(py, items[before..mid_end].to_vec())?.into_object());
            out.extend_from_slice(&items[mid_end..]);
            Ok(out)
        }
    }
}

/// Append the text of `s` to a string being built.
pub fn push_str_parts(s: &PyStr, out: &mut String, cps: &mut Option<Vec<u32>>) {
    match cps {
        Some(v) => v.extend(s.code_points()),
        None => {
            if s.code_points().any(|c| (0xD800..0xE000).contains(&c)) {
                let mut v: Vec<u32> = out.chars().map(u32::from).collect();
                v.extend(s.code_points());
                *cps = Some(v);
            } else {
                out.push_str(&s.to_string_lossy());
            }
        }
    }
}

/// Finish a string built by [`push_str_parts`].
pub fn finish_str(py: Python<'_>, s: String, cps: Option<Vec<u32>>) -> PyRef {
    match cps {
        Some(v) => PyStr::from_code_points(py, &v)
            .unwrap_or_else(|| PyStr::new(py, ""))
            .into_object(),
        None => PyStr::new(py, &s).into_object(),
    }
}

/// `format(v, spec)`.
pub fn format(py: Python<'_>, v: &PyObject, spec: &PyStr) -> PyResult<PyRef<PyStr>> {
    protocol::format(py, v, spec)
}

/// A `set` from items (`BUILD_SET`).
pub fn new_set(py: Python<'_>, items: Vec<PyRef>) -> PyResult<PyRef> {
    crate::objects::set_from_items(py, items)
}

/// `set.add` (`SET_ADD`).
pub fn set_add(py: Python<'_>, set: &PyObject, v: PyRef) -> PyResult<()> {
    crate::objects::set_add_item(py, set, v)
}

/// `SET_UPDATE`: `set.update(iterable)` (`_PySet_Update`, whose set/dict fast paths decide the
/// resulting order).
pub fn set_update(py: Python<'_>, set: &PyObject, iterable: &PyObject) -> PyResult<()> {
    match set.downcast_ref::<crate::objects::set::PySet>(py) {
        Some(s) => s.update_internal(py, iterable),
        None => {
            for v in collect_iterable(py, iterable)? {
                set_add(py, set, v)?;
            }
            Ok(())
        }
    }
}

/// A `slice` (`BUILD_SLICE`).
pub fn new_slice(
    py: Python<'_>,
    start: PyRef,
    stop: PyRef,
    step: Option<PyRef>,
) -> PyResult<PyRef> {
    crate::objects::slice_new(py, start, stop, step.unwrap_or_else(|| py.none()))
}

/// `list.extend` (`LIST_EXTEND`).
pub fn list_extend(py: Python<'_>, list: &PyObject, iterable: &PyObject) -> PyResult<()> {
    let l = list
        .downcast_ref::<PyList>(py)
        .ok_or_else(|| PyErr::type_error("list expected"))?;
    // `_PyList_Extend`: the capacity rules of `list.extend` (a constant tuple extended into
    // a fresh display list gets its length rounded up to even).
    l.extend(py, iterable).map_err(|e| {
        if is_kind(py, &e, ExcKind::TypeError)
            && iterable.ob_type().slots.iter.is_none()
            && iterable.ob_type().slots.getitem.is_none()
        {
            PyErr::type_error(format!(
                "Value after * must be an iterable, not {}",
                iterable.ob_type().name()
            ))
        } else {
            e
        }
    })
}

/// `DICT_UPDATE` / `DICT_MERGE` (the latter rejects repeated keywords).
pub fn dict_update(
    py: Python<'_>,
    d: &PyObject,
    other: &PyObject,
    check_dup: bool,
    func: Option<&PyObject>,
) -> PyResult<()> {
    let d = d
        .downcast_ref::<PyDict>(py)
        .ok_or_else(|| PyErr::type_error("dict expected"))?;
    let items: Vec<(PyRef, PyRef)> = if let Some(o) = other.downcast_ref::<PyDict>(py) {
        o.items()
    } else {
        let keys = match getattr_opt(py, other, &intern_str(py, "keys"))? {
            Some(k) => call1(py, &k, &[])?,
            None => {
                let what = match func {
                    Some(f) => format!(
                        "{} argument after ** must be a mapping, not {}",
                        function_str(py, f)?,
                        other.ob_type().name()
                    ),
                    None => format!("'{}' object is not a mapping", other.ob_type().name()),
                };
                return Err(PyErr::type_error(what));
            }
        };
        let mut out = Vec::new();
        for k in collect_iterable(py, &keys)? {
            let v = getitem(py, other, &k)?;
            out.push((k, v));
        }
        out
    };
    for (k, v) in items {
        if check_dup && d.get_item(py, &k)?.is_some() {
            let fname = match func {
                Some(f) => function_str(py, f)?,
                None => "function".into(),
            };
            return Err(PyErr::type_error(format!(
                "{fname} got multiple values for keyword argument '{}'",
                protocol::str_(py, &k)?.to_string_lossy()
            )));
        }
        d.set_item(py, k, v)?;
    }
    Ok(())
}

/// Is `v` a generator or coroutine (for `yield from`)?
pub fn is_generator_like(py: Python<'_>, v: &PyObject) -> bool {
    v.is_instance_of::<crate::objects::generator::PyGenerator>(py)
}

/// Result of `SEND`.
pub enum SendResult {
    /// The sub-iterator yielded.
    Yielded(PyRef),
    /// The sub-iterator finished with this value.
    Returned(PyRef),
}

/// `SEND`: `receiver.send(v)` (or `next()` for plain iterators when `v` is None).
pub fn send(py: Python<'_>, receiver: &PyObject, v: PyRef) -> PyResult<SendResult> {
    use crate::objects::generator::{PyGenerator, Resumed, resume};
    if receiver.is_instance_of::<PyGenerator>(py) {
        return Ok(match resume(py, receiver, v, None)? {
            Resumed::Yielded(y) => SendResult::Yielded(y),
            Resumed::Returned(r) => SendResult::Returned(r),
        });
    }
    let r = if py.is_none(&v) {
        iter_next(py, receiver)
            .map(|o| o.map_or(SendResult::Returned(py.none()), SendResult::Yielded))
    } else {
        let send = getattr_str(py, receiver, "send")?;
        call1(py, &send, &[v]).map(SendResult::Yielded)
    };
    match r {
        Err(e) if is_stop_iteration(py, &e) => {
            let exc = crate::objects::exception::normalize(py, e);
            let value = crate::eval::attr::getattr_str(py, &exc, "value")?;
            Ok(SendResult::Returned(value))
        }
        other => other,
    }
}

/// `GET_AWAITABLE`.
pub fn get_awaitable(py: Python<'_>, v: PyRef) -> PyResult<PyRef> {
    if std::ptr::eq(v.ob_type(), py.types().coroutine()) {
        return Ok(v);
    }
    if let Some(f) = v
        .ob_type()
        .lookup(py, intern_str(py, "__await__").as_object())?
    {
        return call1(py, &f, &[v]);
    }
    Err(PyErr::type_error(format!(
        "object {} can't be used in 'await' expression",
        v.ob_type().name()
    )))
}

/// A dunder looked up on the type and bound to `obj` (`_PyObject_LookupSpecial`).
fn lookup_special(py: Python<'_>, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let ty = obj.ob_type();
    match ty.lookup(py, intern_str(py, name).as_object())? {
        Some(f) => Ok(Some(crate::eval::attr::descr_get(py, f, Some(obj), ty)?)),
        None => Ok(None),
    }
}

/// `BEFORE_ASYNC_WITH`: the bound `__aexit__` and the result of `__aenter__()` (awaited next).
pub fn before_async_with(py: Python<'_>, mgr: &PyObject) -> PyResult<(PyRef, PyRef)> {
    let name = mgr.ob_type().name();
    let Some(enter) = lookup_special(py, mgr, "__aenter__")? else {
        return Err(PyErr::type_error(format!(
            "'{name}' object does not support the asynchronous context manager protocol"
        )));
    };
    let Some(exit) = lookup_special(py, mgr, "__aexit__")? else {
        return Err(PyErr::type_error(format!(
            "'{name}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"
        )));
    };
    let res = call1(py, &enter, &[])?;
    Ok((exit, res))
}

/// `GET_AITER`: `type(obj).__aiter__(obj)`, which must have `__anext__`.
pub fn get_aiter(py: Python<'_>, obj: &PyObject) -> PyResult<PyRef> {
    let Some(f) = lookup_special(py, obj, "__aiter__")? else {
        return Err(PyErr::type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            obj.ob_type().name()
        )));
    };
    let it = call1(py, &f, &[])?;
    if it
        .ob_type()
        .lookup(py, intern_str(py, "__anext__").as_object())?
        .is_none()
    {
        return Err(PyErr::type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.ob_type().name()
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`: the awaitable of `type(aiter).__anext__(aiter)`.
pub fn get_anext(py: Python<'_>, aiter: &PyObject) -> PyResult<PyRef> {
    let Some(f) = lookup_special(py, aiter, "__anext__")? else {
        return Err(PyErr::type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            aiter.ob_type().name()
        )));
    };
    let next = call1(py, &f, &[])?;
    get_awaitable(py, next.clone()).map_err(|e| {
        if e.is_kind(ExcKind::TypeError) {
            PyErr::type_error(format!(
                "'async for' received an invalid object from __anext__: {}",
                next.ob_type().name()
            ))
        } else {
            e
        }
    })
}

/// `except X:` requires X to be an exception class or tuple of them.
pub fn check_except_type(py: Python<'_>, right: &PyObject) -> PyResult<()> {
    let ok = |t: &PyObject| {
        t.downcast_ref::<PyType>(py)
            .is_some_and(|t| t.flags().contains(TypeFlags::BASE_EXC_SUBCLASS))
    };
    let good = match right.downcast_ref::<PyTuple>(py) {
        Some(t) => t.as_slice().iter().all(|x| ok(x)),
        None => ok(right),
    };
    if good {
        Ok(())
    } else {
        Err(PyErr::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        ))
    }
}

/// `isinstance(exc, right)` for `except right:`.
pub fn exception_matches(py: Python<'_>, exc: &PyObject, right: &PyObject) -> PyResult<bool> {
    if let Some(t) = right.downcast_ref::<PyTuple>(py) {
        for x in t.as_slice() {
            if exception_matches(py, exc, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Ok(right
        .downcast_ref::<PyType>(py)
        .is_some_and(|t| exc.ob_type().is_subtype(t)))
}

/// `BEFORE_WITH`: `(bound __exit__, __enter__())`.
pub fn before_with(py: Python<'_>, mgr: &PyObject) -> PyResult<(PyRef, PyRef)> {
    let ty = mgr.ob_type();
    let enter = ty.lookup(py, intern_str(py, "__enter__").as_object())?;
    let Some(enter) = enter else {
        return Err(PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol",
            ty.name()
        )));
    };
    let Some(exit) = ty.lookup(py, intern_str(py, "__exit__").as_object())? else {
        return Err(PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            ty.name()
        )));
    };
    let exit = crate::eval::attr::descr_get(py, exit, Some(mgr), ty)?;
    let enter = crate::eval::attr::descr_get(py, enter, Some(mgr), ty)?;
    let res = call1(py, &enter, &[])?;
    Ok((exit, res))
}

/// `WITH_EXCEPT_START`: `exit(type, value, traceback)`.
pub fn with_exit(py: Python<'_>, exit: &PyObject, exc: &PyObject) -> PyResult<PyRef> {
    let tb = exc
        .downcast_ref::<PyBaseException>(py)
        .and_then(|e| e.traceback.borrow().clone())
        .unwrap_or_else(|| py.none());
    call1(
        py,
        exit,
        &[
            exc.ob_type().to_owned_ref().into_object(),
            exc.to_owned_ref(),
            tb,
        ],
    )
}

/// `MATCH_MAPPING`.
pub fn is_mapping(py: Python<'_>, v: &PyObject) -> bool {
    v.ob_type().flags().contains(TypeFlags::MAPPING) || v.is_instance_of::<PyDict>(py)
}

/// `MATCH_SEQUENCE`.
pub fn is_sequence(py: Python<'_>, v: &PyObject) -> bool {
    v.ob_type().flags().contains(TypeFlags::SEQUENCE)
        || v.is_instance_of::<PyList>(py)
        || v.is_instance_of::<PyTuple>(py)
}

/// `MATCH_KEYS`: a tuple of the values for `keys`, or None if one is missing.
pub fn match_keys(py: Python<'_>, subject: &PyObject, keys: &PyObject) -> PyResult<PyRef> {
    let keys = keys
        .downcast_ref::<PyTuple>(py)
        .ok_or_else(|| PyErr::type_error("keys must be a tuple"))?;
    let mut values = Vec::new();
    for k in keys.as_slice() {
        match mapping_get(py, subject, k)? {
            Some(v) => values.push(v),
            None => return Ok(py.none()),
        }
    }
    Ok(PyTuple::new(py, values).into_object())
}

/// `MATCH_CLASS`: the attributes for a class pattern, or None.
pub fn match_class(
    py: Python<'_>,
    subject: &PyObject,
    cls: &PyObject,
    nargs: usize,
    names: &PyObject,
) -> PyResult<PyRef> {
    let Some(t) = cls.downcast_ref::<PyType>(py) else {
        return Err(PyErr::type_error("called match pattern must be a type"));
    };
    if !subject.ob_type().is_subtype(t) {
        return Ok(py.none());
    }
    let mut out = Vec::new();
    if nargs > 0 {
        let match_args = getattr_opt(py, cls, &intern_str(py, "__match_args__"))?;
        let self_match = t.flags().contains(TypeFlags::MATCH_SELF)
            || [
                py.types().int(),
                py.types().float(),
                py.types().str_(),
                py.types().bool_(),
                py.types().list(),
                py.types().tuple(),
                py.types().dict(),
                py.types().bytes(),
            ]
            .iter()
            .any(|b| std::ptr::eq(*b, t));
        match match_args {
            Some(ma) => {
                let ma = ma.downcast_ref::<PyTuple>(py).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        t.name(),
                        ma.ob_type().name()
                    ))
                })?;
                if nargs > ma.len() {
                    return Err(PyErr::type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({nargs} given)",
                        t.name(),
                        ma.len(),
                        if ma.len() == 1 { "" } else { "s" }
                    )));
                }
                for n in &ma.as_slice()[..nargs] {
                    let n = n.downcast_ref::<PyStr>(py).ok_or_else(|| {
                        PyErr::type_error("__match_args__ elements must be strings")
                    })?;
                    match getattr_opt(py, subject, n)? {
                        Some(v) => out.push(v),
                        None => return Ok(py.none()),
                    }
                }
            }
            None if self_match && nargs == 1 => out.push(subject.to_owned_ref()),
            None => {
                return Err(PyErr::type_error(format!(
                    "{}() accepts 0 positional sub-patterns ({nargs} given)",
                    t.name()
                )));
            }
        }
    }
    if let Some(names) = names.downcast_ref::<PyTuple>(py) {
        for n in names.as_slice() {
            let n = n
                .downcast_ref::<PyStr>(py)
                .ok_or_else(|| PyErr::type_error("attribute name must be a string"))?;
            match getattr_opt(py, subject, n)? {
                Some(v) => out.push(v),
                None => return Ok(py.none()),
            }
        }
    }
    Ok(PyTuple::new(py, out).into_object())
}

/// `float(x)` helper for builtins that need a real number.
pub fn as_f64(py: Python<'_>, v: &PyObject) -> Option<f64> {
    if let Some(f) = v.downcast_ref::<PyFloat>(py) {
        return Some(f.value());
    }
    v.downcast_ref::<PyInt>(py)
        .map(|i| num_traits::ToPrimitive::to_f64(&i.to_bigint()).unwrap_or(f64::INFINITY))
}

/// `divmod(a, b)` (`PyNumber_Divmod`): `__divmod__`/`__rdivmod__` of classes, then the int and
/// float implementations.
pub fn divmod(py: Python<'_>, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let same = std::ptr::eq(ta, tb);
    let dunder = |t: &PyType, name: &str| -> PyResult<Option<PyRef>> {
        if !t.is_heap() {
            return Ok(None);
        }
        Ok(t.lookup(py, intern_str(py, name).as_object())?
            .filter(|f| f.is_instance_of::<crate::objects::function::PyFunction>(py)))
    };
    let reflected = if same {
        None
    } else {
        dunder(tb, "__rdivmod__")?
    };
    let forward = dunder(ta, "__divmod__")?;
    let mut tried_reflected = false;
    if let Some(r) = &reflected
        && tb.is_subtype(ta)
    {
        tried_reflected = true;
        let res = call1(py, r, &[b.to_owned_ref(), a.to_owned_ref()])?;
        if !res.is(&py.not_implemented()) {
            return Ok(res);
        }
    }
    if let Some(f) = forward {
        let res = call1(py, &f, &[a.to_owned_ref(), b.to_owned_ref()])?;
        if !res.is(&py.not_implemented()) {
            return Ok(res);
        }
    }
    if let Some(r) = &reflected
        && !tried_reflected
    {
        let res = call1(py, r, &[b.to_owned_ref(), a.to_owned_ref()])?;
        if !res.is(&py.not_implemented()) {
            return Ok(res);
        }
    }
    if let (Some(x), Some(y)) = (a.downcast_ref::<PyInt>(py), b.downcast_ref::<PyInt>(py)) {
        let (q, r) = crate::objects::int_ops::int_divmod(x.value(), y.value())?;
        return Ok(PyTuple::new(
            py,
            vec![
                PyInt::from_bigint(py, q.to_bigint()).into_object(),
                PyInt::from_bigint(py, r.to_bigint()).into_object(),
            ],
        )
        .into_object());
    }
    let is_real = |o: &PyObject| o.is_instance_of::<PyFloat>(py) || o.is_instance_of::<PyInt>(py);
    if is_real(a) && is_real(b) {
        let (Some(x), Some(y)) = (as_f64(py, a), as_f64(py, b)) else {
            return Err(PyErr::overflow_error("int too large to convert to float"));
        };
        if y == 0.0 {
            return Err(PyErr::new(ExcKind::ZeroDivisionError, "float divmod()"));
        }
        let (q, r) = crate::objects::float_ops::float_divmod_values(x, y);
        return Ok(PyTuple::new(
            py,
            vec![
                PyFloat::new(py, q).into_object(),
                PyFloat::new(py, r).into_object(),
            ],
        )
        .into_object());
    }
    Err(unsupported("divmod()", a, b))
}

/// `_PyObject_FunctionStr`: `module.qualname()` (just `qualname()` for builtins), or `str(f)`
/// for objects without a `__qualname__`; used in call errors raised outside the callee.
pub fn function_str(py: Python<'_>, f: &PyObject) -> PyResult<String> {
    let Some(qual) = getattr_opt(py, f, &intern_str(py, "__qualname__"))? else {
        return Ok(protocol::str_(py, f)?.to_string_lossy());
    };
    let qual = protocol::str_(py, &qual)?.to_string_lossy();
    if let Some(m) = getattr_opt(py, f, &intern_str(py, "__module__"))?
        && !py.is_none(&m)
    {
        let m = protocol::str_(py, &m)?.to_string_lossy();
        if m != "builtins" {
            return Ok(format!("{m}.{qual}()"));
        }
    }
    Ok(format!("{qual}()"))
}
