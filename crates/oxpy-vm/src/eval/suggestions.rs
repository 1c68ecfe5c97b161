//! "Did you mean" suggestions appended to uncaught `NameError`/`AttributeError` reports, as
//! CPython 3.11's `_Py_Offer_Suggestions` (`Python/suggestions.c`): a Levenshtein distance over
//! UTF-8 bytes where a case flip costs 1 and any other edit 2.

use crate::error::ExcKind;
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::exception::PyBaseException;
use crate::objects::str::PyStr;

/// Candidate lists this long or longer are not searched.
const MAX_CANDIDATE_ITEMS: usize = 750;
/// Strings longer than this (after trimming common affixes) never match.
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance between `a` and `b`, or `max_cost + 1` once it must exceed `max_cost`.
pub fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first())
        && x == y
    {
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last())
        && x == y
    {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer = [0usize; MAX_STRING_SIZE];
    for (i, slot) in buffer.iter_mut().take(a.len()).enumerate() {
        *slot = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest of `dir` to `name` (`calculate_suggestions`), if any is close enough.
pub fn calculate_suggestions(dir: &[String], name: &str) -> Option<String> {
    if dir.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_distance = usize::MAX;
    for item in dir {
        if item == name {
            continue;
        }
        let max_distance =
            ((name.len() + item.len() + 3) * MOVE_COST / 6).min(best_distance.saturating_sub(1));
        let d = levenshtein_distance(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.cloned()
}

/// The `str` keys of a mapping or the `str` items of a sequence, in order.
fn names_of(py: Python<'_>, obj: &PyObject) -> Option<Vec<String>> {
    let items = crate::eval::ops::collect_iterable(py, obj).ok()?;
    Some(
        items
            .iter()
            .map(|i| {
                i.downcast_ref::<PyStr>(py)
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default()
            })
            .collect(),
    )
}

/// The `. Did you mean: 'x'?` trailer for an uncaught exception, or `None`
/// (`_Py_Offer_Suggestions`; exact `NameError` and `AttributeError` only, as 3.11).
pub fn offer_suggestions(py: Python<'_>, exc: &PyObject) -> Option<String> {
    let ty = exc.ob_type();
    let e = exc.downcast_ref::<PyBaseException>(py)?;
    let name = e.field("name")?;
    let name = name.downcast_ref::<PyStr>(py)?;
    if !std::ptr::eq(name.as_object().ob_type(), py.types().str_()) {
        return None;
    }
    let name = name.to_string_lossy();
    let found = if std::ptr::eq(ty, py.types().exception(ExcKind::AttributeError)) {
        let obj = e.field("obj")?;
        let dir = crate::eval::builtins::builtin_dir(
            py,
            &obj,
            crate::object::Args::positional(std::slice::from_ref(&obj)),
        )
        .ok()?;
        calculate_suggestions(&names_of(py, &dir)?, &name)
    } else if std::ptr::eq(ty, py.types().exception(ExcKind::NameError)) {
        let (varnames, globals, builtins) = e.name_context()?;
        let mut found = calculate_suggestions(&varnames, &name);
        for scope in [globals, builtins] {
            if found.is_some() {
                break;
            }
            found = calculate_suggestions(&names_of(py, &scope)?, &name);
        }
        found
    } else {
        None
    }?;
    let r = crate::object::protocol::repr(py, PyStr::new(py, &found).as_object()).ok()?;
    Some(format!(". Did you mean: {}?", r.to_string_lossy()))
}

/// Remember the raising frame's names on a `NameError` so the report can suggest one: called
/// when its first traceback entry is added (CPython reads them from the traceback's frame).
pub(crate) fn remember_frame(e: &PyBaseException) {
    crate::eval::with_current_frame(|f| {
        if let Some(f) = f {
            let code = &f.code.code;
            let varnames = code
                .co_localsplusnames
                .iter()
                .zip(&code.co_localspluskinds)
                .filter(|(_, k)| **k & oxpy_bytecode::LocalKind::LOCAL != 0)
                .map(|(n, _)| n.clone())
                .collect();
            let globals: PyRef = f.globals.clone().into_object();
            let builtins: PyRef = f.builtins.clone().into_object();
            e.set_name_context(varnames, globals, builtins);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein_distance(b"lenght", b"length", 100), 4);
        assert_eq!(levenshtein_distance(b"abc", b"ABC", 100), 3);
        assert_eq!(
            calculate_suggestions(&["print".into(), "len".into()], "prnt"),
            Some("print".into())
        );
        assert_eq!(calculate_suggestions(&["zzzzz".into()], "a"), None);
    }
}
