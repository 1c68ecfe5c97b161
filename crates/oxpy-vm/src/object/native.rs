//! Native (Rust) callables: the calling convention of builtin functions and methods.
//!
//! Calls use CPython's vectorcall shape: one slice of argument values, positional first, then the
//! keyword values, whose names are in `kwnames` (same order). Methods of builtin types receive
//! `self` separately. Argument errors use CPython's wording (see [`Args::parse`]).

use crate::error::{PyErr, PyResult};
use crate::gil::Python;
use crate::object::{PyObject, PyRef};
use crate::objects::str::PyStr;

/// The arguments of one call.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    /// Positional values, then keyword values.
    pub values: &'a [PyRef],
    /// Names of the trailing keyword values.
    pub kwnames: &'a [PyRef<PyStr>],
}

impl<'a> Args<'a> {
    /// Only positional arguments.
    pub fn positional(values: &'a [PyRef]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    /// The positional values.
    pub fn pos(&self) -> &'a [PyRef] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// `(name, value)` for each keyword argument.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a PyStr, &'a PyRef)> + 'a {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames.iter().map(|n| &**n).zip(&self.values[start..])
    }

    /// Fail with `fname() takes no keyword arguments` if any were given.
    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        if self.kwnames.is_empty() {
            Ok(())
        } else {
            Err(PyErr::type_error(format!(
                "{fname}() takes no keyword arguments"
            )))
        }
    }

    /// Positional-only arguments, between `min` and `max` of them, with CPython's messages
    /// (`f() takes exactly one argument (2 given)`, `f expected at most 2 arguments, got 3`, …
    /// use the Argument-Clinic forms).
    pub fn exact_pos(&self, fname: &str, min: usize, max: usize) -> PyResult<&'a [PyRef]> {
        self.no_kwargs(fname)?;
        let pos = self.pos();
        let n = pos.len();
        if n < min || n > max {
            return Err(PyErr::type_error(arg_count_message(fname, min, max, n)));
        }
        Ok(pos)
    }

    /// Bind positional-or-keyword parameters `names` (the first `required` are required),
    /// CPython's Argument Clinic style: returns one slot per name.
    pub fn parse<const N: usize>(
        &self,
        fname: &str,
        names: [&str; N],
        required: usize,
    ) -> PyResult<[Option<&'a PyRef>; N]> {
        let mut out: [Option<&'a PyRef>; N] = [None; N];
        let pos = self.pos();
        if pos.len() > N {
            return Err(PyErr::type_error(arg_count_message(
                fname,
                required,
                N,
                pos.len(),
            )));
        }
        for (slot, v) in out.iter_mut().zip(pos) {
            *slot = Some(v);
        }
        for (name, value) in self.kwargs() {
            let key = name.to_string_lossy();
            match names.iter().position(|n| *n == key) {
                Some(i) if out[i].is_some() => {
                    return Err(PyErr::type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        i + 1
                    )));
                }
                Some(i) => out[i] = Some(value),
                None => {
                    return Err(PyErr::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{key}'"
                    )));
                }
            }
        }
        if let Some(i) = out[..required].iter().position(Option::is_none) {
            return Err(PyErr::type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
        Ok(out)
    }
}

/// CPython's positional-count messages (`Python/getargs.c`, Argument Clinic).
pub fn arg_count_message(fname: &str, min: usize, max: usize, given: usize) -> String {
    if min == max {
        match min {
            0 => format!("{fname}() takes no arguments ({given} given)"),
            1 => format!("{fname}() takes exactly one argument ({given} given)"),
            _ => format!("{fname} expected {min} arguments, got {given}"),
        }
    } else if given < min {
        format!(
            "{fname} expected at least {min} argument{}, got {given}",
            plural(min)
        )
    } else {
        format!(
            "{fname} expected at most {max} argument{}, got {given}",
            plural(max)
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A builtin function: `fn(py, args)`. For module-level functions `this` is the module (or
/// `None`); for methods of builtin types it is the instance (`self`).
pub type NativeFn = for<'py> fn(Python<'py>, &PyObject, Args<'_>) -> PyResult<PyRef>;

/// One builtin function or method (`PyMethodDef`).
#[derive(Clone, Copy)]
pub struct MethodDef {
    /// `__name__`.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
    /// `__doc__` (may be empty).
    pub doc: &'static str,
}

impl MethodDef {
    /// A method definition.
    pub const fn new(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef {
            name,
            func,
            doc: "",
        }
    }
}

/// Extra attributes of a native module, made when the module is first imported.
pub type ModuleAttrsFn = for<'py> fn(Python<'py>) -> PyResult<Vec<(&'static str, PyRef)>>;

/// A native module (`PyModuleDef`): its functions plus other attributes (constants, types).
pub struct ModuleDef {
    /// `__name__`.
    pub name: &'static str,
    /// `__doc__`.
    pub doc: &'static str,
    /// Module-level functions (`this` is the module object when called).
    pub methods: &'static [MethodDef],
    /// Everything else the module defines.
    pub attrs: ModuleAttrsFn,
}
