//! Seeded mutation fuzzing: real source files with bytes and tokens deleted,
//! duplicated, swapped and inserted must always give an AST or a `SyntaxError` —
//! never a panic, a hang or a native stack overflow.

use oxpy_parser::{Mode, parse};

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes worth inserting: brackets, operators, layout and quote characters.
const INTERESTING: &[u8] = b"()[]{}:;,.=*+-@<>!~^|&%/\\\n\t #'\"0_aZ";

const CORPUS: &[(&str, &str)] = &[
    ("bisect.py", include_str!("fuzz_corpus/bisect.py")),
    ("colorsys.py", include_str!("fuzz_corpus/colorsys.py")),
    ("keyword.py", include_str!("fuzz_corpus/keyword.py")),
    ("reprlib.py", include_str!("fuzz_corpus/reprlib.py")),
    ("_weakrefset.py", include_str!("fuzz_corpus/_weakrefset.py")),
    ("constructs.py", include_str!("fuzz_corpus/constructs.py")),
];

/// Byte spans of the source's tokens (from the real lexer), for token mutations.
fn token_spans(src: &str) -> Vec<(usize, usize)> {
    oxpy_lexer::lex(src)
        .map(|toks| {
            toks.iter()
                .map(|t| (t.start.offset as usize, t.end.offset as usize))
                .filter(|(s, e)| e > s)
                .collect()
        })
        .unwrap_or_default()
}

/// The whole file and windows of up to 40 lines from it, each with its token spans.
fn line_windows(src: &str) -> Vec<(String, Vec<(usize, usize)>)> {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut out = vec![(src.to_string(), token_spans(src))];
    for start in (0..lines.len()).step_by(7) {
        let text: String = lines[start..(start + 40).min(lines.len())].concat();
        let spans = token_spans(&text);
        out.push((text, spans));
    }
    out
}

fn mutate(rng: &mut Rng, src: &[u8], spans: &[(usize, usize)]) -> Vec<u8> {
    let mut out = src.to_vec();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let len = out.len().max(1);
        match rng.below(7) {
            0 => {
                let at = rng.below(len);
                let n = 1 + rng.below(8);
                out.drain(at.min(out.len())..(at + n).min(out.len()));
            }
            1 => {
                let at = rng.below(len).min(out.len());
                let n = (1 + rng.below(16)).min(out.len() - at);
                let piece = out[at..at + n].to_vec();
                out.splice(at..at, piece);
            }
            2 if out.len() >= 2 => {
                let (a, b) = (rng.below(out.len()), rng.below(out.len()));
                out.swap(a, b);
            }
            3 => {
                let at = rng.below(len).min(out.len());
                out.insert(at, INTERESTING[rng.below(INTERESTING.len())]);
            }
            // Token mutations use the original spans; they stay within bounds
            // because they are applied to a fresh copy.
            4 if !spans.is_empty() => {
                let (s, e) = spans[rng.below(spans.len())];
                out = [&src[..s], &src[e..]].concat();
            }
            5 if !spans.is_empty() => {
                let (s, e) = spans[rng.below(spans.len())];
                out = [&src[..e], &src[s..e], &src[e..]].concat();
            }
            6 if spans.len() >= 2 => {
                let (mut a, mut b) = (spans[rng.below(spans.len())], spans[rng.below(spans.len())]);
                if a.0 > b.0 {
                    std::mem::swap(&mut a, &mut b);
                }
                if a.1 <= b.0 {
                    out = [
                        &src[..a.0],
                        &src[b.0..b.1],
                        &src[a.1..b.0],
                        &src[a.0..a.1],
                        &src[b.1..],
                    ]
                    .concat();
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn mutated_sources_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let per_file = 17_000;
    let mut total = 0usize;
    let mut errors = 0usize;
    for (name, src) in CORPUS {
        assert!(
            parse(src, Mode::Exec).is_ok(),
            "{name} must parse unmutated"
        );
        let windows = line_windows(src);
        for _ in 0..per_file {
            // Mostly a window of a few dozen lines (cheap), sometimes the whole file.
            let (base, spans) = &windows[rng.below(windows.len())];
            let bytes = mutate(&mut rng, base.as_bytes(), spans);
            let text = String::from_utf8_lossy(&bytes);
            let mode = match rng.below(8) {
                0 => Mode::Eval,
                1 => Mode::Single,
                _ => Mode::Exec,
            };
            errors += usize::from(parse(&text, mode).is_err());
            total += 1;
        }
    }
    assert!(total >= 100_000, "only {total} variants");
    // Most variants are broken; some are not. Both outcomes must occur.
    assert!(
        errors > total / 10 && errors < total,
        "{errors} errors of {total}"
    );
}

/// Deep nesting of every recursive construct gives a clean error (or an AST) and
/// the result drops without exhausting the test thread's stack.
#[test]
fn deep_nesting_is_bounded() {
    // Far past the limits, and just under the depth bound past which nothing is built
    // (those trees are built, measured, rejected and dropped), each also followed by
    // a syntax error so that the parser drops half-built trees.
    for n in [100_000, 5_990, 3_000] {
        deep_cases(n);
    }
    // Shallow but long inputs stay accepted.
    let n = 100_000;
    let long = format!("x = [{}]\n", "1, ".repeat(n));
    assert!(parse(&long, Mode::Exec).is_ok());
    let chain = format!("x = {}a\n", "a + ".repeat(1000));
    assert!(parse(&chain, Mode::Exec).is_ok());
    // A generated table: many operators in one bracket, little depth.
    let terms = vec!["7500*s1**2*s4*s5**6 - 48*s1*s2**7*s4*s5*s6**2"; 900];
    let table = format!("x = (\n    {}\n)\n", terms.join("\n    + "));
    assert!(parse(&table, Mode::Exec).is_ok());
    // Too deep for CPython's AST construction, however it is spelled.
    let sum = format!("x = ({}a)\n", "a + ".repeat(3000));
    let err = parse(&sum, Mode::Exec).err().map(|e| e.msg);
    let msg = "maximum recursion depth exceeded during ast construction";
    assert_eq!(err.as_deref(), Some(msg));
}

fn deep_cases(n: usize) {
    let cases = [
        "(".repeat(n),
        "[".repeat(n) + &"]".repeat(n),
        "-".repeat(n) + "x",
        "not ".repeat(n) + "x",
        "~".repeat(n) + "x",
        "await ".repeat(n) + "x",
        "lambda:".repeat(n) + "x",
        "x if y else ".repeat(n) + "x",
        "a**".repeat(n) + "a",
        "a+".repeat(n) + "a",
        "a".to_string() + &".b".repeat(n),
        "a".to_string() + &"()".repeat(n),
        "a".to_string() + &"[0]".repeat(n),
        "x = ".repeat(n) + "1",
        "*".repeat(n) + "a = 1",
        "if x:\n".to_string() + &" ".repeat(n) + "pass\n",
        (0..200)
            .map(|i| format!("{}if x:\n", " ".repeat(i)))
            .collect::<String>()
            + &" ".repeat(200)
            + "pass\n",
    ];
    for src in &cases {
        let _ = parse(src, Mode::Exec);
        let _ = parse(&format!("{src} +\n"), Mode::Exec);
    }
}
