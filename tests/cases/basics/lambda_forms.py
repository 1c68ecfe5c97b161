add = lambda a, b=1: a + b
print(add(1), add(1, 2))
print((lambda *a, **k: (a, k))(1, z=2))
print((lambda: None)())
print(sorted([3, 1, 2], key=lambda x: -x))
print(add.__name__, (lambda: 0).__qualname__)
f = lambda x: (lambda y: x + y)
print(f(1)(2))
