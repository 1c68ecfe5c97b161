# locals() in a function returns the frame's one dict (f_locals), refreshed on every call:
# it keeps references to the values while the frame lives, drops names that became unbound,
# and sees cells and free variables by value.
import sys


def snapshot():
    a = object()
    before = sys.getrefcount(a)
    d1 = locals()
    after = sys.getrefcount(a)
    b = 2
    del a
    d2 = locals()
    return d1 is d2, before, after, sorted(k for k in d2 if k != "d1"), "a" in d2


print(snapshot())


def outer():
    x = 1

    def inner():
        return x, sorted(locals())

    x = 5
    r = inner()
    return r, sorted(locals())


print(outer())


def gen():
    v = [1]
    yield sorted(locals())
    w = v
    yield sorted(locals())
    del v
    yield sorted(locals())


print(list(gen()))


class Holder:
    def __del__(self):
        print("Holder freed")


def keep():
    h = Holder()
    locals()
    del h
    print("h deleted, locals() dict still holds it")
    return "returning"


print(keep())
print("after keep")
