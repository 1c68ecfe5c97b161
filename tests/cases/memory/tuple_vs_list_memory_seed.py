import sys
for n in (0, 1, 5, 10, 100):
    t = tuple(range(n))
    l = list(range(n))
    print(n, sys.getsizeof(t), sys.getsizeof(l), sys.getsizeof(l) - sys.getsizeof(t))
