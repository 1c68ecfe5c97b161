//! Random byte mutations of sample sources: the lexer, the decoder and the
//! tokenize view must never panic, and every token must be a well-formed span.
//! (The long-running fuzz campaign lives elsewhere; this is the quick guard.)

mod common;

use common::unescape;

/// A small deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[u8] = b"'\"\\\n\r\t\x0c #()[]{}0123456789eExXoObBjJ_.+-*/<>=!$?`:;,@~\x00\xc3\xa9\xe2\x82\xac\xef\xbb\xbf rbuf";

fn samples() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for line in include_str!("data/tokens.txt").lines() {
        if let Some(src) = line.strip_prefix("=== ") {
            out.push(unescape(src).into_bytes());
        }
    }
    for line in include_str!("data/errors.tsv").lines() {
        if let Some(src) = line.split('\t').next() {
            out.push(unescape(src).into_bytes());
        }
    }
    out.push(include_bytes!("record_tokens.py").to_vec());
    out
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut bytes = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        let byte = if rng.below(4) == 0 {
            (rng.next() & 0xff) as u8
        } else {
            INTERESTING[rng.below(INTERESTING.len())]
        };
        match rng.below(3) {
            0 if at < bytes.len() => bytes[at] = byte,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, byte),
        }
    }
    bytes
}

fn check(bytes: &[u8]) {
    let _ = oxpy_lexer::decode_source(bytes);
    let _ = oxpy_lexer::detect_encoding(bytes);
    let text = String::from_utf8_lossy(bytes);
    let mut last = 0u32;
    for token in oxpy_lexer::Lexer::new(&text) {
        let Ok(token) = token else { break };
        assert!(
            token.start.offset <= token.end.offset,
            "{text:?}: {token:?}"
        );
        assert!(
            token.start.offset >= last,
            "{text:?}: {token:?} goes backwards"
        );
        let span = text.get(token.start.offset as usize..token.end.offset as usize);
        assert!(span.is_some(), "{text:?}: {token:?} is not a span");
        last = token.start.offset;
    }
    let _ = oxpy_lexer::tokenize_py::tokens(&text, true);
}

#[test]
fn mutated_sources_never_panic() {
    let samples = samples();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..30_000 {
        let base = &samples[round % samples.len()];
        let bytes = mutate(&mut rng, base);
        check(&bytes);
    }
}
