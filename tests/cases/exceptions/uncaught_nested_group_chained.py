# An uncaught group whose member has its own context: the chain is printed inside the box.
def inner():
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
errs = []
try:
    inner()
except ValueError as e:
    errs.append(e)
errs.append(TypeError("t"))
try:
    raise ExceptionGroup("outer", [ExceptionGroup("mid", errs), OSError(2, "No such file", "f")])
except* OSError as g:
    print("caught", repr(g.exceptions[0]), type(g.exceptions[0]).__name__)
