//! `oxpy -m dis [FILE]`: what `python3 -m dis FILE` prints — the file compiled by
//! oxpy's parser and compiler, disassembled in CPython 3.11's format (code-object
//! addresses differ).

use crate::report;
use oxpy_parser::Mode;

const USAGE: &str = "usage: dis.py [-h] [infile]";

/// Entry point: arguments after `-m dis`; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let mut filename = None;
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            a if a.starts_with('-') && a.len() > 1 => {
                eprintln!("{USAGE}\ndis.py: error: unrecognized arguments: {a}");
                return 2;
            }
            a if filename.is_none() => filename = Some(a.to_string()),
            a => {
                eprintln!("{USAGE}\ndis.py: error: unrecognized arguments: {a}");
                return 2;
            }
        }
    }
    let (name, bytes) = match &filename {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => (path.clone(), bytes),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                // Rust's message ends with " (os error N)"; Python's is the bare strerror.
                let text = e.to_string();
                let reason = text.split(" (os error").next().unwrap_or(&text);
                eprintln!(
                    "{USAGE}\ndis.py: error: argument infile: can't open '{path}': [Errno {errno}] {reason}: '{path}'"
                );
                return 2;
            }
        },
        None => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                eprintln!("error: {e}");
                return 1;
            }
            ("<stdin>".to_string(), bytes)
        }
    };
    let source = String::from_utf8_lossy(&bytes);
    let code = oxpy_parser::parse(&source, Mode::Exec)
        .and_then(|module| oxpy_compiler::compile(&module, &name));
    match code {
        Ok(code) => {
            use std::io::Write;
            let text = oxpy_bytecode::dis::dis(&code);
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
            eprint!("{}", report::syntax_error(&err, &name, Some(&source)));
            1
        }
    }
}
