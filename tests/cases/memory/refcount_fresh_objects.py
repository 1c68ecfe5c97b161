import sys
a = object()
print(sys.getrefcount(a))
print(sys.getrefcount(object()), sys.getrefcount([]), sys.getrefcount({}))
l = [a]
print(sys.getrefcount(a))
d = {"k": a}
print(sys.getrefcount(a))
t = (a, a)
print(sys.getrefcount(a))
