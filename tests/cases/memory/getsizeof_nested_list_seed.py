import sys
R = 1000
a = [[True for _ in range(R)] for _ in range(500)]
print(sys.getsizeof(a), sys.getsizeof(a[0]))
c = [[[1, 2, 3] for _ in range(100)] for _ in range(500)]
print(sys.getsizeof(c), sys.getsizeof(c[0]), sys.getsizeof(c[0][0]))
