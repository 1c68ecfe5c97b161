//! Methods shared by `bytes` and `bytearray` (`Objects/bytes_methods.c` and the stringlib
//! methods), plus `bytearray`'s mutators. ASCII-only character classes, as CPython.

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyPayload, PyRef};
use crate::objects::bytearray::PyByteArray;
use crate::objects::bytes::{PyBytes, buffer_bytes, byte_value};
use crate::objects::int::PyInt;
use crate::objects::list::PyList;
use crate::objects::str::PyStr;
use crate::objects::str_algo::{self as algo, PadKind};
use crate::objects::str_methods::{
    arg_ssize, collect_iterable, parse_kw, slice_index, varargs_pos,
};
use crate::objects::tuple::PyTuple;

/// Which type a method runs on (and returns).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }
}

fn data_of(py: Python<'_>, this: &PyObject) -> Vec<u8> {
    buffer_bytes(py, this).unwrap_or_default()
}

fn make(py: Python<'_>, kind: Kind, data: &[u8]) -> PyResult<PyRef> {
    match kind {
        Kind::Bytes => Ok(PyBytes::new(py, data).into_object()),
        Kind::ByteArray => Ok(PyByteArray::new(py, data)?.into_object()),
    }
}

/// The result when nothing changed: an exact `bytes` returns itself, anything else a copy.
fn unchanged(py: Python<'_>, kind: Kind, this: &PyObject) -> PyResult<PyRef> {
    if kind == Kind::Bytes && PyBytes::is_exact_type_of(py, this) {
        return Ok(this.to_owned_ref());
    }
    make(py, kind, &data_of(py, this))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

fn bytes_like(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<u8>> {
    buffer_bytes(py, obj).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            obj.ob_type().name()
        ))
    })
}

/// The `sub` argument of find/count/index: bytes-like or an int byte value.
fn sub_arg(py: Python<'_>, obj: &PyObject) -> PyResult<Vec<u8>> {
    if let Some(d) = buffer_bytes(py, obj) {
        return Ok(d);
    }
    if obj.downcast_ref::<PyInt>(py).is_some() {
        return Ok(vec![byte_value(py, obj, "byte must be in range(0, 256)")?]);
    }
    Err(PyErr::type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        obj.ob_type().name()
    )))
}

fn int_result(py: Python<'_>, v: isize) -> PyRef {
    PyInt::new(py, v as i64).into_object()
}

fn find_common(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    let pos = varargs_pos(&args, name, 1, 3)?;
    let sub = sub_arg(py, &pos[0])?;
    let start = slice_index(py, pos.get(1))?;
    let end = slice_index(py, pos.get(2))?;
    let d = data_of(py, this);
    let (s, e) = algo::adjust_indices(start, end, d.len());
    Ok(if right {
        algo::rfind(&d, &sub, s, e)
    } else {
        algo::find(&d, &sub, s, e)
    })
}

fn m_find(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    let r = find_common(py, this, args, "find", false)?;
    Ok(int_result(py, r.map_or(-1, |i| i as isize)))
}

fn m_rfind(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    let r = find_common(py, this, args, "rfind", true)?;
    Ok(int_result(py, r.map_or(-1, |i| i as isize)))
}

fn m_index(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    match find_common(py, this, args, "index", false)? {
        Some(i) => Ok(int_result(py, i as isize)),
        None => Err(PyErr::value_error("subsection not found")),
    }
}

fn m_rindex(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    match find_common(py, this, args, "rindex", true)? {
        Some(i) => Ok(int_result(py, i as isize)),
        None => Err(PyErr::value_error("subsection not found")),
    }
}

fn m_count(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    let pos = varargs_pos(&args, "count", 1, 3)?;
    let sub = sub_arg(py, &pos[0])?;
    let start = slice_index(py, pos.get(1))?;
    let end = slice_index(py, pos.get(2))?;
    let d = data_of(py, this);
    let (s, e) = algo::adjust_indices(start, end, d.len());
    Ok(int_result(py, algo::count(&d, &sub, s, e) as isize))
}

