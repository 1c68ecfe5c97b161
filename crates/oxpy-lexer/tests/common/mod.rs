//! Helpers shared by the tests that read python3-recorded data.

/// Undo the escaping of `record_errors.py`'s `esc` (`\\n`, `\\r`, `\\t`, `\\\\`, `\\xHH`).
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(code).expect("char"));
            }
            other => panic!("bad escape {other:?}"),
        }
    }
    out
}
