//! The format-spec mini-language for `int`, `float` and `complex` (CPython's
//! `Python/formatter_unicode.c` and `PyOS_double_to_string` in `Python/pystrtod.c`).
//!
//! `format(x, spec)` with `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//! The `n` type uses the C locale (no grouping, `.` as decimal point), as CPython does unless a
//! program calls `locale.setlocale`.

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::error::{PyErr, PyResult};
use crate::objects::int::IntValue;
use crate::objects::int_ops::int_to_f64;

/// A parsed format specification (`InternalFormatSpec`).
#[derive(Clone, Debug)]
pub struct FormatSpec {
    /// Fill character (default space).
    pub fill: char,
    /// `<`, `>`, `^` or `=`.
    pub align: char,
    /// `+`, `-`, ` ` or `None`.
    pub sign: Option<char>,
    /// `z`: coerce negative zero (floats only).
    pub no_neg_0: bool,
    /// `#`.
    pub alternate: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// `,` or `_` (`_` every four digits for b/o/x/X).
    pub thousands: Option<char>,
    /// Grouping size (3, or 4 for `_` with b/o/x/X).
    pub group: usize,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type, `None` when omitted.
    pub ty: Option<char>,
}

/// Widths beyond this are refused with `MemoryError` instead of allocating.
const MAX_WIDTH: usize = 1 << 31;

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

fn get_integer(chars: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut v: usize = 0;
    while let Some(d) = chars
        .get(*pos)
        .and_then(|c| crate::objects::float_ops::decimal_value(*c))
    {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|v| *v <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(v))
}

fn comma_and_underscore() -> PyErr {
    PyErr::value_error("Cannot specify both ',' and '_'.")
}

fn char_for_message(c: char) -> String {
    if ('!'..='\x7f').contains(&c) {
        format!("'{c}'")
    } else {
        format!("'\\x{:x}'", c as u32)
    }
}

