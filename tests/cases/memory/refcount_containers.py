import sys
x = object()
lst = [x, x, x]
print(sys.getrefcount(x))
lst.pop()
print(sys.getrefcount(x))
lst.clear()
print(sys.getrefcount(x))
s = {x}
dd = {x: x}
print(sys.getrefcount(x))
del s, dd
print(sys.getrefcount(x))
lst2 = [x] * 5
print(sys.getrefcount(x))
