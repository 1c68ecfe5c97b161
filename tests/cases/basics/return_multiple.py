def f():
    return 1, "two", [3]
a, b, c = f()
print(a, b, c, type(f()).__name__)
def g():
    return
print(g())
def h():
    pass
print(h())
