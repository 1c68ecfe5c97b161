import sys
def g0():
    yield 1
def g1(a, b):
    c = a + b
    yield c
gen = (x * x for x in range(1000))
lst = [x * x for x in range(1000)]
print(sys.getsizeof(g0()), sys.getsizeof(g1(1, 2)), sys.getsizeof(gen), sys.getsizeof(lst))
print(sys.getsizeof(range(1000)), sys.getsizeof(list(range(1000))), sys.getsizeof(tuple(range(1000))))
