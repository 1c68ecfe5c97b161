//! `random`: the module-level functions of CPython 3.11's `random.py` on one hidden
//! Mersenne Twister (`random._inst`), drawing exactly the same numbers for the same seed.

use std::collections::HashSet;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};
use oxpy_vm::error::{ExcKind, PyErr, PyResult};
use oxpy_vm::object::native::{Args, MethodDef, ModuleDef};
use oxpy_vm::object::protocol;
use oxpy_vm::objects::bytes::PyBytes;
use oxpy_vm::objects::float::PyFloat;
use oxpy_vm::objects::int::{IntValue, PyInt};
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::str::PyStr;
use oxpy_vm::objects::tuple::PyTuple;
use oxpy_vm::objects::type_::TypeFlags;
use oxpy_vm::{PyObject, PyRef, Python};
use parking_lot::Mutex;

use crate::math_impl::libm;
use crate::mt::Mt;
use crate::seq;
use crate::util::{collect_iter, index, int_to_f64, new_float, new_int, one_arg, to_f64};

/// The `random` module.
pub static RANDOM: ModuleDef = ModuleDef {
    name: "_oxpy_random",
    doc: "Random variable generators.\n\n    bytes\n    -----\n           uniform bytes (values between 0 and 255)\n\n    integers\n    --------\n           uniform within range\n\n    sequences\n    ---------\n           pick random element\n           pick random sample\n           pick weighted random sample\n           generate random permutation\n\n    distributions on the real line:\n    ------------------------------\n           uniform\n           triangular\n           normal (Gaussian)\n           lognormal\n           negative exponential\n           gamma\n           beta\n           pareto\n           Weibull\n\n    distributions on the circle (angles 0 to 2pi)\n    ---------------------------------------------\n           circular uniform\n           von Mises\n\nGeneral notes on the underlying Mersenne Twister core generator:\n\n* The period is 2**19937-1.\n* It is one of the most extensively tested generators in existence.\n* The random() method is implemented in C, executes in a single Python step,\n  and is, therefore, threadsafe.\n\n",
    methods: &[
        MethodDef::new("seed", random_seed),
        MethodDef::new("random", random_random),
        MethodDef::new("uniform", random_uniform),
        MethodDef::new("triangular", random_triangular),
        MethodDef::new("randint", random_randint),
        MethodDef::new("choice", random_choice),
        MethodDef::new("randrange", random_randrange),
        MethodDef::new("sample", random_sample),
        MethodDef::new("shuffle", random_shuffle),
        MethodDef::new("choices", random_choices),
        MethodDef::new("normalvariate", random_normalvariate),
        MethodDef::new("lognormvariate", random_lognormvariate),
        MethodDef::new("expovariate", random_expovariate),
        MethodDef::new("vonmisesvariate", random_vonmisesvariate),
        MethodDef::new("gammavariate", random_gammavariate),
        MethodDef::new("gauss", random_gauss),
        MethodDef::new("betavariate", random_betavariate),
        MethodDef::new("paretovariate", random_paretovariate),
        MethodDef::new("weibullvariate", random_weibullvariate),
        MethodDef::new("getstate", random_getstate),
        MethodDef::new("setstate", random_setstate),
        MethodDef::new("getrandbits", random_getrandbits),
        MethodDef::new("randbytes", random_randbytes),
    ],
    attrs: random_attrs,
};

fn random_attrs(_py: Python<'_>) -> PyResult<Vec<(&'static str, PyRef)>> {
    Ok(Vec::new())
}

/// `random._inst`: seeded from OS entropy on first use.
static INST: Mutex<Option<Mt>> = Mutex::new(None);

/// Run `f` on the module's generator. The lock is held only inside `f`, which must not call
/// back into Python code.
pub fn with_generator<R>(f: impl FnOnce(&mut Mt) -> R) -> R {
    let mut guard = INST.lock();
    f(guard.get_or_insert_with(Mt::from_entropy))
}

fn rand() -> f64 {
    with_generator(Mt::random)
}