/// Parse `spec` for an object of type `type_name` (`parse_internal_render_format_spec`).
pub fn parse_spec(spec: &str, type_name: &str, default_align: char) -> PyResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut f = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        thousands: None,
        group: 3,
        precision: None,
        ty: None,
    };
    let mut pos = 0;
    let (mut fill_specified, mut align_specified) = (false, false);
    if chars.len() >= 2 && is_align(chars[1]) {
        f.align = chars[1];
        f.fill = chars[0];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if chars.first().is_some_and(|&c| is_align(c)) {
        f.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if let Some(&c) = chars.get(pos)
        && matches!(c, '+' | '-' | ' ')
    {
        f.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        f.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && chars.get(pos) == Some(&'0') {
        f.fill = '0';
        if !align_specified && default_align == '>' {
            f.align = '=';
        }
        pos += 1;
    }
    f.width = get_integer(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        f.thousands = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if f.thousands.is_some() {
            return Err(comma_and_underscore());
        }
        f.thousands = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && f.thousands == Some('_') {
        return Err(comma_and_underscore());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        f.precision = get_integer(&chars, &mut pos)?;
        if f.precision.is_none() {
            return Err(PyErr::value_error("Format specifier missing precision"));
        }
    }
    if f.width.is_some_and(|w| w > MAX_WIDTH) {
        // CPython would try to build the string and fail with MemoryError.
        return Err(PyErr::memory_error());
    }
    let rest = &chars[pos..];
    if rest.len() > 1 {
        return Err(PyErr::value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    f.ty = rest.first().copied();
    if let Some(sep) = f.thousands {
        match f.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => f.group = 4,
            Some(t) => {
                return Err(PyErr::value_error(format!(
                    "Cannot specify '{sep}' with {}.",
                    char_for_message(t)
                )));
            }
        }
    }
    Ok(f)
}

fn unknown_code(ty: char, type_name: &str) -> PyErr {
    PyErr::value_error(format!(
        "Unknown format code {} for object of type '{type_name}'",
        char_for_message(ty)
    ))
}

/// `_PyUnicode_InsertThousandsGrouping`: group `digits`, zero-padding to `min_width`.
fn group_digits(digits: &str, min_width: isize, sep: Option<char>, group: usize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as isize;
    let mut min_width = min_width;
    let mut parts: Vec<String> = Vec::new();
    let mut end = d.len();
    let emit = |len: isize, remaining: isize, end: &mut usize| {
        let n_zeros = (len - remaining).max(0) as usize;
        let n_chars = len.min(remaining).max(0) as usize;
        let start = *end - n_chars;
        let mut s: String = "0".repeat(n_zeros);
        s.extend(&d[start..*end]);
        *end = start;
        (s, n_chars as isize)
    };
    let mut broke = false;
    if let Some(sep) = sep {
        let sep_len = sep.len_utf8().min(1) as isize;
        loop {
            let len = (group as isize).min(remaining.max(min_width).max(1));
            let (s, used) = emit(len, remaining, &mut end);
            parts.push(s);
            remaining -= used;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broke = true;
                break;
            }
            min_width -= sep_len;
        }
    }
    if !broke {
        let len = remaining.max(min_width).max(1);
        let (s, _) = emit(len, remaining, &mut end);
        parts.push(s);
    }
    parts.reverse();
    let sep_s = sep.map(String::from).unwrap_or_default();
    parts.join(&sep_s)
}

/// `calc_number_widths` + `fill_number`: lay out sign, prefix, digits, remainder and padding.
fn layout_number(
    f: &FormatSpec,
    negative: bool,
    prefix: &str,
    digits: &str,
    remainder: &str,
    grouping: Option<char>,
    group: usize,
) -> String {
    let sign = match (f.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let n_non_digit =
        usize::from(sign.is_some()) + prefix.chars().count() + remainder.chars().count();
    let width = f.width.map_or(-1, |w| w as isize);
    let min_width = if f.fill == '0' && f.align == '=' {
        width - n_non_digit as isize
    } else {
        0
    };
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group_digits(digits, min_width, grouping, group)
    };
    let body_len = n_non_digit + grouped.chars().count();
    let padding = (width - body_len as isize).max(0) as usize;
    let (mut left, mut mid, mut right) = (0, 0, 0);
    match f.align {
        '<' => right = padding,
        '^' => {
            left = padding / 2;
            right = padding - left;
        }
        '=' => mid = padding,
        _ => left = padding,
    }
    let fill = |n: usize| std::iter::repeat_n(f.fill, n).collect::<String>();
    let mut out = fill(left);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(prefix);
    out.push_str(&fill(mid));
    out.push_str(&grouped);
    out.push_str(remainder);
    out.push_str(&fill(right));
    out
}

/// `format(n, spec)` for an int (`_PyLong_FormatAdvancedWriter`); `str_value` is `str(n)` (used
/// for an empty spec, e.g. `'True'` for a bool).
pub fn format_int(v: &IntValue, spec: &str, str_value: &str, type_name: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(str_value.to_owned());
    }
    let f = parse_spec(spec, type_name, '>')?;
    match f.ty.unwrap_or('d') {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_int_internal(v, &f),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_internal(int_to_f64(v)?, &f),
        t => Err(unknown_code(t, type_name)),
    }
}

fn format_int_internal(v: &IntValue, f: &FormatSpec) -> PyResult<String> {
    if f.precision.is_some() {
        return Err(PyErr::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let ty = f.ty.unwrap_or('d');
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(PyErr::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(PyErr::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let x = match v {
            IntValue::Small(x) => *x,
            IntValue::Big(_) => {
                return Err(PyErr::overflow_error(
                    "Python int too large to convert to C long",
                ));
            }
        };
        let c = u32::try_from(x)
            .ok()
            .filter(|x| *x <= 0x10ffff)
            .ok_or_else(|| PyErr::overflow_error("%c arg not in range(0x110000)"))?;
        // Lone surrogates cannot live in a Rust string; they are outside what `str` here holds.
        let ch = char::from_u32(c).unwrap_or('\u{fffd}');
        return Ok(layout_number(f, false, "", "", &ch.to_string(), None, 3));
    }
    let big = v.to_bigint();
    let negative = big.is_negative();
    let mag = big.abs();
    let (mut digits, prefix) = match ty {
        'b' => (mag.to_str_radix(2), "0b"),
        'o' => (mag.to_str_radix(8), "0o"),
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        _ => (
            crate::objects::int::int_to_decimal_string(&IntValue::from_bigint(mag))?,
            "",
        ),
    };
    if digits.is_empty() {
        digits.push('0');
    }
    let prefix = if f.alternate { prefix } else { "" };
    let grouping = if ty == 'n' { None } else { f.thousands };
    Ok(layout_number(
        f, negative, prefix, &digits, "", grouping, f.group,
    ))
}

/// `format(x, spec)` for a float (`_PyFloat_FormatAdvancedWriter`); an empty spec is `str(x)`.
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(crate::objects::float::float_repr_string(x));
    }
    let f = parse_spec(spec, "float", '>')?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_internal(x, &f),
        Some(t) => Err(unknown_code(t, "float")),
    }
}

/// Flags of `PyOS_double_to_string`.
#[derive(Clone, Copy, Default)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always write a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integers get `.0`.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: alternate form (keep trailing zeros and the point).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: drop the sign of a value that rounds to zero.
    pub no_neg_0: bool,
}

/// Mode 3 of [`dtoa`] (`ndigits` after the point, half to even on the exact binary value) in
/// machine arithmetic when `x * 10**ndigits` stays below 2**52: the product's rounding error
/// (at most 1/4 there) is recovered exactly with a fused multiply-add, so ties and near-ties
/// decide as on the exact value. `None` out of that range (the caller takes the general path).
fn dtoa_fixed_fast(x: f64, ndigits: i64) -> Option<(String, i64)> {
    const P10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let p10 = *P10.get(usize::try_from(ndigits).ok()?)?;
    if !(1e-200..4.5e15).contains(&x) {
        return None;
    }
    let scaled = x * p10;
    if scaled >= 4.5e15 {
        return None;
    }
    // x * p10 == scaled + err exactly (no overflow or underflow in this range).
    let err = x.mul_add(p10, -scaled);
    let n = scaled.floor();
    // The fraction `a` is exact: `scaled` has an ulp of at most 1 here.
    let a = scaled - n;
    let round_up = if a < 0.25 {
        false
    } else {
        // a - 0.5 is exact (Sterbenz); compare the exact value a + err with one half.
        let d = a - 0.5;
        if d > -err {
            true
        } else if d < -err {
            false
        } else {
            // An exact tie: half to even.
            (n as u64) & 1 == 1
        }
    };
    let q = n as u64 + u64::from(round_up);
    if q == 0 {
        return Some((String::new(), -ndigits));
    }
    let s = q.to_string();
    let decpt = s.len() as i64 - ndigits;
    let digits = s.trim_end_matches('0');
    Some((digits.to_owned(), decpt))
}

/// `_Py_dg_dtoa` for a finite, non-negative `x`: the significant digits (no trailing zeros,
/// possibly empty when everything rounds away) and the decimal point position.
/// Mode 0 = shortest round-trip, 2 = `ndigits` significant digits, 3 = `ndigits` after the point.
pub fn dtoa(x: f64, mode: u8, ndigits: i64) -> (String, i64) {
    if x == 0.0 {
        return ("0".into(), 1);
    }
    let from_sci = |s: &str| -> (String, i64) {
        let (m, e) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i64 = e.parse().unwrap_or(0);
        let digits: String = m.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_end_matches('0').to_owned();
        (digits, exp + 1)
    };
    match mode {
        0 => from_sci(&crate::objects::float::float_repr_digits(x)),
        // A double has at most 767 significant and 1074 fractional decimal digits, so larger
        // requests give the same (exact) digits; Rust's formatter also caps the precision.
        2 => from_sci(&format!("{x:.*e}", ndigits.clamp(1, 800) as usize - 1)),
        _ if ndigits >= 0 => {
            if let Some(r) = dtoa_fixed_fast(x, ndigits) {
                return r;
            }
            let s = format!("{x:.*}", ndigits.min(1100) as usize);
            let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
            let all: String = format!("{int_part}{frac}");
            let trimmed = all.trim_start_matches('0');
            let lead = all.len() - trimmed.len();
            let digits = trimmed.trim_end_matches('0');
            if digits.is_empty() {
                return (String::new(), -ndigits);
            }
            (digits.to_owned(), int_part.len() as i64 - lead as i64)
        }
        _ => {
            // Round to a multiple of 10**-ndigits, half to even, on the exact binary value.
            let (num, den) = crate::objects::float_methods::f64_ratio(x);
            let scale = num_traits::pow(BigInt::from(10u32), ndigits.unsigned_abs() as usize);
            let den = den * scale;
            let (q, r) = crate::objects::int_ops::big_divmod(&num, &den);
            let twice = r * 2u32;
            let q = if twice > den || (twice == den && q.bit(0)) {
                q + 1u32
            } else {
                q
            };
            if q.is_zero() {
                return (String::new(), -ndigits);
            }
            let s = q.to_string();
            let decpt = s.len() as i64 - ndigits;
            (s.trim_end_matches('0').to_owned(), decpt)
        }
    }
}

/// `PyOS_double_to_string(val, code, precision, flags)` for codes `e f g r` (upper case for
/// `E F G`).
pub fn double_to_string(val: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut precision = precision as i64;
    let mode = match code {
        'e' => {
            precision += 1;
            2
        }
        'f' => 3,
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            2
        }
        _ => 0,
    };
    let mut out = String::new();
    let negative = val.is_sign_negative() && !val.is_nan();
    if !val.is_finite() {
        if negative {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        let word = if val.is_nan() { "nan" } else { "inf" };
        out.push_str(&if upper {
            word.to_uppercase()
        } else {
            word.to_owned()
        });
        return out;
    }
    let (digits, mut decpt) = dtoa(val.abs(), mode, precision);
    let mut negative = negative;
    if flags.no_neg_0 && negative && !digits.bytes().any(|b| b != b'0') {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |n: i64| "0".repeat(n.max(0) as usize);
    if decpt <= 0 {
        out.push_str(&zeros(decpt - vdigits_start));
        out.push('.');
        out.push_str(&zeros(-decpt));
    } else {
        out.push_str(&zeros(-vdigits_start));
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        out.push_str(&zeros(decpt - digits_len));
        out.push('.');
        out.push_str(&zeros(vdigits_end - decpt));
    } else {
        out.push_str(&zeros(vdigits_end - digits_len));
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        let sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("{sign}{:02}", exp.unsigned_abs()));
    }
    out
}

/// Split a formatted number into (digits before the point, remainder incl. point).
fn split_number(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    s.split_at(n)
}

fn float_text(x: f64, f: &FormatSpec) -> (String, bool) {
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut ty = f.ty.unwrap_or('\0');
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        pct = true;
    }
    let precision = match f.precision {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut s = double_to_string(val, ty, precision, flags);
    if pct {
        s.push('%');
    }
    (s, f.ty == Some('n'))
}

fn format_float_internal(x: f64, f: &FormatSpec) -> PyResult<String> {
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(PyErr::value_error("precision too big"));
    }
    let (s, locale_n) = float_text(x, f);
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.as_str()),
    };
    let (digits, remainder) = split_number(body);
    let grouping = if locale_n { None } else { f.thousands };
    Ok(layout_number(
        f, negative, "", digits, remainder, grouping, 3,
    ))
}

