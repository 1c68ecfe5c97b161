import gc, weakref
class A:
    def __del__(self):
        print("A.__del__, weakref already cleared:", wr() is None)
gc.disable(); gc.collect()
a = A(); a.me = a
wr = weakref.ref(a)
del a
print(gc.collect(), wr())
