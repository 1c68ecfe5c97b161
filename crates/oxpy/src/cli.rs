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
    Script(String, Vec<String>),
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
            None => run_module(&name, rest),
        },
        Ok(Action::Command(cmd)) => run_source(cmd.as_bytes(), "<string>", vec!["-c".into()], None),
        Ok(Action::Script(path, rest)) => match std::fs::read(&path) {
            // Like CPython 3.11, the main script is known by its absolute path.
            Ok(bytes) => {
                let shown =
                    std::path::absolute(&path).map_or(path.clone(), |p| p.display().to_string());
                let dir = std::path::Path::new(&shown)
                    .parent()
                    .map(|d| d.display().to_string());
                let mut argv = vec![path];
                argv.extend(rest);
                run_source(&bytes, &shown.clone(), argv, Some((shown, dir)))
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
        Ok(Action::Stdin) if interactive(false).is_some() => {
            run_code(None, vec![String::new()], None, interactive(false))
        }
        Ok(Action::Stdin) => {
            let mut bytes = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                Ok(_) => run_source(&bytes, "<stdin>", vec![String::new()], None),
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

/// Command-line switches that shape the run (`-i`, `-q`) besides `sys.flags`.
#[derive(Default)]
struct Switches {
    inspect: bool,
    quiet: bool,
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
            "-X" | "-W" => {
                it.next()
                    .ok_or_else(|| format!("Argument expected for the {arg} option"))?;
            }
            "-" => return Ok(Action::Stdin),
            s if s.starts_with('-') && s.len() > 1 && !s.starts_with("--") => {
                // Single-letter switches, possibly grouped (`-iq`).
                for c in s[1..].chars() {
                    switch(c).ok_or_else(|| format!("Unknown option: -{c}"))?;
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("Unknown option: {s}"));
            }
            _ => return Ok(Action::Script(arg, it.collect())),
        }
    }
    Ok(Action::Stdin)
}

thread_local! {
    static SWITCHES: std::cell::RefCell<Switches> = std::cell::RefCell::new(Switches::default());
}

/// Apply one single-letter switch; `None` if it is unknown.
fn switch(c: char) -> Option<()> {
    use oxpy_vm::eval::sysmod::set_cli_flag;
    match c {
        'i' => {
            SWITCHES.with(|s| s.borrow_mut().inspect = true);
            set_cli_flag("inspect", 1);
            set_cli_flag("interactive", 1);
        }
        'q' => {
            SWITCHES.with(|s| s.borrow_mut().quiet = true);
            set_cli_flag("quiet", 1);
        }
        'O' => {
            let level = oxpy_vm::eval::sysmod::cli_flags()
                .iter()
                .find(|(n, _)| *n == "optimize")
                .map_or(0, |(_, v)| *v);
            set_cli_flag("optimize", level + 1);
        }
        'B' => set_cli_flag("dont_write_bytecode", 1),
        's' => set_cli_flag("no_user_site", 1),
        'S' => set_cli_flag("no_site", 1),
        'E' => set_cli_flag("ignore_environment", 1),
        'b' => set_cli_flag("bytes_warning", 1),
        'P' => set_cli_flag("safe_path", 1),
        'I' => {
            set_cli_flag("isolated", 1);
            set_cli_flag("ignore_environment", 1);
            set_cli_flag("no_user_site", 1);
            set_cli_flag("safe_path", 1);
        }
        // Unbuffered stdout/stderr (`write_through`), as PYTHONUNBUFFERED.
        'u' => oxpy_vm::eval::sysmod::set_unbuffered(true),
        'd' | 'v' | 'R' => {}
        _ => return None,
    }
    Some(())
}

/// The prompt to run after (`-i`) or instead of the program; `program` says one was given.
fn interactive(program: bool) -> Option<oxpy_vm::eval::run::Interactive> {
    use std::io::IsTerminal;
    let (inspect, quiet) = SWITCHES.with(|s| (s.borrow().inspect, s.borrow().quiet));
    let wanted = inspect || (!program && std::io::stdin().is_terminal());
    wanted.then_some(oxpy_vm::eval::run::Interactive {
        banner: !program && !quiet,
    })
}

/// Compile and run one program; returns the exit code. `file` is the script's absolute path
/// and directory (`__file__`, `sys.path[0]`).
fn run_source(
    bytes: &[u8],
    filename: &str,
    argv: Vec<String>,
    file: Option<(String, Option<String>)>,
) -> i32 {
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
        Ok(code) => run_code(Some(code), argv, file, interactive(true)),
        Err(err) => {
            eprint!("{}", report::syntax_error(&err, filename, Some(&source)));
            1
        }
    }
}

/// Stack of the thread that runs Python code: deep enough for any recursion limit a script
/// sets; the eval loop raises RecursionError before it runs out.
const VM_STACK_SIZE: usize = 1 << 30;

/// Run compiled code on the VM thread.
fn run_code(
    code: Option<std::sync::Arc<oxpy_bytecode::CodeObject>>,
    argv: Vec<String>,
    file: Option<(String, Option<String>)>,
    interactive: Option<oxpy_vm::eval::run::Interactive>,
) -> i32 {
    let worker = std::thread::Builder::new()
        .name("oxpy-main".into())
        .stack_size(VM_STACK_SIZE)
        .spawn(move || {
            let marker = 0u8;
            let top = std::ptr::addr_of!(marker) as usize;
            oxpy_vm::eval::set_stack_limit(top.saturating_sub(VM_STACK_SIZE - (1 << 20)));
            oxpy_vm::signals::init();
            oxpy_vm::eval::import::set_native_finder(oxpy_stdlib::find);
            oxpy_vm::eval::import::set_source_finder(oxpy_stdlib::find_source);
            oxpy_vm::with_gil(move |py| {
                let (path, dir) = match &file {
                    Some((p, d)) => (Some(p.as_str()), d.clone()),
                    None => (None, Some(String::new())),
                };
                oxpy_vm::eval::run::init(py, &argv, dir);
                oxpy_vm::eval::run::run_main(py, code, path, interactive)
            })
        });
    if worker.is_ok() {
        // Signals go to the interpreter thread, where Python handlers run.
        oxpy_vm::signals::block_in_this_thread();
    }
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => {
            eprintln!("oxpy: internal error: the interpreter thread panicked");
            70
        }
        Err(e) => {
            eprintln!("oxpy: cannot start the interpreter thread: {e}");
            1
        }
    }
}

/// `-m name`: run a `.py` module (or a package's `__main__.py`) found in the current directory
/// or on `PYTHONPATH` as `__main__`, with `sys.argv[0]` its full path (as `runpy` does).
fn run_module(name: &str, rest: Vec<String>) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut dirs = vec![cwd.clone()];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        dirs.extend(std::env::split_paths(&pp));
    }
    let rel: std::path::PathBuf = name.split('.').collect();
    let found = dirs.iter().find_map(|d| {
        let base = d.join(&rel);
        let file = base.with_extension("py");
        let main = base.join("__main__.py");
        if file.is_file() {
            Some(file)
        } else if main.is_file() {
            Some(main)
        } else {
            None
        }
    });
    let Some(path) = found else {
        eprintln!("oxpy: No module named {name}");
        return 1;
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let shown = path.display().to_string();
            let mut argv = vec![shown.clone()];
            argv.extend(rest);
            run_source(
                &bytes,
                &shown.clone(),
                argv,
                Some((shown, Some(cwd.display().to_string()))),
            )
        }
        Err(e) => {
            eprintln!("oxpy: can't read {}: {e}", path.display());
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
