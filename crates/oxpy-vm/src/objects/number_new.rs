//! The `int()`, `float()` and `complex()` constructors and three-argument `pow()` for the builtin
//! argument types. User classes (`__int__`, `__index__`, `__float__`, `__complex__`, `__pow__`)
//! are the caller's business: it tries them first and comes here for everything else.

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::bytes::PyBytes;
use crate::objects::complex::PyComplex;
use crate::objects::float::PyFloat;
use crate::objects::float_methods::int_from_f64;
use crate::objects::float_ops::{float_exact, float_from_str, float_from_text, to_f64_operand};
use crate::objects::int::{IntValue, PyInt};
use crate::objects::int_methods::{int_from_str, int_from_text};
use crate::objects::int_ops::{int_pow_mod, int_to_f64};
use crate::objects::str::PyStr;

/// Bytes as the ASCII text CPython's byte parsers see (other bytes never parse).
fn bytes_text(data: &[u8]) -> String {
    data.iter()
        .map(|&b| if b.is_ascii() { char::from(b) } else { '?' })
        .collect()
}

fn bytes_shown(data: &[u8]) -> String {
    crate::objects::bytes::repr_string(data)
        .chars()
        .take(200)
        .collect()
}

/// `int(x)` / `int(x, base)` (`long_new_impl`) for `None` (omitted), int, bool, float, str and
/// bytes arguments.
/// Call dunder `name` of a class instance (`_PyObject_LookupSpecial` + call) with `args` after
/// the instance; `None` if `obj` is not a class instance or its class lacks the method.
pub fn call_special(
    py: Python<'_>,
    obj: &PyObject,
    name: &str,
    args: &[PyRef],
) -> PyResult<Option<PyRef>> {
    let ty = obj.ob_type();
    if !ty.is_heap() {
        return Ok(None);
    }
    let Some(f) = ty.lookup(py, crate::objects::str::intern_str(py, name).as_object())? else {
        return Ok(None);
    };
    if py.is_none(&f) {
        return Ok(None);
    }
    let bound = crate::eval::attr::descr_get(py, f, Some(obj), ty)?;
    crate::eval::call::call1(py, &bound, args).map(Some)
}

/// `PyNumber_Long`'s class hooks: `__int__`, `__index__`, then `__trunc__`.
fn int_from_dunders(py: Python<'_>, x: &PyObject) -> PyResult<Option<PyRef>> {
    if let Some(r) = call_special(py, x, "__int__", &[])? {
        if !r.is_instance_of::<PyInt>(py) {
            return Err(PyErr::type_error(format!(
                "__int__ returned non-int (type {})",
                r.ob_type().name()
            )));
        }
        return Ok(Some(r));
    }
    if let Some(i) = crate::objects::slice::index_dunder(py, x)? {
        return Ok(Some(i.into_object()));
    }
    if let Some(r) = call_special(py, x, "__trunc__", &[])? {
        if r.is_instance_of::<PyInt>(py) {
            return Ok(Some(r));
        }
        return match crate::objects::slice::index_dunder(py, &r)? {
            Some(i) => Ok(Some(i.into_object())),
            None => Err(PyErr::type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                r.ob_type().name()
            ))),
        };
    }
    Ok(None)
}

/// `PyNumber_Float`'s class hooks: `__float__`, then `__index__`.
pub fn float_from_dunders(py: Python<'_>, x: &PyObject) -> PyResult<Option<f64>> {
    if let Some(r) = call_special(py, x, "__float__", &[])? {
        return match r.downcast_ref::<PyFloat>(py) {
            Some(f) => Ok(Some(f.value())),
            None => Err(PyErr::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                x.ob_type().name(),
                r.ob_type().name()
            ))),
        };
    }
    match crate::objects::slice::index_dunder(py, x)? {
        Some(i) => Ok(Some(int_to_f64(i.value())?)),
        None => Ok(None),
    }
}

