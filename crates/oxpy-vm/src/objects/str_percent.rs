//! printf-style formatting: `str % args` (`PyUnicode_Format`) and `bytes % args`
//! (`_PyBytes_FormatEx`), with CPython's flags, width/precision (`*`), mapping keys and messages.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::protocol;
use crate::object::{PyObject, PyRef};
use crate::objects::bytearray::PyByteArray;
use crate::objects::bytes::PyBytes;
use crate::objects::float::PyFloat;
use crate::objects::int::{IntValue, PyInt};
use crate::objects::str::PyStr;
use crate::objects::str_format::{Writer, ascii_escape};
use crate::objects::tuple::PyTuple;

/// Which `%` operator is running.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PercentMode {
    /// `str % args`: output code points.
    Str,
    /// `bytes % args` / `bytearray % args`: output bytes (code points < 256).
    Bytes,
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// `str % args`.
pub fn str_percent_format(py: Python<'_>, fmt: &PyStr, args: &PyObject) -> PyResult<PyRef<PyStr>> {
    let out = percent_format(
        py,
        &fmt.to_cps(),
        Some(fmt.as_object()),
        args,
        PercentMode::Str,
    )?;
    Ok(out.finish(py))
}

/// `bytes % args` on raw data (the caller wraps the result as `bytes` or `bytearray`).
pub fn bytes_percent_format(py: Python<'_>, fmt: &[u8], args: &PyObject) -> PyResult<Vec<u8>> {
    let cps: Vec<u32> = fmt.iter().map(|&b| u32::from(b)).collect();
    let out = percent_format(py, &cps, None, args, PercentMode::Bytes)?;
    Ok(out.out.into_iter().map(|c| c as u8).collect())
}

struct ArgState<'a> {
    args: PyRef,
    /// −1 for a single non-tuple argument (CPython's `arglen`).
    arglen: isize,
    argidx: isize,
    dict: Option<&'a PyObject>,
}

impl ArgState<'_> {
    fn next(&mut self, py: Python<'_>) -> PyResult<PyRef> {
        let idx = self.argidx;
        if idx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args.clone());
            }
            if let Some(t) = self.args.downcast_ref::<PyTuple>(py)
                && let Some(v) = t.get(idx as usize)
            {
                return Ok(v.clone());
            }
        }
        Err(PyErr::type_error("not enough arguments for format string"))
    }
}