fn xswith(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    at_end: bool,
) -> PyResult<PyRef> {
    let pos = varargs_pos(&args, name, 1, 3)?;
    let start = slice_index(py, pos.get(1))?;
    let end = slice_index(py, pos.get(2))?;
    let d = data_of(py, this);
    if let Some(t) = pos[0].downcast_ref::<PyTuple>(py) {
        for item in t.as_slice() {
            let Some(sub) = buffer_bytes(py, item) else {
                return Err(PyErr::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    item.ob_type().name()
                )));
            };
            if algo::tailmatch(&d, &sub, start, end, at_end) {
                return Ok(py.true_().into_object());
            }
        }
        return Ok(py.false_().into_object());
    }
    let Some(sub) = buffer_bytes(py, &pos[0]) else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            pos[0].ob_type().name()
        )));
    };
    Ok(py
        .bool(algo::tailmatch(&d, &sub, start, end, at_end))
        .into_object())
}

fn m_startswith(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    xswith(py, this, args, "startswith", false)
}

fn m_endswith(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    xswith(py, this, args, "endswith", true)
}

fn map_bytes(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    f: impl Fn(&[u8]) -> Vec<u8>,
) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.{name}", k.name()), 0, 0)?;
    make(py, k, &f(&data_of(py, this)))
}

fn m_lower(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    map_bytes(py, this, args, k, "lower", |d| d.to_ascii_lowercase())
}

fn m_upper(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    map_bytes(py, this, args, k, "upper", |d| d.to_ascii_uppercase())
}

fn m_swapcase(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    map_bytes(py, this, args, k, "swapcase", |d| {
        d.iter()
            .map(|&b| {
                if b.is_ascii_uppercase() {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                }
            })
            .collect()
    })
}

fn m_capitalize(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    map_bytes(py, this, args, k, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, &b)| {
                if i == 0 {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn m_title(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    map_bytes(py, this, args, k, "title", |d| {
        let mut prev_cased = false;
        d.iter()
            .map(|&b| {
                let out = if prev_cased {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                };
                prev_cased = b.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

fn pred(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    f: impl Fn(u8) -> bool,
) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.{name}", k.name()), 0, 0)?;
    let d = data_of(py, this);
    Ok(py
        .bool(!d.is_empty() && d.iter().all(|&b| f(b)))
        .into_object())
}

fn m_isalnum(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pred(py, this, args, k, "isalnum", |b| b.is_ascii_alphanumeric())
}

fn m_isalpha(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pred(py, this, args, k, "isalpha", |b| b.is_ascii_alphabetic())
}

fn m_isdigit(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pred(py, this, args, k, "isdigit", |b| b.is_ascii_digit())
}

fn m_isspace(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pred(py, this, args, k, "isspace", is_space)
}

fn m_isascii(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.isascii", k.name()), 0, 0)?;
    Ok(py.bool(data_of(py, this).is_ascii()).into_object())
}

fn m_islower(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.islower", k.name()), 0, 0)?;
    let d = data_of(py, this);
    let r = d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase);
    Ok(py.bool(r).into_object())
}

fn m_isupper(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.isupper", k.name()), 0, 0)?;
    let d = data_of(py, this);
    let r = d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase);
    Ok(py.bool(r).into_object())
}

fn m_istitle(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.istitle", k.name()), 0, 0)?;
    let mut cased = false;
    let mut prev = false;
    for b in data_of(py, this) {
        if b.is_ascii_uppercase() {
            if prev {
                return Ok(py.false_().into_object());
            }
            prev = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev {
                return Ok(py.false_().into_object());
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    Ok(py.bool(cased).into_object())
}

fn pad(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    kind: PadKind,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(name, 1, 2)?;
    let width = arg_ssize(py, &pos[0])?;
    algo::check_result_size(width.max(0) as usize, 1)?;
    let fill = match pos.get(1) {
        None => b' ',
        Some(f) => match buffer_bytes(py, f) {
            Some(d) if d.len() == 1 => d[0],
            Some(_) => {
                return Err(PyErr::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    f.ob_type().name()
                )));
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    f.ob_type().name()
                )));
            }
        },
    };
    let d = data_of(py, this);
    if width <= d.len() as isize {
        return unchanged(py, k, this);
    }
    let (l, r) = algo::pad_counts(d.len(), width as usize, kind);
    let mut out = vec![fill; l];
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, r));
    make(py, k, &out)
}

fn m_center(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pad(py, this, args, k, "center", PadKind::Center)
}

fn m_ljust(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pad(py, this, args, k, "ljust", PadKind::Left)
}

fn m_rjust(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    pad(py, this, args, k, "rjust", PadKind::Right)
}

fn m_zfill(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.zfill", k.name()), 1, 1)?;
    let width = arg_ssize(py, &pos[0])?;
    algo::check_result_size(width.max(0) as usize, 1)?;
    let d = data_of(py, this);
    if width <= d.len() as isize {
        return unchanged(py, k, this);
    }
    make(py, k, &algo::zfill(&d, width as usize, b'0'))
}

fn strip(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(name, 0, 1)?;
    let d = data_of(py, this);
    let (i, j) = match pos.first().filter(|o| !py.is_none(o)) {
        None => algo::strip_bounds(&d, is_space, left, right),
        Some(o) => {
            let set = bytes_like(py, o)?;
            algo::strip_bounds(&d, |b| set.contains(&b), left, right)
        }
    };
    if i == 0 && j == d.len() {
        return unchanged(py, k, this);
    }
    make(py, k, &d[i..j])
}

fn m_strip(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    strip(py, this, args, k, "strip", true, true)
}

fn m_lstrip(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    strip(py, this, args, k, "lstrip", true, false)
}

fn m_rstrip(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    strip(py, this, args, k, "rstrip", false, true)
}

fn list_of(py: Python<'_>, k: Kind, parts: Vec<&[u8]>) -> PyResult<PyRef> {
    let items = parts
        .into_iter()
        .map(|p| make(py, k, p))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::from_vec(py, items)?.into_object())
}

