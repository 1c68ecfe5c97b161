import sys
def make():
    obj = object()
    def inner():
        return obj
    return inner, obj
inner, obj = make()
print(sys.getrefcount(obj))
del inner
print(sys.getrefcount(obj))
