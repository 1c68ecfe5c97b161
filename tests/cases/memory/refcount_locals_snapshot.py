import sys
def f():
    a = object()
    r1 = sys.getrefcount(a)
    locals()
    return (r1, sys.getrefcount(a))
print(f())
