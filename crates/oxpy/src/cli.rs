//! Argument parsing and dispatch, with python3's flags, messages and exit codes.

use crate::{report, tools};
use oxpy_parser::Mode;

const USAGE: &str = "usage: oxpy [option] ... [-c cmd | -m mod | file | -] [arg] ...";

/// What the command line asks for.
enum Action {
    Version,
    Help,
    Module(String, Vec<String>),
    Command(String),
    Script(String),
    Stdin,
}

/// Parse `args` (without argv[0]) and run; returns the process exit code.
pub fn run(args: Vec<String>) -> i32 {
    match parse(args) {
        Ok(Action::Version) => {
            println!("Python 3.11.7");
            0
        }
        Ok(Action::Help) => {
            println!("{USAGE}");
            0
        }
        Ok(Action::Module(name, rest)) => match tools::find(&name) {
            Some(tool) => tool(&rest),
            None => {
                eprintln!("oxpy: No module named {name}");
                1
            }
        },
        Ok(Action::Command(cmd)) => run_source(cmd.as_bytes(), "<string>"),
        Ok(Action::Script(path)) => match std::fs::read(&path) {
            // Like CPython 3.11, the main script is known by its absolute path.
            Ok(bytes) => {
                let shown = std::path::absolute(&path).map_or(path, |p| p.display().to_string());
                run_source(&bytes, &shown)
            }
            Err(e) => {
                let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone().into());
                let errno = e.raw_os_error().unwrap_or(0);
                let reason = io_reason(&e);
                eprintln!(
                    "oxpy: can't open file '{}': [Errno {errno}] {reason}",
                    shown.display()
                );
                2
            }
        },
        Ok(Action::Stdin) => {
            let mut bytes = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                Ok(_) => run_source(&bytes, "<stdin>"),
                Err(e) => {
                    eprintln!("oxpy: cannot read standard input: {e}");
                    2
                }
            }
        }
        Err(msg) => {
            eprintln!("{msg}\n{USAGE}\nTry `python -h' for more information.");
            2
        }
    }
}

fn parse(args: Vec<String>) -> Result<Action, String> {
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-V" | "--version" => return Ok(Action::Version),
            "-h" | "-?" | "--help" => return Ok(Action::Help),
            "-c" => {
                let cmd = it.next().ok_or("Argument expected for the -c option")?;
                return Ok(Action::Command(cmd));
            }
            "-m" => {
                let module = it.next().ok_or("Argument expected for the -m option")?;
                return Ok(Action::Module(module, it.collect()));
            }
            "-u" | "-E" | "-I" | "-s" | "-S" | "-B" | "-O" | "-OO" | "-q" | "-b" => {}
            "-X" | "-W" => {
                it.next()
                    .ok_or_else(|| format!("Argument expected for the {arg} option"))?;
            }
            "-" => return Ok(Action::Stdin),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("Unknown option: {s}"));
            }
            _ => return Ok(Action::Script(arg)),
        }
    }
    Ok(Action::Stdin)
}

/// Compile and run one program; returns the exit code.
fn run_source(bytes: &[u8], filename: &str) -> i32 {
    let source = match oxpy_lexer::decode_file(bytes, filename) {
        Ok(source) => source,
        Err(err) => {
            eprint!("{}", report::syntax_error(&err, filename, None));
            return 1;
        }
    };
    let compiled = oxpy_parser::parse(&source, Mode::Exec)
        .and_then(|module| oxpy_compiler::compile(&module, filename));
    match compiled {
        Ok(_code) => {
            eprintln!(
                "oxpy: {filename}: compiled, but running Python code needs the VM, which is not built yet"
            );
            2
        }
        Err(err) => {
            eprint!("{}", report::syntax_error(&err, filename, Some(&source)));
            1
        }
    }
}

/// The strerror text CPython shows for an I/O error.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        std::io::ErrorKind::IsADirectory => "Is a directory".into(),
        _ => e.to_string(),
    }
}
