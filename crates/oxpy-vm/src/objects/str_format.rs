//! `str.format`, `str.format_map` (`Objects/stringlib/unicode_format.h`) and the format-spec
//! mini language for strings (`Python/formatter_unicode.c`).

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::protocol;
use crate::object::{Args, PyObject, PyPayload, PyRef};
use crate::objects::int::PyInt;
use crate::objects::str::PyStr;
use crate::objects::str_methods::this_str;
use crate::objects::tuple::PyTuple;

/// A parsed standard format specifier (`InternalFormatSpec`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character (default space).
    pub fill: u32,
    /// `<`, `>`, `^`, `=` or `None` for the type's default.
    pub align: Option<u32>,
    /// `+`, `-`, ` ` or `None`.
    pub sign: Option<u32>,
    /// `z` (negative zero coercion).
    pub no_neg_0: bool,
    /// `#`.
    pub alternate: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub thousands: Option<u32>,
    /// `.precision`.
    pub precision: Option<usize>,
    /// Presentation type (`None` = the default).
    pub ty: Option<u32>,
}

fn is_align(c: u32) -> bool {
    matches!(char::from_u32(c), Some('<' | '>' | '=' | '^'))
}

fn get_integer(spec: &[u32], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut v: usize = 0;
    while let Some(&c) = spec.get(*pos) {
        let Some(d) = char::from_u32(c).and_then(|ch| ch.to_digit(10)) else {
            break;
        };
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(v))
}

impl FormatSpec {
    /// `parse_internal_render_format_spec`. `default_type` names the type in grouping errors
    /// (`'s'` for strings), `default_align` is `'<'` for strings and `'>'` for numbers (a
    /// leading `0` then means `=` alignment); `type_name` is the object's type for the "Invalid format specifier"
    /// message.
    pub fn parse(
        spec: &[u32],
        default_type: char,
        default_align: char,
        type_name: &str,
    ) -> PyResult<FormatSpec> {
        let mut f = FormatSpec {
            fill: 0x20,
            align: None,
            sign: None,
            no_neg_0: false,
            alternate: false,
            width: None,
            thousands: None,
            precision: None,
            ty: None,
        };
        let end = spec.len();
        let mut pos = 0;
        let mut fill_given = false;
        let mut align_given = false;
        if end - pos >= 2 && is_align(spec[pos + 1]) {
            f.align = Some(spec[pos + 1]);
            f.fill = spec[pos];
            fill_given = true;
            align_given = true;
            pos += 2;
        } else if end - pos >= 1 && is_align(spec[pos]) {
            f.align = Some(spec[pos]);
            align_given = true;
            pos += 1;
        }
        if pos < end && matches!(char::from_u32(spec[pos]), Some('+' | '-' | ' ')) {
            f.sign = Some(spec[pos]);
            pos += 1;
        }
        if pos < end && spec[pos] == u32::from('z') {
            f.no_neg_0 = true;
            pos += 1;
        }
        if pos < end && spec[pos] == u32::from('#') {
            f.alternate = true;
            pos += 1;
        }
        if !fill_given && pos < end && spec[pos] == u32::from('0') {
            f.fill = u32::from('0');
            if !align_given && default_align == '>' {
                f.align = Some(u32::from('='));
            }
            pos += 1;
        }
        f.width = get_integer(spec, &mut pos)?;
        if pos < end && spec[pos] == u32::from(',') {
            f.thousands = Some(u32::from(','));
            pos += 1;
        }
        if pos < end && spec[pos] == u32::from('_') {
            if f.thousands.is_some() {
                return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
            }
            f.thousands = Some(u32::from('_'));
            pos += 1;
        }
        if pos < end && spec[pos] == u32::from(',') && f.thousands == Some(u32::from('_')) {
            return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
        }
        if pos < end && spec[pos] == u32::from('.') {
            pos += 1;
            f.precision = get_integer(spec, &mut pos)?;
            if f.precision.is_none() {
                return Err(PyErr::value_error("Format specifier missing precision"));
            }
        }
        if end - pos > 1 {
            let text: String = spec
                .iter()
                .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                .collect();
            return Err(PyErr::value_error(format!(
                "Invalid format specifier '{text}' for object of type '{type_name}'"
            )));
        }
        if end - pos == 1 {
            f.ty = Some(spec[pos]);
        }
        if let Some(sep) = f.thousands {
            let ty = f.ty.and_then(char::from_u32).unwrap_or(default_type);
            let ok = match ty {
                'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => true,
                'b' | 'o' | 'x' | 'X' => sep == u32::from('_'),
                _ => false,
            };
            if !ok {
                let sep = char::from_u32(sep).unwrap_or(',');
                return Err(PyErr::value_error(format!(
                    "Cannot specify '{sep}' with '{}'.",
                    format_code(ty as u32)
                )));
            }
        }
        Ok(f)
    }
}

