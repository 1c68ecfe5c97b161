//! `oxpy -m tokenize [-e] [FILE]`: what `python3 -m tokenize` prints.
//!
//! python3's command uses the pure-Python `Lib/tokenize.py`, not the C tokenizer;
//! [`oxpy_lexer::tokenize_py`] reshapes oxpy's tokens into its view. This file adds
//! the ENCODING token, the output format and tokenize.py's error lines.

use oxpy_ast::repr::str_repr;
use oxpy_lexer::SyntaxError;

const USAGE: &str = "usage: tokenize.py [-h] [-e] [filename.py]";

/// Entry point: arguments after `-m tokenize`; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let mut exact = false;
    let mut filename = None;
    for arg in args {
        match arg.as_str() {
            "-e" | "--exact" => exact = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            a if a.starts_with('-') && a.len() > 1 => {
                eprintln!("{USAGE}\ntokenize.py: error: unrecognized arguments: {a}");
                return 2;
            }
            a if filename.is_none() => filename = Some(a.to_string()),
            a => {
                eprintln!("{USAGE}\ntokenize.py: error: unrecognized arguments: {a}");
                return 2;
            }
        }
    }
    let (name, bytes, with_encoding) = match &filename {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => (path.clone(), bytes, true),
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        },
        None => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                eprintln!("error: {e}");
                return 1;
            }
            ("<stdin>".to_string(), bytes, false)
        }
    };
    match render(&bytes, exact, with_encoding) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => 0,
                Err(_) => 1,
            }
        }
        Err(Failure::Located(msg, line, col)) => {
            eprintln!("{name}:{line}:{col}: error: {msg}");
            1
        }
        Err(Failure::Plain(msg)) => {
            eprintln!("{name}: error: {msg}");
            1
        }
    }
}

/// Why tokenize.py would stop, and where it would say so.
enum Failure {
    Located(String, u32, u32),
    Plain(String),
}

/// The whole output of `python3 -m tokenize` for a source file's bytes.
fn render(bytes: &[u8], exact: bool, with_encoding: bool) -> Result<String, Failure> {
    let (encoding, bom) = if with_encoding {
        oxpy_lexer::detect_encoding(bytes).map_err(Failure::Plain)?
    } else {
        ("utf-8".to_string(), 0)
    };
    let body = bytes.get(bom..).unwrap_or_default();
    let src = oxpy_lexer::decode_as(body, &encoding)
        .ok_or_else(|| Failure::Plain(format!("cannot decode source as {encoding}")))?;
    let tokens =
        oxpy_lexer::tokenize_py::tokens(&src, exact).map_err(|e| tokenize_error(&src, &e))?;
    let mut out = String::with_capacity(src.len() * 4);
    if with_encoding {
        line(&mut out, (0, 0), (0, 0), "ENCODING", &encoding);
    }
    for token in &tokens {
        line(&mut out, token.start, token.end, token.kind, token.text);
    }
    Ok(out)
}

/// One output line: `"%-20s%-15s%-15r" % ("%d,%d-%d,%d:" % (start + end), name, text)`.
fn line(out: &mut String, start: (u32, u32), end: (u32, u32), kind: &str, text: &str) {
    let range = format!("{},{}-{},{}:", start.0, start.1, end.0, end.1);
    let repr = str_repr(text);
    pad(out, &range, 20);
    pad(out, kind, 15);
    pad(out, &repr, 15);
    out.push('\n');
}

/// Append `s` left-justified to `width` characters.
fn pad(out: &mut String, s: &str, width: usize) {
    out.push_str(s);
    let len = s.chars().count();
    for _ in len..width {
        out.push(' ');
    }
}

/// The error tokenize.py reports where the C tokenizer's rules fail. tokenize.py is
/// laxer (it yields ERRORTOKENs for many of these), so only the errors it also
/// raises are worded its way.
fn tokenize_error(src: &str, err: &SyntaxError) -> Failure {
    let lines = u32::try_from(src.split_inclusive('\n').count()).unwrap_or(u32::MAX);
    if err.msg.ends_with("was never closed") {
        return Failure::Located("EOF in multi-line statement".into(), lines + 1, 0);
    }
    if err.msg.starts_with("unterminated triple-quoted") {
        let col = err.offset.saturating_sub(1);
        return Failure::Located("EOF in multi-line string".into(), err.lineno, col);
    }
    Failure::Located(err.msg.clone(), err.lineno, err.offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_python() {
        // Recorded with `python3 -m tokenize` on a file holding `x = 'é'\n`.
        let want = "0,0-0,0:            ENCODING       'utf-8'        \n\
                    1,0-1,1:            NAME           'x'            \n\
                    1,2-1,3:            OP             '='            \n\
                    1,4-1,7:            STRING         \"'é'\"          \n\
                    1,7-1,8:            NEWLINE        '\\n'           \n\
                    2,0-2,0:            ENDMARKER      ''             \n";
        let got = render("x = 'é'\n".as_bytes(), false, true).ok();
        assert_eq!(got.as_deref(), Some(want));
    }
}
