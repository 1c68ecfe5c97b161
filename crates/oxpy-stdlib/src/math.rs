//! `math`: CPython 3.11's math module (`Modules/mathmodule.c`), with the same special cases,
//! error classes and messages.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use oxpy_vm::error::{PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef, arg_count_message};
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::{IntValue, PyInt};
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::ops::BinOp;
use oxpy_vm::{PyObject, PyPayload, PyRef, Python};

use crate::math_impl::{self as imp, Errno, FsumError, libm};
use crate::util::{
    bigint_frexp, binary_op, collect_iter, index, index_value, int_from_f64, int_to_f64, ldexp,
    new_float, new_int, one_arg, pos_args, to_f64,
};

/// The `math` module.
pub static MATH: ModuleDef = ModuleDef {
    name: "math",
    doc: "This module provides access to the mathematical functions\ndefined by the C standard.",
    methods: &[
        MethodDef::new("acos", math_acos),
        MethodDef::new("acosh", math_acosh),
        MethodDef::new("asin", math_asin),
        MethodDef::new("asinh", math_asinh),
        MethodDef::new("atan", math_atan),
        MethodDef::new("atan2", math_atan2),
        MethodDef::new("atanh", math_atanh),
        MethodDef::new("cbrt", math_cbrt),
        MethodDef::new("ceil", math_ceil),
        MethodDef::new("copysign", math_copysign),
        MethodDef::new("cos", math_cos),
        MethodDef::new("cosh", math_cosh),
        MethodDef::new("degrees", math_degrees),
        MethodDef::new("dist", math_dist),
        MethodDef::new("erf", math_erf),
        MethodDef::new("erfc", math_erfc),
        MethodDef::new("exp", math_exp),
        MethodDef::new("exp2", math_exp2),
        MethodDef::new("expm1", math_expm1),
        MethodDef::new("fabs", math_fabs),
        MethodDef::new("factorial", math_factorial),
        MethodDef::new("floor", math_floor),
        MethodDef::new("fmod", math_fmod),
        MethodDef::new("frexp", math_frexp),
        MethodDef::new("fsum", math_fsum),
        MethodDef::new("gamma", math_gamma),
        MethodDef::new("gcd", math_gcd),
        MethodDef::new("hypot", math_hypot),
        MethodDef::new("isclose", math_isclose),
        MethodDef::new("isfinite", math_isfinite),
        MethodDef::new("isinf", math_isinf),
        MethodDef::new("isnan", math_isnan),
        MethodDef::new("isqrt", math_isqrt),
        MethodDef::new("lcm", math_lcm),
        MethodDef::new("ldexp", math_ldexp),
        MethodDef::new("lgamma", math_lgamma),
        MethodDef::new("log", math_log),
        MethodDef::new("log1p", math_log1p),
        MethodDef::new("log10", math_log10),
        MethodDef::new("log2", math_log2),
        MethodDef::new("modf", math_modf),
        MethodDef::new("pow", math_pow),
        MethodDef::new("radians", math_radians),
        MethodDef::new("remainder", math_remainder),
        MethodDef::new("sin", math_sin),
        MethodDef::new("sinh", math_sinh),
        MethodDef::new("sqrt", math_sqrt),
        MethodDef::new("tan", math_tan),
        MethodDef::new("tanh", math_tanh),
        MethodDef::new("trunc", math_trunc),
        MethodDef::new("prod", math_prod),
        MethodDef::new("perm", math_perm),
        MethodDef::new("comb", math_comb),
        MethodDef::new("nextafter", math_nextafter),
        MethodDef::new("ulp", math_ulp),
    ],
    attrs: math_attrs,
};

fn math_attrs(py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(vec![
        ("pi", new_float(py, std::f64::consts::PI)),
        ("e", new_float(py, std::f64::consts::E)),
        ("tau", new_float(py, std::f64::consts::TAU)),
        ("inf", new_float(py, f64::INFINITY)),
        ("nan", new_float(py, f64::NAN)),
    ])
}

