//! Tracebacks: recording entries as exceptions unwind, and printing them the way CPython 3.11
//! prints an uncaught exception (`Python/traceback.c`, `pythonrun.c:print_exception`).

use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::code::PyCode;
use crate::objects::exception::PyBaseException;
use crate::objects::heap_type::type_module;
use crate::objects::str::PyStr;
use crate::objects::traceback::PyTraceback;

/// Prepend a traceback entry for `code` at `lasti` to `exc.__traceback__` (`PyTraceBack_Here`).
pub fn add_entry(py: Python<'_>, exc: &PyObject, frame: &crate::eval::Frame) {
    if let Some(e) = exc.downcast_ref::<PyBaseException>(py) {
        let old = e.traceback.borrow_mut().take();
        if old.is_none()
            && std::ptr::eq(
                exc.ob_type(),
                py.types().exception(crate::error::ExcKind::NameError),
            )
            && e.field("name").is_some()
        {
            crate::eval::suggestions::remember_frame(e);
        }
        let fo = crate::eval::frame_object(py, frame);
        let tb = PyTraceback::new(py, old, frame.code.clone(), frame.lasti as u32);
        *tb.frame.borrow_mut() = Some(fo.into_object());
        *e.traceback.borrow_mut() = Some(tb.into_object());
    }
}

const RECURSIVE_CUTOFF: usize = 3;

/// The lines of source file `filename` (like `linecache`), if readable.
fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if filename.starts_with('<') {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let text = oxpy_lexer::decode_file(&bytes, filename).ok()?;
    text.lines()
        .nth((lineno as usize).checked_sub(1)?)
        .map(str::to_string)
}

/// Character offset of UTF-8 byte offset `b` in `s`.
fn char_offset(s: &str, b: usize) -> usize {
    let b = b.min(s.len());
    s.char_indices().take_while(|(i, _)| *i < b).count()
}

/// `(left_end, right_start)` anchors (in characters of `segment`) for a binary operator or
/// subscript segment (`_extract_caret_anchors_from_line_segment`).
fn anchors(segment: &str) -> Option<(usize, usize)> {
    use oxpy_ast::nodes::{ExprKind, Mod, StmtKind};
    let module = oxpy_parser::parse(segment, oxpy_parser::Mode::Exec).ok()?;
    let Mod::Module { body, .. } = module else {
        return None;
    };
    if body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &body[0].kind else {
        return None;
    };
    match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let left_end = left.loc.end_col_offset as usize;
            let right_start = right.loc.col_offset as usize;
            let op_str = segment.get(left_end..right_start)?;
            let offset = op_str.len() - op_str.trim_start().len();
            let left_anchor = left_end + offset;
            let mut right_anchor = left_anchor + 1;
            let rest = op_str.as_bytes();
            if offset + 1 < rest.len() && !rest[offset + 1].is_ascii_whitespace() {
                right_anchor += 1;
            }
            Some((
                char_offset(segment, left_anchor),
                char_offset(segment, right_anchor),
            ))
        }
        ExprKind::Subscript { value, slice, .. } => Some((
            char_offset(segment, value.loc.end_col_offset as usize),
            char_offset(segment, slice.loc.end_col_offset as usize + 1),
        )),
        _ => None,
    }
}

/// One `File "…", line N, in name` block with its source line and carets.
fn format_entry(code: &PyCode, lasti: u32, out: &mut String) -> (String, u32, String) {
    let filename = code.code.co_filename.clone();
    let name = code.code.co_name.clone();
    let loc = code.location_at(lasti);
    let lineno = loc.map_or(0, |l| l.lineno.max(0) as u32);
    out.push_str(&format!(
        "  File \"{filename}\", line {lineno}, in {name}\n"
    ));
    if let Some(line) = source_line(&filename, lineno) {
        let stripped = line.trim();
        if !stripped.is_empty() {
            out.push_str(&format!("    {stripped}\n"));
            if let Some(l) = loc
                && l.col >= 0
                && l.end_col >= 0
            {
                let lead = line.chars().count() - line.trim_start().chars().count();
                let start = char_offset(&line, l.col as usize);
                let mut end = char_offset(&line, l.end_col as usize);
                let mut anc = None;
                if l.end_lineno == l.lineno {
                    let seg: String = line
                        .chars()
                        .skip(start)
                        .take(end.saturating_sub(start))
                        .collect();
                    anc = anchors(&seg);
                } else {
                    end = lead + stripped.chars().count();
                }
                let width = end.saturating_sub(start);
                if width < stripped.chars().count() || anc.is_some() {
                    out.push_str("    ");
                    out.push_str(&" ".repeat(start.saturating_sub(lead)));
                    match anc {
                        Some((le, rs)) => {
                            out.push_str(&"~".repeat(le));
                            out.push_str(&"^".repeat(rs.saturating_sub(le)));
                            out.push_str(&"~".repeat(width.saturating_sub(rs)));
                        }
                        None => out.push_str(&"^".repeat(width)),
                    }
                    out.push('\n');
                }
            }
        }
    }
    (filename, lineno, name)
}

