def f(**kw):
    return list(kw.items())
a = {"x": 1, "y": 2}
b = {"z": 3}
print(f(**a, **b), f(w=0, **a), f(**b, a=1))
try:
    f(**a, **{"x": 9})
except TypeError as e:
    print(e)
try:
    f(**{1: 2})
except TypeError as e:
    print(e)
try:
    f(**[1])
except TypeError as e:
    print(e)
