import sys
def hook(u):
    # The default hook prints the function's address; report only stable parts.
    print("unraisable:", type(u.exc_value).__name__, u.exc_value, u.object.__qualname__, file=sys.stderr)
sys.unraisablehook = hook
class D:
    def __del__(self):
        raise ValueError("in del")
d = D()
del d
print("still running")