/// `ValueError: math domain error`.
fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

/// `OverflowError: math range error`.
fn range_error() -> PyErr {
    PyErr::overflow_error("math range error")
}

/// CPython's `is_error`: an `errno` left by a libm-style function becomes an exception, except
/// `ERANGE` with a small result (underflow).
fn check_errno(r: f64, errno: Errno) -> PyResult<f64> {
    match errno {
        Errno::Ok => Ok(r),
        Errno::Dom => Err(domain_error()),
        Errno::Range if r.abs() < 1.5 => Ok(r),
        Errno::Range => Err(range_error()),
    }
}

/// `math_1`: a NaN from a non-NaN is a domain error, an infinity from a finite value is a range
/// error (`can_overflow`) or a domain error (a pole).
fn math_1(
    py: Python<'_>,
    args: Args<'_>,
    qualname: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, qualname)?)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(new_float(py, r))
}

/// `math_1a`: for functions that report errors through `errno`.
fn math_1a(
    py: Python<'_>,
    args: Args<'_>,
    qualname: &str,
    f: fn(f64) -> (f64, Errno),
) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, qualname)?)?;
    let (r, errno) = f(x);
    Ok(new_float(py, check_errno(r, errno)?))
}

/// Two float arguments of a positional-only function.
fn two_floats(py: Python<'_>, args: Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    let pos = pos_args(args, &format!("math.{name}"), name, 2, 2)?;
    match pos {
        [a, b] => Ok((to_f64(py, a)?, to_f64(py, b)?)),
        _ => Err(PyErr::type_error(arg_count_message(name, 2, 2, pos.len()))),
    }
}

/// `math_2`: NaN from non-NaNs is a domain error, an infinity from finite values a range error.
fn math_2(py: Python<'_>, args: Args<'_>, name: &str, f: fn(f64, f64) -> f64) -> PyResult<PyRef> {
    let (x, y) = two_floats(py, args, name)?;
    let r = f(x, y);
    let errno = if r.is_nan() && !x.is_nan() && !y.is_nan() {
        Errno::Dom
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        Errno::Range
    } else {
        Errno::Ok
    };
    Ok(new_float(py, check_errno(r, errno)?))
}

macro_rules! func1 {
    ($($name:ident = $qual:literal, $f:expr, $overflow:expr;)*) => {
        $(
            fn $name(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                math_1(py, args, $qual, $f, $overflow)
            }
        )*
    };
}

func1! {
    math_acos = "math.acos", f64::acos, false;
    math_acosh = "math.acosh", |x| libm::acosh(x), false;
    math_asin = "math.asin", f64::asin, false;
    math_asinh = "math.asinh", |x| libm::asinh(x), false;
    math_atan = "math.atan", f64::atan, false;
    math_atanh = "math.atanh", |x| libm::atanh(x), false;
    math_cbrt = "math.cbrt", imp::cbrt, false;
    math_cos = "math.cos", |x| libm::cos(x), false;
    math_cosh = "math.cosh", f64::cosh, true;
    math_exp = "math.exp", |x| libm::exp(x), true;
    math_exp2 = "math.exp2", |x| libm::exp2(x), true;
    math_expm1 = "math.expm1", |x| libm::expm1(x), true;
    math_fabs = "math.fabs", f64::abs, false;
    math_log1p = "math.log1p", log1p, false;
    math_sin = "math.sin", |x| libm::sin(x), false;
    math_sinh = "math.sinh", f64::sinh, true;
    math_sqrt = "math.sqrt", f64::sqrt, false;
    math_tan = "math.tan", f64::tan, false;
    math_tanh = "math.tanh", f64::tanh, false;
}

/// `_Py_log1p`: keeps the sign of a zero argument.
fn log1p(x: f64) -> f64 {
    if x == 0.0 { x } else { libm::log1p(x) }
}

fn math_erf(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_1a(py, args, "math.erf", |x| (libm::erf(x), Errno::Ok))
}

