//! `operator` against python3 3.11.7 (`fixtures/operator_cases.txt`, recorded by
//! `fixtures/gen_operator.py`), plus the binary-operator dispatch rules on native test types.

mod common;

use std::ptr::NonNull;

use oxpy_stdlib::operator::OPERATOR;
use oxpy_vm::error::PyResult;
use oxpy_vm::object::alloc::{alloc_object, free_object};
use oxpy_vm::objects::int::PyInt;
use oxpy_vm::objects::list::PyList;
use oxpy_vm::objects::type_::{PyType, TypeSlots, TypeSpec};
use oxpy_vm::ops::{BinOp, UnaryOp};
use oxpy_vm::{PyObject, PyRef, Python, with_gil};

#[test]
fn recorded_cases() {
    let text = include_str!("fixtures/operator_cases.txt");
    with_gil(|py| {
        let (passed, failures) = common::run_fixture(py, &OPERATOR, text);
        for f in failures.iter().take(40) {
            eprintln!("{}", &f[..f.len().min(400)]);
        }
        assert!(
            failures.is_empty(),
            "{passed} passed, {} failed",
            failures.len()
        );
    });
}

/// A test number: the header and an `i64`. `Num`'s binop slot computes plainly; `SubNum`
/// derives from `Num` and adds 1000 to mark that its own slot ran.
#[repr(C)]
struct Num {
    ob_base: PyObject,
    v: i64,
}

unsafe fn num_dealloc(py: Python<'_>, obj: NonNull<PyObject>) {
    // SAFETY: a dead Num allocated with its size.
    unsafe { free_object(py, obj, size_of::<Num>()) };
}

thread_local! {
    static TYPES: std::cell::Cell<Option<(NonNull<PyType>, NonNull<PyType>)>> =
        const { std::cell::Cell::new(None) };
}

fn types(py: Python<'_>) -> (&'static PyType, &'static PyType) {
    let (n, s) = TYPES.with(|t| {
        if let Some(v) = t.get() {
            return v;
        }
        let spec = |name, binop| TypeSpec {
            methods: &[],
            name,
            basicsize: size_of::<Num>(),
            itemsize: 0,
            flags: 0x1400,
            slots: TypeSlots {
                binop: Some(binop),
                unary: Some(num_unary),
                ..TypeSlots::new(num_dealloc)
            },
        };
        let num = PyType::new_native(py, py.types().object(), spec("Num", num_binop));
        let sub = PyType::new_native(py, &num, spec("SubNum", subnum_binop));
        let v = (num.into_raw(), sub.into_raw());
        t.set(Some(v));
        v
    });
    // SAFETY: native types are never freed.
    unsafe { (n.as_ref(), s.as_ref()) }
}

fn new_num(py: Python<'_>, ty: &PyType, v: i64) -> PyRef {
    // SAFETY: the value field is written before the handle is used.
    unsafe {
        let p = alloc_object(py, ty, size_of::<Num>()).cast::<Num>();
        std::ptr::addr_of_mut!((*p.as_ptr()).v).write(v);
        PyRef::from_raw(p.cast::<PyObject>())
    }
}

/// The value of a Num (or an int).
fn value(py: Python<'_>, obj: &PyObject) -> Option<i64> {
    if let Some(i) = obj.downcast_ref::<PyInt>(py) {
        return i.as_i64();
    }
    let (num, _) = types(py);
    // SAFETY: Num and SubNum instances have Num's layout.
    obj.ob_type()
        .is_subtype(num)
        .then(|| unsafe { (*(obj as *const PyObject as *const Num)).v })
}

fn compute(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject, mark: i64) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (value(py, a), value(py, b)) else {
        return Ok(py.not_implemented());
    };
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Subtract => x - y,
        BinOp::Multiply => x * y,
        _ => return Ok(py.not_implemented()),
    };
    Ok(new_num(py, types(py).0, r + mark))
}

fn num_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    compute(py, op, a, b, 0)
}

fn subnum_binop(py: Python<'_>, op: BinOp, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    compute(py, op, a, b, 1000)
}