fn split(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    right: bool,
) -> PyResult<PyRef> {
    let [sep, maxsplit] = parse_kw(&args, name, ["sep", "maxsplit"], 0)?;
    let m = match maxsplit {
        Some(v) => arg_ssize(py, v)?,
        None => -1,
    };
    let m = if m < 0 { usize::MAX } else { m as usize };
    let d = data_of(py, this);
    let parts = match sep.filter(|s| !py.is_none(s)) {
        None => {
            if right {
                algo::rsplit_whitespace(&d, is_space, m)
            } else {
                algo::split_whitespace(&d, is_space, m)
            }
        }
        Some(s) => {
            let sep = bytes_like(py, s)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            if right {
                algo::rsplit_sep(&d, &sep, m)
            } else {
                algo::split_sep(&d, &sep, m)
            }
        }
    };
    // An unsplit exact bytes is returned as itself inside the list.
    if k == Kind::Bytes
        && parts.len() == 1
        && parts[0].len() == d.len()
        && PyBytes::is_exact_type_of(py, this)
    {
        return Ok(PyList::from_vec(py, vec![this.to_owned_ref()])?.into_object());
    }
    list_of(py, k, parts)
}

fn m_split(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    split(py, this, args, k, "split", false)
}

fn m_rsplit(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    split(py, this, args, k, "rsplit", true)
}

fn m_splitlines(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let [keepends] = parse_kw(&args, "splitlines", ["keepends"], 0)?;
    let keep = match keepends {
        Some(v) => arg_ssize(py, v)? != 0,
        None => false,
    };
    let d = data_of(py, this);
    let parts = algo::splitlines(&d, keep, |c| c == 10 || c == 13);
    list_of(py, k, parts)
}

fn partition(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    k: Kind,
    name: &str,
    right: bool,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.{name}", k.name()), 1, 1)?;
    let sep = bytes_like(py, &pos[0])?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let d = data_of(py, this);
    let empty = || make(py, k, b"");
    let items = match algo::partition(&d, &sep, right) {
        Some((a, b)) => {
            let sep_obj = if k == Kind::Bytes && PyBytes::is_exact_type_of(py, &pos[0]) {
                pos[0].clone()
            } else {
                make(py, k, &sep)?
            };
            [make(py, k, a)?, sep_obj, make(py, k, b)?]
        }
        None if right => [empty()?, empty()?, unchanged(py, k, this)?],
        None => [unchanged(py, k, this)?, empty()?, empty()?],
    };
    Ok(PyTuple::from_array(py, items).into_object())
}

fn m_partition(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    partition(py, this, args, k, "partition", false)
}

fn m_rpartition(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    partition(py, this, args, k, "rpartition", true)
}