fn math_erfc(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_1a(py, args, "math.erfc", |x| (libm::erfc(x), Errno::Ok))
}

fn math_gamma(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_1a(py, args, "math.gamma", imp::tgamma)
}

fn math_lgamma(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_1a(py, args, "math.lgamma", imp::lgamma)
}

fn math_atan2(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_2(py, args, "atan2", imp::atan2)
}

fn math_copysign(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_2(py, args, "copysign", f64::copysign)
}

fn math_remainder(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    math_2(py, args, "remainder", imp::remainder)
}

fn math_fmod(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (x, y) = two_floats(py, args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(new_float(py, x));
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(new_float(py, r))
}

fn math_pow(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (x, y) = two_floats(py, args, "pow")?;
    let (r, errno) = imp::pow(x, y);
    Ok(new_float(py, check_errno(r, errno)?))
}

fn math_nextafter(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (x, y) = two_floats(py, args, "nextafter")?;
    Ok(new_float(py, libm::nextafter(x, y)))
}

fn math_ulp(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.ulp")?)?;
    Ok(new_float(py, imp::ulp(x)))
}

fn math_degrees(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.degrees")?)?;
    Ok(new_float(py, x * (180.0 / std::f64::consts::PI)))
}

fn math_radians(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.radians")?)?;
    Ok(new_float(py, x * (std::f64::consts::PI / 180.0)))
}

fn math_isfinite(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.isfinite")?)?;
    Ok(py.bool(x.is_finite()).into_object())
}

fn math_isinf(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.isinf")?)?;
    Ok(py.bool(x.is_infinite()).into_object())
}

fn math_isnan(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.isnan")?)?;
    Ok(py.bool(x.is_nan()).into_object())
}

/// `int.__ceil__`/`__floor__`/`__trunc__`: an exact int is returned as is, a bool as a new int.
fn int_itself(py: Python<'_>, obj: &PyObject, i: &PyInt) -> PyRef {
    if PyInt::is_exact_type_of(py, obj) {
        obj.to_owned_ref()
    } else {
        new_int(py, i.to_bigint())
    }
}

fn math_ceil(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = one_arg(args, "math.ceil")?;
    if let Some(i) = x.downcast_ref::<PyInt>(py) {
        return Ok(int_itself(py, x, i));
    }
    int_from_f64(py, to_f64(py, x)?.ceil())
}

fn math_floor(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = one_arg(args, "math.floor")?;
    if let Some(i) = x.downcast_ref::<PyInt>(py) {
        return Ok(int_itself(py, x, i));
    }
    int_from_f64(py, to_f64(py, x)?.floor())
}

fn math_trunc(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = one_arg(args, "math.trunc")?;
    if let Some(f) = x.downcast_ref::<PyFloat>(py) {
        return int_from_f64(py, f.value());
    }
    if let Some(i) = x.downcast_ref::<PyInt>(py) {
        return Ok(int_itself(py, x, i));
    }
    if let Some(r) = oxpy_vm::objects::number_new::call_special(py, x, "__trunc__", &[])? {
        return Ok(r);
    }
    Err(PyErr::type_error(format!(
        "type {} doesn't define __trunc__ method",
        x.ob_type().name()
    )))
}

fn math_frexp(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.frexp")?)?;
    let (m, e) = crate::util::frexp(x);
    let t = PyTuple::from_array(py, [new_float(py, m), new_int(py, BigInt::from(e))]);
    Ok(t.into_object())
}

fn math_ldexp(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "math.ldexp", "ldexp", 2, 2)?;
    let [xo, io] = pos else {
        return Err(PyErr::type_error(arg_count_message(
            "ldexp",
            2,
            2,
            pos.len(),
        )));
    };
    let x = to_f64(py, xo)?;
    let Some(i) = io.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(
            "Expected an int as second argument to ldexp.",
        ));
    };
    let exp: i64 = match i.value() {
        IntValue::Small(v) => *v,
        IntValue::Big(b) if b.is_negative() => i64::MIN,
        IntValue::Big(_) => i64::MAX,
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i64::from(i32::MAX) {
        return Err(range_error());
    } else if exp < i64::from(i32::MIN) {
        0.0_f64.copysign(x)
    } else {
        let r = ldexp(x, exp as i32);
        if r.is_infinite() {
            return Err(range_error());
        }
        r
    };
    Ok(new_float(py, r))
}

