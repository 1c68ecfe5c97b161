import gc
class A: pass
gc.disable(); gc.collect()
a = A(); a.me = a; del a
print(gc.collect(0))
a = A(); a.me = a; del a
print(gc.collect(1))
a = A(); a.me = a; del a
print(gc.collect(2))
print(gc.collect(generation=2))
