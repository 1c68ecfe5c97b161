import weakref
for v in (1, "s", [], {}, (), None):
    try:
        weakref.ref(v)
        print(type(v).__name__, "ok")
    except TypeError as e:
        print(e)
class C:
    x = 5
c = C()
p = weakref.proxy(c)
print(p.x)
del c
try:
    p.x
except ReferenceError as e:
    print(e)
