//! Differential tests: every `tests/cases/**/NAME.py` is run by oxpy and its exit code,
//! stdout and stderr are compared with `NAME.snap`, an insta snapshot recorded from
//! python3 by `scripts/record-expected` (never written by hand).
//!
//! Cases run with `PYTHONHASHSEED=0` and without `PYTHONUNBUFFERED` (stdout is a pipe, so
//! block buffered), as `scripts/record-expected` runs python3. A case sets more of its
//! environment with directives among its first comment lines, read by both:
//! `# case-env: PYTHONHASHSEED=12345` (one or more `NAME=VALUE`, an empty value sets it empty).
//!
//! `tests/known-failures.txt` lists cases oxpy does not pass yet, one path per line: the
//! test fails on any other failure, and also when a listed case starts passing (so the
//! list only ever shrinks and always tells the truth).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest a single case may run before it counts as a hang.
const CASE_TIMEOUT: Duration = Duration::from_secs(20);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// All case files below `dir`, sorted.
fn collect_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Directories starting with `_` hold helper modules that cases import, not cases.
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('_'))
            {
                continue;
            }
            collect_cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The snapshot text: the same layout `scripts/record-expected` writes, with the
/// checkout's absolute path cut out (scripts are reported by absolute path).
fn render(code: Option<i32>, stdout: &[u8], stderr: &[u8]) -> String {
    let root = repo_root().canonicalize().unwrap_or_else(|_| repo_root());
    let prefix = format!("{}/", root.display());
    let text = |b: &[u8]| String::from_utf8_lossy(b).replace(&prefix, "");
    let code = code.map_or_else(|| "signal".to_string(), |c| c.to_string());
    format!(
        "exit: {code}\n--- stdout\n{}\n--- stderr\n{}\n--- end",
        text(stdout),
        text(stderr)
    )
}

/// Whether a case is a session typed at the prompt: cases under `tests/cases/repl/` are fed to
/// `-q -i` on stdin (the interactive loop) instead of being run as a script.
fn is_repl_case(rel: &Path) -> bool {
    rel.starts_with("tests/cases/repl")
}

/// The `# case-env: NAME=VALUE ...` directives of the case's leading comment lines.
fn case_env(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| l[1..].trim().strip_prefix("case-env:"))
        .flat_map(|items| items.split_whitespace())
        .map(|item| {
            let (name, value) = item.split_once('=').unwrap_or((item, ""));
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// Run oxpy on one case (path relative to the repo root, as python3 was run).
fn run_case(rel: &Path) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_oxpy"));
    if is_repl_case(rel) {
        match std::fs::File::open(repo_root().join(rel)) {
            Ok(f) => cmd.args(["-q", "-i"]).stdin(f),
            Err(e) => return format!("cannot open {}: {e}", rel.display()),
        };
    } else {
        cmd.arg(rel).stdin(Stdio::null());
    }
    let mut child = match cmd
        .current_dir(repo_root())
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONUNBUFFERED")
        .envs(case_env(&repo_root().join(rel)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return format!("failed to start oxpy: {e}"),
    };
    // Drain both pipes while waiting, or a case with a lot of output blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > CASE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return format!("timed out after {CASE_TIMEOUT:?}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return format!("wait failed: {e}"),
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    render(status.code(), &stdout, &stderr)
}

#[test]
fn cases_match_python3() {
    let root = repo_root();
    let mut cases = Vec::new();
    collect_cases(&root.join("tests/cases"), &mut cases);
    cases.sort();
    assert!(!cases.is_empty(), "no cases found under tests/cases");

    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunks: Vec<&[PathBuf]> = cases.chunks(cases.len().div_ceil(workers)).collect();
    let results: Vec<(PathBuf, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let root = &root;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| {
                            let rel = p.strip_prefix(root).unwrap_or(p).to_path_buf();
                            let out = run_case(&rel);
                            (p.clone(), out)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });

    let mut failures = Vec::new();
    for (path, output) in &results {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("case")
            .to_string();
        let dir = path.parent().unwrap_or(&root).to_path_buf();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(dir);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name, output));
        }));
        if outcome.is_err() {
            failures.push(
                path.strip_prefix(&root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
        }
    }
    let known = known_failures(&root);
    let total = results.len();
    println!(
        "{} passed, {} failed ({} known)",
        total - failures.len(),
        failures.len(),
        known.len()
    );
    let unexpected: Vec<&String> = failures.iter().filter(|f| !known.contains(*f)).collect();
    let fixed: Vec<&String> = known.iter().filter(|k| !failures.contains(*k)).collect();
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "cases differing from python3 that are not known failures:\n{}\n\nknown failures that now pass or no longer exist (remove them from tests/known-failures.txt):\n{}",
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        fixed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// Paths listed in `tests/known-failures.txt` (blank lines and `#` comments ignored).
fn known_failures(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("tests/known-failures.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
