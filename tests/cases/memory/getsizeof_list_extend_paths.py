import sys
a = []
a.extend([1, 2, 3])
b = [1]
b.pop()
b.extend([1, 2, 3])
c = [0] * 10
c.clear()
c.extend(range(5))
d = []
d.extend(iter([1, 2, 3]))
e = [1, 2]
e.insert(0, 0)
print(sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(c), sys.getsizeof(d), sys.getsizeof(e))
f = list(range(20))
del f[:]
print(sys.getsizeof(f))
g = list(range(20))
g[5:] = []
print(sys.getsizeof(g))