pub fn int_new(py: Python<'_>, x: Option<&PyObject>, base: Option<&PyObject>) -> PyResult<PyRef> {
    let Some(x) = x else {
        if base.is_some() {
            return Err(PyErr::type_error("int() missing string argument"));
        }
        return Ok(PyInt::new(py, 0).into_object());
    };
    if let Some(b) = base {
        let Some(bv) = b.downcast_ref::<PyInt>(py) else {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                b.ob_type().name()
            )));
        };
        let base = match bv.value() {
            IntValue::Small(v) if (0..=36).contains(v) && *v != 1 => *v as u32,
            _ => {
                return Err(PyErr::value_error(
                    "int() base must be >= 2 and <= 36, or 0",
                ));
            }
        };
        if let Some(s) = x.downcast_ref::<PyStr>(py) {
            return int_from_str(py, &s.to_string_lossy(), base);
        }
        if let Some(bs) = x.downcast_ref::<PyBytes>(py) {
            let data = bs.as_bytes();
            return int_from_text(py, &bytes_text(data), base, &|| bytes_shown(data));
        }
        return Err(PyErr::type_error(
            "int() can't convert non-string with explicit base",
        ));
    }
    if x.ob_type().is_heap()
        && let Some(r) = int_from_dunders(py, x)?
    {
        return Ok(r);
    }
    if let Some(i) = x.downcast_ref::<PyInt>(py) {
        return Ok(crate::objects::int_ops::int_exact(py, x, i.value()));
    }
    if let Some(f) = x.downcast_ref::<PyFloat>(py) {
        return int_from_f64(py, f.value());
    }
    if let Some(s) = x.downcast_ref::<PyStr>(py) {
        return int_from_str(py, &s.to_string_lossy(), 10);
    }
    if let Some(bs) = x.downcast_ref::<PyBytes>(py) {
        let data = bs.as_bytes();
        return int_from_text(py, &bytes_text(data), 10, &|| bytes_shown(data));
    }
    // `PyNumber_Long`: `__int__`, then `__index__`, then `__trunc__`.
    let ty = x.ob_type();
    for (hook, what) in [
        ("__int__", "__int__"),
        ("__index__", "__index__"),
        ("__trunc__", "__trunc__"),
    ] {
        let name = crate::objects::str::intern_str(py, hook);
        if let Some(f) = ty.lookup(py, name.as_object())? {
            let r = crate::eval::call::call1(py, &f, &[x.to_owned_ref()])?;
            if let Some(i) = r.downcast_ref::<PyInt>(py) {
                return Ok(crate::objects::int_ops::int_exact(py, &r, i.value()));
            }
            if hook == "__trunc__" {
                return int_new(py, Some(&r), None);
            }
            return Err(PyErr::type_error(format!(
                "{what} returned non-int (type {})",
                r.ob_type().name()
            )));
        }
    }
    Err(PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.ob_type().name()
    )))
}

/// `float(x)` (`float_new_impl`) for `None` (omitted), float, int, str and bytes arguments.
pub fn float_new(py: Python<'_>, x: Option<&PyObject>) -> PyResult<PyRef> {
    let Some(x) = x else {
        return Ok(PyFloat::new(py, 0.0).into_object());
    };
    if x.ob_type().is_heap()
        && let Some(v) = float_from_dunders(py, x)?
    {
        return Ok(PyFloat::new(py, v).into_object());
    }
    if let Some(f) = x.downcast_ref::<PyFloat>(py) {
        return Ok(float_exact(py, x, f.value()));
    }
    if let Some(i) = x.downcast_ref::<PyInt>(py) {
        return Ok(PyFloat::new(py, int_to_f64(i.value())?).into_object());
    }
    if let Some(s) = x.downcast_ref::<PyStr>(py) {
        return float_from_str(py, &s.to_string_lossy());
    }
    if let Some(bs) = x.downcast_ref::<PyBytes>(py) {
        let data = bs.as_bytes();
        return float_from_text(py, &bytes_text(data), &|| bytes_shown(data));
    }
    // `PyNumber_Float`: `__float__`, then `__index__`.
    let ty = x.ob_type();
    if let Some(f) = ty.lookup(
        py,
        crate::objects::str::intern_str(py, "__float__").as_object(),
    )? {
        let r = crate::eval::call::call1(py, &f, &[x.to_owned_ref()])?;
        return match r.downcast_ref::<PyFloat>(py) {
            Some(v) => Ok(PyFloat::new(py, v.value()).into_object()),
            None => Err(PyErr::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                ty.name(),
                r.ob_type().name()
            ))),
        };
    }
    if let Some(f) = ty.lookup(
        py,
        crate::objects::str::intern_str(py, "__index__").as_object(),
    )? {
        let r = crate::eval::call::call1(py, &f, &[x.to_owned_ref()])?;
        if let Some(i) = r.downcast_ref::<PyInt>(py) {
            return Ok(PyFloat::new(py, int_to_f64(i.value())?).into_object());
        }
    }
    Err(PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        x.ob_type().name()
    )))
}

