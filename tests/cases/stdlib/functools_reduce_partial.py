from functools import reduce, partial
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 0), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
base2 = partial(int, base=2)
print(base2("1010"), base2.func is int, base2.args, base2.keywords)
def f(a, b, c=0): return (a, b, c)
p = partial(f, 1, c=3)
print(p(2), p(2, c=9), partial(p, 5)())
print(repr(partial(f, 1)).startswith("functools.partial(<function f"))
