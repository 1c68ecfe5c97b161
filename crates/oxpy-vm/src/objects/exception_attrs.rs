//! The members and `__str__` of builtin exception subclasses (`Objects/exceptions.c`):
//! `StopIteration.value`, `SystemExit.code`, `NameError.name`, `AttributeError.name/obj`,
//! `ImportError.msg/name/path`, `OSError.errno/strerror/filename/filename2`, `SyntaxError`'s
//! location, the `UnicodeError` fields; and `OSError(errno, …)` picking its subclass.

use crate::error::{ExcKind, PyErr, PyResult};
use crate::gil::Python;
use crate::object::protocol::{repr, str_};
use crate::object::{Args, PyObject, PyRef};
use crate::objects::exception::PyBaseException;
use crate::objects::int::PyInt;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::type_::PyType;

/// The builtin class whose members an exception of type `ty` has.
fn family(py: Python<'_>, ty: &PyType) -> Option<ExcKind> {
    const FAMILIES: &[ExcKind] = &[
        ExcKind::StopIteration,
        ExcKind::SystemExit,
        ExcKind::ImportError,
        ExcKind::NameError,
        ExcKind::AttributeError,
        ExcKind::OSError,
        ExcKind::SyntaxError,
        ExcKind::UnicodeDecodeError,
        ExcKind::UnicodeEncodeError,
        ExcKind::UnicodeTranslateError,
        ExcKind::BaseExceptionGroup,
    ];
    // The first family (in FAMILIES order) that `ty` derives from, in one pass over the MRO
    // with pointer comparisons (exceptions raised in loops mostly have no family).
    let types = py.types();
    let (exc, base_exc, object) = (
        types.exception(ExcKind::Exception),
        types.exception(ExcKind::BaseException),
        types.object(),
    );
    let mut best: Option<usize> = None;
    for t in ty.mro() {
        // The bases every exception class has are in no family: skip the table for them.
        if t.is_heap()
            || std::ptr::eq(t, exc)
            || std::ptr::eq(t, base_exc)
            || std::ptr::eq(t, object)
        {
            continue;
        }
        if let Some(i) = FAMILIES
            .iter()
            .position(|k| std::ptr::eq(t, types.exception(*k)))
        {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    best.and_then(|i| FAMILIES.get(i).copied())
}

/// The member names of family `kind`.
fn members(kind: ExcKind) -> &'static [&'static str] {
    match kind {
        ExcKind::StopIteration => &["value"],
        ExcKind::SystemExit => &["code"],
        ExcKind::ImportError => &["msg", "name", "path"],
        ExcKind::NameError => &["name"],
        ExcKind::AttributeError => &["name", "obj"],
        ExcKind::OSError => &["errno", "strerror", "filename", "filename2"],
        ExcKind::SyntaxError => &[
            "msg",
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
            "print_file_and_line",
        ],
        ExcKind::UnicodeDecodeError
        | ExcKind::UnicodeEncodeError
        | ExcKind::UnicodeTranslateError => &["encoding", "object", "start", "end", "reason"],
        ExcKind::BaseExceptionGroup => &["message", "exceptions"],
        _ => &[],
    }
}

/// The static name of member `name` of `obj`'s class, if it has one.
fn member_name(py: Python<'_>, obj: &PyObject, name: &str) -> Option<&'static str> {
    let kind = family(py, obj.ob_type())?;
    members(kind).iter().copied().find(|m| *m == name)
}

/// Read member `name` of exception `e` (`None` when unset); `None` if it has no such member.
pub fn get_member(py: Python<'_>, e: &PyBaseException, name: &str) -> Option<PyRef> {
    let m = member_name(py, e.as_object(), name)?;
    Some(e.field(m).unwrap_or_else(|| py.none()))
}

/// Assign (or delete, `value == None`) member `name`; false if the class has no such member.
pub fn set_member(py: Python<'_>, e: &PyBaseException, name: &str, value: Option<PyRef>) -> bool {
    match member_name(py, e.as_object(), name) {
        Some(m) => {
            e.set_field(m, value.filter(|v| !py.is_none(v)));
            true
        }
        None => false,
    }
}

/// Derive the members of `e` from its `args` (the `__init__` of its builtin class).
pub fn init_fields(py: Python<'_>, e: &PyBaseException) {
    let Some(kind) = family(py, e.as_object().ob_type()) else {
        return;
    };
    let args = e.args.borrow().clone();
    let a = args.as_slice();
    let set =
        |n: &'static str, v: &PyRef| e.set_field(n, Some(v.clone()).filter(|v| !py.is_none(v)));
    match kind {
        ExcKind::StopIteration => {
            if let Some(v) = a.first() {
                set("value", v);
            }
        }
        ExcKind::SystemExit => match a {
            [] => {}
            [one] => set("code", one),
            _ => set("code", &args.clone().into_object()),
        },
        ExcKind::ImportError => {
            if let [one] = a {
                set("msg", one);
            }
        }
        ExcKind::OSError if (2..=5).contains(&a.len()) => {
            set("errno", &a[0]);
            set("strerror", &a[1]);
            if let Some(f) = a.get(2)
                && !py.is_none(f)
            {
                set("filename", f);
                if let Some(f2) = a.get(4) {
                    set("filename2", f2);
                }
                *e.args.borrow_mut() = PyTuple::new(py, a[..2].to_vec());
            }
        }
        ExcKind::SyntaxError => {
            if let Some(m) = a.first() {
                set("msg", m);
            }
            if let [_, info] = a
                && let Some(t) = info.downcast_ref::<PyTuple>(py)
            {
                let names = [
                    "filename",
                    "lineno",
                    "offset",
                    "text",
                    "end_lineno",
                    "end_offset",
                ];
                for (n, v) in names.iter().zip(t.as_slice()) {
                    set(n, v);
                }
            }
        }
        ExcKind::UnicodeDecodeError | ExcKind::UnicodeEncodeError => {
            if let [enc, obj, start, end, reason] = a {
                for (n, v) in [
                    ("encoding", enc),
                    ("object", obj),
                    ("start", start),
                    ("end", end),
                    ("reason", reason),
                ] {
                    set(n, v);
                }
            }
        }
        ExcKind::UnicodeTranslateError => {
            if let [obj, start, end, reason] = a {
                for (n, v) in [
                    ("object", obj),
                    ("start", start),
                    ("end", end),
                    ("reason", reason),
                ] {
                    set(n, v);
                }
            }
        }
        ExcKind::BaseExceptionGroup => {
            if let [msg, excs] = a {
                set("message", msg);
                if let Ok(items) = crate::eval::ops::collect_iterable(py, excs) {
                    set("exceptions", &PyTuple::new(py, items).into_object());
                }
            }
        }
        _ => {}
    }
}

fn int_of(py: Python<'_>, v: &PyObject) -> Option<i64> {
    v.downcast_ref::<PyInt>(py).and_then(PyInt::as_i64)
}

/// `__str__` of the exception classes that override it (`None`: use `BaseException`'s).
pub fn special_str(py: Python<'_>, obj: &PyObject) -> Option<PyResult<PyRef<PyStr>>> {
    let e = obj.downcast_ref::<PyBaseException>(py)?;
    let kind = family(py, obj.ob_type())?;
    let s = |text: String| Some(Ok(PyStr::new(py, &text)));
    let f = |n: &str| e.field(n);
    let text = |v: &PyObject| str_(py, v).map(|s| s.to_string_lossy());
    let rep = |v: &PyObject| repr(py, v).map(|s| s.to_string_lossy());
    match kind {
        ExcKind::ImportError => {
            let m = f("msg")?;
            if std::ptr::eq(m.ob_type(), py.types().str_()) {
                return Some(
                    m.downcast::<PyStr>(py)
                        .map_err(|_| PyErr::type_error("msg")),
                );
            }
            None
        }
        ExcKind::BaseExceptionGroup => {
            Some(crate::objects::exception_group::group_str(py, e).map(|t| PyStr::new(py, &t)))
        }
        ExcKind::OSError => {
            let (errno, strerror) = (f("errno"), f("strerror"));
            let head = |errno: &Option<PyRef>, strerror: &Option<PyRef>| -> PyResult<String> {
                let en = match errno {
                    Some(v) => text(v)?,
                    None => "None".into(),
                };
                let se = match strerror {
                    Some(v) => text(v)?,
                    None => "None".into(),
                };
                Ok(format!("[Errno {en}] {se}"))
            };
            let r = (|| -> PyResult<Option<String>> {
                if let Some(file) = f("filename") {
                    let h = head(&errno, &strerror)?;
                    return Ok(Some(match f("filename2") {
                        Some(f2) => format!("{h}: {} -> {}", rep(&file)?, rep(&f2)?),
                        None => format!("{h}: {}", rep(&file)?),
                    }));
                }
                if errno.is_some() && strerror.is_some() {
                    return Ok(Some(head(&errno, &strerror)?));
                }
                Ok(None)
            })();
            match r {
                Ok(Some(t)) => s(t),
                Ok(None) => None,
                Err(err) => Some(Err(err)),
            }
        }
        ExcKind::SyntaxError => {
            let msg = match f("msg") {
                Some(m) => match text(&m) {
                    Ok(t) => t,
                    Err(err) => return Some(Err(err)),
                },
                None => "None".into(),
            };
            let filename = f("filename")
                .and_then(|v| v.downcast_ref::<PyStr>(py).map(|s| s.to_string_lossy()))
                .map(|p| match p.rsplit_once('/') {
                    Some((_, b)) => b.to_string(),
                    None => p,
                });
            let lineno = f("lineno").and_then(|v| int_of(py, &v));
            s(match (filename, lineno) {
                (Some(file), Some(l)) => format!("{msg} ({file}, line {l})"),
                (Some(file), None) => format!("{msg} ({file})"),
                (None, Some(l)) => format!("{msg} (line {l})"),
                (None, None) => msg,
            })
        }
        ExcKind::UnicodeDecodeError
        | ExcKind::UnicodeEncodeError
        | ExcKind::UnicodeTranslateError => {
            let start = int_of(py, f("start")?.as_object())?;
            let end = int_of(py, f("end")?.as_object())?;
            let reason = text(f("reason")?.as_object()).ok()?;
            let enc = match kind {
                ExcKind::UnicodeTranslateError => String::new(),
                _ => text(f("encoding")?.as_object()).ok()?,
            };
            let object = f("object")?;
            let single = end == start + 1;
            let at = usize::try_from(start).ok()?;
            match kind {
                ExcKind::UnicodeDecodeError => {
                    let bytes = crate::objects::bytes::PyBytes::as_bytes(
                        object.downcast_ref::<crate::objects::bytes::PyBytes>(py)?,
                    );
                    if single && let Some(b) = bytes.get(at) {
                        s(format!(
                            "'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
                        ))
                    } else {
                        s(format!(
                            "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                            end - 1
                        ))
                    }
                }
                _ => {
                    let text_obj = object.downcast_ref::<PyStr>(py)?.to_string_lossy();
                    let what = if kind == ExcKind::UnicodeEncodeError {
                        format!("'{enc}' codec can't encode")
                    } else {
                        "can't translate".to_string()
                    };
                    if single && let Some(c) = text_obj.chars().nth(at) {
                        let c = c as u32;
                        let esc = if c <= 0xff {
                            format!("\\x{c:02x}")
                        } else if c <= 0xffff {
                            format!("\\u{c:04x}")
                        } else {
                            format!("\\U{c:08x}")
                        };
                        s(format!(
                            "{what} character '{esc}' in position {start}: {reason}"
                        ))
                    } else {
                        s(format!(
                            "{what} characters in position {start}-{}: {reason}",
                            end - 1
                        ))
                    }
                }
            }
        }
        _ => None,
    }
}

/// The `OSError` subclass CPython picks for `errno` (Linux values).
fn oserror_subclass(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        11 | 114 | 115 => ExcKind::BlockingIOError,
        10 => ExcKind::ChildProcessError,
        32 | 108 => ExcKind::BrokenPipeError,
        103 => ExcKind::ConnectionAbortedError,
        111 => ExcKind::ConnectionRefusedError,
        104 => ExcKind::ConnectionResetError,
        17 => ExcKind::FileExistsError,
        2 => ExcKind::FileNotFoundError,
        21 => ExcKind::IsADirectoryError,
        20 => ExcKind::NotADirectoryError,
        4 => ExcKind::InterruptedError,
        1 | 13 => ExcKind::PermissionError,
        3 => ExcKind::ProcessLookupError,
        110 => ExcKind::TimeoutError,
        _ => return None,
    })
}

