//! Identifiers (PEP 3131): which characters may appear, and NFKC normalisation.

use std::borrow::Cow;
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// NFKC-normalise an identifier, as CPython does for every non-ASCII name
/// (`ﬁle` and `file` are the same name). ASCII names are returned borrowed.
pub fn normalize_name(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        return Cow::Borrowed(name);
    }
    let normalized: String = name.nfkc().collect();
    if normalized == name {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalized)
    }
}

/// Python's `str.isprintable()` for one character: everything except the
/// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the ASCII space.
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}

/// Python's `str.isalnum()` for one character (letters and numbers by general
/// category: L* and Nd, Nl, No).
pub fn is_alnum(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::DecimalNumber
            | GeneralCategory::LetterNumber
            | GeneralCategory::OtherNumber
    )
}

/// `_PyUnicode_ScanIdentifier`: the byte index and value of the first character of
/// `name` that cannot be part of an identifier (XID_Start or `_` first, then
/// XID_Continue), if any.
pub(crate) fn first_invalid(name: &str) -> Option<(usize, char)> {
    let mut chars = name.char_indices();
    let (_, first) = chars.next()?;
    if !(first == '_' || unicode_ident::is_xid_start(first)) {
        return Some((0, first));
    }
    chars.find(|&(_, c)| !unicode_ident::is_xid_continue(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize_name("abc"), "abc");
        assert_eq!(normalize_name("ﬁle"), "file");
        assert_eq!(normalize_name("𝔘𝔫𝔦"), "Uni");
        assert!(matches!(normalize_name("é"), Cow::Borrowed(_)));
    }

    #[test]
    fn scans() {
        assert_eq!(first_invalid("x€"), Some((1, '€')));
        assert_eq!(first_invalid("a·b"), None);
        assert_eq!(first_invalid("·"), Some((0, '·')));
        assert!(!is_printable('\u{a0}'));
        assert!(is_printable('€'));
    }
}
