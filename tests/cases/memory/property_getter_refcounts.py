# Inside a property getter, `self` and the getter function have CPython's counts: the frame
# holds one reference to each (no temporary argument array), on the generic and cached paths.
import sys


def getter(self):
    return sys.getrefcount(self), sys.getrefcount(getter)


class A:
    p = property(getter)

    @property
    def q(self):
        return sys.getrefcount(self)


a = A()
print(a.p, a.p)
print([a.p for _ in range(4)])
print([a.q for _ in range(4)])


class B(A):
    pass


b = B()
print([b.p for _ in range(3)], [b.q for _ in range(3)])
print(getattr(a, "p"), getattr(b, "q"))


class NoGet:
    p = property(None)


try:
    NoGet().p
except AttributeError as e:
    print("AttributeError", e)
# A builtin as the getter.
class C:
    n = property(len)
    def __len__(self):
        return 7


print([C().n for _ in range(3)])
