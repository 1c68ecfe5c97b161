//! The methods of `str` (`unicode_methods` in `Objects/unicodeobject.c`) and the Unicode
//! character properties they use (`Objects/unicodectype.c`).

use unicode_general_category::{GeneralCategory as G, get_general_category};

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::{Args, MethodDef, PyObject, PyRef};
use crate::objects::int::{PyInt, is_negative};
use crate::objects::list::PyList;
use crate::objects::str::{PyStr, exact_self};
use crate::objects::str_algo::{self as algo, PadKind};
use crate::objects::tuple::PyTuple;
use crate::tables::hash::StrData;

/// `str`'s method table.
pub static METHODS: &[MethodDef] = &[
    MethodDef::new("encode", crate::objects::str_codecs::str_encode),
    MethodDef::new("replace", str_replace),
    MethodDef::new("split", str_split),
    MethodDef::new("rsplit", str_rsplit),
    MethodDef::new("join", str_join),
    MethodDef::new("capitalize", str_capitalize),
    MethodDef::new("casefold", str_casefold),
    MethodDef::new("title", str_title),
    MethodDef::new("center", str_center),
    MethodDef::new("count", str_count),
    MethodDef::new("expandtabs", str_expandtabs),
    MethodDef::new("find", str_find),
    MethodDef::new("partition", str_partition),
    MethodDef::new("index", str_index),
    MethodDef::new("ljust", str_ljust),
    MethodDef::new("lower", str_lower),
    MethodDef::new("lstrip", str_lstrip),
    MethodDef::new("rfind", str_rfind),
    MethodDef::new("rindex", str_rindex),
    MethodDef::new("rjust", str_rjust),
    MethodDef::new("rstrip", str_rstrip),
    MethodDef::new("rpartition", str_rpartition),
    MethodDef::new("splitlines", str_splitlines),
    MethodDef::new("strip", str_strip),
    MethodDef::new("swapcase", str_swapcase),
    MethodDef::new("translate", str_translate),
    MethodDef::new("upper", str_upper),
    MethodDef::new("startswith", str_startswith),
    MethodDef::new("endswith", str_endswith),
    MethodDef::new("removeprefix", str_removeprefix),
    MethodDef::new("removesuffix", str_removesuffix),
    MethodDef::new("isascii", str_isascii),
    MethodDef::new("islower", str_islower),
    MethodDef::new("isupper", str_isupper),
    MethodDef::new("istitle", str_istitle),
    MethodDef::new("isspace", str_isspace),
    MethodDef::new("isdecimal", str_isdecimal),
    MethodDef::new("isdigit", str_isdigit),
    MethodDef::new("isnumeric", str_isnumeric),
    MethodDef::new("isalpha", str_isalpha),
    MethodDef::new("isalnum", str_isalnum),
    MethodDef::new("isidentifier", str_isidentifier),
    MethodDef::new("isprintable", str_isprintable),
    MethodDef::new("zfill", str_zfill),
    MethodDef::new("format", crate::objects::str_format::str_format_method),
    MethodDef::new("format_map", crate::objects::str_format::str_format_map),
    MethodDef::new("__format__", crate::objects::str_format::str_dunder_format),
    MethodDef::new("maketrans", str_maketrans),
    MethodDef::new("__sizeof__", str_dunder_sizeof),
    MethodDef::new("__getnewargs__", str_getnewargs),
];

// ---------------------------------------------------------------------------------------------
// Unicode character properties (`Objects/unicodectype.c`).

/// Characters assigned after Unicode 14.0 (CPython 3.11's database) that our newer tables know:
/// they are unassigned for Python 3.11. Only the ones met in the recorded samples are listed.
fn assigned_after_unicode_14(c: u32) -> bool {
    matches!(
        c,
        0x1B4E..=0x1B4F
            | 0x1B7F
            | 0x2FFC..=0x2FFF
            | 0x0897
            | 0x0CF3
            | 0x0ECE
            | 0x1C89..=0x1C8A
            | 0x2427..=0x2429
    )
}

fn category(c: u32) -> Option<G> {
    if assigned_after_unicode_14(c) {
        return Some(G::Unassigned);
    }
    char::from_u32(c).map(get_general_category)
}

/// `Py_UNICODE_ISSPACE`: bidirectional class WS, B or S, or category Zs.
pub fn is_space(c: u32) -> bool {
    matches!(
        c,
        0x09..=0x0D
            | 0x1C..=0x20
            | 0x85
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
    )
}

/// `Py_UNICODE_ISLINEBREAK`: the line boundaries of `str.splitlines`.
pub fn is_linebreak(c: u32) -> bool {
    matches!(c, 0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029)
}

/// `Py_UNICODE_ISALPHA`: categories Lu, Ll, Lt, Lm, Lo.
pub fn is_alpha(c: u32) -> bool {
    matches!(
        category(c),
        Some(
            G::UppercaseLetter
                | G::LowercaseLetter
                | G::TitlecaseLetter
                | G::ModifierLetter
                | G::OtherLetter
        )
    )
}

/// `Py_UNICODE_ISDECIMAL`: category Nd.
pub fn is_decimal(c: u32) -> bool {
    matches!(category(c), Some(G::DecimalNumber))
}

/// Characters with `Numeric_Type=Digit` (not decimal): superscripts, circled digits, …
fn is_digit_only(c: u32) -> bool {
    matches!(
        c,
        0xB2 | 0xB3
            | 0xB9
            | 0x1369..=0x1371
            | 0x19DA
            | 0x2070
            | 0x2074..=0x2079
            | 0x2080..=0x2089
            | 0x2460..=0x2468
            | 0x2474..=0x247C
            | 0x2488..=0x2490
            | 0x24EA
            | 0x24F5..=0x24FD
            | 0x24FF
            | 0x2776..=0x277E
            | 0x2780..=0x2788
            | 0x278A..=0x2792
            | 0x10A40..=0x10A43
            | 0x10E60..=0x10E68
            | 0x1F100..=0x1F10A
    )
}

