# Class constants, static and class methods read through instances (cached type attributes),
# with the class attribute reassigned, shadowed by the instance and replaced mid-loop.
class K:
    SIZE = 3
    NAME = "k"
    helper = len
    kind = int
    @staticmethod
    def s(x): return x * 2
    @classmethod
    def c(cls, x): return (cls.__name__, x)
    def m(self): return self.SIZE
class J(K):
    SIZE = 4
k, j = K(), J()
out = []
for i in range(6):
    for o in (k, j, k):
        out.append((o.SIZE, o.NAME, o.helper("abc"), o.kind("5"), o.s(i), o.c(i), o.m()))
    if i == 2:
        K.SIZE = 30
        k.NAME = "inst"
    if i == 3:
        del k.NAME
        K.s = staticmethod(lambda x: -x)
print(out)
f = k.c; g = k.s
print(f(1), g(2), k.c == k.c, k.c is k.c)
