# Module-level names (LOAD_NAME/STORE_NAME on the globals dict) through their caches: a
# global that starts or stops shadowing a builtin, stores that replace values in place,
# deletions, class bodies and exec() with separate namespaces.
import sys

total = 0
for i in range(5):
    total = total + i
    print(len("abc"), total)
len = lambda s: "shadowed"
print(len("abc"))
del len
print(len("abc"))
globals()["len"] = lambda s: "via globals()"
print(len("abc"))
globals().pop("len")
print(len("abc"))

v = object()
print(sys.getrefcount(v))
holder = v
print(sys.getrefcount(v))
for _ in range(3):
    holder = v
print(sys.getrefcount(v))
holder = None
print(sys.getrefcount(v))
del holder
try:
    holder
except NameError as e:
    print(e)
holder = 1
print(holder)


class K:
    x = 1
    for _ in range(3):
        x = x + 1
    y = len("ab")
    len = 5
    z = len
    del len
    w = len("abcd")


print(K.x, K.y, K.z, K.w)

src = "a = 1\nfor _ in range(3):\n    a = a + 1\nb = print\nr = (a, b is print)\n"
g, l = {}, {}
exec(src, g, l)
print(sorted(l), l["r"], sorted(k for k in g if k != "__builtins__"))
g2 = {}
for _ in range(2):
    exec(src, g2)
print(g2["r"])


class D(dict):
    def __getitem__(self, k):
        if k == "magic":
            return 42
        return dict.__getitem__(self, k)


exec("m = 1\nfor _ in range(2):\n    m = m + 1\nr = m\n", {}, D())
print("done")
try:
    del never_defined
except NameError as e:
    print(e)
for i in range(3):
    try:
        raise KeyError(i)
    except KeyError as err:  # stored, then deleted by the except block
        last = err.args
print(last, "err" in globals())
exec("q = 1\ndel q\ntry:\n    del q\nexcept NameError as e:\n    print(e)\n", {}, D())
