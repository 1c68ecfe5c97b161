a = [1]
b = a
print(id(a) == id(b), a is b, id(a) == id([1]) if False else "skip")
x = 257
y = x
print(x is y, type(id(x)).__name__, id(x) > 0)
