//! The layout pass: turns raw tokens into Python tokens the way CPython 3.11's
//! `tok_get` does. It alone knows about lines: indentation (INDENT/DEDENT, tab
//! consistency), NEWLINE versus NL, bracket depth (implicit line joining), backslash
//! continuations, the implicit NEWLINE at end of input, and every tokenizer error.

use crate::error::{ErrorKind, SyntaxError};
use crate::ident;
use crate::raw::Raw;
use crate::scan::{self, ScanError};
use crate::token::{Pos, TokKind, Token};
use logos::Logos;
use std::collections::VecDeque;

/// CPython's `TABSIZE`: tabs advance to the next multiple of 8.
const TABSIZE: u32 = 8;
/// CPython's `MAXINDENT`: at most 99 nested indentation levels.
const MAXINDENT: usize = 100;
/// CPython's `MAXLEVEL`: at most 200 open brackets.
const MAXLEVEL: usize = 200;

/// An open bracket: which one, and where (for the "never closed" and "does not match"
/// messages).
#[derive(Clone, Copy, Debug)]
struct Bracket {
    ch: u8,
    line: u32,
    /// Column in bytes from the start of its line.
    col: u32,
}

/// One indentation level: the column with tabs to multiples of 8, and the column
/// with tabs counted as 1 (CPython's `altcol`, used to detect inconsistent tabs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Level {
    col: u32,
    altcol: u32,
}

/// The Python tokenizer over one source text. Iterate it for tokens; after the
/// first error it yields nothing more.
pub struct Lexer<'src> {
    src: &'src str,
    raw: logos::Lexer<'src, Raw>,
    queue: VecDeque<Token>,
    /// Current physical line (1-based) and the byte offset where it starts.
    line: u32,
    line_start: usize,
    /// At the beginning of a line, indentation not yet measured.
    atbol: bool,
    /// The current line holds only whitespace and/or a comment.
    blankline: bool,
    /// Indentation has been measured on this line and something follows it (so end of
    /// input here needs an implicit line break).
    in_line: bool,
    indents: Vec<Level>,
    brackets: Vec<Bracket>,
    /// Line holding the first NUL byte, if any (CPython rejects that line on reading).
    null_line: Option<u32>,
    /// tokenize.py's leniency (see [`Lexer::lenient`]).
    lenient: bool,
    finished: bool,
}

impl<'src> Lexer<'src> {
    /// A lexer over `src` (already decoded; see [`crate::decode_source`]).
    pub fn new(src: &'src str) -> Self {
        let null_line = src.as_bytes().iter().position(|&b| b == 0).map(|at| {
            let before = &src.as_bytes()[..at];
            1 + count_line_breaks(before)
        });
        Lexer {
            src,
            raw: Raw::lexer(src),
            queue: VecDeque::with_capacity(8),
            line: 1,
            line_start: 0,
            atbol: true,
            blankline: false,
            in_line: false,
            indents: vec![Level { col: 0, altcol: 0 }],
            brackets: Vec::new(),
            null_line,
            lenient: false,
            finished: false,
        }
    }

    /// A lexer that passes what Python's `tokenize.py` passes although CPython's
    /// tokenizer rejects it: characters that cannot be in an identifier (kept in the
    /// NAME), non-printable characters (as [`TokKind::Op`]), identifier characters
    /// right after a number, and old-style octals like `0777` (the number ends after
    /// its leading zeros, as tokenize.py's number pattern does). For tools that show
    /// tokens, never for compiling.
    pub fn lenient(src: &'src str) -> Self {
        Lexer {
            lenient: true,
            ..Lexer::new(src)
        }
    }

    /// The next token, `None` after ENDMARKER or after an error.
    pub fn next_token(&mut self) -> Option<Result<Token, SyntaxError>> {
        loop {
            if let Some(token) = self.queue.pop_front() {
                return Some(Ok(token));
            }
            if self.finished {
                return None;
            }
            if let Err(err) = self.step() {
                self.finished = true;
                self.queue.clear();
                return Some(Err(err));
            }
        }
    }

    /// Current bracket nesting depth.
    pub fn depth(&self) -> usize {
        self.brackets.len()
    }