/// The formatter proper, on code points.
pub(crate) fn percent_format(
    py: Python<'_>,
    fmt: &[u32],
    fmt_obj: Option<&PyObject>,
    args: &PyObject,
    mode: PercentMode,
) -> PyResult<Writer> {
    let is_tuple = args.downcast_ref::<PyTuple>(py);
    let is_text = match mode {
        PercentMode::Str => args.downcast_ref::<PyStr>(py).is_some(),
        PercentMode::Bytes => {
            args.downcast_ref::<PyBytes>(py).is_some()
                || args.downcast_ref::<PyByteArray>(py).is_some()
        }
    };
    let dict =
        (args.ob_type().slots.getitem.is_some() && is_tuple.is_none() && !is_text).then_some(args);
    let mut st = ArgState {
        args: args.to_owned_ref(),
        arglen: is_tuple.map_or(-1, |t| t.len() as isize),
        argidx: if is_tuple.is_some() { 0 } else { -2 },
        dict,
    };
    let pct = u32::from('%');
    let mut out = Writer::new();
    let n = fmt.len();
    let mut pos = 0;
    while pos < n {
        if fmt[pos] != pct {
            let run_end = fmt[pos..]
                .iter()
                .position(|&c| c == pct)
                .map_or(n, |k| pos + k);
            let whole = pos == 0 && run_end == n;
            out.piece(&fmt[pos..run_end], fmt_obj.filter(|_| whole), run_end == n);
            pos = run_end;
            continue;
        }
        pos += 1;
        if pos < n && fmt[pos] == pct {
            out.piece(&[pct], None, false);
            pos += 1;
            continue;
        }
        // Mapping key.
        if pos < n && fmt[pos] == u32::from('(') {
            let Some(d) = st.dict else {
                return Err(PyErr::type_error("format requires a mapping"));
            };
            pos += 1;
            let key_start = pos;
            let mut depth = 1;
            while pos < n && depth > 0 {
                if fmt[pos] == u32::from(')') {
                    depth -= 1;
                } else if fmt[pos] == u32::from('(') {
                    depth += 1;
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(PyErr::value_error("incomplete format key"));
            }
            let key_cps = &fmt[key_start..pos - 1];
            let key = match mode {
                PercentMode::Str => PyStr::from_cps(py, key_cps).into_object(),
                PercentMode::Bytes => {
                    let b: Vec<u8> = key_cps.iter().map(|&c| c as u8).collect();
                    PyBytes::new(py, &b).into_object()
                }
            };
            let Some(getitem) = d.ob_type().slots.getitem else {
                return Err(PyErr::type_error("format requires a mapping"));
            };
            st.args = getitem(py, d, &key)?;
            st.arglen = -1;
            st.argidx = -2;
        }
        // Flags.
        let mut flags = 0u8;
        while pos < n {
            match char::from_u32(fmt[pos]) {
                Some('-') => flags |= F_LJUST,
                Some('+') => flags |= F_SIGN,
                Some(' ') => flags |= F_BLANK,
                Some('#') => flags |= F_ALT,
                Some('0') => flags |= F_ZERO,
                _ => break,
            }
            pos += 1;
        }
        // Width.
        let mut width: isize = -1;
        if pos < n && fmt[pos] == u32::from('*') {
            let v = st.next(py)?;
            let Some(i) = v.downcast_ref::<PyInt>(py) else {
                return Err(PyErr::type_error("* wants int"));
            };
            let w = i
                .as_i64()
                .and_then(|w| isize::try_from(w).ok())
                .ok_or_else(|| PyErr::value_error("width too big"))?;
            if w < 0 {
                flags |= F_LJUST;
                width = -w;
            } else {
                width = w;
            }
            pos += 1;
        } else {
            while pos < n && (0x30..=0x39).contains(&fmt[pos]) {
                let d = (fmt[pos] - 0x30) as isize;
                width = width.max(0);
                width = width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(d))
                    .ok_or_else(|| PyErr::value_error("width too big"))?;
                pos += 1;
            }
        }
        // Precision.
        let mut prec: isize = -1;
        if pos < n && fmt[pos] == u32::from('.') {
            pos += 1;
            prec = 0;
            if pos < n && fmt[pos] == u32::from('*') {
                let v = st.next(py)?;
                let Some(i) = v.downcast_ref::<PyInt>(py) else {
                    return Err(PyErr::type_error("* wants int"));
                };
                let p = i
                    .as_i64()
                    .and_then(|p| isize::try_from(p).ok())
                    .ok_or_else(|| PyErr::value_error("precision too big"))?;
                prec = p.max(0);
                pos += 1;
            } else {
                while pos < n && (0x30..=0x39).contains(&fmt[pos]) {
                    let d = (fmt[pos] - 0x30) as isize;
                    prec = prec
                        .checked_mul(10)
                        .and_then(|p| p.checked_add(d))
                        .filter(|&p| p <= i32::MAX as isize)
                        .ok_or_else(|| PyErr::value_error("precision too big"))?;
                    pos += 1;
                }
            }
        }
        // Length modifiers are accepted and ignored.
        while pos < n && matches!(char::from_u32(fmt[pos]), Some('h' | 'l' | 'L')) {
            pos += 1;
        }
        if pos >= n {
            return Err(PyErr::value_error("incomplete format"));
        }
        let conv = fmt[pos];
        let conv_index = pos;
        pos += 1;
        let conv_ch = char::from_u32(conv).unwrap_or('\u{FFFD}');
        let known = matches!(
            conv_ch,
            's' | 'r'
                | 'a'
                | 'd'
                | 'i'
                | 'u'
                | 'x'
                | 'X'
                | 'o'
                | 'e'
                | 'E'
                | 'f'
                | 'F'
                | 'g'
                | 'G'
                | 'c'
        ) || (mode == PercentMode::Bytes && conv_ch == 'b');
        if !known {
            let shown = if (32..127).contains(&conv) {
                conv_ch.to_string()
            } else {
                "?".to_owned()
            };
            return Err(PyErr::value_error(format!(
                "unsupported format character '{shown}' (0x{conv:x}) at index {conv_index}"
            )));
        }
        crate::objects::str_algo::check_result_size(width.max(0) as usize, 4)?;
        crate::objects::str_algo::check_result_size(prec.max(0) as usize, 4)?;
        let arg = st.next(py)?;
        let piece = convert(py, &arg, conv_ch, flags, prec, mode)?;
        let numeric = matches!(
            conv_ch,
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
        );
        // `%s` of an exact str written unchanged is shared (CPython's writer fast path).
        let unchanged = conv_ch == 's'
            && mode == PercentMode::Str
            && piece.body.len() as isize >= width
            && arg
                .downcast_ref::<PyStr>(py)
                .is_some_and(|s| s.len() == piece.body.len());
        let mut text = Vec::new();
        emit(&mut text, piece, width, flags, numeric);
        out.piece(&text, unchanged.then_some(&*arg), pos == n);
    }
    if st.argidx < st.arglen && st.dict.is_none() {
        let msg = match mode {
            PercentMode::Str => "not all arguments converted during string formatting",
            PercentMode::Bytes => "not all arguments converted during bytes formatting",
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(out)
}

/// One converted value: sign, prefix (`0x`), and body, kept apart for zero padding.
struct Piece {
    sign: Vec<u32>,
    prefix: Vec<u32>,
    body: Vec<u32>,
}

fn text_piece(body: Vec<u32>) -> Piece {
    Piece {
        sign: Vec::new(),
        prefix: Vec::new(),
        body,
    }
}

fn emit(out: &mut Vec<u32>, p: Piece, width: isize, flags: u8, numeric: bool) {
    let len = p.sign.len() + p.prefix.len() + p.body.len();
    let width = width.max(0) as usize;
    let pad = width.saturating_sub(len);
    if flags & F_LJUST != 0 {
        out.extend(p.sign);
        out.extend(p.prefix);
        out.extend(p.body);
        out.extend(std::iter::repeat_n(0x20, pad));
    } else if numeric && flags & F_ZERO != 0 {
        out.extend(p.sign);
        out.extend(p.prefix);
        out.extend(std::iter::repeat_n(0x30, pad));
        out.extend(p.body);
    } else {
        out.extend(std::iter::repeat_n(0x20, pad));
        out.extend(p.sign);
        out.extend(p.prefix);
        out.extend(p.body);
    }
}

fn sign_for(negative: bool, flags: u8) -> Vec<u32> {
    if negative {
        vec![u32::from('-')]
    } else if flags & F_SIGN != 0 {
        vec![u32::from('+')]
    } else if flags & F_BLANK != 0 {
        vec![0x20]
    } else {
        Vec::new()
    }
}

fn truncate(mut v: Vec<u32>, prec: isize) -> Vec<u32> {
    if prec >= 0 && (prec as usize) < v.len() {
        v.truncate(prec as usize);
    }
    v
}

fn to_cps(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

fn convert(
    py: Python<'_>,
    arg: &PyObject,
    conv: char,
    flags: u8,
    prec: isize,
    mode: PercentMode,
) -> PyResult<Piece> {
    match conv {
        's' | 'b' if mode == PercentMode::Bytes => {
            let data = if let Some(b) = arg.downcast_ref::<PyBytes>(py) {
                b.as_bytes().to_vec()
            } else if let Some(b) = arg.downcast_ref::<PyByteArray>(py) {
                b.to_vec()
            } else {
                return Err(PyErr::type_error(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    arg.ob_type().name()
                )));
            };
            Ok(text_piece(truncate(
                data.into_iter().map(u32::from).collect(),
                prec,
            )))
        }
        's' => Ok(text_piece(truncate(
            protocol::str_(py, arg)?.to_cps(),
            prec,
        ))),
        'r' if mode == PercentMode::Str => Ok(text_piece(truncate(
            protocol::repr(py, arg)?.to_cps(),
            prec,
        ))),
        'r' | 'a' => Ok(text_piece(truncate(
            ascii_escape(&protocol::repr(py, arg)?.to_cps()),
            prec,
        ))),
        'c' => convert_char(py, arg, mode).map(|c| text_piece(vec![c])),
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            if let Some(i) = arg.downcast_ref::<PyInt>(py)
                && let IntValue::Small(v) = i.value()
            {
                return Ok(format_small_integer(*v, conv, flags, prec));
            }
            let v = int_operand(py, arg, conv)?;
            Ok(format_integer(&v, conv, flags, prec))
        }
        _ => {
            let v = float_operand(py, arg)?;
            Ok(format_float_piece(v, conv, flags, prec))
        }
    }
}

fn convert_char(py: Python<'_>, arg: &PyObject, mode: PercentMode) -> PyResult<u32> {
    match mode {
        PercentMode::Str => {
            if let Some(s) = arg.downcast_ref::<PyStr>(py) {
                return match (s.len(), s.code_point(0)) {
                    (1, Some(c)) => Ok(c),
                    _ => Err(PyErr::type_error("%c requires int or char")),
                };
            }
            let Some(i) = arg.downcast_ref::<PyInt>(py) else {
                return Err(PyErr::type_error("%c requires int or char"));
            };
            match i.as_i64().filter(|v| (0..0x11_0000).contains(v)) {
                Some(v) => Ok(v as u32),
                None => Err(PyErr::overflow_error("%c arg not in range(0x110000)")),
            }
        }
        PercentMode::Bytes => {
            let single = |d: &[u8]| match d {
                [b] => Some(u32::from(*b)),
                _ => None,
            };
            let from_buf = if let Some(b) = arg.downcast_ref::<PyBytes>(py) {
                Some(single(b.as_bytes()))
            } else {
                arg.downcast_ref::<PyByteArray>(py)
                    .map(|b| single(&b.to_vec()))
            };
            let err = || PyErr::type_error("%c requires an integer in range(256) or a single byte");
            if let Some(r) = from_buf {
                return r.ok_or_else(err);
            }
            let Some(i) = arg.downcast_ref::<PyInt>(py) else {
                return Err(err());
            };
            match i.as_i64().filter(|v| (0..256).contains(v)) {
                Some(v) => Ok(v as u32),
                None => Err(PyErr::overflow_error("%c arg not in range(256)")),
            }
        }
    }
}

/// The integer operand of `%d`-style conversions (`%d` also truncates floats).
fn int_operand(py: Python<'_>, arg: &PyObject, conv: char) -> PyResult<BigInt> {
    if let Some(i) = arg.downcast_ref::<PyInt>(py) {
        return Ok(i.to_bigint());
    }
    if matches!(conv, 'd' | 'i' | 'u')
        && let Some(f) = arg.downcast_ref::<PyFloat>(py)
    {
        return float_to_bigint(f.value());
    }
    let what = if matches!(conv, 'd' | 'i' | 'u') {
        "a real number"
    } else {
        "an integer"
    };
    Err(PyErr::type_error(format!(
        "%{conv} format: {what} is required, not {}",
        arg.ob_type().name()
    )))
}

/// `int(f)` for a float: truncation, with CPython's errors for inf and nan.
pub fn float_to_bigint(v: f64) -> PyResult<BigInt> {
    if v.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if v.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(num_traits::FromPrimitive::from_f64(v.trunc()).unwrap_or_else(BigInt::zero))
}

fn float_operand(py: Python<'_>, arg: &PyObject) -> PyResult<f64> {
    if let Some(f) = arg.downcast_ref::<PyFloat>(py) {
        return Ok(f.value());
    }
    if let Some(i) = arg.downcast_ref::<PyInt>(py) {
        return match i.value() {
            IntValue::Small(v) => Ok(*v as f64),
            IntValue::Big(b) => b
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| PyErr::overflow_error("int too large to convert to float")),
        };
    }
    Err(PyErr::type_error(format!(
        "must be real number, not {}",
        arg.ob_type().name()
    )))
}