/// `complex(real, imag)` (`complex_new_impl`) for `None` (omitted), complex, float, int and str
/// arguments.
pub fn complex_new(
    py: Python<'_>,
    real: Option<&PyObject>,
    imag: Option<&PyObject>,
) -> PyResult<PyRef> {
    let Some(r) = real else {
        return match imag {
            None => Ok(PyComplex::new(py, 0.0, 0.0).into_object()),
            Some(i) => complex_new(py, Some(PyInt::new(py, 0).as_object()), Some(i)),
        };
    };
    if let Some(s) = r.downcast_ref::<PyStr>(py) {
        if imag.is_some() {
            return Err(PyErr::type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        return crate::objects::complex::complex_from_str(py, &s.to_string_lossy());
    }
    if let Some(i) = imag
        && i.downcast_ref::<PyStr>(py).is_some()
    {
        return Err(PyErr::type_error("complex() second arg can't be a string"));
    }
    if imag.is_none() && std::ptr::eq(r.ob_type(), py.types().complex()) {
        return Ok(r.to_owned_ref());
    }
    // `try_complex_special_method`: a class's `__complex__`.
    let special = match call_special(py, r, "__complex__", &[])? {
        Some(c) if c.is_instance_of::<PyComplex>(py) => Some(c),
        Some(c) => {
            return Err(PyErr::type_error(format!(
                "__complex__ returned non-complex (type {})",
                c.ob_type().name()
            )));
        }
        None => None,
    };
    if let Some(c) = &special
        && imag.is_none()
    {
        return Ok(c.clone());
    }
    let r: &PyObject = special.as_deref().unwrap_or(r);
    let (mut cr, cr_is_complex) = match r.downcast_ref::<PyComplex>(py) {
        Some(c) => ((c.real(), c.imag()), true),
        None => match to_f64_operand(py, r)? {
            Some(v) => ((v, 0.0), false),
            None => {
                return Err(PyErr::type_error(format!(
                    "complex() first argument must be a string or a number, not '{}'",
                    r.ob_type().name()
                )));
            }
        },
    };
    let (mut ci_real, ci_imag, ci_is_complex) = match imag {
        None => (cr.1, 0.0, false),
        Some(i) => match i.downcast_ref::<PyComplex>(py) {
            Some(c) => (c.real(), c.imag(), true),
            None => match to_f64_operand(py, i)? {
                Some(v) => (v, 0.0, false),
                None => {
                    return Err(PyErr::type_error(format!(
                        "complex() second argument must be a number, not '{}'",
                        i.ob_type().name()
                    )));
                }
            },
        },
    };
    if ci_is_complex {
        cr.0 -= ci_imag;
    }
    if cr_is_complex && imag.is_some() {
        ci_real += cr.1;
    }
    Ok(PyComplex::new(py, cr.0, ci_real).into_object())
}

#[derive(Clone, Copy, PartialEq)]
enum NumKind {
    Int,
    Float,
    Complex,
    Other,
}

fn kind(py: Python<'_>, o: &PyObject) -> NumKind {
    if o.downcast_ref::<PyInt>(py).is_some() {
        NumKind::Int
    } else if o.downcast_ref::<PyFloat>(py).is_some() {
        NumKind::Float
    } else if o.downcast_ref::<PyComplex>(py).is_some() {
        NumKind::Complex
    } else {
        NumKind::Other
    }
}

/// `pow(a, b, m)` with a non-`None` modulus for the builtin numeric types, dispatched as
/// CPython's `ternary_op` (int, float and complex `nb_power` slots in operand order).
pub fn number_pow3(py: Python<'_>, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    let kinds = [kind(py, a), kind(py, b), kind(py, m)];
    let mut tried: Vec<NumKind> = Vec::new();
    for k in kinds {
        if k == NumKind::Other || tried.contains(&k) {
            continue;
        }
        tried.push(k);
        match k {
            NumKind::Int => {
                if kinds.iter().all(|k| *k == NumKind::Int) {
                    return int_pow_mod(py, a, b, m);
                }
            }
            NumKind::Float => {
                return Err(PyErr::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            NumKind::Complex => {
                if kinds[0] != NumKind::Other && kinds[1] != NumKind::Other {
                    return Err(PyErr::value_error("complex modulo"));
                }
            }
            NumKind::Other => {}
        }
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        a.ob_type().name(),
        b.ob_type().name(),
        m.ob_type().name()
    )))
}
