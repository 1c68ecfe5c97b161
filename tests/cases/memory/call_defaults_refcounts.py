# Positional calls that leave parameters to their defaults: the values bound, the counts of
# the defaults and arguments inside the call, errors for parameters no default covers, and
# `__defaults__` replaced (longer or shorter than the parameters) after definition.
import sys

marker = object()


def f(a, b=marker, c=None):
    return a, b is marker, c, sys.getrefcount(marker), sys.getrefcount(a)


x = object()
print(f(1)[:3], f(1, 2)[:3], f(1, 2, 3)[:3])
print([f(x)[3:] for _ in range(3)])
print([f(x, x)[3:] for _ in range(3)])


class K:
    def m(self, a, b=10, c=20):
        return a + b + c, sys.getrefcount(self)

    def __init__(self, v, parent=None):
        self.v = v
        self.parent = parent
        self.rc = sys.getrefcount(self)


k = K(1)
print([k.m(1) for _ in range(3)], [k.m(1, 2) for _ in range(2)], k.m(1, 2, 3))
print([(K(i).v, K(i, k).parent is k, K(i).rc) for i in range(3)])
print(K.m(k, 5))


def g(a, b, c=3):
    return a, b, c


for args in [(1,), (), (1, 2, 3, 4)]:
    try:
        g(*args)
    except TypeError as e:
        print("TypeError", e)
    try:
        if len(args) == 1:
            g(1)
        elif not args:
            g()
        else:
            g(1, 2, 3, 4)
    except TypeError as e:
        print("TypeError", e)

g.__defaults__ = (7, 8, 9, 10)
print([g(1) for _ in range(2)], g(), g(1, 2))
g.__defaults__ = (5,)
print([g(1, 2) for _ in range(2)])
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
g.__defaults__ = None
try:
    g(1, 2)
    g(1)
except TypeError as e:
    print("TypeError", e)


def h(a=1, b=2):
    return a, b


print([h() for _ in range(2)], [h(5) for _ in range(2)], h(5, 6))
print(sys.getrefcount(marker))
