class C:
    x = 1
delattr(C, "x")
print(hasattr(C, "x"))
try:
    delattr(int, "real")
except TypeError as e:
    print(e)
try:
    int.foo = 1
except TypeError as e:
    print(e)
