import atexit, sys
def hook(u):
    print("unraisable:", u.err_msg, u.object.__name__, type(u.exc_value).__name__, u.exc_value, file=sys.stderr)
sys.unraisablehook = hook
def bye(*args, **kwargs):
    print("bye", args, sorted(kwargs.items()))
def bad():
    raise ValueError("atexit failure")
def never():
    print("never called")
print(atexit.register(bye, 1, 2, k="v") is bye)
atexit.register(bad)
atexit.register(never)
atexit.register(print, "last registered runs first")
n = atexit._ncallbacks()
atexit.unregister(never)
print(atexit._ncallbacks() == n)
try:
    atexit.register(1)
except TypeError as e:
    print("TypeError:", e)
print("end of script")
