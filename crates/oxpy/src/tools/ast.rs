//! `oxpy -m ast [options] [infile]`: what `python3 -m ast` prints (CPython 3.11
//! `Lib/ast.py` `main`): the file parsed by oxpy's parser and dumped with
//! `ast.dump(tree, include_attributes=..., indent=...)`.

use crate::report;
use oxpy_parser::Mode;
use std::io::Write;

const USAGE: &str = "usage: python -m ast [-h] [-m {exec,single,eval,func_type}]
                     [--no-type-comments] [-a] [-i INDENT]
                     [infile]";

const HELP: &str = "
positional arguments:
  infile                the file to parse; defaults to stdin

options:
  -h, --help            show this help message and exit
  -m {exec,single,eval,func_type}, --mode {exec,single,eval,func_type}
                        specify what kind of code must be parsed
  --no-type-comments    don't add information about type comments
  -a, --include-attributes
                        include attributes such as line numbers and column
                        offsets
  -i INDENT, --indent INDENT
                        indentation of nodes (number of spaces)";

/// The parsed command line.
struct Options {
    mode: String,
    type_comments: bool,
    include_attributes: bool,
    indent: i64,
    infile: Option<String>,
}

/// An argparse-style error: usage plus message on stderr, exit status 2.
fn usage_error(msg: &str) -> i32 {
    eprintln!("{USAGE}\npython -m ast: error: {msg}");
    2
}

/// Parse `args` as argparse would; `Err` is the exit status.
fn parse_args(args: &[String]) -> Result<Options, i32> {
    let mut opts = Options {
        mode: "exec".into(),
        type_comments: true,
        include_attributes: false,
        indent: 3,
        infile: None,
    };
    let mut it = args.iter();
    let mut extra = Vec::new();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ if arg.len() > 2
                && (arg.starts_with("-m") || arg.starts_with("-i"))
                && !arg.starts_with("--") =>
            {
                (&arg[..2], Some(arg[2..].to_string()))
            }
            _ => (arg.as_str(), None),
        };
        let mut value = |flag: &str| -> Result<String, i32> {
            match inline.clone().or_else(|| it.next().cloned()) {
                Some(v) => Ok(v),
                None => Err(usage_error(&format!(
                    "argument {flag}: expected one argument"
                ))),
            }
        };
        match name {
            "-h" | "--help" => {
                println!("{USAGE}\n{HELP}");
                return Err(0);
            }
            "-m" | "--mode" => {
                let v = value("-m/--mode")?;
                if !["exec", "single", "eval", "func_type"].contains(&v.as_str()) {
                    return Err(usage_error(&format!(
                        "argument -m/--mode: invalid choice: '{v}' (choose from 'exec', 'single', 'eval', 'func_type')"
                    )));
                }
                opts.mode = v;
            }
            "--no-type-comments" => opts.type_comments = false,
            "-a" | "--include-attributes" => opts.include_attributes = true,
            "-i" | "--indent" => {
                let v = value("-i/--indent")?;
                opts.indent = v.trim().parse().map_err(|_| {
                    usage_error(&format!("argument -i/--indent: invalid int value: '{v}'"))
                })?;
            }
            "-" => opts.infile = Some("-".into()),
            a if a.starts_with('-') && a.len() > 1 => extra.push(arg.clone()),
            _ if opts.infile.is_none() => opts.infile = Some(arg.clone()),
            _ => extra.push(arg.clone()),
        }
    }
    if !extra.is_empty() {
        return Err(usage_error(&format!(
            "unrecognized arguments: {}",
            extra.join(" ")
        )));
    }
    Ok(opts)
}

/// Entry point: arguments after `-m ast`; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let opts = match parse_args(args) {
        Ok(opts) => opts,
        Err(code) => return code,
    };
    let (name, bytes) = match opts.infile.as_deref() {
        Some(path) if path != "-" => match std::fs::read(path) {
            Ok(bytes) => (path.to_string(), bytes),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                let reason = e.to_string();
                let reason = reason.split(" (os error").next().unwrap_or(&reason);
                return usage_error(&format!(
                    "argument infile: can't open '{path}': [Errno {errno}] {reason}: '{path}'"
                ));
            }
        },
        _ => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                eprintln!("error: {e}");
                return 1;
            }
            ("<stdin>".to_string(), bytes)
        }
    };
    let mode = match opts.mode.as_str() {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => {
            eprintln!("oxpy: -m ast: mode 'func_type' is not supported yet");
            return 1;
        }
    };
    let source = match oxpy_lexer::decode_file(&bytes, &name) {
        Ok(source) => source,
        Err(err) => {
            eprint!("{}", report::syntax_error(&err, &name, None));
            return 1;
        }
    };
    let options = oxpy_parser::Options {
        type_comments: opts.type_comments,
    };
    match oxpy_parser::parse_with(&source, mode, options) {
        Ok(tree) => {
            let indent = " ".repeat(usize::try_from(opts.indent).unwrap_or(0));
            let mut text = oxpy_ast::dump(&tree, Some(&indent), opts.include_attributes);
            text.push('\n');
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => 0,
                Err(_) => 1,
            }
        }
        Err(err) => {
            // `ast.parse` reads the file's contents as a string.
            let input = report::Input::String;
            eprint!(
                "{}",
                report::syntax_error_of(&err, &name, Some(&source), input)
            );
            1
        }
    }
}