fn math_modf(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = to_f64(py, one_arg(args, "math.modf")?)?;
    let (frac, int) = imp::modf(x);
    Ok(PyTuple::from_array(py, [new_float(py, frac), new_float(py, int)]).into_object())
}

/// `loghelper`: ints (even too big for a float) are handled exactly; zero and negative ints
/// are domain errors.
fn loghelper(py: Python<'_>, arg: &PyObject, f: fn(f64) -> (f64, Errno)) -> PyResult<f64> {
    if let Some(i) = arg.downcast_ref::<PyInt>(py) {
        let v = i.value();
        let positive = match v {
            IntValue::Small(n) => *n > 0,
            IntValue::Big(b) => b.is_positive(),
        };
        if !positive {
            return Err(domain_error());
        }
        return Ok(match int_to_f64(v) {
            Ok(x) => f(x).0,
            Err(_) => {
                let (x, e) = bigint_frexp(&v.to_bigint());
                f(x).0 + f(2.0).0 * e as f64
            }
        });
    }
    let x = to_f64(py, arg)?;
    let (r, _) = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain_error());
    }
    Ok(r)
}

fn math_log(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("math.log")?;
    let pos = args.pos();
    let (x, base) = match pos {
        [x] => (x, None),
        [x, b] => (x, Some(b)),
        _ => return Err(PyErr::type_error("math.log requires 1 to 2 arguments")),
    };
    let num = loghelper(py, x, imp::log)?;
    let Some(base) = base else {
        return Ok(new_float(py, num));
    };
    let den = loghelper(py, base, imp::log)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(new_float(py, num / den))
}

fn math_log2(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let r = loghelper(py, one_arg(args, "math.log2")?, imp::log2)?;
    Ok(new_float(py, r))
}

fn math_log10(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let r = loghelper(py, one_arg(args, "math.log10")?, imp::log10)?;
    Ok(new_float(py, r))
}

/// Absolute values of the coordinates, their maximum and whether any is a NaN.
struct Coords {
    abs: Vec<f64>,
    max: f64,
    found_nan: bool,
}

impl Coords {
    fn new() -> Coords {
        Coords {
            abs: Vec::new(),
            max: 0.0,
            found_nan: false,
        }
    }

    fn push(&mut self, x: f64) {
        let x = x.abs();
        self.found_nan |= x.is_nan();
        if x > self.max {
            self.max = x;
        }
        self.abs.push(x);
    }

    fn norm(&self) -> f64 {
        imp::vector_norm(&self.abs, self.max, self.found_nan)
    }
}

fn math_hypot(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("math.hypot")?;
    let mut c = Coords::new();
    for a in args.pos() {
        c.push(to_f64(py, a)?);
    }
    Ok(new_float(py, c.norm()))
}

