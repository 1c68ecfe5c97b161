//! Lex every `.py` file under a directory and report the time spent lexing:
//! `cargo run --release -p oxpy-lexer --example lex_dir -- DIR`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let sources: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| oxpy_lexer::decode_source(&b).ok())
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let (mut tokens, mut errors, mut best) = (0usize, 0usize, Duration::MAX);
    for _ in 0..3 {
        let start = Instant::now();
        tokens = 0;
        errors = 0;
        for src in &sources {
            match oxpy_lexer::lex(src) {
                Ok(t) => tokens += t.len(),
                Err(_) => errors += 1,
            }
        }
        best = best.min(start.elapsed());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB, {tokens} tokens, {errors} errors: {:.3} s ({:.0} MB/s)",
        sources.len(),
        best.as_secs_f64(),
        mb / best.as_secs_f64()
    );
}
