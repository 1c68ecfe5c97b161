def g(x):
    return x.upper()
def f(items):
    return [g(i) for i in items]
f(["a", 1])
