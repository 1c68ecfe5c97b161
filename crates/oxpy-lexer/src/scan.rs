//! CPython's scanning rules for numbers and strings (`tok_get` in Parser/tokenizer.c).
//!
//! Both scanners mirror the C code's cursor: `next` reads one byte (`-1` at the end),
//! `backup` un-reads it. Errors carry the cursor where CPython raises, because that is
//! what its error offsets are computed from.

/// End-of-input marker, as the C tokenizer's `EOF`.
const EOF: i32 = -1;

/// A scanning failure, with CPython's message and the cursor it is reported at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// Reported at the cursor: `offset` = characters from line start to `cur`.
    At {
        /// Byte offset of the C tokenizer's `tok->cur` when it raised.
        cur: usize,
        /// The message.
        msg: String,
    },
    /// The leading-zeros error, reported with an explicit byte range on the line.
    LeadingZeros {
        /// First byte of the number.
        start: usize,
        /// Just past the zeros and the first non-zero digit.
        zeros_end: usize,
    },
    /// An unterminated string.
    Unterminated {
        /// Whether the string was triple-quoted.
        triple: bool,
        /// Where scanning stopped (at the line break or at the end of input).
        stop: usize,
    },
}

/// The C tokenizer's read cursor over the source bytes.
struct Cursor<'a> {
    bytes: &'a [u8],
    cur: usize,
    /// Accept identifier characters right after a number (tokenize.py's view).
    lenient: bool,
}

impl Cursor<'_> {
    fn next(&mut self) -> i32 {
        match self.bytes.get(self.cur) {
            Some(&b) => {
                self.cur += 1;
                i32::from(b)
            }
            None => EOF,
        }
    }

    fn backup(&mut self, c: i32) {
        if c != EOF {
            self.cur -= 1;
        }
    }

    fn peek(&self) -> i32 {
        self.bytes.get(self.cur).map_or(EOF, |&b| i32::from(b))
    }

    fn error(&self, msg: impl Into<String>) -> ScanError {
        ScanError::At {
            cur: self.cur,
            msg: msg.into(),
        }
    }
}

fn is(c: i32, b: u8) -> bool {
    c == i32::from(b)
}

fn is_digit(c: i32) -> bool {
    (i32::from(b'0')..=i32::from(b'9')).contains(&c)
}

fn is_xdigit(c: i32) -> bool {
    is_digit(c)
        || (i32::from(b'a')..=i32::from(b'f')).contains(&c)
        || (i32::from(b'A')..=i32::from(b'F')).contains(&c)
}

/// CPython's `is_potential_identifier_char` (every non-ASCII byte counts).
pub(crate) fn is_potential_identifier_char(c: i32) -> bool {
    c >= 128
        || is_digit(c)
        || is(c, b'_')
        || (i32::from(b'a')..=i32::from(b'z')).contains(&c)
        || (i32::from(b'A')..=i32::from(b'Z')).contains(&c)
}

/// `lookahead`: does `test` follow, and then no identifier character?
fn lookahead(cur: &Cursor<'_>, test: &[u8]) -> bool {
    let rest = &cur.bytes[cur.cur.min(cur.bytes.len())..];
    rest.starts_with(test)
        && !is_potential_identifier_char(rest.get(test.len()).map_or(EOF, |&b| i32::from(b)))
}

/// `verify_end_of_number`: a number directly followed by a keyword that may follow
/// a number in valid code is accepted (CPython warns); any other ASCII identifier
/// character is an error.
fn verify_end(cur: &mut Cursor<'_>, c: i32, kind: &str) -> Result<(), ScanError> {
    if cur.lenient {
        return Ok(());
    }
    let allowed = match u8::try_from(c) {
        Ok(b'a') => lookahead(cur, b"nd"),
        Ok(b'e') => lookahead(cur, b"lse"),
        Ok(b'f') => lookahead(cur, b"or"),
        Ok(b'i') => matches!(u8::try_from(cur.peek()), Ok(b'f' | b'n' | b's')),
        Ok(b'o') => lookahead(cur, b"r"),
        Ok(b'n') => lookahead(cur, b"ot"),
        _ => false,
    };
    if !allowed && c < 128 && is_potential_identifier_char(c) {
        cur.backup(c);
        return Err(cur.error(format!("invalid {kind} literal")));
    }
    Ok(())
}