fn num_unary(py: Python<'_>, op: UnaryOp, a: &PyObject) -> PyResult<PyRef> {
    let v = value(py, a).unwrap_or(0);
    let r = match op {
        UnaryOp::Negative => -v,
        UnaryOp::Positive => v,
        UnaryOp::Invert => !v,
        UnaryOp::Absolute => v.abs(),
    };
    Ok(new_num(py, types(py).0, r))
}

fn call(py: Python<'_>, name: &str, args: &[PyRef]) -> PyResult<PyRef> {
    common::call(py, &OPERATOR, name, args)
}

#[test]
fn binary_dispatch_follows_binary_op1() {
    with_gil(|py| {
        let (num, sub) = types(py);
        let v = |r: PyResult<PyRef>| value(py, &r.unwrap()).unwrap();
        let n2 = new_num(py, num, 2);
        let n3 = new_num(py, num, 3);
        let s3 = new_num(py, sub, 3);
        let s2 = new_num(py, sub, 2);
        assert_eq!(v(call(py, "add", &[n2.clone(), n3.clone()])), 5);
        assert_eq!(v(call(py, "sub", &[n2.clone(), n3.clone()])), -1);
        assert_eq!(v(call(py, "__mul__", &[n2.clone(), n3.clone()])), 6);
        // The right operand's type is a proper subtype with its own slot: it goes first.
        assert_eq!(v(call(py, "add", &[n2.clone(), s3.clone()])), 1005);
        assert_eq!(v(call(py, "add", &[s2.clone(), n3.clone()])), 1005);
        // Same type: the slot runs once, as the left operand's.
        assert_eq!(v(call(py, "add", &[s2.clone(), s3.clone()])), 1005);
        // int on the left: int declines (or has no slot), Num's slot handles the pair.
        let one = PyInt::new(py, 1).into_object();
        assert_eq!(v(call(py, "add", &[one.clone(), n2.clone()])), 3);
        assert_eq!(v(call(py, "sub", &[n2.clone(), one])), 1);
        let s = common::decode(py, "s:x");
        let err = |r: PyResult<PyRef>| common::encode_result(py, r);
        assert_eq!(
            err(call(py, "add", &[n2.clone(), s.clone()])),
            "E:TypeError:unsupported operand type(s) for +: 'Num' and 'str'"
        );
        assert_eq!(
            err(call(py, "pow", &[s.clone(), s3.clone()])),
            "E:TypeError:unsupported operand type(s) for ** or pow(): 'str' and 'SubNum'"
        );
        assert_eq!(
            err(call(py, "truediv", &[n2.clone(), n3.clone()])),
            "E:TypeError:unsupported operand type(s) for /: 'Num' and 'Num'"
        );
        assert_eq!(v(call(py, "neg", std::slice::from_ref(&n2))), -2);
        assert_eq!(v(call(py, "abs", &[new_num(py, num, -7)])), 7);
        assert_eq!(v(call(py, "invert", std::slice::from_ref(&n2))), -3);
        assert_eq!(v(call(py, "pos", std::slice::from_ref(&s3))), 3);
    });
}

#[test]
fn item_assignment_and_identity() {
    with_gil(|py| {
        let list = common::decode(py, "L<i:1,i:2,i:3>");
        let zero = PyInt::new(py, -1).into_object();
        let nine = PyInt::new(py, 9).into_object();
        call(py, "setitem", &[list.clone(), zero.clone(), nine]).unwrap();
        assert_eq!(common::encode(py, &list), "L<i:1,i:2,i:9>");
        call(
            py,
            "delitem",
            &[list.clone(), PyInt::new(py, 0).into_object()],
        )
        .unwrap();
        assert_eq!(common::encode(py, &list), "L<i:2,i:9>");
        assert_eq!(list.downcast_ref::<PyList>(py).unwrap().len(), 2);
        let five = PyInt::new(py, 5).into_object();
        let r = call(py, "index", std::slice::from_ref(&five)).unwrap();
        assert!(r.is(&five), "index(int) returns the int itself");
        let t = py.true_().into_object();
        assert_eq!(common::encode(py, &call(py, "index", &[t]).unwrap()), "i:1");
    });
}

