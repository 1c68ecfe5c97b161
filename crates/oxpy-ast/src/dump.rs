//! `ast.dump(node, indent=..., include_attributes=...)`, ported line by line from
//! CPython 3.11's `Lib/ast.py` so that `oxpy -m ast` prints the same bytes.
//!
//! `annotate_fields` is always true (as in `python -m ast`); an unset optional field
//! (`Value::Absent`, class default `None`) is skipped, as `_format` skips it.

use crate::{Node, Value, repr};

/// Render `node` exactly as `ast.dump(node, indent=indent, include_attributes=attrs)`.
/// `indent = None` gives the one-line form.
pub fn dump(node: &dyn Node, indent: Option<&str>, include_attributes: bool) -> String {
    let d = Dumper {
        indent,
        include_attributes,
    };
    d.node(node, 0).0
}

struct Dumper<'a> {
    indent: Option<&'a str>,
    include_attributes: bool,
}

impl Dumper<'_> {
    /// `(prefix, sep)` for children at `level` (already incremented by the caller).
    fn seps(&self, level: usize) -> (String, String) {
        match self.indent {
            Some(ind) => {
                let pad = ind.repeat(level);
                (format!("\n{pad}"), format!(",\n{pad}"))
            }
            None => (String::new(), ", ".to_string()),
        }
    }

    fn level(&self, level: usize) -> usize {
        if self.indent.is_some() {
            level + 1
        } else {
            level
        }
    }

    /// Returns the text and whether it is "simple" (no nested structure).
    fn node(&self, node: &dyn Node, level: usize) -> (String, bool) {
        let level = self.level(level);
        let (prefix, sep) = self.seps(level);
        let mut args = Vec::new();
        let mut allsimple = true;
        let mut keywords = true; // annotate_fields=True in `python -m ast`
        for (name, value) in node.fields() {
            if let Value::Absent = value {
                keywords = true;
                continue;
            }
            let (text, simple) = self.value(&value, level);
            allsimple &= simple;
            if keywords {
                args.push(format!("{name}={text}"));
            } else {
                args.push(text);
            }
        }
        if let Some(loc) = node.loc().filter(|_| self.include_attributes) {
            for (name, v) in [
                ("lineno", loc.lineno),
                ("col_offset", loc.col_offset),
                ("end_lineno", loc.end_lineno),
                ("end_col_offset", loc.end_col_offset),
            ] {
                args.push(format!("{name}={v}"));
            }
        }
        let name = node.class_name();
        if allsimple && args.len() <= 3 {
            let simple = args.is_empty();
            return (format!("{name}({})", args.join(", ")), simple);
        }
        (format!("{name}({prefix}{})", args.join(&sep)), false)
    }

    fn value(&self, value: &Value<'_>, level: usize) -> (String, bool) {
        match value {
            Value::Node(n) => self.node(*n, level),
            Value::List(items) => {
                if items.is_empty() {
                    return ("[]".to_string(), true);
                }
                let inner = self.level(level);
                let (prefix, sep) = self.seps(inner);
                let parts: Vec<String> = items.iter().map(|x| self.value(x, inner).0).collect();
                (format!("[{prefix}{}]", parts.join(&sep)), false)
            }
            Value::Absent | Value::None => ("None".to_string(), true),
            Value::Int(i) => (i.to_string(), true),
            Value::Str(s) => (repr::str_repr(s), true),
            Value::Constant(c) => (repr::constant_repr(c), true),
        }
    }
}
