# Frames keep their locals and value stack in per-thread storage: deep recursion past the
# storage's size, frames suspended in generators while other calls come and go, exceptions
# unwinding many frames, and threads recursing at the same time all see their own values.
import sys
import _thread
import time


def wide(n, a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10, k=11, l=12, m=13):
    x1 = x2 = x3 = x4 = x5 = x6 = x7 = x8 = n
    if n == 0:
        return a + b + c + d + e + f + g + h + i + j + k + l + m
    r = wide(n - 1, b, c, d, e, f, g, h, i, j, k, l, m, a)
    return r + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 - 8 * n + (n % 3)


sys.setrecursionlimit(6000)
print("wide 4000:", wide(4000))
sys.setrecursionlimit(1000)


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
print("after recursion error:", wide(50))


def gen(n):
    total = 0
    for i in range(n):
        got = yield (i, wide(i % 7))
        total += got or 0
    return total


gens = [gen(5) for _ in range(4)]
firsts = [next(g) for g in gens]
print("firsts:", firsts)
rounds = []
for step in range(1, 5):
    rounds.append([g.send(step * 10 + k) for k, g in enumerate(gens)])
print("rounds:", rounds)
for g in gens:
    try:
        g.send(1)
    except StopIteration as e:
        print("returned:", e.value)


def nested_gen(depth):
    if depth == 0:
        yield "leaf"
        return
    yield from nested_gen(depth - 1)
    yield depth


print("nested:", list(nested_gen(30))[:5], len(list(nested_gen(30))))


def fail_at(n, where):
    if n == where:
        raise ValueError(f"at {n}")
    try:
        return fail_at(n + 1, where)
    finally:
        pass


for where in (0, 10, 300):
    try:
        fail_at(0, where)
    except ValueError as e:
        tb = e.__traceback__
        depth = 0
        while tb:
            depth += 1
            tb = tb.tb_next
        print("caught", e, "traceback entries:", depth)


def holds(x):
    return sys.getrefcount(x)


obj = object()
base = sys.getrefcount(obj)
print("refcount inside call - outside:", holds(obj) - base)
print("refcount after call:", sys.getrefcount(obj) - base)


def local_view(a, b=2, *args, **kw):
    c = a + b
    return sorted(locals().items())


print("locals:", local_view(1, 5, 6, z=7))

results = {}


def worker(name, n):
    # Each thread recurses and suspends generators on its own frame storage.
    g = gen(3)
    first = next(g)
    results[name] = (wide(n), first, g.send(n))


for i in range(4):
    _thread.start_new_thread(worker, (f"t{i}", 200 + i))
while len(results) < 4:
    time.sleep(0.01)
print("threads:", sorted(results.items()))
