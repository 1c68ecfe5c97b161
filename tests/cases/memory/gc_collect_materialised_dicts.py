import gc
class A: pass
gc.disable()
gc.collect()
a = A(); b = A(); a.o = b; b.o = a; vars(a); del a, b
print(gc.collect())
a = A(); b = A(); a.o = b; b.o = a; a.__dict__; b.__dict__; del a, b
print(gc.collect())
a = A(); b = A(); c = A(); a.o = b; b.o = c; c.o = a; del a, b, c
print(gc.collect())
