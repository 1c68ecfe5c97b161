//! Reads the AST form written by `export_ast.py` (CPython's own parse of a test
//! program) into oxpy-ast nodes, so compiler tests do not depend on oxpy's parser.

use oxpy_ast::{BigInt, Constant, Loc, PyStr};

/// A parsed value of the exported form.
pub enum V {
    Node(String, Vec<V>, Option<Loc>),
    List(Vec<V>),
    None,
    Str(PyStr),
    Int(i64),
    Const(Constant),
}

pub type Res<T> = Result<T, String>;

struct P<'a> {
    b: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn word(&mut self) -> &str {
        let s = self.i;
        while self.i < self.b.len() && !b" \n\t()[]".contains(&self.b[self.i]) {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[s..self.i]).unwrap_or("")
    }
    fn json_str(&mut self) -> Res<PyStr> {
        // self.b[self.i] == '"'
        self.i += 1;
        let mut out = PyStr::new();
        let mut pending_high: Option<u32> = None;
        loop {
            let c = *self.b.get(self.i).ok_or("eof in string")?;
            self.i += 1;
            let cp = match c {
                b'"' => break,
                b'\\' => {
                    let e = *self.b.get(self.i).ok_or("eof")?;
                    self.i += 1;
                    match e {
                        b'n' => 10,
                        b't' => 9,
                        b'r' => 13,
                        b'b' => 8,
                        b'f' => 12,
                        b'/' => 47,
                        b'\\' => 92,
                        b'"' => 34,
                        b'u' => {
                            let h = std::str::from_utf8(&self.b[self.i..self.i + 4])
                                .map_err(|e| e.to_string())?;
                            self.i += 4;
                            u32::from_str_radix(h, 16).map_err(|e| e.to_string())?
                        }
                        _ => return Err("bad escape".into()),
                    }
                }
                _ => u32::from(c),
            };
            if let Some(hi) = pending_high.take() {
                if (0xDC00..0xE000).contains(&cp) {
                    out.push_code_point(0x10000 + ((hi - 0xD800) << 10) + (cp - 0xDC00));
                    continue;
                }
                out.push_code_point(hi);
            }
            if (0xD800..0xDC00).contains(&cp) {
                pending_high = Some(cp);
            } else {
                out.push_code_point(cp);
            }
        }
        if let Some(hi) = pending_high {
            out.push_code_point(hi);
        }
        Ok(out)
    }
    fn value(&mut self) -> Res<V> {
        self.ws();
        let c = *self.b.get(self.i).ok_or("eof")?;
        match c {
            b'(' => {
                self.i += 1;
                self.ws();
                let name = self.word().to_string();
                let mut fields = Vec::new();
                let mut loc = None;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b')') => {
                            self.i += 1;
                            break;
                        }
                        Some(b'@') => {
                            self.i += 1;
                            let w: Vec<u32> = self
                                .word()
                                .split(':')
                                .filter_map(|x| x.parse().ok())
                                .collect();
                            if w.len() == 4 {
                                loc = Some(Loc {
                                    lineno: w[0],
                                    col_offset: w[1],
                                    end_lineno: w[2],
                                    end_col_offset: w[3],
                                });
                            }
                        }
                        Some(_) => fields.push(self.value()?),
                        None => return Err("eof in node".into()),
                    }
                }
                Ok(V::Node(name, fields, loc))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.b.get(self.i) == Some(&b']') {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value()?);
                }
                Ok(V::List(items))
            }
            b'~' => {
                self.i += 1;
                Ok(V::None)
            }
            b'"' => Ok(V::Str(self.json_str()?)),
            b'#' => {
                self.i += 1;
                Ok(V::Int(self.word().parse().map_err(|_| "bad int")?))
            }
            b'S' => {
                self.i += 1;
                Ok(V::Const(Constant::Str(self.json_str()?)))
            }
            _ => {
                let w = self.word().to_string();
                let f = |h: &str| {
                    u64::from_str_radix(h, 16)
                        .map(f64::from_bits)
                        .map_err(|e| e.to_string())
                };
                let c = match w.as_bytes().first() {
                    Some(b'N') => Constant::None,
                    Some(b'T') => Constant::Bool(true),
                    Some(b'F') => Constant::Bool(false),
                    Some(b'E') => Constant::Ellipsis,
                    Some(b'I') => {
                        Constant::Int(w[1..].parse::<BigInt>().map_err(|e| e.to_string())?)
                    }
                    Some(b'D') => Constant::Float(f(&w[1..])?),
                    Some(b'C') => {
                        let (r, i) = w[1..].split_once(':').ok_or("bad complex")?;
                        Constant::Complex {
                            real: f(r)?,
                            imag: f(i)?,
                        }
                    }
                    Some(b'B') => {
                        let h = &w[1..];
                        let mut bytes = Vec::new();
                        if h != "-" {
                            for k in (0..h.len()).step_by(2) {
                                bytes.push(
                                    u8::from_str_radix(&h[k..k + 2], 16)
                                        .map_err(|e| e.to_string())?,
                                );
                            }
                        }
                        Constant::Bytes(bytes)
                    }
                    _ => return Err(format!("bad token {w}")),
                };
                Ok(V::Const(c))
            }
        }
    }
}

pub fn node(v: V) -> Res<(String, Vec<V>, Option<Loc>)> {
    match v {
        V::Node(n, f, l) => Ok((n, f, l)),
        _ => Err("expected node".into()),
    }
}
pub fn list<T>(v: V, f: impl Fn(V) -> Res<T>) -> Res<Vec<T>> {
    match v {
        V::List(items) => items.into_iter().map(f).collect(),
        _ => Err("expected list".into()),
    }
}
pub fn opt<T>(v: V, f: impl Fn(V) -> Res<T>) -> Res<Option<T>> {
    match v {
        V::None => Ok(None),
        v => f(v).map(Some),
    }
}
pub fn s(v: V) -> Res<String> {
    match v {
        V::Str(p) => p
            .as_str()
            .map(String::from)
            .ok_or_else(|| "surrogate in identifier".into()),
        _ => Err("expected str".into()),
    }
}
pub fn int(v: V) -> Res<i64> {
    match v {
        V::Int(i) => Ok(i),
        _ => Err("expected int".into()),
    }
}
pub fn cst(v: V) -> Res<Constant> {
    match v {
        V::Const(c) => Ok(c),
        _ => Err("expected constant".into()),
    }
}

/// Parse an exported module.
pub fn read_module(text: &str) -> Res<oxpy_ast::Mod> {
    let mut p = P {
        b: text.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    super::ast_reader_gen::r_mod(v)
}
