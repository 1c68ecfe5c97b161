def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2, a=3))
print(f(*[1, 2], *(3,), **{"x": 1}, y=2))
def g(a, b, *rest, c=0, **kw):
    print(a, b, rest, c, kw)
g(1, 2)
g(1, 2, 3, 4, c=5, d=6)
g(*range(5))
g(b=1, a=2, z=3)
