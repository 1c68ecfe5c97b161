//! Source bytes to text, as CPython 3.11 reads a source file: UTF-8 BOM, PEP 263
//! coding declarations on line 1 or 2, UTF-8 validation with CPython's messages, and
//! line breaks (`\r\n`, lone `\r`) normalised to `\n` — lines and columns unchanged.

use crate::codecs::{ALIASES, TABLES};
use crate::error::{ErrorKind, SyntaxError};
use crate::layout::count_line_breaks;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode a source read from somewhere unnamed (reported as `<string>`); see
/// [`decode_file`].
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    decode_file(bytes, "<string>")
}

/// Decode the bytes of source file `filename` as CPython's file tokenizer does.
/// Errors carry CPython's message; the ones it raises without a location have
/// `lineno` and `offset` 0.
pub fn decode_file(bytes: &[u8], filename: &str) -> Result<String, SyntaxError> {
    let (has_bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let declared = declared_encoding(body);
    let text = match declared.as_deref() {
        Some(name) if has_bom && name != "utf-8" => {
            return Err(unlocated(format!("encoding problem: {name} with BOM")));
        }
        None | Some("utf-8") => match std::str::from_utf8(body) {
            Ok(text) => text.to_owned(),
            Err(err) => {
                let at = err.valid_up_to();
                let byte = body.get(at).copied().unwrap_or(0);
                let line = 1 + count_line_breaks(&body[..at]);
                return Err(unlocated(format!(
                    "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line \
                     {line}, but no encoding declared; see https://peps.python.org/pep-0263/ \
                     for details"
                )));
            }
        },
        Some(name) => match decode_as(body, name) {
            Some(text) => text,
            None => return Err(unlocated(format!("encoding problem: {name}"))),
        },
    };
    Ok(normalize_newlines(text))
}

/// tokenize.py's `detect_encoding`: the encoding name its ENCODING token shows
/// (`utf-8` when there is a BOM or no declaration) and the length of the BOM, or
/// tokenize.py's error message.
pub fn detect_encoding(bytes: &[u8]) -> Result<(String, usize), String> {
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let cookie = |line: &[u8]| -> Result<Option<String>, String> {
        let Ok(text) = std::str::from_utf8(line) else {
            return Err("invalid or missing encoding declaration".into());
        };
        let Some(name) = cookie(text) else {
            return Ok(None);
        };
        let name = normal_name(&name);
        if lookup(&name).is_none() {
            return Err(format!("unknown encoding: {name}"));
        }
        if bom > 0 && name != "utf-8" {
            return Err("encoding problem: utf-8".into());
        }
        Ok(Some(name))
    };
    let default = || ("utf-8".to_owned(), bom);
    let Some(first) = lines.next() else {
        return Ok(default());
    };
    if let Some(name) = cookie(first)? {
        return Ok((name, bom));
    }
    if !is_blank(first) {
        return Ok(default());
    }
    match lines.next() {
        Some(second) => Ok(cookie(second)?.map_or_else(default, |name| (name, bom))),
        None => Ok(default()),
    }
}

/// Decode `bytes` with the Python codec called `encoding` (UTF-8, ASCII, Latin-1 and
/// the common single-byte code pages); `None` if the codec is unknown or a byte
/// cannot be decoded. Line breaks are kept as they are.
pub fn decode_as(bytes: &[u8], encoding: &str) -> Option<String> {
    match lookup(encoding)? {
        "utf_8" => std::str::from_utf8(bytes).ok().map(str::to_owned),
        "latin_1" => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        codec => {
            let table = &TABLES.iter().find(|(name, _)| *name == codec)?.1;
            let mut out = String::with_capacity(bytes.len());
            for &b in bytes {
                if b < 0x80 {
                    out.push(char::from(b));
                } else {
                    let code = table[usize::from(b - 0x80)];
                    out.push(char::from_u32(u32::from(code)).filter(|_| code != 0xFFFF)?);
                }
            }
            Some(out)
        }
    }
}

/// The codec module name for an encoding name, as `codecs.lookup` resolves it.
fn lookup(encoding: &str) -> Option<&'static str> {
    let mut key = String::with_capacity(encoding.len());
    let mut pending_underscore = false;
    for c in encoding.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if pending_underscore && !key.is_empty() {
                key.push('_');
            }
            pending_underscore = false;
            key.push(c.to_ascii_lowercase());
        } else {
            pending_underscore = true;
        }
    }
    if matches!(
        key.as_str(),
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001"
    ) {
        return Some("utf_8");
    }
    let find = |k: &str| {
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == k)
            .map(|(_, c)| *c)
    };
    find(&key).or_else(|| find(&key.replace('.', "_")))
}

/// The declared encoding of the source, if line 1 (or line 2 after a blank or
/// comment-only line 1) holds a PEP 263 declaration; names are normalised as
/// CPython's `get_normal_name` does.
fn declared_encoding(body: &[u8]) -> Option<String> {
    let mut lines = body.split_inclusive(|&b| b == b'\n' || b == b'\r');
    let first = lines.next()?;
    if let Some(spec) = coding_spec(first) {
        return Some(normal_name(&spec));
    }
    if !is_blank(first) {
        return None;
    }
    lines
        .next()
        .and_then(coding_spec)
        .map(|spec| normal_name(&spec))
}

/// CPython's `get_coding_spec`: `coding[:=]` inside a comment that is the only thing
/// on the line.
fn coding_spec(line: &[u8]) -> Option<String> {
    let hash = line.iter().position(|&b| b == b'#')?;
    if !line[..hash]
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\x0c'))
    {
        return None;
    }
    let mut i = hash;
    while i + 6 < line.len() {
        if &line[i..i + 6] == b"coding" && matches!(line.get(i + 6), Some(b':' | b'=')) {
            let mut t = i + 7;
            while matches!(line.get(t), Some(b' ' | b'\t')) {
                t += 1;
            }
            let begin = t;
            while line
                .get(t)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            {
                t += 1;
            }
            if t > begin {
                return Some(String::from_utf8_lossy(&line[begin..t]).into_owned());
            }
        }
        i += 1;
    }
    None
}

/// tokenize.py's cookie regex: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn cookie(line: &str) -> Option<String> {
    let rest = line
        .trim_start_matches([' ', '\t', '\x0c'])
        .strip_prefix('#')?;
    let mut search = rest;
    loop {
        let at = search.find("coding")?;
        let after = &search[at + 6..];
        if let Some(value) = after.strip_prefix([':', '=']) {
            let value = value.trim_start_matches([' ', '\t']);
            let end = value
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
                .unwrap_or(value.len());
            if end > 0 {
                return Some(value[..end].to_owned());
            }
        }
        search = after;
    }
}

/// A line holding only whitespace and/or a comment.
fn is_blank(line: &[u8]) -> bool {
    let rest = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'));
    rest.is_none_or(|at| matches!(line[at], b'#' | b'\r' | b'\n'))
}

/// CPython's `get_normal_name`: `utf-8` and `iso-8859-1` spellings to those names.
fn normal_name(name: &str) -> String {
    let lower: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if lower == "utf-8" || lower.starts_with("utf-8-") {
        "utf-8".into()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&lower.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        "iso-8859-1".into()
    } else {
        name.into()
    }
}

/// `\r\n` and lone `\r` become `\n`.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn unlocated(msg: String) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg,
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
    }
}
