class A:
    def __call__(self): pass
class B: pass
def f(): pass
for obj in (f, print, A, A(), B(), B, 1, "s", lambda: 0, [].append, str.upper, None):
    print(type(obj).__name__, callable(obj))
