//! Printing errors the way CPython 3.11's top level prints them.

use oxpy_lexer::{ErrorKind, SyntaxError};

/// How CPython read the source: it matters only at the end of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// From a file or stdin (`python3 FILE`, `python3 < FILE`): the file tokenizer.
    File,
    /// From a string (`-c`, `compile()`, `ast.parse`, `python3 -m ast FILE`).
    String,
}

/// Render a `SyntaxError` as `python3 FILE` prints it on stderr (CPython 3.11
/// `print_exception` + `print_error_text`): the `File` line, the offending source line
/// without its indentation, a caret line, then `Kind: msg`. `"<string>"` (`-c`) is
/// string input, any other name file input (see [`syntax_error_of`]).
pub fn syntax_error(err: &SyntaxError, filename: &str, source: Option<&str>) -> String {
    let input = if filename == "<string>" {
        Input::String
    } else {
        Input::File
    };
    syntax_error_of(err, filename, source, input)
}

/// [`syntax_error`] for source read as `input`.
///
/// CPython's `offset`/`end_offset` count characters, but the caret line is drawn in
/// UTF-8 bytes, so carets drift right of non-ASCII text exactly as they do in python3.
pub fn syntax_error_of(
    err: &SyntaxError,
    filename: &str,
    source: Option<&str>,
    input: Input,
) -> String {
    // Errors without a location (lineno 0, e.g. undecodable source) print no `File` line.
    let mut out = String::new();
    if err.lineno > 0 {
        out = format!("  File \"{filename}\", line {}\n", err.lineno);
        if let Some(text) = source.and_then(|s| source_line(s, err.lineno)) {
            let mut err = err.clone();
            if input == Input::File && past_line_end(&err, text) {
                // Raised from the end-of-input state, where CPython's file tokenizer
                // has no column: offset 0, so no caret.
                err.offset = 0;
            }
            out.push_str(&error_text(&err, text));
        }
    }
    out.push_str(err.kind.name());
    if !err.msg.is_empty() {
        out.push_str(": ");
        out.push_str(&err.msg);
    }
    out.push('\n');
    out
}

/// Is `err` a missing block placed past the end of the text of its line? Only one
/// raised at the end of the input is.
fn past_line_end(err: &SyntaxError, text: &str) -> bool {
    let body = text.trim_end_matches(['\n', '\r']);
    err.kind == ErrorKind::IndentationError
        && err.msg.starts_with("expected an indented block")
        && usize::try_from(err.offset).is_ok_and(|offset| offset > body.chars().count())
}

/// Line `lineno` (1-based) of `source`, with its line terminator.
fn source_line(source: &str, lineno: u32) -> Option<&str> {
    let index = usize::try_from(lineno).ok()?.checked_sub(1)?;
    source.split_inclusive('\n').nth(index)
}

/// The 1-based UTF-8 byte offset of the 1-based character offset `offset` in `text`.
fn byte_offset(text: &str, offset: i64) -> i64 {
    if offset <= 0 {
        return offset;
    }
    let chars = usize::try_from(offset - 1).unwrap_or(usize::MAX);
    let bytes: usize = text.chars().take(chars).map(char::len_utf8).sum();
    i64::try_from(bytes).unwrap_or(i64::MAX) + 1
}

/// The source line and caret line (`print_error_text`).
fn error_text(err: &SyntaxError, text: &str) -> String {
    let line_size = i64::try_from(text.len()).unwrap_or(i64::MAX);
    let offset = byte_offset(text, i64::from(err.offset));
    // `parse_syntax_error` reads the end position only for exact `SyntaxError`s;
    // its subclasses (IndentationError, TabError) always get a single caret.
    let mut end = if err.kind != ErrorKind::SyntaxError {
        -1
    } else if err.end_lineno > err.lineno {
        line_size
    } else {
        byte_offset(text, i64::from(err.end_offset))
    };
    end = end.min(line_size + 1);
    let carets = if end > 0 && end > offset {
        end - offset
    } else {
        1
    };

    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    let indent = i64::try_from(text.len() - stripped.len()).unwrap_or(0);
    let body = stripped.strip_suffix('\n').unwrap_or(stripped);
    let column = (offset - 1 - indent).min(i64::try_from(body.len()).unwrap_or(i64::MAX));

    let mut out = format!("    {body}\n");
    if column >= 0 {
        out.push_str("    ");
        out.push_str(&" ".repeat(usize::try_from(column).unwrap_or(0)));
        out.push_str(&"^".repeat(usize::try_from(carets).unwrap_or(1)));
        out.push('\n');
    }
    out
}
