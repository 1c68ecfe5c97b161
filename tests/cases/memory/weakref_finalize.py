import weakref
class Resource:
    pass
def cleanup(name):
    print("finalize", name)
r = Resource()
f = weakref.finalize(r, cleanup, "res1")
print(f.alive)
del r
print(f.alive)
r2 = Resource()
f2 = weakref.finalize(r2, cleanup, "res2")
print(f2(), f2.alive, f2())
r3 = Resource()
f3 = weakref.finalize(r3, cleanup, "at-exit")
print("end of script")