fn math_dist(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "math.dist", "dist", 2, 2)?;
    let [p, q] = pos else {
        return Err(PyErr::type_error(arg_count_message(
            "dist",
            2,
            2,
            pos.len(),
        )));
    };
    let p = collect_iter(py, p)?;
    let q = collect_iter(py, q)?;
    if p.len() != q.len() {
        return Err(PyErr::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut c = Coords::new();
    for (a, b) in p.iter().zip(&q) {
        let (px, qx) = (to_f64(py, a)?, to_f64(py, b)?);
        c.push(px - qx);
    }
    Ok(new_float(py, c.norm()))
}

fn math_fsum(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let seq = one_arg(args, "math.fsum")?;
    let mut acc = imp::Fsum::default();
    let fsum_err = |e: FsumError| match e {
        FsumError::Overflow => PyErr::overflow_error("intermediate overflow in fsum"),
        FsumError::InfMinusInf => PyErr::value_error("-inf + inf in fsum"),
    };
    for item in collect_iter(py, seq)? {
        acc.add(to_f64(py, &item)?).map_err(fsum_err)?;
    }
    Ok(new_float(py, acc.result().map_err(fsum_err)?))
}

fn math_isclose(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let names = ["a", "b", "rel_tol", "abs_tol"];
    let mut slots: [Option<&PyRef>; 4] = [None; 4];
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    for (name, value) in args.kwargs() {
        let key = name.to_string_lossy();
        match names.iter().position(|n| *n == key) {
            Some(i) if slots[i].is_some() => {
                return Err(PyErr::type_error(format!(
                    "argument for isclose() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => slots[i] = Some(value),
            None => {
                return Err(PyErr::type_error(format!(
                    "'{key}' is an invalid keyword argument for isclose()"
                )));
            }
        }
    }
    let [a, b, rel, abs] = slots;
    let (Some(a), Some(b)) = (a, b) else {
        let (name, p) = if a.is_none() { ("a", 1) } else { ("b", 2) };
        return Err(PyErr::type_error(format!(
            "isclose() missing required argument '{name}' (pos {p})"
        )));
    };
    let a = to_f64(py, a)?;
    let b = to_f64(py, b)?;
    let rel_tol = rel.map_or(Ok(1e-9), |o| to_f64(py, o))?;
    let abs_tol = abs.map_or(Ok(0.0), |o| to_f64(py, o))?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    let close = if a == b {
        true
    } else if a.is_infinite() || b.is_infinite() {
        false
    } else {
        let diff = (b - a).abs();
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
    };
    Ok(py.bool(close).into_object())
}

/// Product of the integers in `lo..=hi` by binary splitting (1 when empty).
fn range_product(lo: &BigInt, hi: &BigInt) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    let span = hi - lo;
    if span < BigInt::from(8) {
        let mut acc = lo.clone();
        let mut k = lo + 1;
        while &k <= hi {
            acc *= &k;
            k += 1;
        }
        return acc;
    }
    let mid: BigInt = lo + (&span >> 1u32);
    range_product(lo, &mid) * range_product(&(mid + 1), hi)
}

fn math_factorial(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let x = one_arg(args, "math.factorial")?;
    factorial(py, x)
}

fn factorial(py: Python<'_>, x: &PyObject) -> PyResult<PyRef> {
    let n = match index_value(py, x)? {
        IntValue::Small(n) => *n,
        IntValue::Big(b) if b.is_negative() => -1,
        IntValue::Big(_) => {
            return Err(PyErr::overflow_error(format!(
                "factorial() argument should not exceed {}",
                i64::MAX
            )));
        }
    };
    if n < 0 {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    Ok(new_int(py, range_product(&BigInt::one(), &BigInt::from(n))))
}

fn math_gcd(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("math.gcd")?;
    let mut res = BigInt::zero();
    for (i, a) in args.pos().iter().enumerate() {
        let x = index(py, a)?;
        res = if i == 0 { x.abs() } else { res.gcd(&x) };
    }
    Ok(new_int(py, res))
}

fn math_lcm(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.no_kwargs("math.lcm")?;
    let mut res = BigInt::one();
    for (i, a) in args.pos().iter().enumerate() {
        let x = index(py, a)?;
        res = if i == 0 {
            x.abs()
        } else if res.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            res.lcm(&x)
        };
    }
    Ok(new_int(py, res))
}

fn math_isqrt(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let n = index(py, one_arg(args, "math.isqrt")?)?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(new_int(py, n.sqrt()))
}

/// `n` and `k` of `comb`/`perm`, both validated non-negative.
fn n_and_k(py: Python<'_>, n: &PyObject, k: &PyObject) -> PyResult<(BigInt, BigInt)> {
    let n = index(py, n)?;
    let k = index(py, k)?;
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn math_perm(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "math.perm", "perm", 1, 2)?;
    let (n, k) = match pos {
        [n] => (n, None),
        [n, k] => (n, Some(k)),
        _ => return Err(PyErr::type_error(arg_count_message("perm", 1, 2, 0))),
    };
    let Some(k) = k.filter(|k| !py.is_none(k)) else {
        return factorial(py, n);
    };
    let (n, k) = n_and_k(py, n, k)?;
    if n < k {
        return Ok(new_int(py, BigInt::zero()));
    }
    if k.to_i64().is_none() {
        return Err(PyErr::overflow_error(format!(
            "k must not exceed {}",
            i64::MAX
        )));
    }
    Ok(new_int(py, range_product(&(&n - &k + 1), &n)))
}

fn math_comb(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = pos_args(args, "math.comb", "comb", 2, 2)?;
    let [n, k] = pos else {
        return Err(PyErr::type_error(arg_count_message(
            "comb",
            2,
            2,
            pos.len(),
        )));
    };
    let (n, k) = n_and_k(py, n, k)?;
    if k > n {
        return Ok(new_int(py, BigInt::zero()));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    if k.to_i64().is_none() {
        return Err(PyErr::overflow_error(format!(
            "min(n - k, k) must not exceed {}",
            i64::MAX
        )));
    }
    let num = range_product(&(&n - &k + 1), &n);
    let den = range_product(&BigInt::one(), &k);
    Ok(new_int(py, num / den))
}

/// A running product in `math.prod`: native for ints and floats, objects otherwise.
enum Product {
    Int(BigInt),
    Float(f64),
    Obj(PyRef),
}

fn math_prod(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    let [iterable] = pos else {
        return Err(PyErr::type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            pos.len()
        )));
    };
    let mut start = None;
    for (name, value) in args.kwargs() {
        let key = name.to_string_lossy();
        if key != "start" {
            return Err(PyErr::type_error(format!(
                "'{key}' is an invalid keyword argument for prod()"
            )));
        }
        start = Some(value);
    }
    let items = collect_iter(py, iterable)?;
    let mut acc = match start {
        None => Product::Int(BigInt::one()),
        Some(s) => as_product(py, s),
    };
    for item in &items {
        acc = match (acc, as_product(py, item)) {
            (Product::Int(a), Product::Int(b)) => Product::Int(a * b),
            (Product::Int(a), Product::Float(b)) => {
                Product::Float(int_to_f64(&IntValue::from_bigint(a))? * b)
            }
            (Product::Float(a), Product::Int(b)) => {
                Product::Float(a * int_to_f64(&IntValue::from_bigint(b))?)
            }
            (Product::Float(a), Product::Float(b)) => Product::Float(a * b),
            (a, _) => {
                let a = product_object(py, a);
                as_product(py, &binary_op(py, BinOp::Multiply, &a, item)?)
            }
        };
    }
    Ok(product_object(py, acc))
}

/// Exact ints (and bools, whose product is int's) and exact floats take the native path, as
/// in CPython's fast paths; anything else, subclasses included, multiplies as objects.
fn as_product(py: Python<'_>, obj: &PyRef) -> Product {
    let ty = obj.ob_type();
    let types = py.types();
    if std::ptr::eq(ty, types.int()) || std::ptr::eq(ty, types.bool_()) {
        if let Some(i) = obj.downcast_ref::<PyInt>(py) {
            return Product::Int(i.to_bigint());
        }
    } else if std::ptr::eq(ty, types.float())
        && let Some(f) = obj.downcast_ref::<PyFloat>(py)
    {
        return Product::Float(f.value());
    }
    Product::Obj(obj.clone())
}

fn product_object(py: Python<'_>, p: Product) -> PyRef {
    match p {
        Product::Int(i) => new_int(py, i),
        Product::Float(f) => new_float(py, f),
        Product::Obj(o) => o,
    }
}