/// `ExcClass(*args, **kwargs)` for a builtin exception class `ty`.
pub fn construct(py: Python<'_>, ty: &PyType, args: Args<'_>) -> PyResult<PyRef> {
    let pos = args.pos();
    if crate::objects::exception_group::is_group_type(py, ty) {
        return crate::objects::exception_group::construct(py, ty, args);
    }
    let mut ty = ty;
    if std::ptr::eq(ty, py.types().exception(ExcKind::OSError))
        && pos.len() >= 2
        && let Some(sub) = int_of(py, &pos[0]).and_then(oserror_subclass)
    {
        ty = py.types().exception(sub);
    }
    let allowed: &[&str] = match family(py, ty) {
        Some(ExcKind::NameError) => &["name"],
        Some(ExcKind::AttributeError) => &["name", "obj"],
        Some(ExcKind::ImportError) => &["name", "path"],
        _ => &[],
    };
    let mut kw = Vec::new();
    for (k, v) in args.kwargs() {
        let k = k.to_string_lossy();
        match allowed.iter().find(|a| **a == k) {
            Some(a) => kw.push((*a, v.clone())),
            None if allowed.is_empty() => {
                return Err(PyErr::type_error(format!(
                    "{}() takes no keyword arguments",
                    ty.name()
                )));
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "'{k}' is an invalid keyword argument for {}()",
                    ty.name()
                )));
            }
        }
    }
    let e = PyBaseException::new_of_type(py, ty, pos.to_vec());
    for (k, v) in kw {
        e.set_field(k, Some(v).filter(|v| !py.is_none(v)));
    }
    Ok(e.into_object())
}

