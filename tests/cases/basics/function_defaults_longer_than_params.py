# __defaults__ assigned later may be longer than the parameters: CPython takes the last ones.
def f(a, b=2):
    return a, b
f.__defaults__ = (10, 20, 30)
print(f(1), f())
def g(a, b, c=3):
    return a, b, c
try:
    g(1)
except TypeError as e:
    print(e)
def h(a, *, k, j=5):
    return a, k, j
print(h(1, k=2))
try:
    h(1)
except TypeError as e:
    print(e)
try:
    f(1, 2, 3)
except TypeError as e:
    print(e)
