import sys
d = {i: i for i in range(100)}
print(sys.getsizeof(d), sys.getsizeof(d.copy()), sys.getsizeof(dict(d)), sys.getsizeof({**d}))
for k in range(90):
    del d[k]
print(sys.getsizeof(d), sys.getsizeof(d.copy()))