/// The `Traceback (most recent call last):` block for a traceback chain.
fn format_traceback(py: Python<'_>, tb: &PyObject, out: &mut String) {
    out.push_str("Traceback (most recent call last):\n");
    let mut cur = tb
        .downcast_ref::<PyTraceback>(py)
        .map(|t| t.as_object_ref());
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    while let Some(t) = cur {
        let Some(entry) = t.downcast_ref::<PyTraceback>(py) else {
            break;
        };
        let mut text = String::new();
        let key = format_entry(&entry.code, entry.lasti, &mut text);
        if last.as_ref() == Some(&key) {
            count += 1;
        } else {
            flush_repeats(count, out);
            last = Some(key);
            count = 1;
        }
        if count <= RECURSIVE_CUTOFF {
            out.push_str(&text);
        }
        cur = entry.next.clone();
    }
    flush_repeats(count, out);
}

fn flush_repeats(count: usize, out: &mut String) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        ));
    }
}

impl PyTraceback {
    fn as_object_ref(&self) -> PyRef {
        // SAFETY: a traceback is an object; `self` is alive.
        unsafe { &*(self as *const PyTraceback as *const PyObject) }.to_owned_ref()
    }
}

/// The last line of a report: `Type: message` (qualified with the module for user classes).
pub fn exception_only(py: Python<'_>, exc: &PyObject) -> String {
    let ty = exc.ob_type();
    let qual = match &ty.heap {
        Some(h) => h.qualname.borrow().to_string_lossy(),
        None => ty.name().to_string(),
    };
    let module = type_module(py, ty);
    let name = if module == "builtins" || module == "__main__" {
        qual
    } else {
        format!("{module}.{qual}")
    };
    let is_syntax = ty.is_subtype(py.types().exception(crate::error::ExcKind::SyntaxError));
    let mut out = String::new();
    let msg = match crate::object::protocol::str_(py, exc) {
        Ok(s) => s.to_string_lossy(),
        Err(_) => "<exception str() failed>".into(),
    };
    if is_syntax && let Some(e) = exc.downcast_ref::<PyBaseException>(py) {
        let args = e.args.borrow().clone();
        if let [m, details] = args.as_slice()
            && let Some(d) = details.downcast_ref::<crate::objects::tuple::PyTuple>(py)
            && let [file, line, offset, text, end_line, end_offset] = d.as_slice()
        {
            let num = |v: &PyRef| {
                v.downcast_ref::<crate::objects::int::PyInt>(py)
                    .and_then(|i| i.as_i64())
                    .unwrap_or(0)
            };
            let file = crate::object::protocol::str_(py, file)
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            out.push_str(&format!("  File \"{file}\", line {}\n", num(line)));
            if let Some(t) = text.downcast_ref::<PyStr>(py) {
                let t = t.to_string_lossy();
                let stripped = t.trim_start_matches([' ', '\t', '\x0c']);
                let indent = (t.len() - stripped.len()) as i64;
                let body = stripped.trim_end_matches('\n');
                out.push_str(&format!("    {body}\n"));
                let off = num(offset);
                // `parse_syntax_error` reads the end position only for exact SyntaxErrors:
                // IndentationError and TabError always get one caret.
                let exact =
                    std::ptr::eq(ty, py.types().exception(crate::error::ExcKind::SyntaxError));
                let mut end = if exact { num(end_offset) } else { -1 };
                if exact && num(end_line) > num(line) {
                    end = t.len() as i64;
                }
                let carets = if end > 0 && end > off { end - off } else { 1 };
                let col = (off - 1 - indent).min(body.len() as i64);
                if col >= 0 {
                    out.push_str(&format!(
                        "    {}{}\n",
                        " ".repeat(col as usize),
                        "^".repeat(carets.max(1) as usize)
                    ));
                }
            }
            let m = crate::object::protocol::str_(py, m)
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            out.push_str(&format!("{name}: {m}\n"));
            return out;
        }
    }
    let hint = crate::eval::suggestions::offer_suggestions(py, exc).unwrap_or_default();
    if msg.is_empty() {
        out.push_str(&format!("{name}{hint}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}{hint}\n"));
    }
    if let Some(e) = exc.downcast_ref::<PyBaseException>(py)
        && let Ok(d) = Ok::<_, ()>(e.dict(py))
        && let Ok(Some(notes)) = d.get_item(
            py,
            crate::objects::str::intern_str(py, "__notes__").as_object(),
        )
        && let Ok(items) = crate::eval::ops::collect_iterable(py, &notes)
    {
        for n in items {
            if let Ok(s) = crate::object::protocol::str_(py, &n) {
                out.push_str(&s.to_string_lossy());
                out.push('\n');
            }
        }
    }
    out
}

/// One exception's traceback and `Type: message` line, without its causes and contexts (what
/// the default `sys.unraisablehook` prints).
pub fn format_exception_unchained(py: Python<'_>, exc: &PyObject) -> String {
    let mut out = String::new();
    if let Ok(tb) = crate::eval::attr::getattr_str(py, exc, "__traceback__")
        && !py.is_none(&tb)
    {
        format_traceback(py, &tb, &mut out);
    }
    out.push_str(&exception_only(py, exc));
    out
}

