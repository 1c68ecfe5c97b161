import sys
obj = object()
def g(x):
    yield 1
    yield 2
print(sys.getrefcount(obj))
it = g(obj)
print(sys.getrefcount(obj))
next(it)
print(sys.getrefcount(obj))
list(it)
print(sys.getrefcount(obj))