fn randbelow(n: &BigUint) -> BigUint {
    with_generator(|mt| mt.randbelow(n))
}

fn randbelow_usize(n: usize) -> usize {
    with_generator(|mt| mt.randbelow_u64(n as u64) as usize)
}

const TWOPI: f64 = 2.0 * std::f64::consts::PI;

/// Bind `names` (positional or keyword) with defaults left as `None`.
fn bind<'a, const N: usize>(
    args: Args<'a>,
    fname: &str,
    names: [&str; N],
    required: usize,
) -> PyResult<[Option<&'a PyRef>; N]> {
    args.parse(fname, names, required)
}

// ---------------------------------------------------------------- seeding and state

fn random_seed(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [a, version] = bind(args, "seed", ["a", "version"], 0)?;
    let version = match version {
        Some(v) => index(py, v).unwrap_or_else(|_| BigInt::from(-1)),
        None => BigInt::from(2),
    };
    let a = a.filter(|a| !py.is_none(a));
    let Some(a) = a else {
        with_generator(|mt| *mt = Mt::from_entropy());
        return Ok(py.none());
    };
    let is_text = a.downcast_ref::<PyStr>(py).is_some() || a.downcast_ref::<PyBytes>(py).is_some();
    let key_int: BigUint = if version == BigInt::from(1) && is_text {
        seed_v1(py, a)
    } else if version == BigInt::from(2) && is_text {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            "random.seed() of a str or bytes needs SHA-512, which oxpy does not provide yet",
        ));
    } else if let Some(i) = a.downcast_ref::<PyInt>(py) {
        i.to_bigint().magnitude().clone()
    } else if a.downcast_ref::<PyFloat>(py).is_some() || is_text {
        BigUint::from(protocol::hash(py, a)? as u64)
    } else {
        return Err(PyErr::type_error(
            "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
        ));
    };
    let key = key_int.to_u32_digits();
    with_generator(|mt| mt.init_by_array(&key));
    Ok(py.none())
}

/// `seed(a, version=1)` for str/bytes: the old 64-bit string hash.
fn seed_v1(py: Python<'_>, a: &PyObject) -> BigUint {
    let units: Vec<u64> = if let Some(s) = a.downcast_ref::<PyStr>(py) {
        s.code_points().map(u64::from).collect()
    } else if let Some(b) = a.downcast_ref::<PyBytes>(py) {
        b.as_bytes().iter().map(|&c| u64::from(c)).collect()
    } else {
        Vec::new()
    };
    let mut x: u64 = units.first().map_or(0, |&c| c << 7);
    for &c in &units {
        x = 1_000_003_u64.wrapping_mul(x) ^ c;
    }
    x ^= units.len() as u64;
    // `a = -2 if x == -1 else x` never applies to the unsigned value; the seed is `abs(a)`.
    BigUint::from(x)
}

fn random_getstate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    crate::util::pos_args(args, "getstate", "getstate", 0, 0)?;
    let (words, index, gauss) = with_generator(|mt| {
        let (w, i) = mt.state();
        (w.to_vec(), i, mt.gauss_next)
    });
    let mut items: Vec<PyRef> = words
        .iter()
        .map(|&w| PyInt::new(py, i64::from(w)).into_object())
        .collect();
    items.push(PyInt::new(py, index as i64).into_object());
    let internal = PyTuple::new(py, items).into_object();
    let gauss = gauss.map_or_else(|| py.none(), |g| new_float(py, g));
    Ok(PyTuple::from_array(py, [PyInt::new(py, 3).into_object(), internal, gauss]).into_object())
}

