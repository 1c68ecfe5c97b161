//! Sequence algorithms shared by `str` (code points) and `bytes`/`bytearray` (bytes): CPython's
//! `Objects/stringlib` (find, count, split, replace, strip, …), generic over the code unit.

use crate::error::{PyErr, PyResult};

/// Results larger than this many bytes raise `MemoryError` up front instead of aborting the
/// process on a failed allocation (CPython reports `MemoryError` when `malloc` fails).
pub const MAX_RESULT_BYTES: usize = 1 << 34;

/// `MemoryError` if a result of `units` items of `width` bytes each would be too large.
pub fn check_result_size(units: usize, width: usize) -> PyResult<()> {
    match units.checked_mul(width) {
        Some(n) if n <= MAX_RESULT_BYTES => Ok(()),
        _ => Err(PyErr::memory_error()),
    }
}

/// `ADJUST_INDICES`: clamp Python-style `start`/`end` (negative = from the end) to `0..=len`.
/// `start` may end up greater than `end` or `len`; callers check.
pub fn adjust_indices(start: Option<isize>, end: Option<isize>, len: usize) -> (usize, usize) {
    let len_i = len as isize;
    let clamp = |v: isize| -> usize {
        if v < 0 {
            (v + len_i).max(0) as usize
        } else {
            v as usize
        }
    };
    let end = match end {
        None => len,
        Some(e) if e > len_i => len,
        Some(e) => clamp(e),
    };
    let start = match start {
        None => 0,
        Some(s) => clamp(s),
    };
    (start, end)
}

/// Lowest index `i` in `start..=end - needle.len()` with `hay[i..].starts_with(needle)`.
pub fn find<T: PartialEq>(hay: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end || end - start < needle.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    let window = &hay[start..end];
    let (first, rest) = needle.split_first()?;
    // Scan for the first unit, then compare the rest (no slice comparison per position).
    let last_start = window.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let k = window
            .get(i..=last_start)?
            .iter()
            .position(|c| c == first)?;
        i += k;
        if window.get(i + 1..i + needle.len()) == Some(rest) {
            return Some(i + start);
        }
        i += 1;
    }
    None
}

/// Highest such index.
pub fn rfind<T: PartialEq>(hay: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end || end - start < needle.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(end);
    }
    let window = &hay[start..end];
    let (first, rest) = needle.split_first()?;
    // Scan backwards for the first unit, then compare the rest.
    let mut limit = window.len() - needle.len() + 1;
    while limit > 0 {
        let i = window.get(..limit)?.iter().rposition(|c| c == first)?;
        if window.get(i + 1..i + needle.len()) == Some(rest) {
            return Some(i + start);
        }
        limit = i;
    }
    None
}

/// Non-overlapping occurrences in `hay[start..end]`; an empty needle matches `end - start + 1`
/// times.
pub fn count<T: PartialEq>(hay: &[T], needle: &[T], start: usize, end: usize) -> usize {
    let end = end.min(hay.len());
    if start > end || end - start < needle.len() {
        return 0;
    }
    if needle.is_empty() {
        return end - start + 1;
    }
    let mut n = 0;
    let mut i = start;
    while let Some(j) = find(hay, needle, i, end) {
        n += 1;
        i = j + needle.len();
    }
    n
}

/// `replace(old, new, count)`; `None` when nothing is replaced (CPython returns `self`).
pub fn replace<T: PartialEq + Copy>(
    hay: &[T],
    old: &[T],
    new: &[T],
    maxcount: Option<usize>,
) -> Option<Vec<T>> {
    let limit = maxcount.unwrap_or(usize::MAX);
    if limit == 0 || (old.is_empty() && new.is_empty()) {
        return None;
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut done = 0;
    if old.is_empty() {
        // Insert `new` before every unit and at the end, up to `limit` times.
        for (i, &u) in hay.iter().enumerate() {
            if done < limit {
                out.extend_from_slice(new);
                done += 1;
            }
            out.push(u);
            let _ = i;
        }
        if done < limit {
            out.extend_from_slice(new);
        }
        return Some(out);
    }
    let mut i = 0;
    while done < limit {
        match find(hay, old, i, hay.len()) {
            Some(j) => {
                out.extend_from_slice(&hay[i..j]);
                out.extend_from_slice(new);
                i = j + old.len();
                done += 1;
            }
            None => break,
        }
    }
    if done == 0 {
        return None;
    }
    out.extend_from_slice(&hay[i..]);
    Some(out)
}

/// `split(sep, maxsplit)` with an explicit separator (non-empty).
pub fn split_sep<'a, T: PartialEq>(hay: &'a [T], sep: &[T], maxsplit: usize) -> Vec<&'a [T]> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < maxsplit {
        match find(hay, sep, i, hay.len()) {
            Some(j) => {
                out.push(&hay[i..j]);
                i = j + sep.len();
            }
            None => break,
        }
    }
    out.push(&hay[i..]);
    out
}

/// `rsplit(sep, maxsplit)` with an explicit separator (non-empty), in left-to-right order.
pub fn rsplit_sep<'a, T: PartialEq>(hay: &'a [T], sep: &[T], maxsplit: usize) -> Vec<&'a [T]> {
    let mut out = Vec::new();
    let mut end = hay.len();
    while out.len() < maxsplit {
        match rfind(hay, sep, 0, end) {
            Some(j) => {
                out.push(&hay[j + sep.len()..end]);
                end = j;
            }
            None => break,
        }
    }
    out.push(&hay[..end]);
    out.reverse();
    out
}