/// `format(z, spec)` for a complex number (`format_complex_internal`); empty spec = `str(z)`.
pub fn format_complex(re: f64, im: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(crate::objects::complex::complex_repr_string(re, im));
    }
    let f = parse_spec(spec, "complex", '>')?;
    if f.ty
        .is_some_and(|t| !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n'))
    {
        return Err(unknown_code(f.ty.unwrap_or(' '), "complex"));
    }
    if f.fill == '0' {
        return Err(PyErr::value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if f.align == '=' {
        return Err(PyErr::value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut ty = f.ty.unwrap_or('\0');
    let mut precision = f.precision.unwrap_or(6);
    let mut skip_re = false;
    let mut add_parens = false;
    if ty == '\0' {
        ty = 'r';
        if f.precision.is_some() {
            ty = 'g';
        } else {
            precision = 0;
        }
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            add_parens = true;
        }
        flags.add_dot_0 = false;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let re_s = double_to_string(re, ty, precision, flags);
    let im_s = double_to_string(im, ty, precision, flags);
    let part = |s: &str, force_sign: bool| -> String {
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, s),
        };
        let (digits, rest) = split_number(body);
        let sub = FormatSpec {
            width: None,
            fill: ' ',
            align: '>',
            sign: if force_sign { Some('+') } else { f.sign },
            ..f.clone()
        };
        layout_number(&sub, neg, "", digits, rest, f.thousands, 3)
    };
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&part(&re_s, false));
    }
    body.push_str(&part(&im_s, !skip_re));
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let total = body.chars().count();
    let width = f.width.unwrap_or(0);
    let pad = width.saturating_sub(total);
    let (l, r) = match f.align {
        '<' => (0, pad),
        '^' => (pad / 2, pad - pad / 2),
        _ => (pad, 0),
    };
    let fill = |n: usize| std::iter::repeat_n(f.fill, n).collect::<String>();
    Ok(format!("{}{body}{}", fill(l), fill(r)))
}

/// Digits of `n` for `%`-style and `format` helpers: `bin()`, `oct()`, `hex()` text.
pub fn int_to_base_string(v: &IntValue, base: u32) -> String {
    let big = v.to_bigint();
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let sign = if big.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{}", big.abs().to_str_radix(base))
}