fn random_setstate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let state = one_arg(args, "setstate")?;
    let parts = seq_items(py, state)?;
    let version = parts
        .first()
        .ok_or_else(|| PyErr::index_error("tuple index out of range"))?;
    let v = index(py, version).ok();
    let modulo = match v.as_ref().and_then(ToPrimitive::to_i64) {
        Some(3) => false,
        Some(2) => true,
        _ => {
            let shown = protocol::repr(py, version)?.to_string_lossy();
            return Err(PyErr::value_error(format!(
                "state with version {shown} passed to Random.setstate() of version 3"
            )));
        }
    };
    let [_, internal, gauss] = parts.as_slice() else {
        return Err(PyErr::value_error(if parts.len() > 3 {
            "too many values to unpack (expected 3)".to_string()
        } else {
            format!(
                "not enough values to unpack (expected 3, got {})",
                parts.len()
            )
        }));
    };
    let gauss_next = if py.is_none(gauss) {
        None
    } else {
        Some(to_f64(py, gauss)?)
    };
    let Some(t) = internal.downcast_ref::<PyTuple>(py) else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if t.len() != 625 {
        return Err(PyErr::value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; 624];
    for (w, item) in words.iter_mut().zip(t.as_slice()) {
        let mut v = index(py, item)?;
        if modulo {
            v %= BigInt::from(1u64 << 32);
            if v.is_negative() {
                v += BigInt::from(1u64 << 32);
            }
        }
        if v.is_negative() {
            return Err(PyErr::overflow_error(
                "can't convert negative value to unsigned int",
            ));
        }
        *w = v.to_u64().map(|x| x as u32).ok_or_else(|| {
            PyErr::overflow_error("Python int too large to convert to C unsigned long")
        })?;
    }
    let idx = t
        .get(624)
        .map(|o| index(py, o))
        .transpose()?
        .and_then(|v| v.to_i64())
        .unwrap_or(-1);
    if !(0..=624).contains(&idx) {
        return Err(PyErr::value_error("invalid state"));
    }
    with_generator(|mt| {
        mt.set_state(words, idx as usize);
        mt.gauss_next = gauss_next;
    });
    Ok(py.none())
}

/// The items of a tuple or list (for unpacking).
fn seq_items(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    collect_iter(py, obj)
}

// ---------------------------------------------------------------- integers

/// `getrandbits`'s `k` (a C int).
fn c_int(py: Python<'_>, obj: &PyObject) -> PyResult<i64> {
    match crate::util::index_value(py, obj)? {
        IntValue::Small(v) if i32::try_from(*v).is_ok() => Ok(*v),
        _ => Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        )),
    }
}

fn getrandbits(k: i64) -> PyResult<BigUint> {
    if k < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    Ok(with_generator(|mt| mt.getrandbits(k as u64)))
}

fn random_getrandbits(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let k = c_int(py, one_arg(args, "getrandbits")?)?;
    Ok(new_int(py, BigInt::from(getrandbits(k)?)))
}

fn random_randbytes(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [n] = bind(args, "randbytes", ["n"], 1)?;
    let n = index(py, n.ok_or_else(|| PyErr::type_error("missing n"))?)?;
    let bits = c_int(py, &new_int(py, &n * 8))?;
    let v = getrandbits(bits)?;
    let len = n.to_usize().unwrap_or(0);
    let mut bytes = v.to_bytes_le();
    bytes.resize(len, 0);
    Ok(PyBytes::new(py, &bytes).into_object())
}

/// `int(x)` as `randrange` applies it to a non-index argument, with its "non-integer" check.
fn randrange_int(py: Python<'_>, obj: &PyObject, which: &str) -> PyResult<BigInt> {
    if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        return Ok(i.to_bigint());
    }
    let non_integer = || PyErr::value_error(format!("non-integer {which} for randrange()"));
    if let Some(f) = obj.downcast_ref::<PyFloat>(py) {
        let v = f.value();
        let i = crate::util::int_from_f64(py, v)?;
        if v.fract() != 0.0 {
            return Err(non_integer());
        }
        return index(py, &i);
    }
    if let Some(s) = obj.downcast_ref::<PyStr>(py) {
        let text = s.to_string_lossy();
        if text.trim().parse::<BigInt>().is_ok() {
            return Err(non_integer());
        }
        let shown = protocol::repr(py, obj)?.to_string_lossy();
        return Err(PyErr::value_error(format!(
            "invalid literal for int() with base 10: {shown}"
        )));
    }
    Err(PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        obj.ob_type().name()
    )))
}

