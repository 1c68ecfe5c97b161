//! Numeric literals (`NUMBER` tokens) to constant values.

use num_bigint::BigInt;
use oxpy_ast::Constant;
use oxpy_lexer::{ErrorKind, Pos, SyntaxError};

/// CPython's default `sys.get_int_max_str_digits()`: longer decimal literals are an error.
const INT_MAX_STR_DIGITS: usize = 4300;

/// The value of one NUMBER token: an int of any size (decimal, hex, octal, binary),
/// a correctly rounded float, or an imaginary number. Underscores are ignored.
pub fn parse_number(text: &str, start: Pos, _end: Pos) -> Result<Constant, SyntaxError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let invalid = || {
        SyntaxError::new(
            ErrorKind::SyntaxError,
            "invalid syntax",
            start.line,
            start.col + 1,
        )
    };
    if let Some(imag) = clean.strip_suffix(['j', 'J']) {
        let imag = parse_float(imag).ok_or_else(invalid)?;
        return Ok(Constant::Complex { real: 0.0, imag });
    }
    let lower = clean.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            return BigInt::parse_bytes(digits.as_bytes(), radix)
                .map(Constant::Int)
                .ok_or_else(invalid);
        }
    }
    if !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit()) {
        if lower.len() > INT_MAX_STR_DIGITS {
            return Err(too_many_digits(lower.len(), start));
        }
        return BigInt::parse_bytes(lower.as_bytes(), 10)
            .map(Constant::Int)
            .ok_or_else(invalid);
    }
    parse_float(&lower).map(Constant::Float).ok_or_else(invalid)
}

/// A float literal (digits, `.`, exponent only: Rust would also accept `inf`/`nan`).
fn parse_float(text: &str) -> Option<f64> {
    let ok = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if ok { text.parse().ok() } else { None }
}

/// The `ValueError` CPython turns into a `SyntaxError` for over-long decimal ints.
fn too_many_digits(digits: usize, start: Pos) -> SyntaxError {
    let msg = format!(
        "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
         value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit \
         - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
    );
    let mut err = SyntaxError::new(ErrorKind::SyntaxError, msg, start.line, 0);
    err.end_offset = 0;
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Constant {
        parse_number(text, Pos::default(), Pos::default()).expect("valid literal")
    }

    #[test]
    fn ints_floats_imaginary() {
        assert_eq!(num("0x_FF"), Constant::Int(BigInt::from(255)));
        assert_eq!(num("0o17"), Constant::Int(BigInt::from(15)));
        assert_eq!(num("0B101"), Constant::Int(BigInt::from(5)));
        assert_eq!(num("1_000"), Constant::Int(BigInt::from(1000)));
        assert_eq!(num("00"), Constant::Int(BigInt::from(0)));
        assert_eq!(
            num("123456789012345678901234567890"),
            Constant::Int("123456789012345678901234567890".parse().expect("bigint"))
        );
        assert_eq!(num("1_0.5e-1_0"), Constant::Float(10.5e-10));
        assert_eq!(num("1."), Constant::Float(1.0));
        assert_eq!(num(".5"), Constant::Float(0.5));
        assert_eq!(num("1e400"), Constant::Float(f64::INFINITY));
        assert_eq!(num("0.1"), Constant::Float(0.1));
        assert_eq!(
            num("2J"),
            Constant::Complex {
                real: 0.0,
                imag: 2.0
            }
        );
        assert_eq!(
            num("1_0j"),
            Constant::Complex {
                real: 0.0,
                imag: 10.0
            }
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        for text in ["", "j", "0x", "inf", "nanj", "1e", "0b2", "١"] {
            assert!(
                parse_number(text, Pos::default(), Pos::default()).is_err(),
                "{text}"
            );
        }
        let long = "9".repeat(4301);
        let err = parse_number(&long, Pos::default(), Pos::default()).expect_err("too long");
        assert!(err.msg.contains("value has 4301 digits"));
    }
}
