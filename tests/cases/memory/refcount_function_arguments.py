import sys
a = object()
def f(x):
    return sys.getrefcount(x)
def g(x, y):
    return sys.getrefcount(x)
def h(*args):
    return sys.getrefcount(args[0])
def k(**kw):
    return sys.getrefcount(kw["v"])
print(f(a), g(a, a), h(a), k(v=a))
print(sys.getrefcount(a))