fn randbelow_int(n: &BigInt) -> BigInt {
    BigInt::from_biguint(Sign::Plus, randbelow(n.magnitude()))
}

/// `Random.randrange(start, stop=None, step=1)`.
fn randrange(
    py: Python<'_>,
    start: &PyObject,
    stop: Option<&PyObject>,
    step: Option<&PyObject>,
) -> PyResult<BigInt> {
    let istart = randrange_int(py, start, "arg 1")?;
    let Some(stop) = stop.filter(|s| !py.is_none(s)) else {
        let step_is_one = step.is_none_or(|s| {
            is_exact_int(py, s) && s.downcast_ref::<PyInt>(py).and_then(PyInt::as_i64) == Some(1)
        });
        if !step_is_one {
            return Err(PyErr::type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(randbelow_int(&istart));
        }
        return Err(PyErr::value_error("empty range for randrange()"));
    };
    let istop = randrange_int(py, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => randrange_int(py, s, "step")?,
        None => BigInt::one(),
    };
    if istep.is_one() {
        if width.is_positive() {
            return Ok(&istart + randbelow_int(&width));
        }
        return Err(PyErr::value_error(format!(
            "empty range for randrange() ({istart}, {istop}, {width})"
        )));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(PyErr::value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(PyErr::value_error("empty range for randrange()"));
    }
    Ok(istart + istep * randbelow_int(&n))
}

/// `type(obj) is int`.
fn is_exact_int(py: Python<'_>, obj: &PyObject) -> bool {
    std::ptr::eq(obj.ob_type(), py.types().int())
}

fn random_randrange(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [start, stop, step] = bind(args, "randrange", ["start", "stop", "step"], 1)?;
    let start = start.ok_or_else(|| PyErr::type_error("randrange() missing start"))?;
    let r = randrange(py, start, stop.map(|s| &**s), step.map(|s| &**s))?;
    Ok(new_int(py, r))
}

fn random_randint(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [a, b] = bind(args, "randint", ["a", "b"], 2)?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(PyErr::type_error("randint() missing required arguments"));
    };
    // b + 1
    let stop = if let Some(i) = b.downcast_ref::<PyInt>(py) {
        new_int(py, i.to_bigint() + 1)
    } else if let Some(f) = b.downcast_ref::<PyFloat>(py) {
        new_float(py, f.value() + 1.0)
    } else if b.downcast_ref::<PyStr>(py).is_some() {
        return Err(PyErr::type_error(
            "can only concatenate str (not \"int\") to str",
        ));
    } else {
        return Err(PyErr::type_error(format!(
            "unsupported operand type(s) for +: '{}' and 'int'",
            b.ob_type().name()
        )));
    };
    let r = randrange(py, a, Some(&stop), None)?;
    Ok(new_int(py, r))
}

// ---------------------------------------------------------------- sequences

fn random_choice(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [s] = bind(args, "choice", ["seq"], 1)?;
    let s = s.ok_or_else(|| PyErr::type_error("choice() missing seq"))?;
    let n = seq::len(py, s)?;
    if n == 0 {
        return Err(PyErr::index_error("Cannot choose from an empty sequence"));
    }
    seq::getitem(py, s, randbelow_usize(n))
}

fn random_shuffle(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [x] = bind(args, "shuffle", ["x"], 1)?;
    let x = x.ok_or_else(|| PyErr::type_error("shuffle() missing x"))?;
    let n = seq::len(py, x)?;
    for i in (1..n).rev() {
        let j = randbelow_usize(i + 1);
        let xi = seq::getitem(py, x, i)?;
        let xj = seq::getitem(py, x, j)?;
        seq::setitem(py, x, i, xj)?;
        seq::setitem(py, x, j, xi)?;
    }
    Ok(py.none())
}

/// `sample`'s choice of indices into a population of `n`: the pool method for small
/// populations, the selected-set method otherwise (same draws as `random.py`).
fn sample_indices(n: u64, k: u64) -> Vec<u64> {
    let mut setsize: u128 = 21;
    if k > 5 {
        let e = (libm::log((k * 3) as f64) / libm::log(4.0)).ceil() as u32;
        setsize += 4u128.saturating_pow(e);
    }
    let mut out = Vec::with_capacity(usize::try_from(k).unwrap_or(0));
    if u128::from(n) <= setsize {
        let mut pool: Vec<u64> = (0..n).collect();
        for i in 0..k {
            let j = with_generator(|mt| mt.randbelow_u64(n - i)) as usize;
            out.push(pool[j]);
            pool[j] = pool[(n - i - 1) as usize];
        }
    } else {
        let mut selected = HashSet::new();
        for _ in 0..k {
            let mut j = with_generator(|mt| mt.randbelow_u64(n));
            while selected.contains(&j) {
                j = with_generator(|mt| mt.randbelow_u64(n));
            }
            selected.insert(j);
            out.push(j);
        }
    }
    out
}

fn is_sequence(py: Python<'_>, obj: &PyObject) -> bool {
    obj.downcast_ref::<PyList>(py).is_some()
        || obj.downcast_ref::<PyTuple>(py).is_some()
        || obj.downcast_ref::<PyStr>(py).is_some()
        || obj.downcast_ref::<PyBytes>(py).is_some()
        || obj.ob_type().flags().contains(TypeFlags::SEQUENCE)
}

fn random_sample(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [population, k, counts] = bind(args, "sample", ["population", "k", "counts"], 2)?;
    let (Some(population), Some(k)) = (population, k) else {
        return Err(PyErr::type_error(
            "sample() missing 1 required positional argument: 'k'",
        ));
    };
    if !is_sequence(py, population) {
        return Err(PyErr::type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = seq::len(py, population)?;
    if let Some(counts) = counts.filter(|c| !py.is_none(c)) {
        return sample_counts(py, population, n, k, counts);
    }
    let k = index(py, k)?;
    let k = match k.to_u64() {
        Some(k) if k <= n as u64 => k,
        _ => {
            return Err(PyErr::value_error(
                "Sample larger than population or is negative",
            ));
        }
    };
    let mut result = Vec::new();
    for i in sample_indices(n as u64, k) {
        result.push(seq::getitem(py, population, i as usize)?);
    }
    Ok(PyList::from_vec(py, result)?.into_object())
}

/// `sample(population, k, counts=...)`: sample `range(sum(counts))`, then map each pick to its
/// population item by bisection over the running totals.
fn sample_counts(
    py: Python<'_>,
    population: &PyObject,
    n: usize,
    k: &PyObject,
    counts: &PyObject,
) -> PyResult<PyRef> {
    let items = collect_iter(py, counts)?;
    if items.len() != n {
        return Err(PyErr::value_error(
            "The number of counts does not match the population",
        ));
    }
    let mut cum = Vec::with_capacity(n);
    let mut total = BigInt::zero();
    for c in &items {
        let Some(i) = c.downcast_ref::<PyInt>(py) else {
            return Err(PyErr::type_error("Counts must be integers"));
        };
        total += i.to_bigint();
        cum.push(total.clone());
    }
    cum.pop();
    if !total.is_positive() {
        return Err(PyErr::value_error(
            "Total of counts must be greater than zero",
        ));
    }
    let total = total
        .to_u64()
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))?;
    let k = index(py, k)?;
    let k = match k.to_u64() {
        Some(k) if k <= total => k,
        _ => {
            return Err(PyErr::value_error(
                "Sample larger than population or is negative",
            ));
        }
    };
    let mut result = Vec::new();
    for s in sample_indices(total, k) {
        let s = BigInt::from(s);
        let pos = cum.partition_point(|c| *c <= s);
        result.push(seq::getitem(py, population, pos)?);
    }
    Ok(PyList::from_vec(py, result)?.into_object())
}

/// An int or float operand, kept exact as Python keeps ints.
#[derive(Clone)]
enum Real {
    Int(BigInt),
    Float(f64),
}

impl Real {
    fn of(py: Python<'_>, obj: &PyObject) -> Option<Real> {
        if let Some(i) = obj.downcast_ref::<PyInt>(py) {
            Some(Real::Int(i.to_bigint()))
        } else {
            obj.downcast_ref::<PyFloat>(py)
                .map(|f| Real::Float(f.value()))
        }
    }

    fn f64(&self) -> PyResult<f64> {
        match self {
            Real::Int(i) => int_to_f64(&IntValue::from_bigint(i.clone())),
            Real::Float(f) => Ok(*f),
        }
    }

    fn add(&self, other: &Real) -> PyResult<Real> {
        match (self, other) {
            (Real::Int(a), Real::Int(b)) => Ok(Real::Int(a + b)),
            _ => Ok(Real::Float(self.f64()? + other.f64()?)),
        }
    }

    /// `self < x` for a float `x`, exactly.
    fn gt_f64(&self, x: f64) -> bool {
        match self {
            Real::Float(f) => x < *f,
            Real::Int(i) => {
                if x.is_nan() {
                    false
                } else if x.is_infinite() {
                    x < 0.0
                } else {
                    // x < i  <=>  floor(x) < i for an integer i.
                    num_bigint::ToBigInt::to_bigint(&x.floor()).is_some_and(|fl| fl < *i)
                }
            }
        }
    }
}

fn random_choices(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [population, weights, cum_weights, k] = bind(
        args,
        "choices",
        ["population", "weights", "cum_weights", "k"],
        1,
    )?;
    let population = population.ok_or_else(|| PyErr::type_error("missing population"))?;
    if args.pos().len() > 2 {
        return Err(PyErr::type_error(format!(
            "Random.choices() takes from 2 to 3 positional arguments but {} were given",
            args.pos().len() + 1
        )));
    }
    let n = seq::len(py, population)?;
    let k = match k {
        Some(k) => crate::util::ssize(py, k)?,
        None => 1,
    };
    let weights = weights.filter(|w| !py.is_none(w));
    let cum_weights = cum_weights.filter(|w| !py.is_none(w));
    let mut out = crate::util::try_vec(usize::try_from(k).unwrap_or(0))?;
    let cum: Vec<Real> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            for _ in 0..k.max(0) {
                let i = (rand() * nf).floor() as usize;
                out.push(seq::getitem(py, population, i)?);
            }
            return Ok(PyList::from_vec(py, out)?.into_object());
        }
        (Some(w), None) => {
            if let Some(i) = w.downcast_ref::<PyInt>(py) {
                return Err(PyErr::type_error(format!(
                    "The number of choices must be a keyword argument: k={}",
                    i.to_bigint()
                )));
            }
            let mut acc: Option<Real> = None;
            let mut cum = Vec::new();
            for item in collect_iter(py, w)? {
                let r = Real::of(py, &item).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "unsupported operand type(s) for +: 'float' and '{}'",
                        item.ob_type().name()
                    ))
                })?;
                let next = match &acc {
                    None => r,
                    Some(a) => a.add(&r)?,
                };
                cum.push(next.clone());
                acc = Some(next);
            }
            cum
        }
        (None, Some(c)) => {
            let mut cum = Vec::new();
            for item in collect_iter(py, c)? {
                cum.push(Real::of(py, &item).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "unsupported operand type(s) for +: '{}' and 'float'",
                        item.ob_type().name()
                    ))
                })?);
            }
            cum
        }
        (Some(_), Some(_)) => {
            return Err(PyErr::type_error(
                "Cannot specify both weights and cumulative weights",
            ));
        }
    };
    if cum.len() != n {
        return Err(PyErr::value_error(
            "The number of weights does not match the population",
        ));
    }
    let total = cum
        .last()
        .ok_or_else(|| PyErr::index_error("list index out of range"))?
        .f64()?
        + 0.0;
    if total <= 0.0 {
        return Err(PyErr::value_error(
            "Total of weights must be greater than zero",
        ));
    }
    if !total.is_finite() {
        return Err(PyErr::value_error("Total of weights must be finite"));
    }
    let hi = n - 1;
    for _ in 0..k.max(0) {
        let x = rand() * total;
        let (mut lo, mut h) = (0usize, hi);
        while lo < h {
            let mid = (lo + h) / 2;
            if cum[mid].gt_f64(x) {
                h = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(seq::getitem(py, population, lo)?);
    }
    Ok(PyList::from_vec(py, out)?.into_object())
}

// ---------------------------------------------------------------- real distributions

fn random_random(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    crate::util::pos_args(args, "random", "random", 0, 0)?;
    Ok(new_float(py, rand()))
}

/// A float parameter, with the default used when it is missing.
fn param(py: Python<'_>, obj: Option<&PyRef>, default: f64) -> PyResult<f64> {
    obj.map_or(Ok(default), |o| to_f64(py, o))
}

/// A required float parameter.
fn req(py: Python<'_>, obj: Option<&PyRef>) -> PyResult<f64> {
    match obj {
        Some(o) => to_f64(py, o),
        None => Err(PyErr::type_error("missing required argument")),
    }
}

fn random_uniform(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [a, b] = bind(args, "uniform", ["a", "b"], 2)?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(PyErr::type_error("uniform() missing required arguments"));
    };
    let (ra, rb) = (real_arg(py, a)?, real_arg(py, b)?);
    // a + (b - a) * random()
    let diff = match (&ra, &rb) {
        (Real::Int(x), Real::Int(y)) => Real::Int(y - x).f64()?,
        _ => rb.f64()? - ra.f64()?,
    };
    Ok(new_float(py, ra.f64()? + diff * rand()))
}

