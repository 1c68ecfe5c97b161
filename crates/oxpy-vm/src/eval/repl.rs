//! The interactive prompt (`PyRun_InteractiveLoopFlags` without readline): read a statement
//! from stdin line by line under `sys.ps1`/`sys.ps2` prompts written to stderr, compile it in
//! `single` mode as `<stdin>` (expression values go to `sys.displayhook`), run it in
//! `__main__`, report errors and go on; end of input or `SystemExit` ends the session.
//!
//! Reading stdin is interruptible: a signal makes `read` return `EINTR`, its Python handler
//! runs, and a `KeyboardInterrupt` abandons the line (`input()` shares the reader).

use std::io::{BufRead, ErrorKind};

use oxpy_ast::{Mod, StmtKind};

use crate::error::{ExcKind, PyErr, PyResult};
use crate::eval::builtins::{flush_stdout, write_stderr};
use crate::gil::Python;
use crate::object::PyRef;
use crate::objects::dict::PyDict;
use crate::objects::exception::normalize;
use crate::objects::str::PyStr;

/// One line of stdin with its `\n` (`None` at end of input). A signal arriving while it
/// waits runs its handler; an exception from the handler is returned and the partial line is
/// dropped, as CPython's `my_fgets` does.
pub fn read_line(py: Python<'_>) -> PyResult<Option<String>> {
    let mut bytes = Vec::new();
    loop {
        let step = py.allow_threads(|| -> std::io::Result<(Vec<u8>, bool)> {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            let chunk = lock.fill_buf()?;
            if chunk.is_empty() {
                return Ok((Vec::new(), true));
            }
            let (line, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (chunk[..=i].to_vec(), true),
                None => (chunk.to_vec(), false),
            };
            lock.consume(line.len());
            Ok((line, done))
        });
        match step {
            Ok((chunk, done)) => {
                let eof = chunk.is_empty();
                bytes.extend_from_slice(&chunk);
                if eof {
                    return Ok((!bytes.is_empty()).then(|| lossy(bytes)));
                }
                if done {
                    return Ok(Some(lossy(bytes)));
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => crate::signals::check_signals(py)?,
            Err(e) => return Err(PyErr::new(ExcKind::OSError, e.to_string())),
        }
    }
}

fn lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `sys.<name>` as text (`str()` of the value), or `default` when unset.
fn sys_text(py: Python<'_>, name: &str, default: &str) -> String {
    let sys = crate::eval::run::sys_module(py);
    match sys.dict.get_str(py, name) {
        Some(v) => crate::object::protocol::str_(py, &v)
            .map(|s| s.to_string_lossy())
            .unwrap_or_else(|_| default.to_owned()),
        None => default.to_owned(),
    }
}

/// What the statement typed so far needs.
enum Entry {
    /// Compiled: run it.
    Ready(PyRef<crate::objects::code::PyCode>),
    /// Incomplete: prompt for another line.
    More,
    /// A syntax error to report.
    Error(PyErr),
}

/// Compile the lines typed so far (`source` ends with `\n`); `blank` says the last line was
/// empty, which ends a compound statement as in CPython's interactive tokenizer.
fn compile_entry(py: Python<'_>, source: &str, blank: bool) -> Entry {
    match oxpy_parser::parse(source, oxpy_parser::Mode::Single) {
        Ok(module) => {
            if !blank && is_compound(&module) {
                return Entry::More;
            }
            match crate::eval::builtins::compile_source(
                py,
                source,
                "<stdin>",
                oxpy_parser::Mode::Single,
            ) {
                Ok(code) => Entry::Ready(code),
                Err(e) => Entry::Error(e),
            }
        }
        Err(e) if is_incomplete(&e, source, blank) => Entry::More,
        Err(e) => Entry::Error(crate::eval::builtins::syntax_error(
            py, &e, "<stdin>", source,
        )),
    }
}

/// A compound statement (`if`, `def`, `class`, …): its block ends only at an empty line.
fn is_compound(module: &Mod) -> bool {
    let Mod::Interactive { body } = module else {
        return false;
    };
    body.first().is_some_and(|s| {
        matches!(
            s.kind,
            StmtKind::FunctionDef { .. }
                | StmtKind::AsyncFunctionDef { .. }
                | StmtKind::ClassDef { .. }
                | StmtKind::If { .. }
                | StmtKind::For { .. }
                | StmtKind::AsyncFor { .. }
                | StmtKind::While { .. }
                | StmtKind::With { .. }
                | StmtKind::AsyncWith { .. }
                | StmtKind::Try { .. }
                | StmtKind::TryStar { .. }
                | StmtKind::Match { .. }
        )
    })
}

/// Whether the parser stopped for want of more input (the error sits at the end of what was
/// typed) rather than at a wrong token: CPython's parser then asks for another line.
fn is_incomplete(e: &oxpy_lexer::SyntaxError, source: &str, blank: bool) -> bool {
    let msg = e.msg.as_str();
    // Open brackets, strings and `\` continuations go on through empty lines.
    if msg.contains("was never closed")
        || msg.starts_with("unterminated triple-quoted string")
        || msg.starts_with("unexpected EOF")
    {
        return true;
    }
    if blank {
        return false;
    }
    let lines = source.lines().count();
    // Past the last line: a decorator, or `try:` waiting for its `except`.
    if e.lineno as usize > lines {
        return true;
    }
    // "expected an indented block after 'if' statement on line N", reported on line N itself:
    // the block's first line has not been typed yet.
    msg.starts_with("expected an indented block") && msg.ends_with(&format!("on line {}", e.lineno))
}

/// Report an error as the prompt does (`PyErr_Print`): `sys.excepthook`'s format on stderr,
/// with `sys.last_type`/`last_value`/`last_traceback` set.
fn print_error(py: Python<'_>, err: PyErr) {
    crate::eval::run::report_exception(py, &normalize(py, err));
}

/// Run the prompt in `__main__`'s namespace until end of input (`None`) or `SystemExit`
/// (`Some(exit status)`); `banner` prints the version banner first.
pub fn interact(py: Python<'_>, globals: &PyRef<PyDict>, banner: bool) -> Option<i32> {
    let sys = crate::eval::run::sys_module(py);
    if sys.dict.get_str(py, "ps1").is_none() {
        sys.set(py, "ps1", PyStr::new(py, ">>> ").into_object());
    }
    if sys.dict.get_str(py, "ps2").is_none() {
        sys.set(py, "ps2", PyStr::new(py, "... ").into_object());
    }
    if banner {
        write_stderr(&format!(
            "Python {} on {}\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
            sys_text(py, "version", ""),
            sys_text(py, "platform", "linux"),
        ));
    }
    let mut source = String::new();
    loop {
        let prompt = if source.is_empty() {
            sys_text(py, "ps1", ">>> ")
        } else {
            sys_text(py, "ps2", "... ")
        };
        write_stderr(&prompt);
        let line = match read_line(py) {
            Ok(Some(line)) => line,
            Ok(None) => {
                write_stderr("\n");
                return None;
            }
            Err(e) => {
                source.clear();
                write_stderr("\n");
                print_error(py, e);
                continue;
            }
        };
        // CPython reads a statement's first line; an empty one just prompts again.
        if source.is_empty() && line.trim().is_empty() {
            continue;
        }
        let blank = line.trim().is_empty();
        source.push_str(&line);
        if !source.ends_with('\n') {
            source.push('\n');
        }
        let code = match compile_entry(py, &source, blank) {
            Entry::More => continue,
            Entry::Error(e) => {
                source.clear();
                print_error(py, e);
                continue;
            }
            Entry::Ready(code) => code,
        };
        source.clear();
        let r = crate::eval::call::run_code_with_locals(
            py,
            code,
            globals.clone(),
            crate::eval::run::builtins_dict(py),
            globals.clone().into_object(),
            None,
        );
        if let Err(e) = r {
            if e.is_kind(ExcKind::SystemExit) {
                return Some(crate::eval::run::handle_uncaught(py, e));
            }
            print_error(py, e);
        }
        let _ = flush_stdout();
    }
}
