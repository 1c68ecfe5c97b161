import sys, gc, weakref
class E(Exception):
    pass
class D:
    def __del__(self):
        raise E("from __del__")
# The default hook prints one exception, without its chain.
class CB:
    def __call__(self, wr):
        try:
            {}["missing"]
        except KeyError:
            raise ValueError("in callback")
    def __repr__(self):
        return "<CB>"
class T: pass
t = T()
r0 = weakref.ref(t, CB())
del t
print(sys.unraisablehook is sys.__unraisablehook__)
seen = []
sys.unraisablehook = lambda u: seen.append((type(u).__name__, u.exc_type.__name__, str(u.exc_value), u.err_msg, type(u.object).__name__, u.exc_traceback is not None))
d = D(); del d
class A: pass
a = A()
r = weakref.ref(a, lambda w: 1 / 0)
del a
gc.callbacks.append(lambda phase, info: [][1])
gc.collect()
gc.callbacks.clear()
for s in seen:
    print(s)
def bad_hook(u):
    raise RuntimeError("hook failed")
sys.unraisablehook = bad_hook
print("still running")
