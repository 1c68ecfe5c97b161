//! Builtin types, one file each (CPython's `Objects/*.c`).

pub mod async_gen;
pub mod bool_;
pub mod builtin_function;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod code;
pub mod complex;
pub mod descriptors;
pub mod dict;
pub mod dict_views;
pub mod enumerate;
pub mod exception;
pub mod exception_attrs;
pub mod exception_group;
pub mod filter;
pub mod float;
pub mod float_methods;
pub mod float_ops;
pub mod frame;
pub mod free_list;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod heap_type;
pub mod inline_values;
pub mod instance;
pub mod int;
pub mod int_methods;
pub mod int_ops;
pub mod list;
pub mod list_methods;
pub mod list_sort;
pub mod map;
pub mod mappingproxy;
pub mod member_descr;
pub mod memoryview;
pub mod method;
pub mod module;
pub mod none;
pub mod number_format;
pub mod number_new;
pub mod object;
pub mod range;
pub mod reversed;
pub mod seq_iter;
pub mod set;
pub mod set_iter;
pub mod slice;
pub mod slot_wrapper;
pub mod str;
pub mod str_algo;
pub mod str_codecs;
pub mod str_format;
pub mod str_iter;
pub mod str_methods;
pub mod str_percent;
pub mod super_;
pub mod traceback;
pub mod tuple;
pub mod tuple_methods;
pub mod type_;
pub mod type_methods;
pub mod union;
pub mod weakref;
pub mod zip;

use crate::gil::Python;
use crate::object::PyRef;

/// A `complex` constant.
pub fn complex_const(py: Python<'_>, real: f64, imag: f64) -> PyRef {
    complex::PyComplex::new(py, real, imag).into_object()
}

/// A `frozenset` constant (`x in {1, 2}`).
pub fn frozenset_const(py: Python<'_>, items: Vec<PyRef>) -> PyRef {
    // CPython builds the constant from the source order (`PyFrozenSet_New(tuple)`), then
    // `merge_consts_recursive` rebuilds it from that set's iteration order: the second table
    // decides the order `{...}` literals and `in {...}` tests show.
    let built = set::PySet::from_items(py, &items, true).and_then(|first| {
        let order = crate::eval::ops::collect_iterable(py, first.as_object())?;
        set::PySet::from_items(py, &order, true)
    });
    match built {
        Ok(s) => s.into_object(),
        // Constants are hashable by construction; fall back to a tuple for `in`.
        Err(_) => tuple::PyTuple::new(py, items).into_object(),
    }
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
        t.complex(),
        t.bytearray(),
        t.range(),
        t.slice(),
        t.enumerate(),
        t.zip(),
        t.map(),
        t.filter(),
        t.reversed(),
        t.memoryview(),
    ]
}

/// `iter(callable, sentinel)`.
pub fn callable_iter_new(py: Python<'_>, f: PyRef, s: PyRef) -> crate::PyResult<PyRef> {
    Ok(seq_iter::callable_iter_new(py, f, s))
}

/// `pow(a, b, m)`.
pub fn int_pow_mod(
    py: Python<'_>,
    a: &crate::object::PyObject,
    b: &crate::object::PyObject,
    m: &crate::object::PyObject,
) -> crate::PyResult<PyRef> {
    number_new::number_pow3(py, a, b, m)
}

/// `round(x, ndigits)`.
pub fn number_round(
    py: Python<'_>,
    x: &crate::object::PyObject,
    ndigits: Option<&crate::object::PyObject>,
) -> crate::PyResult<PyRef> {
    int_methods::number_round(py, x, ndigits)
}

/// `int(x, base)`.
pub fn int_new(
    py: Python<'_>,
    x: Option<&crate::object::PyObject>,
    base: Option<&crate::object::PyObject>,
) -> crate::PyResult<PyRef> {
    number_new::int_new(py, x, base)
}

/// `float(x)`.
pub fn float_new(py: Python<'_>, v: &crate::object::PyObject) -> crate::PyResult<PyRef> {
    number_new::float_new(py, Some(v))
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
    if std::ptr::eq(ty, t.bytes()) {
        let [obj, encoding, errors] = args.parse("bytes", ["source", "encoding", "errors"], 0)?;
        return match obj {
            None => Ok(py.interp().singletons.empty_bytes.clone().into_object()),
            Some(o) => {
                Ok(
                    bytes::bytes_from_object(py, o, encoding.map(|v| &**v), errors.map(|v| &**v))?
                        .into_object(),
                )
            }
        };
    }
    if std::ptr::eq(ty, t.bytearray()) {
        let [obj, encoding, errors] =
            args.parse("bytearray", ["source", "encoding", "errors"], 0)?;
        return Ok(bytearray::bytearray_from_object(
            py,
            obj.map(|v| &**v),
            encoding.map(|v| &**v),
            errors.map(|v| &**v),
        )?
        .into_object());
    }
    if std::ptr::eq(ty, t.complex()) {
        let [real, imag] = args.parse("complex", ["real", "imag"], 0)?;
        return number_new::complex_new(py, real.map(|v| &**v), imag.map(|v| &**v));
    }
    for (single, value) in [
        (t.none_type(), py.none()),
        (t.not_implemented_type(), py.not_implemented()),
        (t.ellipsis_type(), py.ellipsis()),
    ] {
        if std::ptr::eq(ty, single) {
            // `none_new` & co: the singleton, and no arguments.
            if !args.values.is_empty() {
                return Err(crate::PyErr::type_error(format!(
                    "{} takes no arguments",
                    ty.name()
                )));
            }
            return Ok(value);
        }
    }
    let news: [(&type_::PyType, NewFn); 11] = [
        (t.memoryview(), memoryview::memoryview_new),
        (t.mappingproxy(), mappingproxy::mappingproxy_new),
        (t.generic_alias(), generic_alias::ga_type_new),
        (t.module(), module::module_new),
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
