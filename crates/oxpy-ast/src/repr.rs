//! Python's `repr()` of constants, as `ast.dump` prints them.
//!
//! Provisional: the exact CPython rules (printable-character table, shortest float
//! repr with Python's exponent rules, complex) are being filled in under issue 3.

use crate::{Constant, PyStr};

/// `repr(s)` of a Python str given as `&str`.
pub fn str_repr(s: &str) -> String {
    pystr_repr(&PyStr::from(s))
}

/// `repr(s)` of a Python str.
pub fn pystr_repr(s: &PyStr) -> String {
    let cps: Vec<u32> = s.code_points().collect();
    let quote = if cps.contains(&('\'' as u32)) && !cps.contains(&('"' as u32)) {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for cp in cps {
        match char::from_u32(cp) {
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some(c) if c == quote => {
                out.push('\\');
                out.push(c);
            }
            Some(c) if (' '..='~').contains(&c) => out.push(c),
            _ if cp < 0x100 => out.push_str(&format!("\\x{cp:02x}")),
            _ if cp < 0x10000 => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr(c)` of a constant.
pub fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => format!("{f:?}"),
        Constant::Complex { imag, .. } => format!("{imag:?}j"),
        Constant::Str(s) => pystr_repr(s),
        Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
    }
}