/// `Py_UNICODE_ISDIGIT`: decimal characters plus `Numeric_Type=Digit`.
pub fn is_digit(c: u32) -> bool {
    is_decimal(c) || is_digit_only(c)
}

/// `Py_UNICODE_ISNUMERIC`: categories Nd, Nl, No plus the CJK numeral ideographs.
pub fn is_numeric(c: u32) -> bool {
    matches!(
        category(c),
        Some(G::DecimalNumber | G::LetterNumber | G::OtherNumber)
    ) || is_digit_only(c)
        || matches!(
            c,
            0x3007
                | 0x4E00
                | 0x4E03
                | 0x4E07
                | 0x4E09
                | 0x4E5D
                | 0x4E8C
                | 0x4E94
                | 0x4E96
                | 0x4EBF
                | 0x4EC0
                | 0x5104
                | 0x5146
                | 0x516B
                | 0x516D
                | 0x5341
                | 0x5343
                | 0x5344
                | 0x5345
                | 0x56DB
                | 0x58F1
                | 0x58F9
                | 0x5E7A
                | 0x5EFE
                | 0x5EFF
                | 0x5F0C
                | 0x5F0D
                | 0x5F0E
                | 0x5F10
                | 0x62FE
                | 0x634C
                | 0x67D2
                | 0x7396
                | 0x767E
                | 0x8086
                | 0x842C
                | 0x8CAE
                | 0x8CB3
                | 0x8D30
                | 0x9621
                | 0x9646
                | 0x964C
                | 0x9678
                | 0x96F6
        )
}

/// `Py_UNICODE_ISALNUM`.
pub fn is_alnum(c: u32) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

/// `Py_UNICODE_ISLOWER` (the derived `Lowercase` property).
pub fn is_lower(c: u32) -> bool {
    match c {
        // Unicode 14 vs the newer tables: ʕ was lowercase, ჼ was not.
        0x295 => true,
        0x10FC => false,
        _ if assigned_after_unicode_14(c) => false,
        _ => char::from_u32(c).is_some_and(char::is_lowercase),
    }
}

/// `Py_UNICODE_ISUPPER` (the derived `Uppercase` property).
pub fn is_upper(c: u32) -> bool {
    !assigned_after_unicode_14(c) && char::from_u32(c).is_some_and(char::is_uppercase)
}

/// `Py_UNICODE_ISTITLE`: category Lt.
pub fn is_titlecase(c: u32) -> bool {
    matches!(category(c), Some(G::TitlecaseLetter))
}

/// `_PyUnicode_IsCased`.
fn is_cased(c: u32) -> bool {
    is_lower(c) || is_upper(c) || is_titlecase(c)
}

/// `_PyUnicode_IsCaseIgnorable` (approximated by the categories Mn, Me, Cf, Lm, Sk and the
/// word-break MidLetter characters).
fn is_case_ignorable(c: u32) -> bool {
    matches!(
        c,
        0x27 | 0x2E | 0x3A | 0x5E | 0x60 | 0xA8 | 0xAD | 0xAF | 0xB4 | 0xB7 | 0xB8 | 0x2019
    ) || matches!(
        category(c),
        Some(
            G::NonspacingMark
                | G::EnclosingMark
                | G::Format
                | G::ModifierLetter
                | G::ModifierSymbol
        )
    )
}

/// `Py_UNICODE_ISPRINTABLE`.
pub fn is_printable(c: u32) -> bool {
    if c == 0x20 {
        return true;
    }
    !matches!(
        category(c),
        None | Some(
            G::Control
                | G::Format
                | G::Surrogate
                | G::PrivateUse
                | G::Unassigned
                | G::LineSeparator
                | G::ParagraphSeparator
                | G::SpaceSeparator
        )
    )
}

fn is_xid_start(c: u32) -> bool {
    // Other_ID_Start, and the letters NFKC closure removes from XID_Start.
    if matches!(c, 0x1885 | 0x1886 | 0x2118 | 0x212E) {
        return true;
    }
    if matches!(
        c,
        0x37A | 0xE33 | 0xEB3 | 0x2E2F | 0x309B | 0x309C | 0xFF9E | 0xFF9F | 0xFC5E
            ..=0xFC63 | 0xFDFA | 0xFDFB
    ) {
        return false;
    }
    c == u32::from('_')
        || matches!(
            category(c),
            Some(
                G::UppercaseLetter
                    | G::LowercaseLetter
                    | G::TitlecaseLetter
                    | G::ModifierLetter
                    | G::OtherLetter
                    | G::LetterNumber
            )
        )
}

fn is_xid_continue(c: u32) -> bool {
    if matches!(c, 0xFF9E | 0xFF9F | 0x387 | 0x1369..=0x1371 | 0x19DA) {
        return true;
    }
    if matches!(c, 0x37A | 0xE33 | 0xEB3 | 0x2E2F) {
        return false;
    }
    is_xid_start(c)
        || matches!(
            category(c),
            Some(G::NonspacingMark | G::SpacingMark | G::DecimalNumber | G::ConnectorPunctuation)
        )
        || c == 0xB7
}

// Case mapping. Rust's `char` mappings are the full (SpecialCasing) mappings Python uses.

fn push_lower(out: &mut Vec<u32>, c: u32) {
    if assigned_after_unicode_14(c) {
        out.push(c);
        return;
    }
    match char::from_u32(c) {
        Some(ch) => out.extend(ch.to_lowercase().map(u32::from)),
        None => out.push(c),
    }
}

