import weakref
class Obj:
    def __init__(self, name): self.name = name
    def __repr__(self): return f"Obj({self.name})"
def cb(ref):
    print("callback, dead ref returns", ref())
o = Obj("x")
r = weakref.ref(o, cb)
print(r() is o, weakref.getweakrefcount(o))
del o
print("after del", r())