/// `tok_decimal_tail`: digits with single underscores between them.
fn decimal_tail(cur: &mut Cursor<'_>) -> Result<i32, ScanError> {
    loop {
        let mut c = cur.next();
        while is_digit(c) {
            c = cur.next();
        }
        if !is(c, b'_') {
            return Ok(c);
        }
        c = cur.next();
        if !is_digit(c) {
            cur.backup(c);
            return Err(cur.error("invalid decimal literal"));
        }
    }
}

/// Scan a number starting at `start` (a digit, or `.` and a digit); returns its end.
/// `lenient` accepts identifier characters right after the number.
pub(crate) fn number(bytes: &[u8], start: usize, lenient: bool) -> Result<usize, ScanError> {
    let mut cur = Cursor {
        bytes,
        cur: start,
        lenient,
    };
    let mut c = cur.next();
    if is(c, b'.') {
        c = cur.next();
        return fraction(&mut cur, c);
    }
    if !is(c, b'0') {
        c = decimal_tail(&mut cur)?;
        if is(c, b'.') {
            c = cur.next();
            return fraction(&mut cur, c);
        }
        return after_fraction(&mut cur, c);
    }
    c = cur.next();
    if is(c, b'x') || is(c, b'X') {
        c = cur.next();
        loop {
            if is(c, b'_') {
                c = cur.next();
            }
            if !is_xdigit(c) {
                cur.backup(c);
                return Err(cur.error("invalid hexadecimal literal"));
            }
            c = cur.next();
            while is_xdigit(c) {
                c = cur.next();
            }
            if !is(c, b'_') {
                break;
            }
        }
        verify_end(&mut cur, c, "hexadecimal")?;
    } else if is(c, b'o') || is(c, b'O') || is(c, b'b') || is(c, b'B') {
        let (kind, max) = if is(c, b'o') || is(c, b'O') {
            ("octal", b'7')
        } else {
            ("binary", b'1')
        };
        let in_base = |c: i32| (i32::from(b'0')..=i32::from(max)).contains(&c);
        let bad_digit = |cur: &Cursor<'_>, c: i32| {
            let digit = char::from(u8::try_from(c).unwrap_or(b'?'));
            cur.error(format!("invalid digit '{digit}' in {kind} literal"))
        };
        c = cur.next();
        loop {
            if is(c, b'_') {
                c = cur.next();
            }
            if !in_base(c) {
                if is_digit(c) {
                    return Err(bad_digit(&cur, c));
                }
                cur.backup(c);
                return Err(cur.error(format!("invalid {kind} literal")));
            }
            c = cur.next();
            while in_base(c) {
                c = cur.next();
            }
            if !is(c, b'_') {
                break;
            }
        }
        if is_digit(c) {
            return Err(bad_digit(&cur, c));
        }
        verify_end(&mut cur, c, kind)?;
    } else {
        // "0", maybe followed by more zeros, or an old-style octal (an error).
        loop {
            if is(c, b'_') {
                c = cur.next();
                if !is_digit(c) {
                    cur.backup(c);
                    return Err(cur.error("invalid decimal literal"));
                }
            }
            if !is(c, b'0') {
                break;
            }
            c = cur.next();
        }
        let zeros_end = cur.cur;
        let nonzero = is_digit(c);
        if nonzero {
            c = decimal_tail(&mut cur)?;
        }
        if is(c, b'.') {
            c = cur.next();
            return fraction(&mut cur, c);
        } else if is(c, b'e') || is(c, b'E') {
            return exponent(&mut cur, c);
        } else if is(c, b'j') || is(c, b'J') {
            return imaginary(&mut cur);
        } else if nonzero {
            return Err(ScanError::LeadingZeros { start, zeros_end });
        }
        verify_end(&mut cur, c, "decimal")?;
    }
    cur.backup(c);
    Ok(cur.cur)
}

/// After the `.` of a float; `c` is the first character after it.
fn fraction(cur: &mut Cursor<'_>, mut c: i32) -> Result<usize, ScanError> {
    if is_digit(c) {
        c = decimal_tail(cur)?;
    }
    after_fraction(cur, c)
}

