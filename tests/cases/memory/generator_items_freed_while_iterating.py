# Items produced by generators (plain, `yield from` delegation, generator expressions) are
# freed as soon as the consumer drops them: min/max/sum and for-loops iterate lazily, and
# nothing along the chain keeps a reference once the loop is over.
import sys
import weakref

live = 0
peak = 0


class Item:
    def __init__(self, v):
        global live, peak
        self.v = v
        live += 1
        peak = max(peak, live)

    def __del__(self):
        global live
        live -= 1


def items(n):
    for i in range(n):
        yield Item(i)


def flatten(it):
    for g in it:
        yield from g


def reset():
    global live, peak
    live = 0
    peak = 0


def key(item):
    return item.v % 7


for name, consume in [
    ("max", lambda: max(items(1000), key=key).v),
    ("min", lambda: min(items(1000), key=key).v),
    ("max genexp", lambda: max((x for x in items(1000)), key=key).v),
    ("sum", lambda: sum(x.v for x in items(1000))),
    ("flatten", lambda: sum(x.v for x in flatten((Item(i), Item(i + 1)) for i in range(500)))),
]:
    reset()
    r = consume()
    print(name, r, "peak live:", peak, "live after:", live)

# A weak reference to an instance yielded through `yield from` dies after the loop.
refs = []
for x in flatten((Item(i), Item(-i)) for i in range(3)):
    refs.append(weakref.ref(x))
del x
print("alive after loop:", sum(r() is not None for r in refs))

# The delegating generator's frame does not keep sent-through objects alive.
obj = Item(99)
base = sys.getrefcount(obj)
def through(g):
    yield from g
for _ in through(iter([obj] * 10)):
    pass
print("refcount delta:", sys.getrefcount(obj) - base)
del _
print("refcount delta after del:", sys.getrefcount(obj) - base)

# max/min with several positional arguments and the empty-iterable errors.
print(max(3, 1, 2), min(3, 1, 2), max([], default="d"), max(iter(()), default=None))
for bad in [lambda: max(5), lambda: min([]), lambda: max(1, 2, default=0), lambda: max()]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
