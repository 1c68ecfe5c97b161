import sys
class C:
    def m(self): pass
c = C()
print(sys.getrefcount(c))
m = c.m
print(sys.getrefcount(c))
del m
print(sys.getrefcount(c))
l = [1, 2]
it = iter(l)
print(sys.getrefcount(l))
list(it)
print(sys.getrefcount(l))
