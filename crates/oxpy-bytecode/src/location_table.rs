//! The 3.11 location table (`co_linetable`, PEP 626 + PEP 657): start/end line and
//! column of every code unit, encoded as in CPython's `Objects/locations.md`.
//!
//! Each entry covers 1-8 code units. First byte: `1 cccc lll` (code, length-1). Codes:
//! 0-9 short form (same line, col = code*8 + hi3 of next byte, end = col + lo4),
//! 10-12 one-line form (line delta code-10, then col and end col bytes),
//! 13 no column (signed varint line delta), 14 long form (signed line delta, end-line
//! delta, col+1, end col+1, all varints), 15 no location.

/// Source position of one instruction. Lines are 1-based, columns are UTF-8 byte
/// offsets (as the AST's); `-1` means "unknown" (CPython's `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// First line, or -1.
    pub lineno: i32,
    /// Last line, or -1.
    pub end_lineno: i32,
    /// Start column, or -1.
    pub col: i32,
    /// End column, or -1.
    pub end_col: i32,
}

impl Location {
    /// No location at all (CPython's `lineno == -1`).
    pub const NONE: Location = Location {
        lineno: -1,
        end_lineno: -1,
        col: -1,
        end_col: -1,
    };
}

fn write_varint(out: &mut Vec<u8>, mut val: u32) {
    while val >= 64 {
        out.push(64 | (val & 63) as u8);
        val >>= 6;
    }
    out.push(val as u8);
}

fn write_svarint(out: &mut Vec<u8>, val: i32) {
    let v = if val < 0 {
        (val.unsigned_abs() << 1) | 1
    } else {
        (val as u32) << 1
    };
    write_varint(out, v);
}

/// Incremental encoder; `prev_line` starts at `co_firstlineno`.
pub struct Encoder {
    out: Vec<u8>,
    prev_line: i32,
}

impl Encoder {
    /// A new encoder for a code object starting at `firstlineno`.
    pub fn new(firstlineno: i32) -> Self {
        Encoder {
            out: Vec::new(),
            prev_line: firstlineno,
        }
    }

    fn header(&mut self, code: u8, units: u32) {
        self.out.push(0x80 | (code << 3) | (units - 1) as u8);
    }

    fn entry(&mut self, loc: Location, units: u32) {
        if loc.lineno < 0 {
            self.header(15, units);
            return;
        }
        let line_delta = loc.lineno - self.prev_line;
        let end_line_delta = loc.end_lineno - loc.lineno;
        if loc.col < 0 || loc.end_col < 0 || end_line_delta < 0 {
            self.header(13, units);
            write_svarint(&mut self.out, line_delta);
            self.prev_line = loc.lineno;
            return;
        }
        let (col, end_col) = (loc.col, loc.end_col);
        if end_line_delta == 0 {
            if line_delta == 0 && col < 80 && end_col - col < 16 && end_col >= col {
                self.header((col / 8) as u8, units);
                self.out.push((((col % 8) << 4) | (end_col - col)) as u8);
                return;
            }
            if (0..3).contains(&line_delta) && col < 128 && end_col < 128 {
                self.header(10 + line_delta as u8, units);
                self.out.push(col as u8);
                self.out.push(end_col as u8);
                self.prev_line = loc.lineno;
                return;
            }
        }
        self.header(14, units);
        write_svarint(&mut self.out, line_delta);
        write_varint(&mut self.out, end_line_delta as u32);
        write_varint(&mut self.out, (col + 1) as u32);
        write_varint(&mut self.out, (end_col + 1) as u32);
        self.prev_line = loc.lineno;
    }

    /// Record that the next `units` code units have location `loc`.
    pub fn push(&mut self, loc: Location, mut units: u32) {
        while units > 8 {
            self.entry(loc, 8);
            units -= 8;
        }
        if units > 0 {
            self.entry(loc, units);
        }
    }

    /// The encoded table.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    fn varint(&mut self) -> u32 {
        let mut b = self.byte();
        let mut val = u32::from(b & 63);
        let mut shift = 0;
        while b & 64 != 0 && shift < 30 {
            b = self.byte();
            shift += 6;
            val |= u32::from(b & 63) << shift;
        }
        val
    }
    fn svarint(&mut self) -> i32 {
        let v = self.varint();
        if v & 1 != 0 {
            -((v >> 1) as i32)
        } else {
            (v >> 1) as i32
        }
    }
}

/// Decode the table into one location per code unit (`co_positions()`).
pub fn decode(bytes: &[u8], firstlineno: i32) -> Vec<Location> {
    let mut out = Vec::new();
    let mut r = Reader { bytes, pos: 0 };
    let mut line = firstlineno;
    while r.pos < bytes.len() {
        let first = r.byte();
        let code = (first >> 3) & 15;
        let units = u32::from(first & 7) + 1;
        let loc = match code {
            15 => Location::NONE,
            14 => {
                line += r.svarint();
                let end = line + r.varint() as i32;
                let col = r.varint() as i32 - 1;
                let end_col = r.varint() as i32 - 1;
                Location {
                    lineno: line,
                    end_lineno: end,
                    col,
                    end_col,
                }
            }
            13 => {
                line += r.svarint();
                Location {
                    lineno: line,
                    end_lineno: line,
                    col: -1,
                    end_col: -1,
                }
            }
            10..=12 => {
                line += i32::from(code) - 10;
                let col = i32::from(r.byte());
                let end_col = i32::from(r.byte());
                Location {
                    lineno: line,
                    end_lineno: line,
                    col,
                    end_col,
                }
            }
            _ => {
                let b = r.byte();
                let col = i32::from(code) * 8 + i32::from((b >> 4) & 7);
                Location {
                    lineno: line,
                    end_lineno: line,
                    col,
                    end_col: col + i32::from(b & 15),
                }
            }
        };
        for _ in 0..units {
            out.push(loc);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let locs = [
            Location {
                lineno: 1,
                end_lineno: 1,
                col: 0,
                end_col: 5,
            },
            Location {
                lineno: 3,
                end_lineno: 3,
                col: 4,
                end_col: 200,
            },
            Location::NONE,
            Location {
                lineno: 2,
                end_lineno: 7,
                col: 1,
                end_col: 2,
            },
            Location {
                lineno: 90,
                end_lineno: 90,
                col: -1,
                end_col: -1,
            },
            Location {
                lineno: 90,
                end_lineno: 90,
                col: 100,
                end_col: 110,
            },
        ];
        let mut enc = Encoder::new(1);
        for (i, l) in locs.iter().enumerate() {
            enc.push(*l, i as u32 * 4 + 1);
        }
        let dec = decode(&enc.finish(), 1);
        let mut expect = Vec::new();
        for (i, l) in locs.iter().enumerate() {
            expect.extend(std::iter::repeat_n(*l, i * 4 + 1));
        }
        assert_eq!(dec, expect);
    }
}