/// How a presentation type is shown in error messages (`'\x..'` when not printable ASCII).
fn format_code(c: u32) -> String {
    if c > 32 && c < 128 {
        char::from_u32(c).map(String::from).unwrap_or_default()
    } else {
        format!("\\x{c:x}")
    }
}

/// `unknown_presentation_type`.
pub fn unknown_format_code(c: u32, type_name: &str) -> PyErr {
    PyErr::value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        format_code(c)
    ))
}

/// Pad `body` to the spec's width with its fill and alignment (`default_align` if none given).
pub fn pad_to_width(body: &[u32], spec: &FormatSpec, default_align: char) -> Vec<u32> {
    let width = spec.width.unwrap_or(0);
    if body.len() >= width {
        return body.to_vec();
    }
    let total = width - body.len();
    let align = spec.align.and_then(char::from_u32).unwrap_or(default_align);
    let (left, right) = match align {
        '>' => (total, 0),
        '^' => (total / 2, total - total / 2),
        _ => (0, total),
    };
    let mut out = Vec::with_capacity(width);
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.extend_from_slice(body);
    out.extend(std::iter::repeat_n(spec.fill, right));
    out
}

/// `format(s, spec)` for a string (`format_string_internal`).
pub fn format_str(text: &[u32], spec: &[u32]) -> PyResult<Vec<u32>> {
    let f = FormatSpec::parse(spec, 's', '<', "str")?;
    match f.ty {
        None => {}
        Some(c) if c == u32::from('s') => {}
        Some(c) => return Err(unknown_format_code(c, "str")),
    }
    if let Some(sign) = f.sign {
        return Err(PyErr::value_error(if sign == 0x20 {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(PyErr::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == Some(u32::from('=')) {
        return Err(PyErr::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    crate::objects::str_algo::check_result_size(f.width.unwrap_or(0), 4)?;
    let body = match f.precision {
        Some(p) if p < text.len() => &text[..p],
        _ => text,
    };
    Ok(pad_to_width(body, &f, '<'))
}

/// The `format` slot of `str`: `format(s, spec)`. An empty spec returns `str(s)`.
pub(crate) fn str_format_slot(
    py: Python<'_>,
    obj: &PyObject,
    spec: &PyStr,
) -> PyResult<PyRef<PyStr>> {
    if spec.is_empty() {
        return protocol::str_(py, obj);
    }
    let text = this_str(obj).to_cps();
    let out = format_str(&text, &spec.to_cps())?;
    if out == text {
        // CPython's fast path writes the string itself when no padding or truncation applies.
        return protocol::str_(py, obj);
    }
    Ok(PyStr::from_cps(py, &out))
}

/// `str.__format__(spec)`.
pub(crate) fn str_dunder_format(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.__format__", 1, 1)?;
    let Some(spec) = pos[0].downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "__format__() argument must be str, not {}",
            pos[0].ob_type().name()
        )));
    };
    Ok(str_format_slot(py, this, spec)?.into_object())
}

// ---------------------------------------------------------------------------------------------
// str.format

/// Where keyword fields are looked up.
enum Keywords<'a> {
    /// `str.format(**kwargs)`.
    Args(Args<'a>),
    /// `str.format_map(mapping)`.
    Mapping(&'a PyObject),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoNumber {
    Unknown,
    Auto,
    Manual,
}

struct Formatter<'a> {
    positional: &'a [PyRef],
    keywords: Keywords<'a>,
    auto: AutoNumber,
    next_index: usize,
}

fn key_error(py: Python<'_>, key: &[u32]) -> PyErr {
    PyErr::key_error(PyStr::from_cps(py, key).into_object())
}

fn parse_index(cps: &[u32]) -> PyResult<Option<usize>> {
    if cps.is_empty() || !cps.iter().all(|&c| (0x30..=0x39).contains(&c)) {
        return Ok(None);
    }
    let mut pos = 0;
    get_integer(cps, &mut pos)
}

impl Formatter<'_> {
    fn positional(&self, i: usize) -> PyResult<PyRef> {
        self.positional.get(i).cloned().ok_or_else(|| {
            PyErr::index_error(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })
    }

    fn keyword(&self, py: Python<'_>, key: &[u32]) -> PyResult<PyRef> {
        match &self.keywords {
            Keywords::Args(args) => {
                for (name, value) in args.kwargs() {
                    if name.len() == key.len() && name.code_points().eq(key.iter().copied()) {
                        return Ok(value.clone());
                    }
                }
                Err(key_error(py, key))
            }
            Keywords::Mapping(m) => {
                let Some(getitem) = m.ob_type().slots.getitem else {
                    return Err(PyErr::type_error(format!(
                        "'{}' object is not subscriptable",
                        m.ob_type().name()
                    )));
                };
                let k = PyStr::from_cps(py, key);
                getitem(py, m, k.as_object())
            }
        }
    }

    /// `get_field_object`.
    fn field_object(&mut self, py: Python<'_>, name: &[u32]) -> PyResult<PyRef> {
        let first_end = name
            .iter()
            .position(|&c| c == u32::from('.') || c == u32::from('['))
            .unwrap_or(name.len());
        let first = &name[..first_end];
        let mut obj = if first.is_empty() {
            if self.auto == AutoNumber::Manual {
                return Err(PyErr::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            self.auto = AutoNumber::Auto;
            let i = self.next_index;
            self.next_index += 1;
            self.positional(i)?
        } else if let Some(i) = parse_index(first)? {
            if self.auto == AutoNumber::Auto {
                return Err(PyErr::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            self.auto = AutoNumber::Manual;
            self.positional(i)?
        } else {
            self.keyword(py, first)?
        };
        let mut rest = &name[first_end..];
        while let Some(&c) = rest.first() {
            if c == u32::from('.') {
                let end = rest[1..]
                    .iter()
                    .position(|&c| c == u32::from('.') || c == u32::from('['))
                    .map_or(rest.len(), |p| p + 1);
                let attr = &rest[1..end];
                if attr.is_empty() {
                    return Err(PyErr::value_error("Empty attribute in format string"));
                }
                let attr_name = PyStr::from_cps(py, attr);
                obj = crate::eval::attr::getattr(py, &obj, &attr_name)?;
                rest = &rest[end..];
            } else if c == u32::from('[') {
                let Some(close) = rest.iter().position(|&c| c == u32::from(']')) else {
                    return Err(PyErr::value_error("Missing ']' in format string"));
                };
                let key = &rest[1..close];
                if key.is_empty() {
                    return Err(PyErr::value_error("Empty attribute in format string"));
                }
                let key_obj = match parse_index(key)? {
                    Some(i) => PyInt::new(py, i as i64).into_object(),
                    None => PyStr::from_cps(py, key).into_object(),
                };
                obj = subscript(py, &obj, &key_obj)?;
                rest = &rest[close + 1..];
                if let Some(&n) = rest.first()
                    && n != u32::from('.')
                    && n != u32::from('[')
                {
                    return Err(PyErr::value_error(
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ));
                }
            } else {
                return Err(PyErr::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(obj)
    }

    /// `build_string`: expand `input` into `out`.
    fn build(
        &mut self,
        py: Python<'_>,
        input: &[u32],
        whole: Option<&PyObject>,
        depth: u32,
        out: &mut Writer,
    ) -> PyResult<()> {
        if depth == 0 {
            return Err(PyErr::value_error("Max string recursion exceeded"));
        }
        let (open, close) = (u32::from('{'), u32::from('}'));
        let end = input.len();
        let mut pos = 0;
        while pos < end {
            // Literal text up to the first brace.
            let start = pos;
            let mut c = 0;
            let mut markup_follows = false;
            while pos < end {
                c = input[pos];
                pos += 1;
                if c == open || c == close {
                    markup_follows = true;
                    break;
                }
            }
            let at_end = pos >= end;
            let mut len = pos - start;
            if c == close && markup_follows && (at_end || input[pos] != c) {
                return Err(PyErr::value_error(
                    "Single '}' encountered in format string",
                ));
            }
            if at_end && c == open && markup_follows {
                return Err(PyErr::value_error(
                    "Single '{' encountered in format string",
                ));
            }
            if !at_end && markup_follows {
                if input[pos] == c {
                    pos += 1;
                    markup_follows = false;
                } else {
                    len -= 1;
                }
            }
            let full = start == 0 && len == end;
            out.piece(
                &input[start..start + len],
                whole.filter(|_| full),
                !markup_follows && pos >= end,
            );
            if !markup_follows {
                continue;
            }
            // The field: name, conversion, spec (`parse_field`).
            let name_start = pos;
            let mut c = 0;
            while pos < end {
                c = input[pos];
                pos += 1;
                if c == open {
                    return Err(PyErr::value_error("unexpected '{' in field name"));
                } else if c == u32::from('[') {
                    while pos < end && input[pos] != u32::from(']') {
                        pos += 1;
                    }
                    c = 0;
                    continue;
                } else if c == close || c == u32::from(':') || c == u32::from('!') {
                    break;
                }
                c = 0;
            }
            let mut conversion = None;
            let mut spec: &[u32] = &[];
            let mut expand = false;
            let name_end;
            if c == u32::from('!') || c == u32::from(':') {
                name_end = pos - 1;
                let mut spec_follows = true;
                if c == u32::from('!') {
                    if pos >= end {
                        return Err(PyErr::value_error(
                            "end of string while looking for conversion specifier",
                        ));
                    }
                    conversion = Some(input[pos]);
                    pos += 1;
                    if pos < end {
                        let c2 = input[pos];
                        pos += 1;
                        if c2 == close {
                            spec_follows = false;
                        } else if c2 != u32::from(':') {
                            return Err(PyErr::value_error(
                                "expected ':' after conversion specifier",
                            ));
                        }
                    }
                }
                if spec_follows {
                    let spec_start = pos;
                    let mut count = 1;
                    let mut found = false;
                    while pos < end {
                        let c3 = input[pos];
                        pos += 1;
                        if c3 == open {
                            expand = true;
                            count += 1;
                        } else if c3 == close {
                            count -= 1;
                            if count == 0 {
                                spec = &input[spec_start..pos - 1];
                                found = true;
                                break;
                            }
                        }
                    }
                    if !found {
                        return Err(PyErr::value_error("unmatched '{' in format spec"));
                    }
                }
            } else if c != close {
                return Err(PyErr::value_error("expected '}' before end of string"));
            } else {
                name_end = pos - 1;
            }
            let name = &input[name_start..name_end];
            let mut obj = self.field_object(py, name)?;
            if let Some(conv) = conversion {
                obj = match char::from_u32(conv) {
                    Some('r') => protocol::repr(py, &obj)?.into_object(),
                    Some('s') => protocol::str_(py, &obj)?.into_object(),
                    Some('a') => {
                        let r = protocol::repr(py, &obj)?;
                        PyStr::from_cps(py, &ascii_escape(&r.to_cps())).into_object()
                    }
                    _ => {
                        let shown = if conv > 32 && conv < 127 {
                            char::from_u32(conv).map(String::from).unwrap_or_default()
                        } else {
                            format!("\\x{conv:x}")
                        };
                        return Err(PyErr::value_error(format!(
                            "Unknown conversion specifier {shown}"
                        )));
                    }
                };
            }
            let spec_obj = if expand {
                let mut expanded = Writer::new();
                self.build(py, spec, None, depth - 1, &mut expanded)?;
                expanded.finish(py)
            } else {
                PyStr::from_cps(py, spec)
            };
            let formatted = protocol::format(py, &obj, &spec_obj)?;
            out.piece(&formatted.to_cps(), Some(formatted.as_object()), pos >= end);
        }
        Ok(())
    }
}

/// CPython's `_PyUnicodeWriter` sharing rule: when the whole output is one piece that is an
/// existing exact `str` (the format string itself, or a `%s`/`{}` argument written unchanged),
/// the result *is* that object.
pub(crate) struct Writer {
    /// The code points written so far.
    pub(crate) out: Vec<u32>,
    pieces: usize,
    sole: Option<PyRef>,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer {
            out: Vec::new(),
            pieces: 0,
            sole: None,
        }
    }

    /// Append a piece; `whole` is the object whose entire text `cps` is, if any, and `last`
    /// says whether this is the final piece of the format string (CPython turns off
    /// over-allocation only then, which is what allows sharing).
    pub(crate) fn piece(&mut self, cps: &[u32], whole: Option<&PyObject>, last: bool) {
        if cps.is_empty() {
            return;
        }
        self.pieces += 1;
        self.sole = if self.pieces == 1 && last {
            whole.map(PyObject::to_owned_ref)
        } else {
            None
        };
        self.out.extend_from_slice(cps);
    }

    /// The result string.
    pub(crate) fn finish(self, py: Python<'_>) -> PyRef<PyStr> {
        if self.pieces == 1
            && let Some(s) = self.sole
            && PyStr::is_exact_type_of(py, &s)
        {
            // SAFETY: exact `str` checked just above.
            return unsafe { s.downcast_unchecked::<PyStr>() };
        }
        PyStr::from_cps(py, &self.out)
    }
}

/// `obj[key]` through the type's `getitem` slot (tuples and lists by int index directly).
fn subscript(py: Python<'_>, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(getitem) = obj.ob_type().slots.getitem {
        return getitem(py, obj, key);
    }
    let index = key.downcast_ref::<PyInt>(py).and_then(PyInt::as_i64);
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        if let Some(i) = index {
            let i = if i < 0 { i + t.len() as i64 } else { i };
            return usize::try_from(i)
                .ok()
                .and_then(|i| t.get(i).cloned())
                .ok_or_else(|| PyErr::index_error("tuple index out of range"));
        }
        return Err(PyErr::type_error(format!(
            "tuple indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    }
    if let Some(l) = obj.downcast_ref::<crate::objects::list::PyList>(py) {
        if let Some(i) = index {
            let i = if i < 0 { i + l.len() as i64 } else { i };
            return usize::try_from(i)
                .ok()
                .and_then(|i| l.get(i))
                .ok_or_else(|| PyErr::index_error("list index out of range"));
        }
        return Err(PyErr::type_error(format!(
            "list indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    }
    Err(PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        obj.ob_type().name()
    )))
}

/// `ascii()` escaping of a repr: non-ASCII code points become `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
pub fn ascii_escape(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        if c < 128 {
            out.push(c);
        } else {
            let esc = if c < 0x100 {
                format!("\\x{c:02x}")
            } else if c < 0x10000 {
                format!("\\u{c:04x}")
            } else {
                format!("\\U{c:08x}")
            };
            out.extend(esc.chars().map(u32::from));
        }
    }
    out
}

/// `str.format(*args, **kwargs)`.
pub(crate) fn str_format_method(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
) -> PyResult<PyRef> {
    let mut f = Formatter {
        positional: args.pos(),
        keywords: Keywords::Args(args),
        auto: AutoNumber::Unknown,
        next_index: 0,
    };
    let mut out = Writer::new();
    f.build(py, &this_str(this).to_cps(), Some(this), 2, &mut out)?;
    Ok(out.finish(py).into_object())
}

/// `str.format_map(mapping)`.
pub(crate) fn str_format_map(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.format_map", 1, 1)?;
    let mut f = Formatter {
        positional: &[],
        keywords: Keywords::Mapping(&pos[0]),
        auto: AutoNumber::Unknown,
        next_index: 0,
    };
    let mut out = Writer::new();
    f.build(py, &this_str(this).to_cps(), Some(this), 2, &mut out)?;
    Ok(out.finish(py).into_object())
}

/// `str.format` with explicit positional items (for callers that hold a tuple).
pub fn format_with_tuple(py: Python<'_>, fmt: &PyStr, items: &PyTuple) -> PyResult<PyRef<PyStr>> {
    let mut f = Formatter {
        positional: items.as_slice(),
        keywords: Keywords::Args(Args::positional(&[])),
        auto: AutoNumber::Unknown,
        next_index: 0,
    };
    let mut out = Writer::new();
    f.build(py, &fmt.to_cps(), Some(fmt.as_object()), 2, &mut out)?;
    Ok(out.finish(py))
}
