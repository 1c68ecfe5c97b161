import sys
def f():
    obj = object()
    try:
        raise ValueError(obj)
    except ValueError as e:
        inside = sys.getrefcount(obj)
    return inside, sys.getrefcount(obj)
print(f())
