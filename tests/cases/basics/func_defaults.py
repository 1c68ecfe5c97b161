def f(a, b=2, c=[]):
    c.append(a)
    return a, b, c
print(f(1))
print(f(2, 3))
print(f(3, c=[9]))
print(f(4))
print(f.__defaults__)
def g(x, y=None):
    if y is None:
        y = []
    y.append(x)
    return y
print(g(1), g(2))
