# Members of builtin exception classes (OSError, NameError, AttributeError, ImportError,
# SystemExit, StopIteration, KeyError) and the ExceptionGroup API.
e = OSError(2, "No such file or directory", "x")
print(type(e).__name__, e.errno, e.strerror, e.filename, e.args, str(e))
print(str(OSError(1, "a")), str(OSError("plain")), OSError("a", "b", "c", "d", "e", "f").errno)
try:
n = NameError("m", name="q"); print(n.name, repr(n))
a = AttributeError("m", name="q", obj=3); print(a.name, a.obj)
print(ImportError("x", name="m", path="p").path, str(ImportError("x", name="m")))
print(SystemExit(1, 2).code, SystemExit().code, StopIteration().value)
try:
    {}["k"]
except KeyError as k:
try:
    [].foo
except AttributeError as ae:
    print(ae.name, ae.obj)
def f():
    try:
        undefined_thing
    except NameError as ne:
        print(ne.name)
f()
eg = ExceptionGroup("m", [ValueError(1), TypeError(2)])
print(eg.subgroup(ValueError), eg.split(lambda e: isinstance(e, TypeError)))
print(repr(eg), eg.exceptions, eg.message)
try:
    BaseExceptionGroup("x", [KeyboardInterrupt()]).__class__
    print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as t:
    print(t)
