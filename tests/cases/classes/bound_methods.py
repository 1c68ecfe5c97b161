class C:
    def m(self, x): return (self.tag, x)
c = C(); c.tag = "c"
bm = c.m
print(bm(1), C.m(c, 2), bm.__self__ is c, bm.__func__ is C.m, bm.__name__)
print(c.m == c.m, c.m is c.m, type(bm).__name__)
f = C.m
print(type(f).__name__)
try:
    C.m(1)
except TypeError as e:
    print(e)