/// The full report of an uncaught exception, chained causes and contexts first.
pub fn format_exception(py: Python<'_>, exc: &PyObject) -> String {
    let mut ctx = PrintContext {
        seen: Vec::new(),
        depth: 0,
        need_close: false,
    };
    let mut out = String::new();
    print_recursive(py, &mut ctx, exc, &mut out);
    out
}

/// Groups nested deeper than this are elided (`max_group_depth`).
const MAX_GROUP_DEPTH: usize = 10;
/// Sub-exceptions printed per group (`max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;

/// `struct exception_print_context` of `pythonrun.c`.
struct PrintContext {
    seen: Vec<usize>,
    depth: usize,
    need_close: bool,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Write `text` with every line behind the indent and margin (`margin` at depth > 0).
    fn emit(&self, text: &str, margin: &str, out: &mut String) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push_str(margin);
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

fn print_recursive(py: Python<'_>, ctx: &mut PrintContext, exc: &PyObject, out: &mut String) {
    print_cause_and_context(py, ctx, exc, out);
    if crate::objects::exception_group::is_group_type(py, exc.ob_type()) {
        print_group(py, ctx, exc, out);
    } else {
        if let Some(tb) = exc
            .downcast_ref::<PyBaseException>(py)
            .and_then(|e| e.traceback.borrow().clone())
        {
            let mut text = String::new();
            format_traceback(py, &tb, &mut text);
            ctx.emit(&text, "| ", out);
        }
        ctx.emit(&exception_only(py, exc), "| ", out);
    }
}

fn print_cause_and_context(
    py: Python<'_>,
    ctx: &mut PrintContext,
    exc: &PyObject,
    out: &mut String,
) {
    ctx.seen.push(exc.as_ptr() as usize);
    let Some(e) = exc.downcast_ref::<PyBaseException>(py) else {
        return;
    };
    let cause = e.cause.borrow().clone();
    let context = e.context.borrow().clone();
    if let Some(c) = cause {
        if !ctx.seen.contains(&(c.as_ptr() as usize)) {
            print_chained(
                py,
                ctx,
                &c,
                "The above exception was the direct cause of the following exception:\n",
                out,
            );
        }
    } else if let Some(c) = context
        && !e.suppress_context.get()
        && !ctx.seen.contains(&(c.as_ptr() as usize))
    {
        print_chained(
            py,
            ctx,
            &c,
            "During handling of the above exception, another exception occurred:\n",
            out,
        );
    }
}

fn print_chained(
    py: Python<'_>,
    ctx: &mut PrintContext,
    exc: &PyObject,
    message: &str,
    out: &mut String,
) {
    let need_close = ctx.need_close;
    print_recursive(py, ctx, exc, out);
    ctx.need_close = need_close;
    ctx.emit("\n", "| ", out);
    ctx.emit(message, "| ", out);
    ctx.emit("\n", "| ", out);
}

fn print_group(py: Python<'_>, ctx: &mut PrintContext, exc: &PyObject, out: &mut String) {
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(
            &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
            "| ",
            out,
        );
        return;
    }
    let toplevel = ctx.depth == 0;
    if toplevel {
        ctx.depth += 1;
    }
    let Some(e) = exc.downcast_ref::<PyBaseException>(py) else {
        return;
    };
    if let Some(tb) = e.traceback.borrow().clone() {
        let mut text = String::new();
        format_traceback(py, &tb, &mut text);
        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let head = head.replace("Traceback", "Exception Group Traceback");
        ctx.emit(
            &format!("{head}\n"),
            if ctx.depth == 1 { "+ " } else { "| " },
            out,
        );
        ctx.emit(rest, "| ", out);
    }
    ctx.emit(&exception_only(py, exc), "| ", out);
    let excs = crate::objects::exception_attrs::get_member(py, e, "exceptions")
        .and_then(|t| crate::eval::ops::collect_iterable(py, &t).ok())
        .unwrap_or_default();
    let num = excs.len();
    let n = if num <= MAX_GROUP_WIDTH {
        num
    } else {
        MAX_GROUP_WIDTH + 1
    };
    ctx.need_close = false;
    for i in 0..n {
        let last = i + 1 == n;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        out.push_str(&ctx.indent());
        out.push_str(if i == 0 { "+-" } else { "  " });
        out.push_str(&format!("+---------------- {title} ----------------\n"));
        ctx.depth += 1;
        if truncated {
            let remaining = num - MAX_GROUP_WIDTH;
            let plural = if remaining > 1 { "s" } else { "" };
            ctx.emit(
                &format!("and {remaining} more exception{plural}\n"),
                "| ",
                out,
            );
        } else if let Some(sub) = excs.get(i) {
            print_recursive(py, ctx, sub, out);
        }
        if last && ctx.need_close {
            out.push_str(&ctx.indent());
            out.push_str("+------------------------------------\n");
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if toplevel {
        ctx.depth = 0;
    }
}
