import sys
f = len
print(sys.getsizeof([]), sys.getsizeof([1]), sys.getsizeof([1, 2]), sys.getsizeof([1, 2, 3]), sys.getsizeof([1, 2, 3, 4, 5]))
print(sys.getsizeof([f, f, f]), sys.getsizeof([f] * 3), sys.getsizeof([0] * 10), sys.getsizeof([None] * 1000))
print(sys.getsizeof([1, 2, 3].copy()), sys.getsizeof(list(range(10))[:5]), sys.getsizeof([1] + [2]))