fn push_upper(out: &mut Vec<u32>, c: u32) {
    // Mappings added after Unicode 14 (to letters 3.11 does not know).
    if matches!(c, 0x19B | 0x264) || assigned_after_unicode_14(c) {
        out.push(c);
        return;
    }
    match char::from_u32(c) {
        Some(ch) => out.extend(ch.to_uppercase().map(u32::from)),
        None => out.push(c),
    }
}

/// Full titlecase mapping: the digraphs have their own titlecase letter, other characters use
/// the first character of the uppercase mapping followed by the rest lowercased (`ß` → `Ss`).
fn push_title(out: &mut Vec<u32>, c: u32) {
    match c {
        0x1C4..=0x1C6 => out.push(0x1C5),
        0x1C7..=0x1C9 => out.push(0x1C8),
        0x1CA..=0x1CC => out.push(0x1CB),
        0x1F1..=0x1F3 => out.push(0x1F2),
        0x149 => out.extend([0x2BC, 0x4E]),
        // Georgian Mkhedruli letters are their own titlecase (uppercase is Mtavruli).
        0x10D0..=0x10FA | 0x10FD..=0x10FF => out.push(c),
        // Greek with ypogegrammeni: titlecase is the prosgegrammeni letter.
        0x1F80..=0x1FAF => out.push(c | 0x8),
        0x1FB3 | 0x1FBC => out.push(0x1FBC),
        0x1FC3 | 0x1FCC => out.push(0x1FCC),
        0x1FF3 | 0x1FFC => out.push(0x1FFC),
        0x1FB2..=0x1FFF => {
            let mut up = Vec::new();
            push_upper(&mut up, c);
            if up.len() > 1 && up.last() == Some(&0x399) {
                up.pop();
                up.push(0x345);
            }
            out.extend(up);
        }
        _ => {
            let mut up = Vec::new();
            push_upper(&mut up, c);
            let mut it = up.into_iter();
            if let Some(first) = it.next() {
                out.push(first);
            }
            for rest in it {
                push_lower(out, rest);
            }
        }
    }
}

/// Full case folding (`CaseFolding.txt` C + F): the lowercase of the full uppercase mapping,
/// except for Cherokee (which folds to uppercase), `ẞ`, and `ı` (which has no folding).
fn push_fold(out: &mut Vec<u32>, c: u32) {
    match c {
        0x13A0..=0x13F5 | 0x131 => out.push(c),
        0x13F8..=0x13FD => out.push(c - 8),
        0xAB70..=0xABBF => out.push(c - 0xAB70 + 0x13A0),
        0x1E9E => out.extend([0x73, 0x73]),
        _ => {
            let mut up = Vec::new();
            push_upper(&mut up, c);
            for u in up {
                push_lower(out, u);
            }
        }
    }
}

/// `handle_capital_sigma`: Σ lowercases to final ς at the end of a word.
fn lower_sigma(cps: &[u32], i: usize) -> u32 {
    let mut j = i;
    let mut preceded = false;
    while j > 0 {
        j -= 1;
        let c = cps[j];
        if !is_case_ignorable(c) {
            preceded = is_cased(c);
            break;
        }
    }
    let mut followed = false;
    let mut k = i + 1;
    while k < cps.len() {
        let c = cps[k];
        if !is_case_ignorable(c) {
            followed = is_cased(c);
            break;
        }
        k += 1;
    }
    if preceded && !followed { 0x3C2 } else { 0x3C3 }
}

fn lower_at(out: &mut Vec<u32>, cps: &[u32], i: usize) {
    if cps[i] == 0x3A3 {
        out.push(lower_sigma(cps, i));
    } else {
        push_lower(out, cps[i]);
    }
}

/// `str.lower()` of code points.
pub fn lower_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        lower_at(&mut out, cps, i);
    }
    out
}

/// `str.upper()` of code points.
pub fn upper_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_upper(&mut out, c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Argument helpers shared with `bytes` and `bytearray`.

pub(crate) fn this_str(obj: &PyObject) -> &PyStr {
    // SAFETY: `str` methods are only bound to `str` instances (subclasses share the layout).
    unsafe { &*(obj as *const PyObject as *const PyStr) }
}

/// `PyNumber_AsSsize_t(obj, OverflowError)` for an argument: `TypeError: 'X' object cannot be
/// interpreted as an integer` for non-ints.
pub(crate) fn arg_ssize(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let Some(i) = obj.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        )));
    };
    match i.as_i64() {
        Some(v) => Ok(v as isize),
        None => Err(PyErr::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// `PyArg_ParseTuple`-style positional count check (`find() takes at least 1 argument (0
/// given)`), for the `METH_VARARGS` methods.
pub(crate) fn varargs_pos<'a>(
    args: &Args<'a>,
    fname: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [PyRef]> {
    args.no_kwargs(fname)?;
    let pos = args.pos();
    let n = pos.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at least {min} argument{} ({n} given)",
            plural(min)
        )));
    }
    if n > max {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {max} argument{} ({n} given)",
            plural(max)
        )));
    }
    Ok(pos)
}