/// A `NameError` (or subclass) remembering the missing `name` for the "Did you mean" hint.
pub fn error_with_name(kind: ExcKind, message: String, name: String) -> PyErr {
    // SAFETY: errors are raised by threads holding the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    let e = PyBaseException::new_of_type(
        py,
        py.types().exception(kind),
        vec![PyStr::new(py, &message).into_object()],
    );
    if kind == ExcKind::NameError {
        e.set_field("name", Some(PyStr::new(py, &name).into_object()));
    }
    PyErr::from_object(e.into_object())
}

/// `AttributeError(message)` with `name` and `obj` set (`set_attribute_error_context`).
pub fn attribute_error(py: Python<'_>, message: String, name: &PyStr, obj: &PyObject) -> PyErr {
    let e = PyBaseException::new_of_type(
        py,
        py.types().exception(ExcKind::AttributeError),
        vec![PyStr::new(py, &message).into_object()],
    );
    e.set_field("name", Some(name.as_object().to_owned_ref()));
    e.set_field("obj", Some(obj.to_owned_ref()));
    PyErr::from_object(e.into_object())
}

/// `UnicodeDecodeError`/`UnicodeEncodeError(encoding, object, start, end, reason)` with its
/// members set; its `str` is CPython's message.
pub fn unicode_error(
    kind: ExcKind,
    encoding: &str,
    object: PyRef,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    // SAFETY: errors are raised by threads holding the GIL.
    let py = unsafe { Python::assume_gil_acquired() };
    let num = |n: usize| PyInt::new(py, i64::try_from(n).unwrap_or(i64::MAX)).into_object();
    PyErr::from_object(
        PyBaseException::new_of_type(
            py,
            py.types().exception(kind),
            vec![
                PyStr::new(py, encoding).into_object(),
                object,
                num(start),
                num(end),
                PyStr::new(py, reason).into_object(),
            ],
        )
        .into_object(),
    )
}
