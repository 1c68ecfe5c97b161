//! The floating-point algorithms behind `math`, on plain doubles, ported from CPython 3.11's
//! `Modules/mathmodule.c` so that results agree to the last bit.

use crate::util::{frexp, ldexp};

/// The C library's `<math.h>` functions that Rust's `f64` does not route to libm (or that we
/// want to call exactly as CPython does).
pub mod libm {
    // SAFETY: C99 <math.h> functions of the platform libm, which std already links; each takes
    // and returns plain doubles, has no preconditions and touches no memory but `errno`.
    #[link(name = "m")]
    unsafe extern "C" {
        /// C `erf`.
        pub safe fn erf(x: f64) -> f64;
        /// C `erfc`.
        pub safe fn erfc(x: f64) -> f64;
        /// C `asinh`.
        pub safe fn asinh(x: f64) -> f64;
        /// C `acosh`.
        pub safe fn acosh(x: f64) -> f64;
        /// C `atanh`.
        pub safe fn atanh(x: f64) -> f64;
        /// C `nextafter`.
        pub safe fn nextafter(x: f64, y: f64) -> f64;
        /// C `exp2`.
        pub safe fn exp2(x: f64) -> f64;
        /// C `expm1`.
        pub safe fn expm1(x: f64) -> f64;
        /// C `log1p`.
        pub safe fn log1p(x: f64) -> f64;
        /// C `fmod`.
        pub safe fn fmod(x: f64, y: f64) -> f64;
        /// C `pow`.
        pub safe fn pow(x: f64, y: f64) -> f64;
        /// C `atan2`.
        pub safe fn atan2(y: f64, x: f64) -> f64;
        /// C `log`.
        pub safe fn log(x: f64) -> f64;
        /// C `log2`.
        pub safe fn log2(x: f64) -> f64;
        /// C `log10`.
        pub safe fn log10(x: f64) -> f64;
        /// C `exp`.
        pub safe fn exp(x: f64) -> f64;
        /// C `sin`.
        pub safe fn sin(x: f64) -> f64;
        /// C `cos`.
        pub safe fn cos(x: f64) -> f64;
    }
}

/// glibc's `cbrt` (`sysdeps/ieee754/dbl-64/s_cbrt.c`), which CPython calls on Linux. The
/// toolchain's runtime library exports its own, differently rounded `cbrt` that would shadow
/// libm's, so the algorithm is reproduced here.
#[allow(clippy::excessive_precision)]
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    let (xm, xe) = frexp(x.abs());
    if xe == 0 && (x == 0.0 || !x.is_finite()) {
        return x + x;
    }
    let u = 0.354895765043919860
        + (1.50819193781584896
            + (-2.11499494167371287
                + (2.44693122563534430
                    + (-1.83469277483613086
                        + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
                        * xm)
                    * xm)
                * xm)
            * xm;
    let t2 = u * u * u;
    let idx = usize::try_from(2 + xe % 3).unwrap_or(2);
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[idx];
    ldexp(ym.copysign(x), xe / 3)
}

/// What a C math function would have left in `errno`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Errno {
    /// No error.
    Ok,
    /// `EDOM`: `ValueError("math domain error")`.
    Dom,
    /// `ERANGE`: `OverflowError("math range error")` unless the result is small (underflow).
    Range,
}

const PI: f64 = std::f64::consts::PI;
const LOGPI: f64 = 1.144_729_885_849_400_2;

/// `sin(pi*x)`, accurate for all finite `x` (used by the gamma reflection formula).
fn m_sinpi(x: f64) -> f64 {
    let y = libm::fmod(x.abs(), 2.0);
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => libm::sin(PI * y),
        1 => libm::cos(PI * (y - 0.5)),
        2 => libm::sin(PI * (1.0 - y)),
        3 => -libm::cos(PI * (y - 1.5)),
        _ => libm::sin(PI * (y - 2.0)),
    };
    1.0_f64.copysign(x) * r
}

// Exactly representable (a dyadic rational), written in full as in CPython.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// Lanczos' sum `L_g(x)` for positive `x`, as a rational function.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// CPython's `m_tgamma`.
pub fn tgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Dom);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Dom);
        }
        if x <= 23.0 {
            return (GAMMA_INTEGRAL[x as usize - 1], Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (
            r,
            if r.is_infinite() {
                Errno::Range
            } else {
                Errno::Ok
            },
        );
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / m_sinpi(x), Errno::Ok);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / m_sinpi(absx) / absx * libm::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / libm::exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

/// CPython's `m_lgamma`.
pub fn lgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::Ok);
        }
        return (f64::INFINITY, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Errno::Dom);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-libm::log(absx), Errno::Ok);
    }
    let mut r = libm::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (libm::log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOGPI - libm::log(m_sinpi(absx).abs()) - libm::log(absx) - r;
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

/// CPython's `m_atan2`: C99 special cases first, then libm.
pub fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            if 1.0_f64.copysign(x) == 1.0 {
                return (0.25 * PI).copysign(y);
            }
            return (0.75 * PI).copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        if 1.0_f64.copysign(x) == 1.0 {
            return 0.0_f64.copysign(y);
        }
        return PI.copysign(y);
    }
    libm::atan2(y, x)
}

