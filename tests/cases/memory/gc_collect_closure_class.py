import gc
gc.disable(); gc.collect()
def mk():
    x = []
    x.append(lambda: x)
mk()
print("closure", gc.collect())
class C: pass
del C
print("class", gc.collect())
class C2:
    def m(self): pass
del C2
print("class with method", gc.collect())
