//! Argument parsing and dispatch, with python3's flags, messages and exit codes.

use crate::tools;

const USAGE: &str = "usage: oxpy [option] ... [-c cmd | -m mod | file | -] [arg] ...";

/// What the command line asks for.
enum Action {
    Version,
    Help,
    Module(String, Vec<String>),
    Command(String, Vec<String>),
    Script(String, Vec<String>),
    Stdin(Vec<String>),
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
        Ok(Action::Command(_, _)) | Ok(Action::Script(_, _)) | Ok(Action::Stdin(_)) => {
            eprintln!("oxpy: running Python code needs the VM, which is not built yet");
            2
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
                return Ok(Action::Command(cmd, it.collect()));
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
            "-" => return Ok(Action::Stdin(it.collect())),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("Unknown option: {s}"));
            }
            _ => return Ok(Action::Script(arg, it.collect())),
        }
    }
    Ok(Action::Stdin(Vec::new()))
}