/// CPython's `m_remainder`: IEEE 754 remainder, exact.
pub fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = libm::fmod(absx, absy);
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * libm::fmod(0.5 * (absx - m), absy)
        };
        return 1.0_f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// CPython's `m_log`.
pub fn log(x: f64) -> (f64, Errno) {
    if x.is_finite() {
        if x > 0.0 {
            (libm::log(x), Errno::Ok)
        } else if x == 0.0 {
            (f64::NEG_INFINITY, Errno::Dom)
        } else {
            (f64::NAN, Errno::Dom)
        }
    } else if x.is_nan() || x > 0.0 {
        (x, Errno::Ok)
    } else {
        (f64::NAN, Errno::Dom)
    }
}

/// CPython's `m_log2`.
pub fn log2(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Dom);
    }
    if x > 0.0 {
        (libm::log2(x), Errno::Ok)
    } else if x == 0.0 {
        (f64::NEG_INFINITY, Errno::Dom)
    } else {
        (f64::NAN, Errno::Dom)
    }
}

/// CPython's `m_log10`.
pub fn log10(x: f64) -> (f64, Errno) {
    if x.is_finite() {
        if x > 0.0 {
            (libm::log10(x), Errno::Ok)
        } else if x == 0.0 {
            (f64::NEG_INFINITY, Errno::Dom)
        } else {
            (f64::NAN, Errno::Dom)
        }
    } else if x.is_nan() || x > 0.0 {
        (x, Errno::Ok)
    } else {
        (f64::NAN, Errno::Dom)
    }
}

/// `math.pow` on doubles, with CPython's handling of IEEE specials.
pub fn pow(x: f64, y: f64) -> (f64, Errno) {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && libm::fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0_f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return (r, Errno::Ok);
    }
    let r = libm::pow(x, y);
    if r.is_nan() {
        (r, Errno::Dom)
    } else if r.is_infinite() {
        (r, if x == 0.0 { Errno::Dom } else { Errno::Range })
    } else {
        (r, Errno::Ok)
    }
}

/// CPython's `vector_norm`: `sqrt(sum(x**2))` with scaling, Veltkamp-Dekker squaring,
/// compensated summation and a square-root correction. `vec` holds absolute values, `max` the
/// largest of them.
pub fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    if max_e >= -1023 {
        let scale = ldexp(1.0, -max_e);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            let x = hi * hi;
            let old = csum;
            csum += x;
            frac1 += (old - csum) + x;
            let x = 2.0 * hi * lo;
            let old = csum;
            csum += x;
            frac2 += (old - csum) + x;
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let t = h * T27;
        let hi = t - (t - h);
        let lo = h - hi;
        let x = -hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = -2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        let x = -lo * lo;
        let old = csum;
        csum += x;
        frac3 += (old - csum) + x;
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// Why `fsum` failed.
#[derive(Debug, PartialEq, Eq)]
pub enum FsumError {
    /// `OverflowError("intermediate overflow in fsum")`.
    Overflow,
    /// `ValueError("-inf + inf in fsum")`.
    InfMinusInf,
}

/// Shewchuk/Hettinger exact summation with CPython's special-value rules and final half-even
/// correction. Values are fed one at a time so that conversion errors can interleave.
#[derive(Default)]
pub struct Fsum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

impl Fsum {
    /// Add one value.
    pub fn add(&mut self, value: f64) -> Result<(), FsumError> {
        let mut x = value;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if value.is_finite() {
                    return Err(FsumError::Overflow);
                }
                if value.is_infinite() {
                    self.inf_sum += value;
                }
                self.special_sum += value;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    /// The correctly rounded sum.
    pub fn result(mut self) -> Result<f64, FsumError> {
        if self.special_sum != 0.0 {
            if self.inf_sum.is_nan() {
                return Err(FsumError::InfMinusInf);
            }
            return Ok(self.special_sum);
        }
        let p = &mut self.partials;
        let mut n = p.len();
        let mut hi = 0.0;
        if n > 0 {
            n -= 1;
            hi = p[n];
            let mut lo = 0.0;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

/// `math.ulp`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return x - libm::nextafter(x, f64::NEG_INFINITY);
    }
    x2 - x
}

/// C's `modf` with CPython's special cases: `(fractional, integral)`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0_f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let int = x.trunc();
    ((x - int).copysign(x), int)
}
