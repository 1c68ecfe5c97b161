//! `code`: a compiled code object with its constants made into objects (`PyCodeObject`).

use std::sync::Arc;

use oxpy_bytecode::{CodeObject, Const, Opcode};

use crate::gil::Python;
use crate::object::alloc::new_object;
use crate::object::{PyObject, PyPayload, PyRef};
use crate::objects::bytes::PyBytes;
use crate::objects::float::PyFloat;
use crate::objects::int::PyInt;
use crate::objects::str::{PyStr, intern_text};
use crate::objects::tuple::PyTuple;
use crate::objects::type_::{PyType, TypeSlots, TypeSpec};

/// One decoded instruction per code unit: `EXTENDED_ARG` prefixes are folded into the argument
/// of the instruction they extend (and execute as no-ops themselves); caches keep their slot.
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    /// The opcode.
    pub op: Opcode,
    /// The full argument.
    pub arg: u32,
    /// Code units to the next instruction (1 + inline cache entries).
    pub skip: u8,
}

/// A `code` object: the compiler's [`CodeObject`] plus everything the eval loop needs as objects.
#[repr(C)]
pub struct PyCode {
    ob_base: PyObject,
    /// The compiled code.
    pub code: Arc<CodeObject>,
    /// Decoded instructions, one per code unit.
    pub instrs: Box<[Instr]>,
    /// `co_consts` as objects.
    pub consts: Box<[PyRef]>,
    /// `co_names`, interned.
    pub names: Box<[PyRef<PyStr>]>,
    /// `co_localsplusnames`, interned.
    pub localsplusnames: Box<[PyRef<PyStr>]>,
    /// `co_name`.
    pub name: PyRef<PyStr>,
    /// `co_qualname`.
    pub qualname: PyRef<PyStr>,
    /// `co_filename`.
    pub filename: PyRef<PyStr>,
    /// The decoded exception table.
    pub exc_entries: Box<[oxpy_bytecode::ExceptionEntry]>,
    /// Inline caches of the attribute and global instructions (numbered in their `CACHE`
    /// units).
    pub caches: crate::eval::cache::InlineCaches,
}

// SAFETY: #[repr(C)], header first; `code` cannot be subclassed.
unsafe impl PyPayload for PyCode {
    fn type_object(py: Python<'_>) -> &PyType {
        py.types().code()
    }
    #[inline]
    fn is_type_of(py: Python<'_>, obj: &PyObject) -> bool {
        std::ptr::eq(obj.ob_type(), py.types().code())
    }
}

static CODE_METHODS: &[crate::object::MethodDef] = &[crate::object::MethodDef::new(
    "co_positions",
    code_co_positions,
)];

/// `code`'s spec (basicsize 192 as CPython 3.11's `code.__basicsize__`, itemsize 2).
pub(crate) fn spec() -> TypeSpec {
    TypeSpec {
        methods: CODE_METHODS,
        name: "code",
        basicsize: 192,
        itemsize: 2,
        flags: 0x0010_1100,
        slots: TypeSlots {
            repr: Some(code_repr),
            sizeof: Some(code_sizeof),
            attr: Some(code_attr),
            ..TypeSlots::new(crate::objects::weakref::dealloc_weakrefable::<PyCode>)
        },
    }
}

/// `code.co_positions()`: an iterator of `(lineno, end_lineno, col, end_col)` per code unit,
/// `None` for a missing value.
fn code_co_positions(
    py: Python<'_>,
    this: &PyObject,
    args: crate::object::Args<'_>,
) -> crate::PyResult<PyRef> {
    args.exact_pos("co_positions", 0, 0)?;
    let Some(c) = this.downcast_ref::<PyCode>(py) else {
        return Err(crate::PyErr::type_error(
            "descriptor 'co_positions' requires a 'code' object",
        ));
    };
    let opt = |v: i32| {
        if v < 0 {
            py.none()
        } else {
            PyInt::new(py, i64::from(v)).into_object()
        }
    };
    let items: Vec<PyRef> = c
        .code
        .co_positions()
        .iter()
        .map(|l| {
            let line = if l.lineno < 0 { -1 } else { l.lineno };
            PyTuple::new(
                py,
                vec![opt(line), opt(l.end_lineno), opt(l.col), opt(l.end_col)],
            )
            .into_object()
        })
        .collect();
    crate::eval::ops::get_iter(py, PyTuple::new(py, items).as_object())
}

