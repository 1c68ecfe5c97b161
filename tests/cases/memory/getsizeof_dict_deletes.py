import sys
d = {i: i for i in range(10)}
print(sys.getsizeof(d))
for i in range(9):
    del d[i]
print(len(d), sys.getsizeof(d))
d[100] = 1
print(len(d), sys.getsizeof(d))
d.clear()
print(sys.getsizeof(d))
d2 = dict.fromkeys(range(5))
print(sys.getsizeof(d2), sys.getsizeof(dict(a=1, b=2)), sys.getsizeof({"a": 1}), sys.getsizeof({1: 1}))
