//! Speed check: lex + parse every `.py` file under a directory (default: python3's
//! stdlib) and compare with a loop of `ast.parse` in python3 over the same files.
//!
//! usage: [PYTHON=/path/to/python3] cargo run --release -p oxpy-parser --example parse_all [DIR]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "site-packages") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The CPython to compare with: `$PYTHON`, else `python3`.
fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

fn stdlib_dir() -> Option<PathBuf> {
    let out = Command::new(python())
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

const PY_TIMER: &str = r#"
import ast, sys, time
paths = sys.stdin.read().splitlines()
srcs = [open(p, encoding='utf-8').read() for p in paths]
best = None
for _ in range(3):
    t = time.perf_counter()
    for s in srcs:
        ast.parse(s)
    d = time.perf_counter() - t
    best = d if best is None else min(best, d)
print(best)
"#;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .or_else(stdlib_dir);
    let Some(dir) = dir else {
        eprintln!("no directory");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    paths.sort();
    // Only files both sides accept: valid UTF-8 that oxpy parses.
    let mut sources = Vec::new();
    let mut kept = Vec::new();
    let mut failed = 0;
    for p in &paths {
        let Ok(src) = std::fs::read_to_string(p) else {
            continue;
        };
        if oxpy_parser::parse(&src, oxpy_parser::Mode::Exec).is_ok() {
            kept.push(p.display().to_string());
            sources.push(src);
        } else {
            failed += 1;
        }
    }
    let bytes: usize = sources.iter().map(String::len).sum();
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for src in &sources {
            let _ = std::hint::black_box(oxpy_parser::parse(src, oxpy_parser::Mode::Exec));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mut lex_best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for src in &sources {
            let _ = std::hint::black_box(oxpy_lexer::lex(src));
        }
        lex_best = lex_best.min(t.elapsed().as_secs_f64());
    }
    println!("oxpy lex only: {lex_best:.3} s");
    println!(
        "oxpy:    {} files, {:.1} MB, {best:.3} s ({failed} files rejected)",
        sources.len(),
        bytes as f64 / 1e6
    );
    let py = Command::new(python())
        .args(["-c", PY_TIMER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(stdin) = child.stdin.as_mut() {
                stdin.write_all(kept.join("\n").as_bytes())?;
            }
            child.wait_with_output()
        });
    match py.ok().and_then(|o| {
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .parse::<f64>()
            .ok()
    }) {
        Some(py) => println!(
            "python3: ast.parse {py:.3} s; ratio oxpy/python3 = {:.2}",
            best / py
        ),
        None => println!("python3 timing unavailable"),
    }
}