/// The `co_*` members and getters (`code_memberlist`, `code_getsetlist`).
fn code_attr(py: Python<'_>, obj: &PyObject, name: &str) -> crate::PyResult<Option<PyRef>> {
    let Some(c) = obj.downcast_ref::<PyCode>(py) else {
        return Ok(None);
    };
    let co = &c.code;
    let int = |v: usize| PyInt::new(py, v as i64).into_object();
    let names = |v: Vec<&str>| {
        PyTuple::new(
            py,
            v.into_iter()
                .map(|n| intern_text(py, n).into_object())
                .collect(),
        )
        .into_object()
    };
    Ok(Some(match name {
        "co_argcount" => int(co.co_argcount as usize),
        "co_posonlyargcount" => int(co.co_posonlyargcount as usize),
        "co_kwonlyargcount" => int(co.co_kwonlyargcount as usize),
        "co_nlocals" => int(co.co_nlocals()),
        "co_stacksize" => int(co.co_stacksize as usize),
        "co_flags" => int(co.co_flags.0 as usize),
        "co_firstlineno" => int(co.co_firstlineno as usize),
        "co_code" => PyBytes::new(py, &co.code_bytes()).into_object(),
        "co_consts" => PyTuple::new(py, c.consts.to_vec()).into_object(),
        "co_names" => PyTuple::new(
            py,
            c.names.iter().map(|n| n.clone().into_object()).collect(),
        )
        .into_object(),
        "co_varnames" => names(co.co_varnames()),
        "co_cellvars" => names(co.co_cellvars()),
        "co_freevars" => names(co.co_freevars()),
        "co_filename" => c.filename.clone().into_object(),
        "co_name" => c.name.clone().into_object(),
        "co_qualname" => c.qualname.clone().into_object(),
        "co_linetable" => PyBytes::new(py, &co.co_linetable).into_object(),
        "co_exceptiontable" => PyBytes::new(py, &co.co_exceptiontable).into_object(),
        _ => return Ok(None),
    }))
}

fn code_sizeof(obj: &PyObject) -> usize {
    // SAFETY: only installed on `code`.
    let c = unsafe { &*(obj as *const PyObject as *const PyCode) };
    192 + 2 * c.instrs.len()
}

fn code_repr(py: Python<'_>, obj: &PyObject) -> crate::PyResult<PyRef<PyStr>> {
    // SAFETY: only installed on `code`.
    let c = unsafe { &*(obj as *const PyObject as *const PyCode) };
    Ok(PyStr::new(
        py,
        &format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            c.code.co_name,
            obj.as_ptr() as usize,
            c.code.co_filename,
            c.code.co_firstlineno
        ),
    ))
}

/// Decode code units, folding `EXTENDED_ARG`s.
fn decode(code: &CodeObject) -> Box<[Instr]> {
    let mut out = Vec::with_capacity(code.co_code.len());
    let mut ext: u32 = 0;
    for unit in &code.co_code {
        let op = Opcode::from_number(u16::from(unit.op)).unwrap_or(Opcode::CACHE);
        let arg = (ext << 8) | u32::from(unit.arg);
        if op == Opcode::EXTENDED_ARG {
            ext = arg;
            out.push(Instr {
                op: Opcode::NOP,
                arg: 0,
                skip: 1,
            });
            continue;
        }
        ext = 0;
        let skip = u8::try_from(1 + op.cache_entries()).unwrap_or(u8::MAX);
        out.push(Instr { op, arg, skip });
    }
    out.into_boxed_slice()
}

