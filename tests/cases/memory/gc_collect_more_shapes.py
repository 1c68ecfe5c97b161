import gc
class S:
    __slots__ = ("o",)
class M:
    def m(self): pass
class A: pass
gc.disable(); gc.collect()
a = S(); b = S(); a.o = b; b.o = a; del a, b
print("slots", gc.collect())
l = []; t = (l,); l.append(t); del l, t
print("list-tuple", gc.collect())
m = M(); m.f = m.m; del m
print("bound method", gc.collect())
a = A(); a.d = {"x": a}; del a
print("dict attr", gc.collect())
a = A(); a.s = {a}; del a
print("set attr", gc.collect())
f = lambda: 0; f.me = f; del f
print("function", gc.collect())
