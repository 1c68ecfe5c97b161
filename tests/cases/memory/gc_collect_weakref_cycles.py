import gc, weakref
class A: pass
gc.disable(); gc.collect()
a = A(); a.me = a; r = weakref.ref(a, lambda w: print("cb ran", w() is None)); del a
print(gc.collect(), r())
calls = []
b = A(); b.me = b; b.wr = weakref.ref(b, lambda w: calls.append(1)); del b
print(gc.collect(), calls)
