# An uncaught exception is kept in sys.last_value (PyErr_Print), so objects its frames hold die
# at exit after the atexit callbacks, when finalization sets sys.last_* to None.
import atexit
atexit.register(print, "atexit")
class D:
    def __del__(self): print("del")
def f():
    d = D()
    1/0
f()
