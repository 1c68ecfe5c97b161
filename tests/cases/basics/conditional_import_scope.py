def f():
    import math
    return math.floor(2.7)
print(f())
try:
    math
except NameError as e:
    print(e)