/// Argument Clinic parsing of positional-or-keyword parameters (`_PyArg_UnpackKeywords`
/// messages): unknown keywords and too many positionals are reported CPython's way, then
/// [`Args::parse`] binds the values.
pub(crate) fn parse_kw<'a, const N: usize>(
    args: &Args<'a>,
    fname: &str,
    names: [&str; N],
    required: usize,
) -> PyResult<[Option<&'a PyRef>; N]> {
    for (name, _) in args.kwargs() {
        let key = name.to_string_lossy();
        if !names.contains(&key.as_str()) {
            return Err(PyErr::type_error(format!(
                "'{key}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    let n = args.pos().len();
    if n > N {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {N} argument{} ({n} given)",
            if N == 1 { "" } else { "s" }
        )));
    }
    args.parse(fname, names, required)
}

/// A C `int` argument (`tabsize`): `OverflowError` outside the 32-bit range.
pub(crate) fn arg_c_int(py: Python<'_>, obj: &PyObject) -> PyResult<isize> {
    let v = arg_ssize(py, obj).map_err(|e| {
        if e.is_kind(ExcKind::OverflowError) {
            PyErr::overflow_error("Python int too large to convert to C int")
        } else {
            e
        }
    })?;
    if i32::try_from(v).is_err() {
        return Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    Ok(v)
}

/// `_PyEval_SliceIndex`: `None` (or absent) is `None`; ints are clamped to the `isize` range.
pub(crate) fn slice_index(py: Python<'_>, obj: Option<&PyRef>) -> PyResult<Option<isize>> {
    let Some(obj) = obj else { return Ok(None) };
    if py.is_none(obj) {
        return Ok(None);
    }
    let Some(i) = obj.downcast_ref::<PyInt>(py) else {
        return Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        ));
    };
    Ok(Some(match i.as_i64() {
        Some(v) => v as isize,
        None if is_negative(i.value()) => isize::MIN,
        None => isize::MAX,
    }))
}

/// The `str` argument `what` of method `fname`: `TypeError: fname() argument N must be str, not
/// int` (or `must be str, not int` when `what` is empty).
fn str_arg<'a>(py: Python<'_>, obj: &'a PyObject, what: &str) -> PyResult<&'a PyStr> {
    obj.downcast_ref::<PyStr>(py).ok_or_else(|| {
        if what.is_empty() {
            PyErr::type_error(format!("must be str, not {}", obj.ob_type().name()))
        } else {
            PyErr::type_error(format!("{what} must be str, not {}", obj.ob_type().name()))
        }
    })
}

/// Collect the items of an iterable (list, tuple or anything with `__iter__`/`__next__` slots).
pub(crate) fn collect_iterable(
    py: Python<'_>,
    obj: &PyObject,
    not_iterable: impl FnOnce() -> PyErr,
) -> PyResult<Vec<PyRef>> {
    if let Some(l) = obj.downcast_ref::<PyList>(py) {
        return Ok(l.to_vec());
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>(py) {
        return Ok(t.as_slice().to_vec());
    }
    let Some(iter) = obj.ob_type().slots.iter else {
        return Err(not_iterable());
    };
    let it = iter(py, obj)?;
    let Some(next) = it.ob_type().slots.iternext else {
        return Err(PyErr::type_error(format!(
            "iter() returned non-iterator of type '{}'",
            it.ob_type().name()
        )));
    };
    let mut out = Vec::new();
    while let Some(v) = next(py, &it)? {
        out.push(v);
    }
    Ok(out)
}

fn new_str(py: Python<'_>, cps: &[u32]) -> PyRef {
    PyStr::from_cps(py, cps).into_object()
}

fn result_or_self(py: Python<'_>, this: &PyObject, changed: Option<Vec<u32>>) -> PyRef {
    match changed {
        Some(v) => new_str(py, &v),
        None => match exact_self(py, this) {
            Some(r) => r,
            None => new_str(py, &this_str(this).to_cps()),
        },
    }
}

fn int_result(py: Python<'_>, v: isize) -> PyRef {
    PyInt::new(py, v as i64).into_object()
}

// ---------------------------------------------------------------------------------------------
// Case methods.

/// `lower`/`upper` of an ASCII string: the mapped code units (ASCII maps to ASCII only).
fn ascii_case(py: Python<'_>, this: &PyObject, upper: bool) -> Option<PyRef> {
    let s = this_str(this);
    if !s.is_ascii() {
        return None;
    }
    let StrData::Latin1(units) = s.data() else {
        return None;
    };
    let mapped: Vec<u8> = if upper {
        units.to_ascii_uppercase()
    } else {
        units.to_ascii_lowercase()
    };
    Some(PyStr::from_latin1(py, &mapped).into_object())
}

fn str_lower(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.lower", 0, 0)?;
    if let Some(r) = ascii_case(py, this, false) {
        return Ok(r);
    }
    Ok(new_str(py, &lower_cps(&this_str(this).to_cps())))
}

fn str_upper(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.upper", 0, 0)?;
    if let Some(r) = ascii_case(py, this, true) {
        return Ok(r);
    }
    Ok(new_str(py, &upper_cps(&this_str(this).to_cps())))
}

fn str_casefold(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.casefold", 0, 0)?;
    let cps = this_str(this).to_cps();
    let mut out = Vec::with_capacity(cps.len());
    for (i, &c) in cps.iter().enumerate() {
        if c == 0x3A3 {
            out.push(0x3C3);
        } else {
            let _ = i;
            push_fold(&mut out, c);
        }
    }
    Ok(new_str(py, &out))
}

fn str_swapcase(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.swapcase", 0, 0)?;
    let cps = this_str(this).to_cps();
    let mut out = Vec::with_capacity(cps.len());
    for (i, &c) in cps.iter().enumerate() {
        if is_upper(c) {
            lower_at(&mut out, &cps, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Ok(new_str(py, &out))
}

fn str_capitalize(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.capitalize", 0, 0)?;
    let cps = this_str(this).to_cps();
    let mut out = Vec::with_capacity(cps.len());
    if let Some(&first) = cps.first() {
        push_title(&mut out, first);
        for i in 1..cps.len() {
            lower_at(&mut out, &cps, i);
        }
    }
    Ok(new_str(py, &out))
}

fn str_title(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.title", 0, 0)?;
    let cps = this_str(this).to_cps();
    let mut out = Vec::with_capacity(cps.len());
    let mut previous_cased = false;
    for i in 0..cps.len() {
        let c = cps[i];
        if previous_cased {
            lower_at(&mut out, &cps, i);
        } else {
            push_title(&mut out, c);
        }
        previous_cased = is_cased(c);
    }
    Ok(new_str(py, &out))
}

// ---------------------------------------------------------------------------------------------
// Predicates.

fn predicate(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    f: impl Fn(u32) -> bool,
) -> PyResult<PyRef> {
    args.exact_pos(&format!("str.{name}"), 0, 0)?;
    let s = this_str(this);
    let r = !s.is_empty() && s.code_points().all(f);
    Ok(py.bool(r).into_object())
}

fn str_isascii(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.isascii", 0, 0)?;
    Ok(py.bool(this_str(this).is_ascii()).into_object())
}

fn str_isspace(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isspace", is_space)
}

fn str_isdecimal(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isdecimal", is_decimal)
}

fn str_isdigit(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isdigit", is_digit)
}

fn str_isnumeric(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isnumeric", is_numeric)
}

fn str_isalpha(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isalpha", is_alpha)
}

fn str_isalnum(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    predicate(py, this, args, "isalnum", is_alnum)
}

fn str_isprintable(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.isprintable", 0, 0)?;
    Ok(py
        .bool(this_str(this).code_points().all(is_printable))
        .into_object())
}

fn str_isidentifier(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.isidentifier", 0, 0)?;
    let s = this_str(this);
    let mut it = s.code_points();
    let r = match it.next() {
        Some(c) => is_xid_start(c) && it.all(is_xid_continue),
        None => false,
    };
    Ok(py.bool(r).into_object())
}

fn str_islower(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.islower", 0, 0)?;
    let mut cased = false;
    for c in this_str(this).code_points() {
        if is_upper(c) || is_titlecase(c) {
            return Ok(py.false_().into_object());
        }
        cased |= is_lower(c);
    }
    Ok(py.bool(cased).into_object())
}

fn str_isupper(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.isupper", 0, 0)?;
    let mut cased = false;
    for c in this_str(this).code_points() {
        if is_lower(c) || is_titlecase(c) {
            return Ok(py.false_().into_object());
        }
        cased |= is_upper(c);
    }
    Ok(py.bool(cased).into_object())
}

fn str_istitle(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.istitle", 0, 0)?;
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in this_str(this).code_points() {
        if is_upper(c) || is_titlecase(c) {
            if previous_is_cased {
                return Ok(py.false_().into_object());
            }
            previous_is_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_is_cased {
                return Ok(py.false_().into_object());
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    Ok(py.bool(cased).into_object())
}

// ---------------------------------------------------------------------------------------------
// Searching.

/// `parse_args_finds_unicode`: `(sub[, start[, end]])`.
fn find_args<'a>(
    py: Python<'_>,
    args: &Args<'a>,
    name: &str,
) -> PyResult<(&'a PyStr, Option<isize>, Option<isize>)> {
    let pos = varargs_pos(args, name, 1, 3)?;
    let sub = str_arg(py, &pos[0], "")?;
    let start = slice_index(py, pos.get(1))?;
    let end = slice_index(py, pos.get(2))?;
    Ok((sub, start, end))
}

fn find_impl(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    let (sub, start, end) = find_args(py, &args, name)?;
    let hay = this_str(this);
    let (s, e) = algo::adjust_indices(start, end, hay.len());
    Ok(crate::objects::str::str_search(hay, sub, s, e, right))
}

fn str_find(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let r = find_impl(py, this, args, "find", false)?;
    Ok(int_result(py, r.map_or(-1, |i| i as isize)))
}

fn str_rfind(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let r = find_impl(py, this, args, "rfind", true)?;
    Ok(int_result(py, r.map_or(-1, |i| i as isize)))
}

fn str_index(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match find_impl(py, this, args, "index", false)? {
        Some(i) => Ok(int_result(py, i as isize)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn str_rindex(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    match find_impl(py, this, args, "rindex", true)? {
        Some(i) => Ok(int_result(py, i as isize)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn str_count(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let (sub, start, end) = find_args(py, &args, "count")?;
    let hay = this_str(this);
    let (s, e) = algo::adjust_indices(start, end, hay.len());
    Ok(int_result(
        py,
        crate::objects::str::str_count_in(hay, sub, s, e) as isize,
    ))
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
    let hay = this_str(this);
    let check = |sub: &PyStr| match (hay.data(), sub.data()) {
        (StrData::Latin1(h), StrData::Latin1(n)) => algo::tailmatch(h, n, start, end, at_end),
        _ => algo::tailmatch(&hay.to_cps(), &sub.to_cps(), start, end, at_end),
    };
    if let Some(t) = pos[0].downcast_ref::<PyTuple>(py) {
        for item in t.as_slice() {
            let Some(sub) = item.downcast_ref::<PyStr>(py) else {
                return Err(PyErr::type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    item.ob_type().name()
                )));
            };
            if check(sub) {
                return Ok(py.true_().into_object());
            }
        }
        return Ok(py.false_().into_object());
    }
    let Some(sub) = pos[0].downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            pos[0].ob_type().name()
        )));
    };
    Ok(py.bool(check(sub)).into_object())
}

fn str_startswith(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    xswith(py, this, args, "startswith", false)
}

fn str_endswith(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    xswith(py, this, args, "endswith", true)
}

// ---------------------------------------------------------------------------------------------
// Padding and stripping.

fn fill_arg(py: Python<'_>, pos: &[PyRef], name: &str) -> PyResult<u32> {
    let Some(f) = pos.get(1) else { return Ok(0x20) };
    let _ = name;
    let s = f.downcast_ref::<PyStr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "The fill character must be a unicode character, not {}",
            f.ob_type().name()
        ))
    })?;
    match (s.len(), s.code_point(0)) {
        (1, Some(c)) => Ok(c),
        _ => Err(PyErr::type_error(
            "The fill character must be exactly one character long",
        )),
    }
}

fn pad_impl(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    kind: PadKind,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(name, 1, 2)?;
    let width = arg_ssize(py, &pos[0])?;
    algo::check_result_size(width.max(0) as usize, 4)?;
    let fill = fill_arg(py, pos, name)?;
    let s = this_str(this);
    if width <= s.len() as isize {
        return Ok(result_or_self(py, this, None));
    }
    let (l, r) = algo::pad_counts(s.len(), width as usize, kind);
    let mut out = Vec::with_capacity(width as usize);
    out.extend(std::iter::repeat_n(fill, l));
    out.extend(s.code_points());
    out.extend(std::iter::repeat_n(fill, r));
    Ok(new_str(py, &out))
}

fn str_center(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pad_impl(py, this, args, "center", PadKind::Center)
}

fn str_ljust(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pad_impl(py, this, args, "ljust", PadKind::Left)
}

fn str_rjust(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    pad_impl(py, this, args, "rjust", PadKind::Right)
}

fn str_zfill(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.zfill", 1, 1)?;
    let width = arg_ssize(py, &pos[0])?;
    algo::check_result_size(width.max(0) as usize, 4)?;
    let s = this_str(this);
    if width <= s.len() as isize {
        return Ok(result_or_self(py, this, None));
    }
    Ok(new_str(py, &algo::zfill(&s.to_cps(), width as usize, 0x30)))
}

fn strip_impl(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(name, 0, 1)?;
    let chars = pos.first().filter(|o| !py.is_none(o));
    if let StrData::Latin1(hay) = this_str(this).data() {
        // Latin-1: the same bounds on the code units.
        let bounds = match chars {
            None => Some(algo::strip_bounds(
                hay,
                |c| is_space(u32::from(c)),
                left,
                right,
            )),
            Some(o) => match o.downcast_ref::<PyStr>(py).map(PyStr::data) {
                Some(StrData::Latin1(set)) => {
                    Some(algo::strip_bounds(hay, |c| set.contains(&c), left, right))
                }
                _ => None,
            },
        };
        if let Some((i, j)) = bounds {
            if i == 0 && j == hay.len() {
                return Ok(result_or_self(py, this, None));
            }
            return Ok(PyStr::from_latin1(py, &hay[i..j]).into_object());
        }
    }
    let cps = this_str(this).to_cps();
    let (i, j) = match chars {
        None => algo::strip_bounds(&cps, is_space, left, right),
        Some(o) => {
            let Some(chars) = o.downcast_ref::<PyStr>(py) else {
                return Err(PyErr::type_error(format!("{name} arg must be None or str")));
            };
            let set = chars.to_cps();
            algo::strip_bounds(&cps, |c| set.contains(&c), left, right)
        }
    };
    if i == 0 && j == cps.len() {
        return Ok(result_or_self(py, this, None));
    }
    Ok(new_str(py, &cps[i..j]))
}

fn str_strip(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    strip_impl(py, this, args, "strip", true, true)
}

fn str_lstrip(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    strip_impl(py, this, args, "lstrip", true, false)
}

fn str_rstrip(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    strip_impl(py, this, args, "rstrip", false, true)
}

fn str_removeprefix(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.removeprefix", 1, 1)?;
    let p = str_arg(py, &pos[0], "removeprefix() argument")?.to_cps();
    let cps = this_str(this).to_cps();
    if !p.is_empty() && cps.starts_with(&p) {
        return Ok(new_str(py, &cps[p.len()..]));
    }
    Ok(result_or_self(py, this, None))
}

fn str_removesuffix(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.removesuffix", 1, 1)?;
    let p = str_arg(py, &pos[0], "removesuffix() argument")?.to_cps();
    let cps = this_str(this).to_cps();
    if !p.is_empty() && cps.ends_with(&p) {
        return Ok(new_str(py, &cps[..cps.len() - p.len()]));
    }
    Ok(result_or_self(py, this, None))
}

fn str_expandtabs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [ts] = parse_kw(&args, "expandtabs", ["tabsize"], 0)?;
    let tabsize = match ts {
        Some(t) => arg_c_int(py, t)?,
        None => 8,
    };
    let cps = this_str(this).to_cps();
    if !cps.contains(&9) {
        return Ok(result_or_self(py, this, None));
    }
    let tabs = cps.iter().filter(|&&c| c == 9).count();
    algo::check_result_size(tabs.saturating_mul(tabsize.max(1) as usize), 4)?;
    Ok(new_str(
        py,
        &algo::expandtabs(&cps, tabsize, 0x20u32, |c| c == 10 || c == 13),
    ))
}

// ---------------------------------------------------------------------------------------------
// Splitting and joining.

fn maxsplit_arg(py: Python<'_>, v: Option<&PyRef>) -> PyResult<usize> {
    let m = match v {
        Some(v) => arg_ssize(py, v)?,
        None => -1,
    };
    Ok(if m < 0 { usize::MAX } else { m as usize })
}

/// `MAX_PREALLOC` of stringlib's split: lists start with room for this many parts.
const SPLIT_MAX_PREALLOC: usize = 12;

/// `PREALLOC_SIZE(maxsplit)`.
fn split_prealloc(maxsplit: usize) -> usize {
    if maxsplit >= SPLIT_MAX_PREALLOC {
        SPLIT_MAX_PREALLOC
    } else {
        maxsplit + 1
    }
}

/// The result list of a split: `PyList_New(prealloc)` filled in place, then appends past the
/// preallocated room (so `sys.getsizeof` sees stringlib's capacities); `prealloc` 0 appends
/// every part (`splitlines`).
fn list_of(
    py: Python<'_>,
    parts: Vec<&[u32]>,
    whole: Option<&PyObject>,
    prealloc: usize,
) -> PyResult<PyRef> {
    let n = parts.len();
    let items = parts.into_iter().map(|p| match whole {
        // A single unsplit part of an exact str is the str itself (CPython).
        Some(w) if n == 1 && p.len() == this_str(w).len() => {
            exact_self(py, w).unwrap_or_else(|| new_str(py, p))
        }
        _ => new_str(py, p),
    });
    preallocated_list(py, items, prealloc)
}

/// `PyList_New(prealloc)` filled in place with `items`, then appends past the preallocated
/// room, so `sys.getsizeof` of a split result sees stringlib's capacities.
fn preallocated_list(
    py: Python<'_>,
    items: impl Iterator<Item = PyRef>,
    prealloc: usize,
) -> PyResult<PyRef> {
    let list = PyList::with_capacity(py, prealloc)?;
    for item in items {
        if list.len() < list.capacity() {
            list.push_within_capacity(item);
        } else {
            list.append(item)?;
        }
    }
    Ok(list.into_object())
}

fn split_impl(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    right: bool,
) -> PyResult<PyRef> {
    let [sep, maxsplit] = parse_kw(&args, name, ["sep", "maxsplit"], 0)?;
    let maxsplit = maxsplit_arg(py, maxsplit)?;
    if let Some(r) = split_latin1(py, this, sep, maxsplit, right) {
        return r;
    }
    let cps = this_str(this).to_cps();
    match sep.filter(|s| !py.is_none(s)) {
        None => {
            let parts = if right {
                algo::rsplit_whitespace(&cps, is_space, maxsplit)
            } else {
                algo::split_whitespace(&cps, is_space, maxsplit)
            };
            list_of(py, parts, Some(this), split_prealloc(maxsplit))
        }
        Some(s) => {
            let Some(sep) = s.downcast_ref::<PyStr>(py) else {
                return Err(PyErr::type_error(format!(
                    "must be str or None, not {}",
                    s.ob_type().name()
                )));
            };
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            let sep = sep.to_cps();
            let parts = if right {
                algo::rsplit_sep(&cps, &sep, maxsplit)
            } else {
                algo::split_sep(&cps, &sep, maxsplit)
            };
            list_of(py, parts, Some(this), split_prealloc(maxsplit))
        }
    }
}

/// `split`/`rsplit` of a Latin-1 string by whitespace or a Latin-1 separator, straight on the
/// code units (the same algorithm and results as the code-point path).
fn split_latin1(
    py: Python<'_>,
    this: &PyObject,
    sep: Option<&PyRef>,
    maxsplit: usize,
    right: bool,
) -> Option<PyResult<PyRef>> {
    let StrData::Latin1(hay) = this_str(this).data() else {
        return None;
    };
    let parts = match sep.filter(|s| !py.is_none(s)) {
        None => {
            let space = |c: u8| is_space(u32::from(c));
            if right {
                algo::rsplit_whitespace(hay, space, maxsplit)
            } else {
                algo::split_whitespace(hay, space, maxsplit)
            }
        }
        Some(s) => {
            let sep = s.downcast_ref::<PyStr>(py)?;
            let StrData::Latin1(sep) = sep.data() else {
                return None;
            };
            if sep.is_empty() {
                return None;
            }
            if right {
                algo::rsplit_sep(hay, sep, maxsplit)
            } else {
                algo::split_sep(hay, sep, maxsplit)
            }
        }
    };
    let n = parts.len();
    let items = parts.into_iter().map(|p| {
        if n == 1 && p.len() == hay.len() {
            // A single unsplit part of an exact str is the str itself (CPython).
            if let Some(w) = exact_self(py, this) {
                return w;
            }
        }
        PyStr::from_latin1(py, p).into_object()
    });
    Some(preallocated_list(py, items, split_prealloc(maxsplit)))
}

fn str_split(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    split_impl(py, this, args, "split", false)
}

fn str_rsplit(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    split_impl(py, this, args, "rsplit", true)
}

fn str_splitlines(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let [keepends] = parse_kw(&args, "splitlines", ["keepends"], 0)?;
    let keep = match keepends {
        Some(k) => arg_ssize(py, k)? != 0,
        None => false,
    };
    let cps = this_str(this).to_cps();
    let parts = algo::splitlines(&cps, keep, is_linebreak);
    list_of(py, parts, Some(this), 0)
}

fn partition_impl(
    py: Python<'_>,
    this: &PyObject,
    args: Args<'_>,
    name: &str,
    right: bool,
) -> PyResult<PyRef> {
    let pos = args.exact_pos(&format!("str.{name}"), 1, 1)?;
    let sep_obj = &pos[0];
    let sep = str_arg(py, sep_obj, "")?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let cps = this_str(this).to_cps();
    let empty = || py.interp().singletons.empty_str.clone().into_object();
    let whole = result_or_self(py, this, None);
    let items = match algo::partition(&cps, &sep.to_cps(), right) {
        Some((a, b)) => [new_str(py, a), sep_obj.clone(), new_str(py, b)],
        None if right => [empty(), empty(), whole],
        None => [whole, empty(), empty()],
    };
    Ok(PyTuple::from_array(py, items).into_object())
}

fn str_partition(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    partition_impl(py, this, args, "partition", false)
}

fn str_rpartition(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    partition_impl(py, this, args, "rpartition", true)
}

fn str_join(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.join", 1, 1)?;
    let items = collect_iterable(py, &pos[0], || {
        PyErr::type_error("can only join an iterable")
    })?;
    if items.len() == 1
        && let Some(r) = exact_self(py, &items[0])
    {
        return Ok(r);
    }
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.downcast_ref::<PyStr>(py) else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                item.ob_type().name()
            )));
        };
        parts.push(s);
    }
    Ok(PyStr::from_parts(py, &parts, Some(this_str(this))).into_object())
}

