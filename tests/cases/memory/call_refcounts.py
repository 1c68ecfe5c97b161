# Reference counts seen inside Python-to-Python calls: the callee's frame owns its function,
# its code and its arguments (moved from the caller's stack), and borrows globals/builtins.
import sys


def plain(a):
    return sys.getrefcount(a), sys.getrefcount(plain), sys.getrefcount(plain.__code__)


def with_globals():
    return sys.getrefcount(globals())


def two(a, b):
    return sys.getrefcount(a), sys.getrefcount(b)


def defaults(a, b=None):
    return sys.getrefcount(a)


def star(*args):
    return sys.getrefcount(args), sys.getrefcount(args[0])


def kw(a, *, b):
    return sys.getrefcount(a), sys.getrefcount(b)


def gen():
    yield sys.getrefcount(gen.__code__)
    yield sys.getrefcount(globals())


def outer():
    x = object()

    def inner(y):
        return sys.getrefcount(x), sys.getrefcount(y)

    return inner


class C:
    def __init__(self, v):
        self.v = v
        self.rc = sys.getrefcount(v)

    def m(self, y):
        return sys.getrefcount(self), sys.getrefcount(y)


x = object()
y = object()
print(plain(object()), plain(x))
print(with_globals(), sys.getrefcount(globals()))
print(two(x, y), two(object(), object()))
print(defaults(x), defaults(x, y))
print(star(x, y), kw(x, b=y))
print(list(gen()), sys.getrefcount(gen.__code__))
g = gen()
next(g)
print(sys.getrefcount(gen.__code__))
del g
print(sys.getrefcount(gen.__code__))
print(outer()(x))
c = C(x)
print(c.rc, c.m(y), C.m(c, y))
print(sys.getrefcount(x), sys.getrefcount(y), sys.getrefcount(plain))
print(list(map(plain, [x]))[0], sorted([y], key=lambda v: sys.getrefcount(v)) == [y])