/// After the digits of an integer or fraction part.
fn after_fraction(cur: &mut Cursor<'_>, c: i32) -> Result<usize, ScanError> {
    if is(c, b'e') || is(c, b'E') {
        return exponent(cur, c);
    }
    if is(c, b'j') || is(c, b'J') {
        return imaginary(cur);
    }
    verify_end(cur, c, "decimal")?;
    cur.backup(c);
    Ok(cur.cur)
}

/// At an `e`/`E` (`e` is that character, already read).
fn exponent(cur: &mut Cursor<'_>, e: i32) -> Result<usize, ScanError> {
    let mut c = cur.next();
    if is(c, b'+') || is(c, b'-') {
        c = cur.next();
        if !is_digit(c) {
            cur.backup(c);
            return Err(cur.error("invalid decimal literal"));
        }
    } else if !is_digit(c) {
        // Not an exponent after all (`1else`): the number ends before the `e`.
        cur.backup(c);
        verify_end(cur, e, "decimal")?;
        cur.backup(e);
        return Ok(cur.cur);
    }
    c = decimal_tail(cur)?;
    if is(c, b'j') || is(c, b'J') {
        return imaginary(cur);
    }
    verify_end(cur, c, "decimal")?;
    cur.backup(c);
    Ok(cur.cur)
}

/// After the `j`/`J` of an imaginary literal.
fn imaginary(cur: &mut Cursor<'_>) -> Result<usize, ScanError> {
    let c = cur.next();
    verify_end(cur, c, "imaginary")?;
    cur.backup(c);
    Ok(cur.cur)
}

/// Scan a string whose opening quote is at `quote_at`; returns the end (just past the
/// closing quotes). A backslash escapes the next character (so `\'` and an escaped
/// line break do not end the string); `\r\n` counts as one character.
pub(crate) fn string(bytes: &[u8], quote_at: usize) -> Result<usize, ScanError> {
    let quote = bytes.get(quote_at).map_or(EOF, |&b| i32::from(b));
    let mut cur = Cursor {
        bytes,
        cur: quote_at + 1,
        lenient: false,
    };
    let mut quote_size = 1;
    let mut end_quote_size = 0;
    let mut c = cur.next();
    if c == quote {
        c = cur.next();
        if c == quote {
            quote_size = 3;
        } else {
            end_quote_size = 1;
        }
    }
    if c != quote {
        cur.backup(c);
    }
    while end_quote_size != quote_size {
        c = cur.next();
        let line_break = is(c, b'\n') || is(c, b'\r');
        if c == EOF || (quote_size == 1 && line_break) {
            cur.backup(c);
            return Err(ScanError::Unterminated {
                triple: quote_size == 3,
                stop: cur.cur,
            });
        }
        if c == quote {
            end_quote_size += 1;
        } else {
            end_quote_size = 0;
            if is(c, b'\\') {
                c = cur.next();
                if is(c, b'\r') && is(cur.peek(), b'\n') {
                    cur.next();
                }
            }
        }
    }
    Ok(cur.cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_ends() {
        let end = |s: &str| number(s.as_bytes(), 0, false);
        assert_eq!(end("123 "), Ok(3));
        assert_eq!(end("1_000.5e-3j+"), Ok(11));
        assert_eq!(end("0x_ff)"), Ok(5));
        assert_eq!(end("1else"), Ok(1));
        assert_eq!(end("1if"), Ok(1));
        assert_eq!(end(".5"), Ok(2));
        assert_eq!(end("1."), Ok(2));
        assert_eq!(end("0"), Ok(1));
        assert_eq!(end("1é"), Ok(1));
    }

    #[test]
    fn string_ends() {
        let end = |s: &str| string(s.as_bytes(), 0);
        assert_eq!(end("'a\\'b' x"), Ok(6));
        assert_eq!(end("'''a'' '''x"), Ok(10));
        assert_eq!(end("''x"), Ok(2));
        assert_eq!(end("'a\\\r\nb'"), Ok(7));
        assert!(matches!(
            end("'abc\n'"),
            Err(ScanError::Unterminated {
                triple: false,
                stop: 4
            })
        ));
    }
}
