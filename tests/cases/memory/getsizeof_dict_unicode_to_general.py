import sys
d = {"a": 1}
print(sys.getsizeof(d))
d[1] = 1
print(sys.getsizeof(d))
e = {"a": 1, "b": 2, "c": 3}
print(sys.getsizeof(e))
e[(1,)] = 0
print(sys.getsizeof(e))
