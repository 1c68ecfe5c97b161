//! The built-in codecs `utf-8`, `latin-1` and `ascii` (`str.encode`, `bytes.decode`) with the
//! error handlers `strict`, `ignore`, `replace` and `backslashreplace`, and CPython's
//! `UnicodeEncodeError`/`UnicodeDecodeError` messages.

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, PyObject, PyRef};
use crate::objects::bytes::PyBytes;
use crate::objects::str::PyStr;
use crate::objects::str_methods::{parse_kw, this_str};

/// A built-in codec.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// ISO-8859-1.
    Latin1,
    /// US-ASCII.
    Ascii,
}

impl Codec {
    /// Look up an encoding name as `codecs.lookup` normalises it; `LookupError: unknown
    /// encoding: X` otherwise.
    pub fn lookup(name: &str) -> PyResult<Codec> {
        let norm: String = name
            .trim()
            .chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
                Ok(Codec::Utf8)
            }
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "iso_ir_100" => Ok(Codec::Latin1),
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" => {
                Ok(Codec::Ascii)
            }
            _ => Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown encoding: {name}"),
            )),
        }
    }

    /// The canonical name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
        }
    }
}

/// An error handler.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorHandler {
    /// Raise.
    Strict,
    /// Drop the bad input.
    Ignore,
    /// `?` when encoding, U+FFFD when decoding.
    Replace,
    /// `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
    BackslashReplace,
    /// `&#NNNN;` (encoding only).
    XmlCharRefReplace,
}

impl ErrorHandler {
    /// Look up an error handler name; `LookupError: unknown error handler name 'X'` otherwise.
    pub fn lookup(name: &str) -> PyResult<ErrorHandler> {
        match name {
            "strict" => Ok(ErrorHandler::Strict),
            "ignore" => Ok(ErrorHandler::Ignore),
            "replace" => Ok(ErrorHandler::Replace),
            "backslashreplace" => Ok(ErrorHandler::BackslashReplace),
            "xmlcharrefreplace" => Ok(ErrorHandler::XmlCharRefReplace),
            _ => Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown error handler name '{name}'"),
            )),
        }
    }
}

fn char_escape(c: u32) -> String {
    if c <= 0xFF {
        format!("\\x{c:02x}")
    } else if c <= 0xFFFF {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

/// Encode code points. The error message follows `UnicodeEncodeError.__str__`. The error
/// handler is looked up only when an unencodable character is met (as CPython does).
pub fn encode(cps: &[u32], codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let limit = match codec {
        Codec::Utf8 => 0x11_0000,
        Codec::Latin1 => 0x100,
        Codec::Ascii => 0x80,
    };
    let bad = |c: u32| match codec {
        Codec::Utf8 => (0xD800..=0xDFFF).contains(&c),
        _ => c >= limit,
    };
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if !bad(c) {
            match codec {
                Codec::Utf8 => {
                    let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(c as u8),
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < cps.len() && bad(cps[j]) {
            j += 1;
        }
        match ErrorHandler::lookup(errors)? {
            ErrorHandler::Strict => {
                let reason = match codec {
                    Codec::Utf8 => "surrogates not allowed".to_owned(),
                    _ => format!("ordinal not in range({limit})"),
                };
                let msg = if j - i == 1 {
                    format!(
                        "'{}' codec can't encode character '{}' in position {i}: {reason}",
                        codec.name(),
                        char_escape(c)
                    )
                } else {
                    format!(
                        "'{}' codec can't encode characters in position {i}-{}: {reason}",
                        codec.name(),
                        j - 1
                    )
                };
                let text: Option<String> = cps.iter().map(|&c| char::from_u32(c)).collect();
                if let Some(text) = text {
                    // SAFETY: codecs run on threads holding the GIL.
                    let py = unsafe { crate::gil::Python::assume_gil_acquired() };
                    return Err(crate::objects::exception_attrs::unicode_error(
                        ExcKind::UnicodeEncodeError,
                        codec.name(),
                        PyStr::new(py, &text).into_object(),
                        i,
                        j,
                        &reason,
                    ));
                }
                return Err(PyErr::new(ExcKind::UnicodeEncodeError, msg));
            }
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => out.extend(std::iter::repeat_n(b'?', j - i)),
            ErrorHandler::BackslashReplace => {
                for &c in &cps[i..j] {
                    out.extend_from_slice(char_escape(c).as_bytes());
                }
            }
            ErrorHandler::XmlCharRefReplace => {
                for &c in &cps[i..j] {
                    out.extend_from_slice(format!("&#{c};").as_bytes());
                }
            }
        }
        i = j;
    }
    Ok(out)
}

fn decode_error(codec: Codec, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let msg = if end - start == 1 {
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            codec.name(),
            data.get(start).copied().unwrap_or(0)
        )
    } else {
        format!(
            "'{}' codec can't decode bytes in position {start}-{}: {reason}",
            codec.name(),
            end - 1
        )
    };
    let _ = msg;
    // SAFETY: codecs run on threads holding the GIL.
    let py = unsafe { crate::gil::Python::assume_gil_acquired() };
    crate::objects::exception_attrs::unicode_error(
        ExcKind::UnicodeDecodeError,
        codec.name(),
        crate::objects::bytes::PyBytes::new(py, data).into_object(),
        start,
        end,
        reason,
    )
}

/// Decode bytes to code points; the error handler is looked up at the first error.
pub fn decode(data: &[u8], codec: Codec, errors: &str) -> PyResult<Vec<u32>> {
    let mut out = Vec::with_capacity(data.len());
    match codec {
        Codec::Latin1 => out.extend(data.iter().map(|&b| u32::from(b))),
        Codec::Ascii => {
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(u32::from(b));
                    continue;
                }
                match ErrorHandler::lookup(errors)? {
                    ErrorHandler::Strict | ErrorHandler::XmlCharRefReplace => {
                        return Err(decode_error(
                            codec,
                            data,
                            i,
                            i + 1,
                            "ordinal not in range(128)",
                        ));
                    }
                    ErrorHandler::Ignore => {}
                    ErrorHandler::Replace => out.push(0xFFFD),
                    ErrorHandler::BackslashReplace => {
                        out.extend(format!("\\x{b:02x}").chars().map(u32::from))
                    }
                }
            }
        }
        Codec::Utf8 => {
            let mut rest = data;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.extend(s.chars().map(u32::from));
                        break;
                    }
                    Err(e) => {
                        let valid = e.valid_up_to();
                        if let Ok(s) = std::str::from_utf8(&rest[..valid]) {
                            out.extend(s.chars().map(u32::from));
                        }
                        let bad_start = offset + valid;
                        let first = rest.get(valid).copied().unwrap_or(0);
                        let (len, reason) = match e.error_len() {
                            None => (rest.len() - valid, "unexpected end of data"),
                            Some(_) if (0x80..0xC2).contains(&first) || first >= 0xF5 => {
                                (1, "invalid start byte")
                            }
                            Some(n) => (n, "invalid continuation byte"),
                        };
                        let err_end = bad_start + len;
                        match ErrorHandler::lookup(errors)? {
                            ErrorHandler::Strict | ErrorHandler::XmlCharRefReplace => {
                                return Err(decode_error(codec, data, bad_start, err_end, reason));
                            }
                            ErrorHandler::Ignore => {}
                            ErrorHandler::Replace => out.push(0xFFFD),
                            ErrorHandler::BackslashReplace => {
                                for &b in &rest[valid..valid + len] {
                                    out.extend(format!("\\x{b:02x}").chars().map(u32::from));
                                }
                            }
                        }
                        rest = &rest[valid + len..];
                        offset = bad_start + len;
                    }
                }
            }
        }
    }
    Ok(out)
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub(crate) fn str_encode(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [enc, errs] = parse_kw(&args, "encode", ["encoding", "errors"], 0)?;
    let codec = codec_arg(py, enc.map(|v| &**v), "encode")?;
    let handler = errors_arg(py, errs.map(|v| &**v), "encode")?;
    let data = encode(&this_str(this).to_cps(), codec, &handler)?;
    Ok(PyBytes::new(py, &data).into_object())
}

