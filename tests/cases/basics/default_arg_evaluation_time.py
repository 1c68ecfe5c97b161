import itertools
counter = itertools.count()
def f(x=next(counter)):
    return x
print(f(), f(), next(counter))
def g(lst=[]):
    lst.append(len(lst))
    return lst
print(g(), g(), g([9]), g())
n = 5
def h(a=n):
    return a
n = 6
print(h())