#[test]
fn module_lookup() {
    // `operator` is CPython's operator.py (bundled), which re-exports the native `_operator`.
    assert!(oxpy_stdlib::find("_operator").is_some());
    assert!(oxpy_stdlib::find("operator").is_none());
    assert!(oxpy_stdlib::find_source("operator").is_some());
}

/// python3: `g = operator.itemgetter(1); sys.getsizeof(g)` → 64; `repr(...)`, calls and
/// errors as recorded below.
#[test]
fn itemgetter() {
    use oxpy_vm::object::native::Args;
    use oxpy_vm::object::protocol::{getsizeof, repr};
    with_gil(|py| {
        let spec = |s: &str| common::decode(py, s);
        let g = call(py, "itemgetter", &[spec("i:1")]).unwrap();
        assert_eq!(getsizeof(&g), 64);
        assert!(oxpy_vm::gc::is_tracked(&g));
        assert_eq!(
            repr(py, &g).unwrap().to_string_lossy(),
            "operator.itemgetter(1)"
        );
        let g3 = call(
            py,
            "itemgetter",
            &[spec("i:1"), spec("s:a"), spec("T<i:2>")],
        )
        .unwrap();
        assert_eq!(
            repr(py, &g3).unwrap().to_string_lossy(),
            "operator.itemgetter(1, 'a', (2,))"
        );
        assert_eq!(getsizeof(&g3), 64);
        let call_slot = g.ob_type().slots.call.unwrap();
        let invoke = |obj: &PyRef, args: &[PyRef]| {
            common::encode_result(py, call_slot(py, obj, Args::positional(args)))
        };
        assert_eq!(invoke(&g, &[spec("L<i:5,i:6,i:7>")]), "i:6");
        let g12 = call(py, "itemgetter", &[spec("i:1"), spec("i:2")]).unwrap();
        assert_eq!(invoke(&g12, &[spec("L<i:5,i:6,i:7>")]), "T<i:6,i:7>");
        let last = call(py, "itemgetter", &[spec("i:-1")]).unwrap();
        assert_eq!(invoke(&last, &[spec("s:abc")]), "s:c");
        assert_eq!(
            invoke(&g, &[spec("L<i:1>")]),
            "E:IndexError:list index out of range"
        );
        assert_eq!(
            invoke(&g, &[spec("i:5")]),
            "E:TypeError:'int' object is not subscriptable"
        );
        assert_eq!(
            invoke(&g, &[]),
            "E:TypeError:itemgetter expected 1 argument, got 0"
        );
        assert_eq!(
            invoke(&g, &[spec("i:1"), spec("i:2")]),
            "E:TypeError:itemgetter expected 1 argument, got 2"
        );
        assert_eq!(
            common::encode_result(py, call(py, "itemgetter", &[])),
            "E:TypeError:itemgetter expected 1 argument, got 0"
        );
        assert_eq!(
            common::encode_result(
                py,
                common::call_spec(py, &OPERATOR, "itemgetter", "k:a=i:1")
            ),
            "E:TypeError:itemgetter() takes no keyword arguments"
        );
        // The items are released with the getter.
        let item = spec("L<>");
        let before = item.refcnt();
        let holder = call(py, "itemgetter", std::slice::from_ref(&item)).unwrap();
        assert_eq!(item.refcnt(), before + 1);
        drop(holder);
        assert_eq!(item.refcnt(), before);
    });
}

/// `math.prod` multiplies non-int/float items as objects (through `binary_op`).
#[test]
fn math_prod_falls_back_to_object_multiplication() {
    with_gil(|py| {
        let (num, _) = types(py);
        let items = PyList::from_vec(py, vec![new_num(py, num, 2), new_num(py, num, 3)])
            .unwrap()
            .into_object();
        let r = common::call(py, &oxpy_stdlib::math::MATH, "prod", &[items]).unwrap();
        assert_eq!(value(py, &r), Some(6));
        assert!(r.downcast_ref::<PyInt>(py).is_none(), "a Num, not an int");
        // python3: math.prod([2, 'x']) == 'xx' (sequence repetition)
        let seq = common::decode(py, "L<i:2,s:x>");
        assert_eq!(
            common::encode_result(
                py,
                common::call(py, &oxpy_stdlib::math::MATH, "prod", &[seq])
            ),
            "s:xx"
        );
    });
}