/// The `encoding` argument: a `str` naming a built-in codec (default UTF-8).
pub(crate) fn codec_arg(py: Python<'_>, v: Option<&PyObject>, fname: &str) -> PyResult<Codec> {
    match v {
        None => Ok(Codec::Utf8),
        Some(v) => match v.downcast_ref::<PyStr>(py) {
            Some(s) => Codec::lookup(&s.to_string_lossy()),
            None => Err(PyErr::type_error(format!(
                "{fname}() argument 'encoding' must be str, not {}",
                v.ob_type().name()
            ))),
        },
    }
}

/// The `errors` argument (default `strict`), as text: looked up only when needed.
pub(crate) fn errors_arg(py: Python<'_>, v: Option<&PyObject>, fname: &str) -> PyResult<String> {
    match v {
        None => Ok(String::from("strict")),
        Some(v) => match v.downcast_ref::<PyStr>(py) {
            Some(s) => Ok(s.to_string_lossy()),
            None => Err(PyErr::type_error(format!(
                "{fname}() argument 'errors' must be str, not {}",
                v.ob_type().name()
            ))),
        },
    }
}

/// `bytes.decode`/`bytearray.decode` on raw data.
pub(crate) fn decode_method(py: Python<'_>, data: &[u8], args: Args<'_>) -> PyResult<PyRef> {
    let [enc, errs] = parse_kw(&args, "decode", ["encoding", "errors"], 0)?;
    let codec = codec_arg(py, enc.map(|v| &**v), "decode")?;
    let handler = errors_arg(py, errs.map(|v| &**v), "decode")?;
    let cps = decode(data, codec, &handler)?;
    Ok(PyStr::from_cps(py, &cps).into_object())
}

/// `str(obj)` / `str(obj, encoding[, errors])` (`unicode_new`): without an encoding this is
/// `PyObject_Str`; with one, `obj` must be bytes-like and is decoded.
pub fn str_from_object(
    py: Python<'_>,
    obj: &PyObject,
    encoding: Option<&PyObject>,
    errors: Option<&PyObject>,
) -> PyResult<PyRef<PyStr>> {
    if encoding.is_none() && errors.is_none() {
        return crate::object::protocol::str_(py, obj);
    }
    let codec = codec_arg(py, encoding, "str")?;
    let handler = errors_arg(py, errors, "str")?;
    if obj.downcast_ref::<PyStr>(py).is_some() {
        return Err(PyErr::type_error("decoding str is not supported"));
    }
    let Some(data) = crate::objects::bytes::buffer_bytes(py, obj) else {
        return Err(PyErr::type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            obj.ob_type().name()
        )));
    };
    let cps = decode(&data, codec, &handler)?;
    Ok(PyStr::from_cps(py, &cps))
}