/// [`format_integer`] for a machine-word value: digits written straight into the piece (no
/// `BigInt` or intermediate `String`), the same text.
fn format_small_integer(v: i64, conv: char, flags: u8, prec: isize) -> Piece {
    let (radix, upper) = match conv {
        'x' => (16, false),
        'X' => (16, true),
        'o' => (8, false),
        _ => (10, false),
    };
    let mut mag = v.unsigned_abs();
    let mut buf = [0u8; 64];
    let mut at = buf.len();
    loop {
        let d = (mag % radix) as u8;
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            *slot = match d {
                0..=9 => b'0' + d,
                _ if upper => b'A' + d - 10,
                _ => b'a' + d - 10,
            };
        }
        mag /= radix;
        if mag == 0 || at == 0 {
            break;
        }
    }
    let digits = buf.get(at..).unwrap_or_default();
    let zeros = if prec > 0 {
        (prec as usize).saturating_sub(digits.len())
    } else {
        0
    };
    let mut body = Vec::with_capacity(zeros + digits.len());
    body.extend(std::iter::repeat_n(0x30, zeros));
    body.extend(digits.iter().map(|&b| u32::from(b)));
    let prefix = alt_prefix(conv, flags);
    Piece {
        sign: sign_for(v < 0, flags),
        prefix: to_cps(prefix),
        body,
    }
}