fn real_arg(py: Python<'_>, obj: &PyObject) -> PyResult<Real> {
    Real::of(py, obj).ok_or_else(|| {
        PyErr::type_error(format!("must be real number, not {}", obj.ob_type().name()))
    })
}

fn random_triangular(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [low_o, high_o, mode] = bind(args, "triangular", ["low", "high", "mode"], 0)?;
    let mut low = param(py, low_o, 0.0)?;
    let mut high = param(py, high_o, 1.0)?;
    let mut u = rand();
    let mut c = match mode.filter(|m| !py.is_none(m)) {
        None => 0.5,
        Some(m) => {
            let m = to_f64(py, m)?;
            if high - low == 0.0 {
                return Ok(low_o.map_or_else(|| new_float(py, 0.0), Clone::clone));
            }
            (m - low) / (high - low)
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(new_float(py, low + (high - low) * (u * c).sqrt()))
}

fn normalvariate(mu: f64, sigma: f64) -> f64 {
    let nv_magicconst = 4.0 * libm::exp(-0.5) / 2.0_f64.sqrt();
    loop {
        let u1 = rand();
        let u2 = 1.0 - rand();
        let z = nv_magicconst * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -libm::log(u2) {
            return mu + z * sigma;
        }
    }
}

fn random_normalvariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [mu, sigma] = bind(args, "normalvariate", ["mu", "sigma"], 0)?;
    let (mu, sigma) = (param(py, mu, 0.0)?, param(py, sigma, 1.0)?);
    Ok(new_float(py, normalvariate(mu, sigma)))
}

fn random_lognormvariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [mu, sigma] = bind(args, "lognormvariate", ["mu", "sigma"], 2)?;
    let (mu, sigma) = (req(py, mu)?, req(py, sigma)?);
    Ok(new_float(py, libm::exp(normalvariate(mu, sigma))))
}

