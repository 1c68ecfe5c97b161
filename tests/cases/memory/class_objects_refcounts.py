# What a class statement allocates and holds (type_new in CPython 3.11): the __mro__ tuple,
# the __dict__/__weakref__ getset descriptors, the bases' tp_subclasses weakrefs.
import gc, sys
gc.disable(); gc.collect()
class C: pass
print("refcount", sys.getrefcount(C))
print("referents", sorted(type(x).__name__ for x in gc.get_referents(C)))
print("referrers", sorted(type(x).__name__ for x in gc.get_referrers(C)))
print("dict", list(C.__dict__))
print("mro shared", C.__mro__ is C.__mro__, C.__mro__)
d = C.__dict__["__dict__"]
w = C.__dict__["__weakref__"]
print(type(d).__name__, d, w, gc.is_tracked(d), gc.get_referents(d) == [C])
del d, w
class D(C): pass
print("D dict", list(D.__dict__), sys.getrefcount(D))
print("subclasses", C.__subclasses__(), int in object.__subclasses__(), bool in int.__subclasses__())
n = len(gc.get_objects())
class E(C): pass
print("objects for a subclass", len(gc.get_objects()) - n)
n = len(gc.get_objects())
class F:
    def m(self): pass
print("objects for a class with a method", len(gc.get_objects()) - n)
del D
print("collect D", gc.collect(), C.__subclasses__())
del E, F
collected = gc.collect()
a = gc.get_count()[0]
class G: pass
b = gc.get_count()[0]
print("collect E, F", collected, C.__subclasses__())
print("count for a class", b - a)
a = gc.get_count()[0]
class H(G): pass
b = gc.get_count()[0]
print("count for a subclass", b - a)
a = gc.get_count()[0]
T = type("T", (), {"x": 1})
b = gc.get_count()[0]
print("count for type()", b - a, list(T.__dict__))
del G, H, T
print("collect G, H, T", gc.collect())
class I:
    __slots__ = ()
print("slots", list(I.__dict__), sys.getrefcount(I))
class J(Exception): pass
print("exception subclass", list(J.__dict__), sys.getrefcount(J))
x = C()
x.a = 1
del x.__dict__
print(x.__dict__)
try:
    C.__dict__["__weakref__"].__set__(x, 1)
except AttributeError as e:
    print(e)
try:
    C.__dict__["__dict__"].__get__(1)
except TypeError as e:
    print(e)