/// The `#` flag's base prefix of `%x`/`%X`/`%o` (empty without the flag or for `%d`).
fn alt_prefix(conv: char, flags: u8) -> &'static str {
    if flags & F_ALT == 0 {
        return "";
    }
    match conv {
        'x' => "0x",
        'X' => "0X",
        'o' => "0o",
        _ => "",
    }
}

fn format_integer(v: &BigInt, conv: char, flags: u8, prec: isize) -> Piece {
    let mag = v.abs();
    let mut digits = match conv {
        'x' => mag.to_str_radix(16),
        'X' => mag.to_str_radix(16).to_uppercase(),
        'o' => mag.to_str_radix(8),
        _ => mag.to_str_radix(10),
    };
    if prec > 0 && (prec as usize) > digits.len() {
        digits = "0".repeat(prec as usize - digits.len()) + &digits;
    }
    let prefix = alt_prefix(conv, flags);
    Piece {
        sign: sign_for(v.is_negative(), flags),
        prefix: to_cps(prefix),
        body: to_cps(&digits),
    }
}

fn format_float_piece(v: f64, conv: char, flags: u8, prec: isize) -> Piece {
    let prec = if prec < 0 { 6 } else { prec as usize };
    let body = format_float_abs(v.abs(), conv, prec, flags & F_ALT != 0);
    Piece {
        sign: sign_for(v.is_sign_negative() && !v.is_nan(), flags),
        prefix: Vec::new(),
        body: to_cps(&body),
    }
}