fn m_join(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.join", k.name()), 1, 1)?;
    let items = collect_iterable(py, &pos[0], || {
        PyErr::type_error("can only join an iterable")
    })?;
    if k == Kind::Bytes && items.len() == 1 && PyBytes::is_exact_type_of(py, &items[0]) {
        return Ok(items[0].clone());
    }
    let sep = data_of(py, this);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(d) = buffer_bytes(py, item) else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                item.ob_type().name()
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&d);
    }
    make(py, k, &out)
}

fn m_replace(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos("replace", 2, 3)?;
    let old = bytes_like(py, &pos[0])?;
    let new = bytes_like(py, &pos[1])?;
    let count = match pos.get(2) {
        Some(c) => arg_ssize(py, c)?,
        None => -1,
    };
    let count = if count < 0 {
        None
    } else {
        Some(count as usize)
    };
    let d = data_of(py, this);
    match algo::replace(&d, &old, &new, count) {
        Some(v) => make(py, k, &v),
        None => unchanged(py, k, this),
    }
}

fn m_removeprefix(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.removeprefix", k.name()), 1, 1)?;
    let p = bytes_like(py, &pos[0])?;
    let d = data_of(py, this);
    if !p.is_empty() && d.starts_with(&p) {
        return make(py, k, &d[p.len()..]);
    }
    unchanged(py, k, this)
}

fn m_removesuffix(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.removesuffix", k.name()), 1, 1)?;
    let p = bytes_like(py, &pos[0])?;
    let d = data_of(py, this);
    if !p.is_empty() && d.ends_with(&p) {
        return make(py, k, &d[..d.len() - p.len()]);
    }
    unchanged(py, k, this)
}

fn m_expandtabs(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let [ts] = parse_kw(&args, "expandtabs", ["tabsize"], 0)?;
    let tabsize = match ts {
        Some(t) => crate::objects::str_methods::arg_c_int(py, t)?,
        None => 8,
    };
    let d = data_of(py, this);
    make(
        py,
        k,
        &algo::expandtabs(&d, tabsize, b' ', |c| c == 10 || c == 13),
    )
}

fn m_decode(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    crate::objects::str_codecs::decode_method(py, &data_of(py, this), args)
}

fn m_hex(py: Python<'_>, this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    let [sep, per] = parse_kw(&args, "hex", ["sep", "bytes_per_sep"], 0)?;
    let d = data_of(py, this);
    let sep_char = match sep {
        None => None,
        Some(s) => {
            let cps: Vec<u32> = if let Some(st) = s.downcast_ref::<PyStr>(py) {
                st.to_cps()
            } else if let Some(b) = buffer_bytes(py, s) {
                b.into_iter().map(u32::from).collect()
            } else {
                return Err(PyErr::type_error(format!(
                    "object of type '{}' has no len()",
                    s.ob_type().name()
                )));
            };
            match cps.as_slice() {
                [c] if *c < 128 => Some(char::from(*c as u8)),
                [_] => return Err(PyErr::value_error("sep must be ASCII.")),
                _ => return Err(PyErr::value_error("sep must be length 1.")),
            }
        }
    };
    let per = match per {
        Some(p) => arg_ssize(py, p)?,
        None => 1,
    };
    let mut out = String::with_capacity(d.len() * 3);
    let group = per.unsigned_abs().max(1);
    for (i, b) in d.iter().enumerate() {
        if let Some(sc) = sep_char
            && i > 0
            && per != 0
        {
            // Groups are counted from the right for a positive `bytes_per_sep`.
            let boundary = if per > 0 {
                (d.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(sc);
            }
        }
        out.push_str(&format!("{b:02x}"));
    }
    Ok(PyStr::new(py, &out).into_object())
}

fn m_translate(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let [table, delete] = parse_kw(&args, "translate", ["table", "delete"], 1)?;
    let table = match table.filter(|t| !py.is_none(t)) {
        None => None,
        Some(t) => {
            let d = bytes_like(py, t)?;
            if d.len() != 256 {
                return Err(PyErr::value_error(
                    "translation table must be 256 characters long",
                ));
            }
            Some(d)
        }
    };
    let delete = match delete {
        Some(d) => bytes_like(py, d)?,
        None => Vec::new(),
    };
    let d = data_of(py, this);
    let out: Vec<u8> = d
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[usize::from(b)]))
        .collect();
    if table.is_none() && delete.is_empty() {
        return unchanged(py, k, this);
    }
    make(py, k, &out)
}

