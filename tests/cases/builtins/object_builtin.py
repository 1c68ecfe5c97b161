o = object()
print(type(o).__name__, o == o, o != object(), type(hash(o)).__name__)
try:
    o.x = 1
except AttributeError as e:
    print(e)
print(object.__name__, object.__doc__)