/// `split()` on runs of whitespace (`is_space`), at most `maxsplit` splits.
pub fn split_whitespace<T: Copy>(
    hay: &[T],
    is_space: impl Fn(T) -> bool,
    maxsplit: usize,
) -> Vec<&[T]> {
    let mut out = Vec::new();
    let n = hay.len();
    let mut i = 0;
    loop {
        while i < n && is_space(hay[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if out.len() == maxsplit {
            // The rest, with trailing whitespace stripped? No: CPython keeps it as is.
            out.push(&hay[i..]);
            break;
        }
        let j = i;
        while i < n && !is_space(hay[i]) {
            i += 1;
        }
        out.push(&hay[j..i]);
    }
    out
}

/// `rsplit()` on runs of whitespace, in left-to-right order.
pub fn rsplit_whitespace<T: Copy>(
    hay: &[T],
    is_space: impl Fn(T) -> bool,
    maxsplit: usize,
) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut i = hay.len();
    loop {
        while i > 0 && is_space(hay[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if out.len() == maxsplit {
            out.push(&hay[..i]);
            break;
        }
        let j = i;
        while i > 0 && !is_space(hay[i - 1]) {
            i -= 1;
        }
        out.push(&hay[i..j]);
    }
    out.reverse();
    out
}

/// The bounds left after stripping units matching `pred` from the chosen ends.
pub fn strip_bounds<T: Copy>(
    hay: &[T],
    pred: impl Fn(T) -> bool,
    left: bool,
    right: bool,
) -> (usize, usize) {
    let mut i = 0;
    let mut j = hay.len();
    if left {
        while i < j && pred(hay[i]) {
            i += 1;
        }
    }
    if right {
        while j > i && pred(hay[j - 1]) {
            j -= 1;
        }
    }
    (i, j)
}

/// `expandtabs(tabsize)`; `None` if the result would overflow.
pub fn expandtabs<T: Copy + Into<u32>>(
    hay: &[T],
    tabsize: isize,
    space: T,
    is_newline: impl Fn(u32) -> bool,
) -> Vec<T> {
    let mut out = Vec::with_capacity(hay.len());
    let mut col: usize = 0;
    for &u in hay {
        let c: u32 = u.into();
        if c == u32::from('\t') {
            if tabsize > 0 {
                let ts = tabsize as usize;
                let pad = ts - col % ts;
                col += pad;
                out.extend(std::iter::repeat_n(space, pad));
            }
        } else {
            col += 1;
            out.push(u);
            if is_newline(c) {
                col = 0;
            }
        }
    }
    out
}

/// `splitlines(keepends)`: lines split at units for which `line_break` is true; `\r\n` is one
/// break.
pub fn splitlines<T: Copy + Into<u32>>(
    hay: &[T],
    keepends: bool,
    line_break: impl Fn(u32) -> bool,
) -> Vec<&[T]> {
    let mut out = Vec::new();
    let n = hay.len();
    let mut i = 0;
    while i < n {
        let start = i;
        while i < n && !line_break(hay[i].into()) {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if hay[i].into() == u32::from('\r') && i + 1 < n && hay[i + 1].into() == u32::from('\n')
            {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(&hay[start..eol]);
    }
    out
}

/// `zfill(width)`: pad with `0` after a leading sign.
pub fn zfill<T: Copy + Into<u32>>(hay: &[T], width: usize, zero: T) -> Vec<T> {
    if hay.len() >= width {
        return hay.to_vec();
    }
    let fill = width - hay.len();
    let mut out = Vec::with_capacity(width);
    let signed = hay
        .first()
        .is_some_and(|&c| c.into() == u32::from('+') || c.into() == u32::from('-'));
    if signed {
        out.push(hay[0]);
        out.extend(std::iter::repeat_n(zero, fill));
        out.extend_from_slice(&hay[1..]);
    } else {
        out.extend(std::iter::repeat_n(zero, fill));
        out.extend_from_slice(hay);
    }
    out
}

/// `center`/`ljust`/`rjust` padding: `(left, right)` counts. `center` puts the extra unit on
/// the left when both the padding and the width are odd (CPython's `pad` rule).
pub fn pad_counts(len: usize, width: usize, kind: PadKind) -> (usize, usize) {
    if len >= width {
        return (0, 0);
    }
    let marg = width - len;
    match kind {
        PadKind::Left => (0, marg),
        PadKind::Right => (marg, 0),
        PadKind::Center => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    }
}

/// Which justification.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PadKind {
    /// `ljust`: text on the left.
    Left,
    /// `rjust`: text on the right.
    Right,
    /// `center`.
    Center,
}

/// `partition`/`rpartition` on a non-empty separator: `(before, sep_found, after)`.
pub fn partition<'a, T: PartialEq>(
    hay: &'a [T],
    sep: &[T],
    from_right: bool,
) -> Option<(&'a [T], &'a [T])> {
    let pos = if from_right {
        rfind(hay, sep, 0, hay.len())
    } else {
        find(hay, sep, 0, hay.len())
    }?;
    Some((&hay[..pos], &hay[pos + sep.len()..]))
}

/// `tailmatch`: does `hay[start..end]` start (or end) with `sub`?
pub fn tailmatch<T: PartialEq>(
    hay: &[T],
    sub: &[T],
    start: Option<isize>,
    end: Option<isize>,
    at_end: bool,
) -> bool {
    let (start, end) = adjust_indices(start, end, hay.len());
    let Some(last) = end.checked_sub(sub.len()) else {
        return false;
    };
    if last < start {
        return false;
    }
    if sub.is_empty() {
        return true;
    }
    if at_end {
        hay[last..end] == *sub
    } else {
        hay[start..start + sub.len()] == *sub
    }
}
