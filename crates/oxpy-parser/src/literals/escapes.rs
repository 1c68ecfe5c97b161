//! Backslash escapes of str and bytes literals (CPython's
//! `_PyUnicode_DecodeUnicodeEscapeInternal` and `_PyBytes_DecodeEscape`).
//!
//! Unknown escapes are kept verbatim (3.11 only warns about them). Error messages
//! are CPython's, including the byte positions it reports: those count in the
//! buffer `decode_unicode_with_escapes` builds, where every non-ASCII character has
//! become a 10-byte `\UXXXXXXXX` escape and a backslash before one is `\u005c`.

use oxpy_ast::PyStr;

/// Decode the body of a non-raw str literal. `Err` carries the message after
/// `(unicode error) `.
pub fn decode_str(body: &str) -> Result<PyStr, String> {
    let mut out = PyStr::new();
    let mut chars = body.char_indices().peekable();
    // Extra bytes the CPython buffer has before the current character.
    let mut shift = 0usize;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            if !c.is_ascii() {
                shift += 10 - c.len_utf8();
            }
            continue;
        }
        let pos = i + shift; // the backslash, in CPython's buffer
        let Some(&(_, e)) = chars.peek() else {
            out.push('\\');
            break;
        };
        if !e.is_ascii() {
            out.push('\\'); // `\u005c`: the backslash stays; the char follows
            shift += 5;
            continue;
        }
        chars.next();
        let simple = match e {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend_opt(c);
            continue;
        }
        match e {
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push_code_point(value);
            }
            'x' | 'u' | 'U' => {
                let (count, message) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value = 0u32;
                let mut len = 2; // bytes consumed in CPython's buffer
                for _ in 0..count {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            len += 1;
                            chars.next();
                        }
                        None => return Err(decode_error(pos, pos + len, message)),
                    }
                }
                if value > 0x10FFFF {
                    return Err(decode_error(pos, pos + len, "illegal Unicode character"));
                }
                out.push_code_point(value);
            }
            'N' => {
                let rest = &body[i + 2..];
                let malformed =
                    |end: usize| decode_error(pos, pos + end, "malformed \\N character escape");
                let Some(name_part) = rest.strip_prefix('{') else {
                    return Err(malformed(2));
                };
                let Some(close) = name_part.find('}') else {
                    return Err(malformed(2 + rest.len()));
                };
                if close == 0 {
                    return Err(malformed(3));
                }
                let name = &name_part[..close];
                // Names are ASCII; a non-ASCII name grew in CPython's buffer.
                let grown: usize = name
                    .chars()
                    .map(|c| if c.is_ascii() { 1 } else { 10 })
                    .sum();
                match lookup_name(name) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(decode_error(
                            pos,
                            pos + 4 + grown,
                            "unknown Unicode character name",
                        ));
                    }
                }
                for _ in 0..name.chars().count() + 2 {
                    chars.next();
                }
                shift += grown - name.len();
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// `\N{NAME}`: a character name or alias, case-insensitively (as `unicodedata`).
fn lookup_name(name: &str) -> Option<char> {
    if !name.is_ascii() {
        return None;
    }
    unicode_names2::character(name)
}

/// `UnicodeDecodeError.__str__` for the `unicodeescape` codec, `start..end` exclusive.
fn decode_error(start: usize, end: usize, reason: &str) -> String {
    if end == start + 1 {
        format!("'unicodeescape' codec can't decode byte 0x5c in position {start}: {reason}")
    } else {
        format!(
            "'unicodeescape' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        )
    }
}

/// Decode the body of a non-raw bytes literal (already known to be ASCII). `Err`
/// carries the message after `(value error) `.
pub fn decode_bytes(body: &str) -> Result<Vec<u8>, String> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = bytes.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = |k: usize| bytes.get(k).and_then(|&d| char::from(d).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 2;
                    }
                    _ => return Err(format!("invalid \\x escape at position {}", i - 2)),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

trait PushOpt {
    fn extend_opt(&mut self, c: Option<char>);
}

impl PushOpt for PyStr {
    fn extend_opt(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(body: &str) -> Vec<u32> {
        decode_str(body).expect("valid").code_points().collect()
    }

    #[test]
    fn str_escapes() {
        assert_eq!(
            s(r"a\n\t\\\'\x41\101\u00e9\U0001F600"),
            vec![0x61, 10, 9, 0x5c, 0x27, 0x41, 0x41, 0xe9, 0x1F600]
        );
        assert_eq!(
            s(r"\N{EM DASH}\N{latin small letter a}\N{LATIN CAPITAL LETTER GHA}"),
            vec![0x2014, 0x61, 0x1a2]
        );
        assert_eq!(s("\\\nx"), vec![0x78]);
        assert_eq!(s(r"\q\ud800"), vec![0x5c, 0x71, 0xd800]);
        assert_eq!(s(r"\777"), vec![0o777]);
        assert_eq!(s("\\é"), vec![0x5c, 0xe9]);
    }

    // Messages recorded from python3: compile(r'"BODY"', ...).msg without "(unicode error) ".
    #[test]
    fn str_errors() {
        let cases = [
            (
                r"\x4g",
                "'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
            ),
            (
                r"\x",
                "'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape",
            ),
            (
                "é\\x4",
                "'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape",
            ),
            (
                r"\u12",
                "'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape",
            ),
            (
                r"\U00110000",
                "'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
            ),
            (
                r"\N",
                "'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape",
            ),
            (
                r"\N{",
                "'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape",
            ),
            (
                r"\N{}",
                "'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape",
            ),
            (
                r"\N{foo}",
                "'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(decode_str(body).expect_err(body), want, "{body}");
        }
    }

    #[test]
    fn bytes_escapes() {
        assert_eq!(
            decode_bytes(r"a\x41\777\N{x}\u1").expect("valid"),
            b"aA\xff\\N{x}\\u1".to_vec()
        );
        assert_eq!(
            decode_bytes(r"\x4").expect_err("bad"),
            "invalid \\x escape at position 0"
        );
        assert_eq!(
            decode_bytes(r"a\x").expect_err("bad"),
            "invalid \\x escape at position 1"
        );
    }
}
