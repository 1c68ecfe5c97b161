import sys
x = object()
l = [x, 1, x]
print(sys.getrefcount(x))
del l[0]
print(sys.getrefcount(x))
l[1] = None
print(sys.getrefcount(x))