    fn bytes(&self) -> &'src [u8] {
        self.src.as_bytes()
    }

    /// A position on the current line.
    fn pos(&self, offset: usize) -> Pos {
        Pos {
            offset: to_u32(offset),
            line: self.line,
            col: to_u32(offset.saturating_sub(self.line_start)),
        }
    }

    fn push(&mut self, kind: TokKind, start: usize, end: usize) {
        let token = Token {
            kind,
            start: self.pos(start),
            end: self.pos(end),
        };
        self.queue.push_back(token);
    }

    /// Characters from the start of the current line to byte `cur` (CPython's
    /// `offset` for errors raised at `tok->cur`).
    fn chars_to(&self, cur: usize) -> u32 {
        let end = cur.min(self.src.len());
        let start = self.line_start.min(end);
        to_u32(count_chars(&self.bytes()[start..end]))
    }

    /// A syntax error raised at byte `cur` of the current line.
    fn error_at(&self, kind: ErrorKind, msg: impl Into<String>, cur: usize) -> SyntaxError {
        let offset = self.chars_to(cur);
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: self.line,
            offset,
            end_lineno: self.line,
            end_offset: offset,
        }
    }

    /// An error with explicit 1-based offsets on the current line.
    fn error_span(&self, kind: ErrorKind, msg: &str, offset: u32, end_offset: u32) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: self.line,
            offset,
            end_lineno: self.line,
            end_offset,
        }
    }

    /// Bytes of the current line including its line break (CPython supplies a `\n`
    /// when the last line has none): the offset of errors raised at end of line.
    fn line_len_with_break(&self) -> u32 {
        let rest = &self.bytes()[self.line_start.min(self.src.len())..];
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(at) => to_u32(at + 1),
            None => to_u32(rest.len() + 1),
        }
    }

    fn check_null(&self) -> Result<(), SyntaxError> {
        match self.null_line {
            Some(line) if self.line >= line => Err(SyntaxError {
                kind: ErrorKind::SyntaxError,
                msg: "source code cannot contain null bytes".into(),
                lineno: line,
                offset: 0,
                end_lineno: line,
                end_offset: 0,
            }),
            _ => Ok(()),
        }
    }

    /// Move to the line starting at byte `start`.
    fn new_line(&mut self, start: usize) {
        self.line += 1;
        self.line_start = start;
    }

    /// Skip the raw lexer forward to byte `to`.
    fn bump_to(&mut self, to: usize) {
        let end = self.raw.span().end;
        if to > end {
            self.raw.bump(to - end);
        }
    }

    /// A backslash at byte `at`: it must be followed by a line break, and the input
    /// must go on after it. Returns where the next line starts.
    fn continuation(&mut self, at: usize, at_bol: bool) -> Result<usize, SyntaxError> {
        let bytes = self.bytes();
        let after = at + 1;
        let next_line = match bytes.get(after) {
            Some(b'\n') => after + 1,
            Some(b'\r') if bytes.get(after + 1) == Some(&b'\n') => after + 2,
            Some(b'\r') => after + 1,
            None => after,
            Some(_) => {
                // CPython: `col_offset = tok->cur - tok->buf - 1`, in bytes.
                let offset = to_u32(after + 1 - self.line_start);
                return Err(self.error_span(
                    ErrorKind::SyntaxError,
                    "unexpected character after line continuation character",
                    offset,
                    0,
                ));
            }
        };
        if next_line >= bytes.len() {
            if let Some(open) = self.brackets.last() {
                return Err(never_closed(*open));
            }
            // CPython (file input) reports a continuation in the indentation at
            // offset 0, one after code at the end of the line.
            let offset = if at_bol {
                0
            } else {
                self.line_len_with_break()
            };
            return Err(self.error_span(
                ErrorKind::SyntaxError,
                "unexpected EOF while parsing",
                offset,
                0,
            ));
        }
        self.new_line(next_line);
        self.check_null()?;
        Ok(next_line)
    }

    /// Measure the indentation of a new line and queue INDENT/DEDENT tokens.
    fn begin_line(&mut self) -> Result<(), SyntaxError> {
        self.atbol = false;
        self.check_null()?;
        let mut pos = self.raw.span().end;
        let (mut col, mut altcol, mut cont_col) = (0u32, 0u32, 0u32);
        loop {
            match self.bytes().get(pos) {
                Some(b' ') => {
                    col += 1;
                    altcol += 1;
                    pos += 1;
                }
                Some(b'\t') => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                    pos += 1;
                }
                Some(b'\x0c') => {
                    col = 0;
                    altcol = 0;
                    pos += 1;
                }
                Some(b'\\') => {
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    pos = self.continuation(pos, true)?;
                }
                _ => break,
            }
        }
        self.bump_to(pos);
        let next = self.bytes().get(pos).copied();
        self.blankline = matches!(next, Some(b'#' | b'\n' | b'\r'));
        self.in_line = next.is_some();
        if self.blankline || next.is_none() || !self.brackets.is_empty() {
            return Ok(());
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let top = self
            .indents
            .last()
            .copied()
            .unwrap_or(Level { col: 0, altcol: 0 });
        if col == top.col {
            if altcol != top.altcol {
                return Err(self.tab_error());
            }
        } else if col > top.col {
            if self.indents.len() >= MAXINDENT {
                return Err(self.error_span(
                    ErrorKind::IndentationError,
                    "too many levels of indentation",
                    1,
                    0,
                ));
            }
            if altcol <= top.altcol {
                return Err(self.tab_error());
            }
            self.indents.push(Level { col, altcol });
            let start = self.line_start;
            self.push(TokKind::Indent, start, pos);
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|l| col < l.col) {
                self.indents.pop();
                self.push(TokKind::Dedent, pos, pos);
            }
            let top = self
                .indents
                .last()
                .copied()
                .unwrap_or(Level { col: 0, altcol: 0 });
            if col != top.col {
                let offset = self.line_len_with_break();
                return Err(self.error_span(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    offset,
                    0,
                ));
            }
            if altcol != top.altcol {
                return Err(self.tab_error());
            }
        }
        Ok(())
    }

    fn tab_error(&self) -> SyntaxError {
        self.error_span(
            ErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
            1,
            0,
        )
    }

    /// Produce at least one token into the queue (or finish).
    fn step(&mut self) -> Result<(), SyntaxError> {
        if self.atbol {
            self.begin_line()?;
            if !self.queue.is_empty() {
                return Ok(());
            }
        }
        loop {
            let Some(raw) = self.raw.next() else {
                return self.end_of_input();
            };
            let span = self.raw.span();
            match raw {
                Ok(Raw::Whitespace) => continue,
                Ok(Raw::Comment) => self.push(TokKind::Comment, span.start, span.end),
                Ok(Raw::Newline) => {
                    let kind = if self.blankline || !self.brackets.is_empty() {
                        TokKind::Nl
                    } else {
                        TokKind::Newline
                    };
                    self.push(kind, span.start, span.end);
                    self.new_line(span.end);
                    self.atbol = true;
                    self.in_line = false;
                }
                Ok(Raw::Backslash) => {
                    let next = self.continuation(span.start, false)?;
                    self.bump_to(next);
                    continue;
                }
                Ok(Raw::Name) => self.name(span.start, span.end)?,
                Ok(Raw::Number) => {
                    let end = match scan::number(self.bytes(), span.start, self.lenient) {
                        Err(ScanError::LeadingZeros { start, .. }) if self.lenient => {
                            zeros_run_end(self.bytes(), start)
                        }
                        result => result.map_err(|e| self.scan_error(e, span.start))?,
                    };
                    self.bump_to(end);
                    self.push(TokKind::Number, span.start, end.max(span.end));
                }
                Ok(Raw::StringStart) => self.string(span.start, span.end)?,
                Ok(Raw::Fixed(kind)) => self.operator(kind, span.start, span.end)?,
                Err(()) => self.bad_character(span.start)?,
            }
            return Ok(());
        }
    }

    /// A name or keyword-like word; non-ASCII names are checked against PEP 3131.
    fn name(&mut self, start: usize, end: usize) -> Result<(), SyntaxError> {
        let text = &self.src[start..end];
        if !self.lenient
            && !text.is_ascii()
            && let Some((at, ch)) = ident::first_invalid(text)
        {
            let cur = start + at + ch.len_utf8();
            let msg = if ident::is_printable(ch) {
                format!("invalid character '{ch}' (U+{:04X})", u32::from(ch))
            } else {
                format!("invalid non-printable character U+{:04X}", u32::from(ch))
            };
            return Err(self.error_at(ErrorKind::SyntaxError, msg, cur));
        }
        self.push(TokKind::Name, start, end);
        Ok(())
    }

    /// A string literal: `start` is its first byte, `quote_end` is just past the
    /// opening quote.
    fn string(&mut self, start: usize, quote_end: usize) -> Result<(), SyntaxError> {
        let bytes = self.bytes();
        let end = scan::string(bytes, quote_end - 1).map_err(|e| self.scan_error(e, start))?;
        self.bump_to(end);
        let start_pos = self.pos(start);
        let body = &bytes[start..end];
        let breaks = count_line_breaks(body);
        if breaks > 0 {
            let last = body
                .iter()
                .rposition(|&b| b == b'\n' || b == b'\r')
                .map_or(start, |at| start + at + 1);
            self.line += breaks;
            self.line_start = last;
            self.check_null()?;
        }
        let end_pos = self.pos(end);
        self.queue.push_back(Token {
            kind: TokKind::String,
            start: start_pos,
            end: end_pos,
        });
        Ok(())
    }

    /// An operator or keyword; brackets are matched here.
    fn operator(&mut self, kind: TokKind, start: usize, end: usize) -> Result<(), SyntaxError> {
        match kind {
            TokKind::Lpar | TokKind::Lsqb | TokKind::Lbrace => {
                if self.brackets.len() >= MAXLEVEL {
                    return Err(self.error_at(
                        ErrorKind::SyntaxError,
                        "too many nested parentheses",
                        end,
                    ));
                }
                self.brackets.push(Bracket {
                    ch: self.bytes()[start],
                    line: self.line,
                    col: to_u32(start - self.line_start),
                });
            }
            TokKind::Rpar | TokKind::Rsqb | TokKind::Rbrace => {
                let close = char::from(self.bytes()[start]);
                let Some(open) = self.brackets.pop() else {
                    return Err(self.error_at(
                        ErrorKind::SyntaxError,
                        format!("unmatched '{close}'"),
                        end,
                    ));
                };
                let matching = matches!((open.ch, close), (b'(', ')') | (b'[', ']') | (b'{', '}'));
                if !matching {
                    let open_ch = char::from(open.ch);
                    let msg = if open.line != self.line {
                        format!(
                            "closing parenthesis '{close}' does not match opening parenthesis '{open_ch}' on line {}",
                            open.line
                        )
                    } else {
                        format!(
                            "closing parenthesis '{close}' does not match opening parenthesis '{open_ch}'"
                        )
                    };
                    return Err(self.error_at(ErrorKind::SyntaxError, msg, end));
                }
            }
            _ => {}
        }
        self.push(kind, start, end);
        Ok(())
    }

    /// A byte no rule matches: `$`, `?` and `` ` `` go to the parser as a generic
    /// operator (it reports `invalid syntax`); anything else is non-printable.
    fn bad_character(&mut self, start: usize) -> Result<(), SyntaxError> {
        let ch = self.src[start..].chars().next().unwrap_or('\0');
        let end = start + ch.len_utf8();
        self.bump_to(end);
        if self.lenient || ident::is_printable(ch) {
            self.push(TokKind::Op, start, end);
            return Ok(());
        }
        Err(self.error_at(
            ErrorKind::SyntaxError,
            format!("invalid non-printable character U+{:04X}", u32::from(ch)),
            end,
        ))
    }

    /// Turn a number or string scanning error into CPython's `SyntaxError`.
    fn scan_error(&self, err: ScanError, token_start: usize) -> SyntaxError {
        match err {
            ScanError::At { cur, msg } => self.error_at(ErrorKind::SyntaxError, msg, cur),
            ScanError::LeadingZeros { start, zeros_end } => self.error_span(
                ErrorKind::SyntaxError,
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
                to_u32(start - self.line_start + 1),
                to_u32(zeros_end - self.line_start),
            ),
            ScanError::Unterminated { triple, stop } => {
                let range = &self.bytes()[token_start..stop];
                let mut breaks = count_line_breaks(range);
                let at_end = stop >= self.src.len();
                if at_end && breaks > 0 && matches!(range.last(), Some(b'\n' | b'\r')) {
                    breaks -= 1;
                }
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                let msg = format!("{what} (detected at line {})", self.line + breaks);
                self.error_at(ErrorKind::SyntaxError, msg, token_start + 1)
            }
        }
    }

    /// End of input: implicit line break, unclosed brackets, DEDENTs, ENDMARKER.
    fn end_of_input(&mut self) -> Result<(), SyntaxError> {
        let len = self.src.len();
        if self.in_line {
            let kind = if self.blankline || !self.brackets.is_empty() {
                TokKind::Nl
            } else {
                TokKind::Newline
            };
            self.push(kind, len, len);
            self.new_line(len);
            self.in_line = false;
        }
        if let Some(open) = self.brackets.last() {
            return Err(never_closed(*open));
        }
        let at = self.line_start;
        for _ in 1..self.indents.len() {
            self.push(TokKind::Dedent, at, at);
        }
        self.indents.truncate(1);
        self.push(TokKind::EndMarker, at, at);
        self.finished = true;
        Ok(())
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Token, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_token()
    }
}

/// "'(' was never closed", at the bracket (column in bytes, as CPython).
fn never_closed(open: Bracket) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: format!("'{}' was never closed", char::from(open.ch)),
        lineno: open.line,
        offset: open.col + 1,
        end_lineno: open.line,
        end_offset: 0,
    }
}

/// The end of tokenize.py's `0(?:_?0)*` match at `start` (a `0`).
fn zeros_run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    loop {
        match bytes.get(end..end + 2) {
            Some([b'0', _]) => end += 1,
            Some([b'_', b'0']) => end += 2,
            _ if bytes.get(end) == Some(&b'0') => end += 1,
            _ => return end,
        }
    }
}

/// Line breaks in `bytes`: `\n`, `\r\n` and lone `\r` each count once.
pub(crate) fn count_line_breaks(bytes: &[u8]) -> u32 {
    let mut count = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => count += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// UTF-8 characters in `bytes` (bytes that are not continuation bytes).
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Offsets and columns are `u32` in the token contract; sources over 4 GiB saturate.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
