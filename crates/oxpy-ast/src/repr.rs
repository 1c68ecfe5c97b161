//! Python's `repr()` of constants, exactly as `ast.dump` prints them.
//!
//! Ports of CPython 3.11's `unicode_repr`, `PyBytes_Repr`, `float_repr`
//! (`PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)`) and `complex_repr`.
//! Printability follows `str.isprintable()` under Unicode 14.0, the version CPython
//! 3.11's `unicodedata` uses.

use crate::unicode14;
use crate::{BigInt, Constant, PyStr};
use unicode_general_category::{GeneralCategory, get_general_category};

/// `repr(s)` of a Python str given as `&str`.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, || s.chars().map(u32::from));
    out
}

/// `repr(s)` of a Python str (lone surrogates included).
pub fn pystr_repr(s: &PyStr) -> String {
    let mut out = String::with_capacity(s.as_wtf8().len() + 2);
    write_str_repr(&mut out, || s.code_points());
    out
}

/// `Py_UNICODE_ISPRINTABLE`: `str.isprintable()` for one code point. Not printable:
/// categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs other than the ASCII space.
pub fn is_printable(cp: u32) -> bool {
    if cp == 0x20 {
        return true;
    }
    let Some(c) = char::from_u32(cp) else {
        return false; // a lone surrogate (Cs)
    };
    if unicode14::is_unassigned(cp) {
        return false;
    }
    !matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}

/// `unicode_repr`: quote choice, then each code point escaped unless printable.
fn write_str_repr<I: Iterator<Item = u32>>(out: &mut String, cps: impl Fn() -> I) {
    let (mut squote, mut dquote) = (false, false);
    for cp in cps() {
        squote |= cp == u32::from('\'');
        dquote |= cp == u32::from('"');
    }
    let quote = if squote && !dquote { '"' } else { '\'' };
    out.push(quote);
    for cp in cps() {
        match char::from_u32(cp) {
            Some(c) if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(_) if cp < 0x20 || cp == 0x7F => push_hex(out, 'x', cp, 2),
            Some(c) if cp < 0x7F => out.push(c),
            Some(c) if is_printable(cp) => out.push(c),
            _ if cp <= 0xFF => push_hex(out, 'x', cp, 2),
            _ if cp <= 0xFFFF => push_hex(out, 'u', cp, 4),
            _ => push_hex(out, 'U', cp, 8),
        }
    }
    out.push(quote);
}

fn push_hex(out: &mut String, letter: char, cp: u32, width: usize) {
    use std::fmt::Write;
    let _ = write!(out, "\\{letter}{cp:0width$x}");
}

/// `repr(b)` of a bytes object: `b'...'` with `\xhh` for non-printable ASCII.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in b {
        let c = char::from(byte);
        match c {
            _ if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if !(0x20..0x7F).contains(&byte) => push_hex(&mut out, 'x', u32::from(byte), 2),
            _ => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(x)` of a float: shortest round-trip digits, exponent form iff the decimal
/// exponent is < -4 or >= 16, `.0` added to integral values (`1e+16`, `1e-05`,
/// `100.0`, `inf`, `nan`, `-0.0`).
pub fn float_repr(x: f64) -> String {
    format_float_short(x, true)
}

/// `repr(z)` of a complex: `1j`, `-0j`, `(1+2j)`, `(-0-1.5j)`, `infj`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", format_float_short(imag, false));
    }
    let re = format_float_short(real, false);
    let mut im = format_float_short(imag, false);
    if !im.starts_with('-') {
        im.insert(0, '+');
    }
    format!("({re}{im}j)")
}

/// `PyOS_double_to_string(x, 'r', 0, flags)` with or without `Py_DTSF_ADD_DOT_0`.
fn format_float_short(x: f64, add_dot_0: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let sci = format!("{x:e}");
    let (negative, sci) = match sci.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, sci.as_str()),
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // `decpt`: the value is 0.DIGITS * 10**decpt.
    let decpt = exp + 1;
    let digits = round_half_even(x, digits, decpt);
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    let ndigits = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        let sign = if e < 0 { '-' } else { '+' };
        out.push_str(&format!("e{sign}{:02}", e.unsigned_abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', decpt.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if decpt >= ndigits {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (decpt - ndigits) as usize));
        if add_dot_0 {
            out.push_str(".0");
        }
    } else {
        let (int_part, frac) = digits.split_at(decpt as usize);
        out.push_str(int_part);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Rust's shortest digits break an exact tie between two shortest candidates
/// upwards; David Gay's `dtoa` (CPython) picks the even last digit. When `x` lies
/// exactly halfway between `digits` and a neighbour with an even last digit that
/// also round-trips, return that neighbour.
fn round_half_even(x: f64, digits: String, decpt: i32) -> String {
    let Some(last) = digits.bytes().last().map(|b| b - b'0') else {
        return digits;
    };
    if last % 2 == 0 {
        return digits;
    }
    let (exact, exact_point) = exact_decimal(x.abs());
    let head = &digits[..digits.len() - 1];
    for (mid_digit, neighbour) in [(last - 1, last - 1), (last, last + 1)] {
        if neighbour > 9 {
            continue;
        }
        let midpoint = format!("{head}{mid_digit}5");
        if exact_point != decpt || exact != midpoint {
            continue;
        }
        let candidate = format!("{head}{neighbour}");
        let round_trips = format!("0.{candidate}e{decpt}")
            .parse::<f64>()
            .is_ok_and(|y| y == x.abs());
        if round_trips {
            return candidate.trim_end_matches('0').to_string();
        }
    }
    digits
}

/// The exact decimal expansion of finite `x >= 0`: `(DIGITS, point)` with
/// `x == 0.DIGITS * 10**point` and no trailing zeros in DIGITS.
fn exact_decimal(x: f64) -> (String, i32) {
    let bits = x.to_bits();
    let biased = i32::try_from((bits >> 52) & 0x7FF).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp2) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    let mantissa = BigInt::from(mantissa);
    let (n, scale) = if exp2 >= 0 {
        (mantissa << exp2.unsigned_abs(), 0)
    } else {
        (mantissa * BigInt::from(5).pow(exp2.unsigned_abs()), exp2)
    };
    let text = n.to_string();
    let point = i32::try_from(text.len()).unwrap_or(i32::MAX) + scale;
    (text.trim_end_matches('0').to_string(), point)
}

/// `repr(c)` of a constant.
pub fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
        Constant::Str(s) => pystr_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => match items.as_slice() {
            [one] => format!("({},)", constant_repr(one)),
            _ => {
                let parts: Vec<String> = items.iter().map(constant_repr).collect();
                format!("({})", parts.join(", "))
            }
        },
    }
}