fn random_gauss(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [mu, sigma] = bind(args, "gauss", ["mu", "sigma"], 0)?;
    let (mu, sigma) = (param(py, mu, 0.0)?, param(py, sigma, 1.0)?);
    let z = with_generator(|mt| match mt.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = mt.random() * TWOPI;
            let g2rad = (-2.0 * libm::log(1.0 - mt.random())).sqrt();
            mt.gauss_next = Some(libm::sin(x2pi) * g2rad);
            libm::cos(x2pi) * g2rad
        }
    });
    Ok(new_float(py, mu + z * sigma))
}

/// Python's float division, raising on a zero divisor.
fn fdiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(a / b)
}

fn random_expovariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [lambd] = bind(args, "expovariate", ["lambd"], 1)?;
    let lambd = req(py, lambd)?;
    Ok(new_float(py, fdiv(-libm::log(1.0 - rand()), lambd)?))
}

/// Python's float `%` (result takes the divisor's sign).
fn fmod_py(x: f64, m: f64) -> f64 {
    let mut r = libm::fmod(x, m);
    if r != 0.0 {
        if (m < 0.0) != (r < 0.0) {
            r += m;
        }
    } else {
        r = 0.0_f64.copysign(m);
    }
    r
}

fn random_vonmisesvariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [mu, kappa] = bind(args, "vonmisesvariate", ["mu", "kappa"], 2)?;
    let (mu, kappa) = (req(py, mu)?, req(py, kappa)?);
    if kappa <= 1e-6 {
        return Ok(new_float(py, TWOPI * rand()));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = rand();
        let z = libm::cos(std::f64::consts::PI * u1);
        let d = z / (r + z);
        let u2 = rand();
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * libm::exp(d) {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = rand();
    let theta = if u3 > 0.5 {
        fmod_py(mu + f.acos(), TWOPI)
    } else {
        fmod_py(mu - f.acos(), TWOPI)
    };
    Ok(new_float(py, theta))
}

fn gammavariate(alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(PyErr::value_error(
            "gammavariate: alpha and beta must be > 0.0",
        ));
    }
    if alpha > 1.0 {
        let log4 = libm::log(4.0);
        let sg_magicconst = 1.0 + libm::log(4.5);
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - log4;
        let ccc = alpha + ainv;
        loop {
            let u1 = rand();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - rand();
            let v = libm::log(u1 / (1.0 - u1)) / ainv;
            let x = alpha * libm::exp(v);
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magicconst - 4.5 * z >= 0.0 || r >= libm::log(z) {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-libm::log(1.0 - rand()) * beta)
    } else {
        let e = std::f64::consts::E;
        let x = loop {
            let u = rand();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                libm::pow(p, 1.0 / alpha)
            } else {
                -libm::log((b - p) / alpha)
            };
            let u1 = rand();
            if p > 1.0 {
                if u1 <= libm::pow(x, alpha - 1.0) {
                    break x;
                }
            } else if u1 <= libm::exp(-x) {
                break x;
            }
        };
        Ok(x * beta)
    }
}

