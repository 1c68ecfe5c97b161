import gc
x = 1
t = (x, "a")
b = gc.is_tracked(t)
gc.collect()
print(b, gc.is_tracked(t))
t2 = ([],)
gc.collect()
print(gc.is_tracked(t2))
d = {}
r = [gc.is_tracked(d)]; d["a"] = 1; r.append(gc.is_tracked(d)); d["b"] = []; r.append(gc.is_tracked(d)); del d["b"]; r.append(gc.is_tracked(d))
gc.collect(1); r.append(gc.is_tracked(d)); gc.collect(); r.append(gc.is_tracked(d))
print(r)
print(gc.is_tracked({1: ()}), gc.is_tracked({1: {}}), gc.is_tracked([]), gc.is_tracked(()), gc.is_tracked(int))
class A: pass
a = A(); a.v = 1; b = A(); b.v = []
print(gc.is_tracked(a), gc.is_tracked(a.__dict__), gc.is_tracked(b.__dict__))
