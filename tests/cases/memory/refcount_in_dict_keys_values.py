import sys
k = object()
v = object()
d = {k: v}
print(sys.getrefcount(k), sys.getrefcount(v))
d[k] = k
print(sys.getrefcount(k), sys.getrefcount(v))
d.pop(k)
print(sys.getrefcount(k), sys.getrefcount(v))
