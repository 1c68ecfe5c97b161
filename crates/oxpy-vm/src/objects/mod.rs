//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod bool_;
pub mod builtin_function;
pub mod bytes;
pub mod cell;
pub mod code;
pub mod descriptors;
pub mod dict;
pub mod dict_views;
pub mod enumerate;
pub mod exception;
pub mod filter;
pub mod float;
pub mod function;
pub mod generator;
pub mod heap_type;
pub mod instance;
pub mod int;
pub mod list;
pub mod list_methods;
pub mod list_sort;
pub mod map;
pub mod method;
pub mod module;
pub mod none;
pub mod object;
pub mod range;
pub mod reversed;
pub mod seq_iter;
pub mod set;
pub mod set_iter;
pub mod slice;
pub mod slot_wrapper;
pub mod str;
pub mod super_;
pub mod traceback;
pub mod tuple;
pub mod tuple_methods;
pub mod type_;
pub mod zip;

use crate::gil::Python;
use crate::object::PyRef;

/// A `complex` constant. TEMPORARY until the `complex` type lands (branch `numbers`): the
/// imaginary part as a float.
pub fn complex_const(py: Python<'_>, _real: f64, imag: f64) -> PyRef {
    float::PyFloat::new(py, imag).into_object()
}

/// A `frozenset` constant (`x in {1, 2}`).
pub fn frozenset_const(py: Python<'_>, items: Vec<PyRef>) -> PyRef {
    match set::PySet::from_items(py, &items, true) {
        Ok(s) => s.into_object(),
        // Constants are hashable by construction; fall back to a tuple for `in`.
        Err(_) => tuple::PyTuple::new(py, items).into_object(),
    }
}

fn not_yet(what: &str) -> crate::PyErr {
    crate::PyErr::new(
        crate::error::ExcKind::NotImplementedError,
        format!("oxpy: {what} is not available yet"),
    )
}

/// An iterator over an object with `__getitem__`.
pub fn seq_iter_for(py: Python<'_>, v: &crate::object::PyObject) -> crate::PyResult<PyRef> {
    Ok(seq_iter::seq_iter_new(py, v.to_owned_ref()))
}

/// `BUILD_SET`.
pub fn set_from_items(py: Python<'_>, items: Vec<PyRef>) -> crate::PyResult<PyRef> {
    Ok(set::PySet::from_items(py, &items, false)?.into_object())
}

/// `SET_ADD`.
pub fn set_add_item(py: Python<'_>, s: &crate::object::PyObject, v: PyRef) -> crate::PyResult<()> {
    match set::as_any_set(py, s) {
        Some(s) => s.add(py, v).map(|_| ()),
        None => Err(crate::PyErr::type_error("set expected")),
    }
}

/// `BUILD_SLICE`.
pub fn slice_new(py: Python<'_>, a: PyRef, b: PyRef, c: PyRef) -> crate::PyResult<PyRef> {
    Ok(slice::PySlice::new(py, a, b, c).into_object())
}

/// Builtin types exposed in `builtins` beyond the core ones (filled as types land).
pub fn extra_builtin_types(py: Python<'_>) -> Vec<&type_::PyType> {
    let t = py.types();
    vec![
        t.set(),
        t.frozenset(),
        t.range(),
        t.slice(),
        t.enumerate(),
        t.zip(),
        t.map(),
        t.filter(),
        t.reversed(),
    ]
}

/// `iter(callable, sentinel)`.
pub fn callable_iter_new(py: Python<'_>, f: PyRef, s: PyRef) -> crate::PyResult<PyRef> {
    Ok(seq_iter::callable_iter_new(py, f, s))
}

/// `pow(a, b, m)`. TEMPORARY until branch `numbers` lands.
pub fn int_pow_mod(
    _py: Python<'_>,
    _a: &crate::object::PyObject,
    _b: &crate::object::PyObject,
    _m: &crate::object::PyObject,
) -> crate::PyResult<PyRef> {
    Err(not_yet("pow() with a modulus"))
}

/// `round(x, ndigits)`. TEMPORARY until branch `numbers` lands.
pub fn number_round(
    py: Python<'_>,
    x: &crate::object::PyObject,
    _ndigits: Option<&crate::object::PyObject>,
) -> crate::PyResult<PyRef> {
    if x.is_instance_of::<int::PyInt>(py) {
        return Ok(x.to_owned_ref());
    }
    Err(not_yet("round()"))
}

/// `int(x, base)`. TEMPORARY until branch `numbers` lands.
pub fn int_new(
    py: Python<'_>,
    x: Option<&crate::object::PyObject>,
    _base: Option<&crate::object::PyObject>,
) -> crate::PyResult<PyRef> {
    use crate::object::PyPayload;
    match x {
        None => Ok(int::PyInt::new(py, 0).into_object()),
        Some(v) if int::PyInt::is_exact_type_of(py, v) => Ok(v.to_owned_ref()),
        Some(v) => {
            if let Some(f) = v.downcast_ref::<float::PyFloat>(py) {
                return Ok(int::PyInt::new(py, f.value().trunc() as i64).into_object());
            }
            if let Some(s) = v.downcast_ref::<str::PyStr>(py) {
                let t = s.to_string_lossy();
                return t
                    .trim()
                    .parse::<i64>()
                    .map(|n| int::PyInt::new(py, n).into_object())
                    .map_err(|_| {
                        crate::PyErr::value_error(format!(
                            "invalid literal for int() with base 10: {}",
                            str::repr_string(s)
                        ))
                    });
            }
            if let Some(b) = v.downcast_ref::<bool_::PyBool>(py) {
                return Ok(int::PyInt::new(py, i64::from(b.value())).into_object());
            }
            Err(not_yet("int() of this type"))
        }
    }
}

/// `float(x)`. TEMPORARY until branch `numbers` lands.
pub fn float_new(py: Python<'_>, v: &crate::object::PyObject) -> crate::PyResult<PyRef> {
    if let Some(f) = v.downcast_ref::<float::PyFloat>(py) {
        return Ok(float::PyFloat::new(py, f.value()).into_object());
    }
    if let Some(i) = v.downcast_ref::<int::PyInt>(py) {
        return Ok(float::PyFloat::new(
            py,
            num_traits::ToPrimitive::to_f64(&i.to_bigint()).unwrap_or(f64::INFINITY),
        )
        .into_object());
    }
    Err(not_yet("float() of this type"))
}

type NewFn = fn(Python<'_>, crate::object::Args<'_>) -> crate::PyResult<PyRef>;

/// Constructors of the remaining builtin types.
pub fn construct_other(
    py: Python<'_>,
    ty: &type_::PyType,
    args: crate::object::Args<'_>,
) -> crate::PyResult<PyRef> {
    let t = py.types();
    if std::ptr::eq(ty, t.set()) {
        return set::PySet::from_call(py, args, false);
    }
    if std::ptr::eq(ty, t.frozenset()) {
        return set::PySet::from_call(py, args, true);
    }
    let news: [(&type_::PyType, NewFn); 7] = [
        (t.range(), range::range_new),
        (t.slice(), slice::slice_new),
        (t.enumerate(), enumerate::enumerate_new),
        (t.zip(), zip::zip_new),
        (t.map(), map::map_new),
        (t.filter(), filter::filter_new),
        (t.reversed(), reversed::reversed_new),
    ];
    for (nt, f) in news {
        if std::ptr::eq(ty, nt) {
            return f(py, args);
        }
    }
    Err(crate::PyErr::type_error(format!(
        "cannot create '{}' instances",
        ty.name()
    )))
}
