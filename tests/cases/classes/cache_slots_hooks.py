# Inline caches for __slots__ members, shadowing of methods by instance attributes added
# later, and the per-class memo of __init__/__new__/__getattr__/__setattr__ must all see
# class changes made after the instructions were specialised.
import sys


class P:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


def read_a(p):
    return p.a


def write_b(p, v):
    p.b = v


def read_b(p):
    try:
        return p.b
    except AttributeError as e:
        return "AttributeError: " + str(e)


ps = [P(i) for i in range(5)]
for p in ps:
    write_b(p, p.a * 10)
print([read_a(p) for p in ps], [read_b(p) for p in ps])
q = P(7)
print(read_b(q))  # an unset slot after the cached hits
del ps[0].b
print(read_b(ps[0]))
v = object()
print(sys.getrefcount(v))
for p in ps:
    write_b(p, v)
print(sys.getrefcount(v))
for p in ps:
    write_b(p, None)
print(sys.getrefcount(v))


class Q(P):
    __slots__ = ("c",)


qs = [Q(i) for i in range(3)]
print([read_a(x) for x in qs + ps])

# Replace the member by a property: loads and stores must follow.
P.a = property(lambda self: "prop", lambda self, v: print("set", v))
print([read_a(x) for x in ps[:2]])
P.b = property(lambda self: "pb", lambda self, v: print("setb", v))
write_b(ps[1], 5)
print(read_b(ps[1]))

# __class__ assignment between slot classes of the same layout.


class S1:
    __slots__ = ("x",)


class S2:
    __slots__ = ("x",)

    @property
    def y(self):
        return "S2.y"


def get_x(o):
    return o.x


s = S1()
s.x = 1
for _ in range(3):
    print(get_x(s))
s.__class__ = S2
print(get_x(s), s.y)


# A method later shadowed by an instance attribute (inline values).
class M:
    def __init__(self):
        self.k = 1

    def m(self):
        return "method"


def call_m(o):
    return o.m()


ms = [M() for _ in range(4)]
print([call_m(o) for o in ms])
ms[2].m = lambda: "instance attr"
print([call_m(o) for o in ms])
ms[3].other = 5  # a new shared key after the specialisation
print([call_m(o) for o in ms])
ms[0].__dict__  # materialised dict
ms[0].m = lambda: "via dict"
print([call_m(o) for o in ms])
del ms[2].m
print([call_m(o) for o in ms])


# __init__, __new__, __getattr__, __setattr__ added or changed after instances exist.
class H:
    def __init__(self, v):
        self.v = v


class HS(H):
    pass


def make(cls, v):
    return cls(v)


print([make(HS, i).v for i in range(3)])
H.__init__ = lambda self, v: setattr(self, "v", v * 100)
print([make(HS, i).v for i in range(3)])
HS.__init__ = lambda self, v: setattr(self, "v", -v)
print([make(HS, i).v for i in range(3)])
del HS.__init__
print([make(HS, i).v for i in range(3)])


def new(cls, v):
    o = object.__new__(cls)
    o.w = "new"
    return o


H.__new__ = new
print([(o.v, o.w) for o in (make(HS, 1), make(H, 2))])


def get_missing(o):
    try:
        return o.missing
    except AttributeError as e:
        return "AE " + str(e)


h = make(HS, 1)
print(get_missing(h), get_missing(h))
H.__getattr__ = lambda self, name: "getattr " + name
print(get_missing(h))
del H.__getattr__
print(get_missing(h))


def set_z(o, v):
    o.z = v


for i in range(3):
    set_z(h, i)
print(h.z)
H.__setattr__ = lambda self, name, v: object.__setattr__(self, name, ("hooked", v))
set_z(h, 9)
print(h.z)
del H.__setattr__
set_z(h, 10)
print(h.z)


class A:
    pass


print(type(make(lambda v: A(), 0)).__name__)
A.__abstractmethods__ = frozenset({"f"})
try:
    A()
except TypeError as e:
    print(e)
A.__abstractmethods__ = frozenset()
print(type(A()).__name__)


# Reference counts seen inside __init__ (self is lent by type.__call__, arguments are held by
# the call's argument tuple), for each argument count.
class R:
    def __init__(self, *args):
        print(sys.getrefcount(self), [sys.getrefcount(a) for a in args])


class R2:
    def __init__(self, a, b):
        print(sys.getrefcount(self), sys.getrefcount(a), sys.getrefcount(b))


o = object()
R()
R(o)
R(o, o, o, o, o, o)
R2(o, o)
R2(o, b=o)
print(sys.getrefcount(o))