fn random_gammavariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [alpha, beta] = bind(args, "gammavariate", ["alpha", "beta"], 2)?;
    let (alpha, beta) = (req(py, alpha)?, req(py, beta)?);
    Ok(new_float(py, gammavariate(alpha, beta)?))
}

fn random_betavariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [alpha, beta] = bind(args, "betavariate", ["alpha", "beta"], 2)?;
    let (alpha, beta) = (req(py, alpha)?, req(py, beta)?);
    let y = gammavariate(alpha, 1.0)?;
    if y != 0.0 {
        let r = y / (y + gammavariate(beta, 1.0)?);
        return Ok(new_float(py, r));
    }
    Ok(new_float(py, 0.0))
}

fn random_paretovariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [alpha] = bind(args, "paretovariate", ["alpha"], 1)?;
    let alpha = req(py, alpha)?;
    let u = 1.0 - rand();
    Ok(new_float(py, libm::pow(u, fdiv(-1.0, alpha)?)))
}

fn random_weibullvariate(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [alpha, beta] = bind(args, "weibullvariate", ["alpha", "beta"], 2)?;
    let (alpha, beta) = (req(py, alpha)?, req(py, beta)?);
    let u = 1.0 - rand();
    Ok(new_float(
        py,
        alpha * libm::pow(-libm::log(u), fdiv(1.0, beta)?),
    ))
}