fn str_replace(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("replace", 2, 3)?;
    let old = str_arg(py, &pos[0], "replace() argument 1")?.to_cps();
    let new = str_arg(py, &pos[1], "replace() argument 2")?.to_cps();
    let count = match pos.get(2) {
        Some(c) => arg_ssize(py, c)?,
        None => -1,
    };
    let count = if count < 0 {
        None
    } else {
        Some(count as usize)
    };
    if let (StrData::Latin1(hay), true, true) = (
        this_str(this).data(),
        old.iter().all(|&c| c < 0x100),
        new.iter().all(|&c| c < 0x100),
    ) {
        // Latin-1 throughout: the same algorithm on the code units.
        let old: Vec<u8> = old.iter().map(|&c| c as u8).collect();
        let new: Vec<u8> = new.iter().map(|&c| c as u8).collect();
        return Ok(match algo::replace(hay, &old, &new, count) {
            Some(v) => PyStr::from_latin1(py, &v).into_object(),
            None => result_or_self(py, this, None),
        });
    }
    let cps = this_str(this).to_cps();
    Ok(result_or_self(
        py,
        this,
        algo::replace(&cps, &old, &new, count),
    ))
}

// ---------------------------------------------------------------------------------------------
// translate / maketrans.

fn str_translate(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.exact_pos("str.translate", 1, 1)?;
    let table = &pos[0];
    let Some(getitem) = table.ob_type().slots.getitem else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            table.ob_type().name()
        )));
    };
    let mut out = Vec::new();
    for c in this_str(this).code_points() {
        let key = PyInt::new(py, i64::from(c));
        match getitem(py, table, key.as_object()) {
            Ok(v) => {
                if py.is_none(&v) {
                    continue;
                }
                if let Some(i) = v.downcast_ref::<PyInt>(py) {
                    match i.as_i64().filter(|v| (0..=0x10FFFF).contains(v)) {
                        Some(v) => out.push(v as u32),
                        None => {
                            return Err(PyErr::value_error(
                                "character mapping must be in range(0x110000)",
                            ));
                        }
                    }
                } else if let Some(s) = v.downcast_ref::<PyStr>(py) {
                    out.extend(s.code_points());
                } else {
                    return Err(PyErr::type_error(
                        "character mapping must return integer, None or str",
                    ));
                }
            }
            Err(e) if e.is_kind(ExcKind::LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(new_str(py, &out))
}

/// `str.maketrans(x[, y[, z]])` with string arguments: returns a list of `(ord, value)` pairs
/// until `dict` exists; the lead wires it to a dict. Only the 2/3-argument string form is here.
pub fn maketrans_pairs(
    py: Python<'_>,
    x: &PyStr,
    y: &PyStr,
    z: Option<&PyStr>,
) -> PyResult<Vec<(PyRef, PyRef)>> {
    if x.len() != y.len() {
        return Err(PyErr::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    let mut out: Vec<(PyRef, PyRef)> = x
        .code_points()
        .zip(y.code_points())
        .map(|(a, b)| {
            (
                PyInt::new(py, i64::from(a)).into_object(),
                PyInt::new(py, i64::from(b)).into_object(),
            )
        })
        .collect();
    if let Some(z) = z {
        for c in z.code_points() {
            out.push((PyInt::new(py, i64::from(c)).into_object(), py.none()));
        }
    }
    Ok(out)
}

fn as_str_arg<'a>(py: Python<'_>, v: &'a PyRef, n: usize) -> PyResult<&'a PyStr> {
    v.downcast_ref::<PyStr>(py).ok_or_else(|| {
        PyErr::type_error(format!(
            "maketrans() argument {n} must be str, not {}",
            v.ob_type().name()
        ))
    })
}

/// `str.maketrans(x[, y[, z]])` (`unicode_maketrans_impl`).
fn str_maketrans(py: Python<'_>, _this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    let a = args.exact_pos("maketrans", 1, 3)?;
    let table = crate::objects::dict::PyDict::new(py);
    if a.len() == 1 {
        let Some(d) = a[0].downcast_ref::<crate::objects::dict::PyDict>(py) else {
            return Err(PyErr::type_error(
                "if you give only one argument to maketrans it must be a dict",
            ));
        };
        for (k, v) in d.items() {
            let key = if let Some(s) = k.downcast_ref::<PyStr>(py) {
                let mut cps = s.code_points();
                match (cps.next(), cps.next()) {
                    (Some(c), None) => PyInt::new(py, i64::from(c)).into_object(),
                    _ => {
                        return Err(PyErr::value_error(
                            "string keys in translate table must be of length 1",
                        ));
                    }
                }
            } else if k.is_instance_of::<PyInt>(py) {
                k
            } else {
                return Err(PyErr::type_error(
                    "keys in translate table must be strings or integers",
                ));
            };
            table.set_item(py, key, v)?;
        }
        return Ok(table.into_object());
    }
    let Some(x) = a[0].downcast_ref::<PyStr>(py) else {
        return Err(PyErr::type_error(
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    let y = as_str_arg(py, &a[1], 2)?;
    let z = match a.get(2) {
        Some(z) => Some(as_str_arg(py, z, 3)?),
        None => None,
    };
    for (k, v) in maketrans_pairs(py, x, y, z)? {
        table.set_item(py, k, v)?;
    }
    Ok(table.into_object())
}

fn str_dunder_sizeof(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.__sizeof__", 0, 0)?;
    Ok(int_result(
        py,
        this.ob_type().instance_sizeof(this) as isize,
    ))
}

fn str_getnewargs(py: Python<'_>, this: &PyObject, args: Args<'_>) -> PyResult<PyRef> {
    args.exact_pos("str.__getnewargs__", 0, 0)?;
    let copy = new_str(py, &this_str(this).to_cps());
    Ok(PyTuple::from_array(py, [copy]).into_object())
}