/// `PyOS_double_to_string` for `%e %f %g` (and upper-case forms) of a non-negative value:
/// correctly rounded (half-even on the exact binary value), CPython's exponent format
/// (`e+05`), `#` keeps the decimal point and trailing zeros.
pub fn format_float_abs(v: f64, conv: char, prec: usize, alt: bool) -> String {
    let upper = conv.is_ascii_uppercase();
    if !v.is_finite() {
        let s = if v.is_nan() { "nan" } else { "inf" };
        return if upper {
            s.to_uppercase()
        } else {
            s.to_owned()
        };
    }
    let s = match conv.to_ascii_lowercase() {
        'e' => exp_format(v, prec, alt),
        'f' => {
            let mut s = format!("{v:.prec$}");
            if alt && prec == 0 {
                s.push('.');
            }
            s
        }
        _ => {
            let p = prec.max(1);
            let exp = if v == 0.0 {
                0
            } else {
                let e = format!("{v:.*e}", p - 1);
                e.split('e')
                    .nth(1)
                    .and_then(|x| x.parse::<i32>().ok())
                    .unwrap_or(0)
            };
            let mut s = if exp >= -4 && exp < p as i32 {
                let fprec = (p as i32 - 1 - exp).max(0) as usize;
                let mut s = format!("{v:.fprec$}");
                if alt && !s.contains('.') {
                    s.push('.');
                }
                s
            } else {
                exp_format(v, p - 1, alt)
            };
            if !alt {
                s = strip_trailing_zeros(&s);
            }
            s
        }
    };
    if upper { s.to_uppercase() } else { s }
}

fn exp_format(v: f64, prec: usize, alt: bool) -> String {
    let s = format!("{v:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut mant = mant.to_owned();
    if alt && !mant.contains('.') {
        mant.push('.');
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", exp.abs())
}

fn strip_trailing_zeros(s: &str) -> String {
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    format!("{mant}{exp}")
}

/// `bytes % args` result as a `bytes` object.
pub fn bytes_percent(py: Python<'_>, fmt: &[u8], args: &PyObject) -> PyResult<PyRef> {
    let out = bytes_percent_format(py, fmt, args)?;
    Ok(PyBytes::new(py, &out).into_object())
}