/// A `str` object for a compiler string constant (interned when identifier-like, as CPython).
pub fn str_const(py: Python<'_>, s: &oxpy_ast::PyStr, intern: bool) -> PyRef<PyStr> {
    match s.as_str() {
        Some(text) if intern => intern_text(py, text),
        Some(text) => PyStr::new(py, text),
        None => {
            let cps: Vec<u32> = s.code_points().collect();
            PyStr::from_code_points(py, &cps).unwrap_or_else(|| PyStr::new(py, ""))
        }
    }
}

/// The object for one constant.
pub fn const_to_object(py: Python<'_>, c: &Const) -> PyRef {
    match c {
        Const::None => py.none(),
        Const::Bool(b) => py.bool(*b).into_object(),
        Const::Ellipsis => py.ellipsis(),
        Const::Int(i) => PyInt::from_bigint(py, i.clone()).into_object(),
        Const::Float(f) => PyFloat::new(py, *f).into_object(),
        Const::Complex { real, imag } => crate::objects::complex_const(py, *real, *imag),
        Const::Str(s) => str_const(py, s, c.is_interned_str()).into_object(),
        Const::Bytes(b) => PyBytes::new(py, b).into_object(),
        Const::Tuple(items) => {
            PyTuple::new(py, items.iter().map(|i| const_to_object(py, i)).collect()).into_object()
        }
        Const::FrozenSet(items) => {
            let items: Vec<PyRef> = items.iter().map(|i| const_to_object(py, i)).collect();
            crate::objects::frozenset_const(py, items)
        }
        Const::Code(code) => PyCode::new(py, code.clone()).into_object(),
    }
}

impl PyCode {
    /// Make a code object (and, recursively, its nested code constants).
    pub fn new(py: Python<'_>, code: Arc<CodeObject>) -> PyRef<PyCode> {
        let consts = code
            .co_consts
            .iter()
            .map(|c| const_to_object(py, c))
            .collect();
        let names = code.co_names.iter().map(|n| intern_text(py, n)).collect();
        let localsplusnames = code
            .co_localsplusnames
            .iter()
            .map(|n| intern_text(py, n))
            .collect();
        let name = intern_text(py, &code.co_name);
        let qualname = intern_text(py, &code.co_qualname);
        let filename = PyStr::new(py, &code.co_filename);
        let mut instrs = decode(&code);
        let caches = crate::eval::cache::InlineCaches::number(&mut instrs);
        crate::eval::fast::quicken(&mut instrs);
        let exc_entries =
            oxpy_bytecode::exception_table::decode(&code.co_exceptiontable).into_boxed_slice();
        new_object(py, py.types().code(), |ob_base| PyCode {
            ob_base,
            code,
            instrs,
            consts,
            names,
            localsplusnames,
            name,
            qualname,
            filename,
            exc_entries,
            caches,
        })
    }

    /// The object header.
    pub fn as_object(&self) -> &PyObject {
        &self.ob_base
    }

    /// The exception handler covering code unit `index`.
    pub fn handler_for(&self, index: u32) -> Option<oxpy_bytecode::ExceptionEntry> {
        self.exc_entries
            .iter()
            .find(|e| e.start <= index && index < e.end)
            .copied()
    }

    /// The source line of the instruction at code unit `index` (`PyCode_Addr2Line`).
    pub fn line_at(&self, index: u32) -> Option<u32> {
        self.location_at(index)
            .and_then(|l| u32::try_from(l.lineno).ok())
    }

    /// The full location (line, end line, columns) of the instruction at `index`.
    pub fn location_at(&self, index: u32) -> Option<oxpy_bytecode::location_table::Location> {
        let locs = self.code.co_positions();
        locs.get(index as usize).copied()
    }
}
