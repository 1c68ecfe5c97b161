//! The 3.11 exception table (`co_exceptiontable`): for each range of code units, the
//! handler offset, the stack depth to unwind to, and whether to push `f_lasti`.
//! Entries are four varints of 6-bit chunks, most significant first; bit 6 marks a
//! continuation, bit 7 the first byte of an entry (as `Objects/exception_handling_notes.txt`).

/// One exception-table entry, in code units (as stored; `dis` shows byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// First code unit covered.
    pub start: u32,
    /// One past the last code unit covered.
    pub end: u32,
    /// Code unit of the handler.
    pub target: u32,
    /// Stack depth to pop down to before pushing the exception.
    pub depth: u32,
    /// Push the offset of the raising instruction before the exception.
    pub lasti: bool,
}

fn write_item(out: &mut Vec<u8>, value: u32, mut msb: u8) {
    for shift in [24u32, 18, 12, 6] {
        if value >= 1 << shift {
            out.push(((value >> shift) & 0x3F) as u8 | 0x40 | msb);
            msb = 0;
        }
    }
    out.push((value & 0x3F) as u8 | msb);
}

/// Encode entries into `co_exceptiontable` bytes.
pub fn encode(entries: &[ExceptionEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        write_item(&mut out, e.start, 0x80);
        write_item(&mut out, e.end - e.start, 0);
        write_item(&mut out, e.target, 0);
        write_item(&mut out, (e.depth << 1) | u32::from(e.lasti), 0);
    }
    out
}

fn read_item(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut b = *bytes.get(*pos)?;
    *pos += 1;
    let mut val = u32::from(b & 0x3F);
    while b & 0x40 != 0 {
        b = *bytes.get(*pos)?;
        *pos += 1;
        val = (val << 6) | u32::from(b & 0x3F);
    }
    Some(val)
}

/// Decode `co_exceptiontable` bytes (a malformed table ends the list early).
pub fn decode(bytes: &[u8]) -> Vec<ExceptionEntry> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(start) = read_item(bytes, &mut pos) else {
            break;
        };
        let Some(len) = read_item(bytes, &mut pos) else {
            break;
        };
        let Some(target) = read_item(bytes, &mut pos) else {
            break;
        };
        let Some(dl) = read_item(bytes, &mut pos) else {
            break;
        };
        out.push(ExceptionEntry {
            start,
            end: start + len,
            target,
            depth: dl >> 1,
            lasti: dl & 1 != 0,
        });
    }
    out
}

/// The handler for the instruction at code unit `index`, if any.
pub fn find_handler(bytes: &[u8], index: u32) -> Option<ExceptionEntry> {
    decode(bytes)
        .into_iter()
        .find(|e| e.start <= index && index < e.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let entries = vec![
            ExceptionEntry {
                start: 2,
                end: 9,
                target: 70,
                depth: 1,
                lasti: false,
            },
            ExceptionEntry {
                start: 100,
                end: 5000,
                target: 300_000,
                depth: 3,
                lasti: true,
            },
        ];
        assert_eq!(decode(&encode(&entries)), entries);
    }
}