fn m_sizeof(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.__sizeof__", k.name()), 0, 0)?;
    Ok(int_result(
        py,
        this.ob_type().instance_sizeof(this) as isize,
    ))
}

fn m_fromhex(py: Python<'_>, _this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("{}.fromhex", k.name()), 1, 1)?;
    let Some(s) = pos[0].downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            pos[0].ob_type().name()
        )));
    };
    make(py, k, &crate::objects::bytes::bytes_fromhex(s)?)
}

/// `bytes.maketrans(frm, to)` / `bytearray.maketrans` (a static method in CPython; `this` is
/// ignored): always returns `bytes`.
fn m_maketrans(py: Python<'_>, _this: &PyObject, args: Args<'_>, _k: Kind) -> PyResult<PyRef> {
    let pos = args.exact_pos("maketrans", 2, 2)?;
    let frm = bytes_like(py, &pos[0])?;
    let to = bytes_like(py, &pos[1])?;
    if frm.len() != to.len() {
        return Err(PyErr::value_error(
            "maketrans arguments must have same length",
        ));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in frm.into_iter().zip(to) {
        table[usize::from(f)] = t;
    }
    Ok(PyBytes::new(py, &table).into_object())
}

fn m_getnewargs(py: Python<'_>, this: &PyObject, args: Args<'_>, k: Kind) -> PyResult<PyRef> {
    args.exact_pos(&format!("{}.__getnewargs__", k.name()), 0, 0)?;
    let copy = PyBytes::new(py, &data_of(py, this)).into_object();
    Ok(PyTuple::from_array(py, [copy]).into_object())
}

// ---------------------------------------------------------------------------------------------
// bytearray mutators.

fn ba(this: &PyObject) -> &PyByteArray {
    // SAFETY: bytearray methods are only bound to bytearray instances.
    unsafe { &*(this as *const PyObject as *const PyByteArray) }
}

fn ba_append(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("bytearray.append", 1, 1)?;
    let v = byte_value(py, &pos[0], "byte must be in range(0, 256)")?;
    ba(this).push(v)?;
    Ok(py.none())
}

fn ba_extend(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("bytearray.extend", 1, 1)?;
    let data = match buffer_bytes(py, &pos[0]) {
        Some(d) => d,
        None => {
            if pos[0].downcast_ref::<PyStr>(py).is_some() {
                return Err(PyErr::type_error(
                    "expected iterable of integers; got: 'str'",
                ));
            }
            let items = collect_iterable(py, &pos[0], || {
                PyErr::type_error(format!(
                    "can't extend bytearray with {}",
                    pos[0].ob_type().name()
                ))
            })?;
            items
                .iter()
                .map(|i| byte_value(py, i, "byte must be in range(0, 256)"))
                .collect::<PyResult<Vec<u8>>>()?
        }
    };
    ba(this).extend_from_slice(&data)?;
    Ok(py.none())
}

fn ba_pop(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("pop", 0, 1)?;
    let b = ba(this);
    let n = b.len();
    if n == 0 {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let i = match pos.first() {
        Some(v) => arg_ssize(py, v)?,
        None => -1,
    };
    let i = if i < 0 { i + n as isize } else { i };
    if i < 0 || i >= n as isize {
        return Err(PyErr::index_error("pop index out of range"));
    }
    let v = b.remove_at(i as usize)?;
    Ok(PyInt::new(py, i64::from(v)).into_object())
}

fn ba_insert(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("insert", 2, 2)?;
    let b = ba(this);
    let n = b.len() as isize;
    let i = arg_ssize(py, &pos[0])?;
    let v = byte_value(py, &pos[1], "byte must be in range(0, 256)")?;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    b.insert(i as usize, v)?;
    Ok(py.none())
}

fn ba_remove(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("bytearray.remove", 1, 1)?;
    let v = byte_value(py, &pos[0], "byte must be in range(0, 256)")?;
    let b = ba(this);
    match b.to_vec().iter().position(|&x| x == v) {
        Some(i) => {
            b.remove_at(i)?;
            Ok(py.none())
        }
        None => Err(PyErr::value_error("value not found in bytearray")),
    }
}

fn ba_reverse(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bytearray.reverse", 0, 0)?;
    let b = ba(this);
    let mut d = b.to_vec();
    d.reverse();
    for (i, v) in d.into_iter().enumerate() {
        b.set(i, v);
    }
    Ok(py.none())
}

fn ba_clear(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bytearray.clear", 0, 0)?;
    ba(this).resize(0)?;
    Ok(py.none())
}

fn ba_copy(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bytearray.copy", 0, 0)?;
    Ok(PyByteArray::new(py, &ba(this).to_vec())?.into_object())
}

fn ba_alloc(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("bytearray.__alloc__", 0, 0)?;
    Ok(int_result(py, ba(this).allocated() as isize))
}

macro_rules! shared_methods {
    ($table:ident, $kind:expr, [$($extra:expr),* $(,)?], $($name:literal => $f:ident),* $(,)?) => {
        /// The method table.
        pub static $table: &[MethodDef] = &[
            $(MethodDef::new($name, {
                fn w(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
                    $f(py, this, args, $kind)
                }
                w
            }),)*
            $($extra,)*
        ];
    };
}

shared_methods!(BYTES_METHODS, Kind::Bytes, [],
    "capitalize" => m_capitalize, "center" => m_center, "count" => m_count,
    "decode" => m_decode, "endswith" => m_endswith, "expandtabs" => m_expandtabs,
    "find" => m_find, "fromhex" => m_fromhex, "hex" => m_hex, "index" => m_index,
    "isalnum" => m_isalnum, "isalpha" => m_isalpha, "isascii" => m_isascii,
    "isdigit" => m_isdigit, "islower" => m_islower, "isspace" => m_isspace,
    "istitle" => m_istitle, "isupper" => m_isupper, "join" => m_join, "ljust" => m_ljust,
    "lower" => m_lower, "lstrip" => m_lstrip, "partition" => m_partition,
    "removeprefix" => m_removeprefix, "removesuffix" => m_removesuffix,
    "replace" => m_replace, "rfind" => m_rfind, "rindex" => m_rindex, "rjust" => m_rjust,
    "rpartition" => m_rpartition, "rsplit" => m_rsplit, "rstrip" => m_rstrip,
    "split" => m_split, "splitlines" => m_splitlines, "startswith" => m_startswith,
    "strip" => m_strip, "swapcase" => m_swapcase, "title" => m_title,
    "translate" => m_translate, "upper" => m_upper, "zfill" => m_zfill,
    "__sizeof__" => m_sizeof, "maketrans" => m_maketrans, "__getnewargs__" => m_getnewargs,
);

shared_methods!(BYTEARRAY_METHODS, Kind::ByteArray, [
        MethodDef::new("append", ba_append),
        MethodDef::new("extend", ba_extend),
        MethodDef::new("pop", ba_pop),
        MethodDef::new("insert", ba_insert),
        MethodDef::new("remove", ba_remove),
        MethodDef::new("reverse", ba_reverse),
        MethodDef::new("clear", ba_clear),
        MethodDef::new("copy", ba_copy),
        MethodDef::new("__alloc__", ba_alloc),
    ],
    "capitalize" => m_capitalize, "center" => m_center, "count" => m_count,
    "decode" => m_decode, "endswith" => m_endswith, "expandtabs" => m_expandtabs,
    "find" => m_find, "fromhex" => m_fromhex, "hex" => m_hex, "index" => m_index,
    "isalnum" => m_isalnum, "isalpha" => m_isalpha, "isascii" => m_isascii,
    "isdigit" => m_isdigit, "islower" => m_islower, "isspace" => m_isspace,
    "istitle" => m_istitle, "isupper" => m_isupper, "join" => m_join, "ljust" => m_ljust,
    "lower" => m_lower, "lstrip" => m_lstrip, "partition" => m_partition,
    "removeprefix" => m_removeprefix, "removesuffix" => m_removesuffix,
    "replace" => m_replace, "rfind" => m_rfind, "rindex" => m_rindex, "rjust" => m_rjust,
    "rpartition" => m_rpartition, "rsplit" => m_rsplit, "rstrip" => m_rstrip,
    "split" => m_split, "splitlines" => m_splitlines, "startswith" => m_startswith,
    "strip" => m_strip, "swapcase" => m_swapcase, "title" => m_title,
    "translate" => m_translate, "upper" => m_upper, "zfill" => m_zfill,
    "__sizeof__" => m_sizeof, "maketrans" => m_maketrans,
);
