import weakref
class C: pass
c = C()
r1 = weakref.ref(c)
r2 = weakref.ref(c)
r3 = weakref.ref(c, lambda r: None)
print(r1 is r2, r1 is r3, weakref.getweakrefcount(c), r1 == r3)
del c
print(r1() is None, r1 == r2, r1 == r3)
