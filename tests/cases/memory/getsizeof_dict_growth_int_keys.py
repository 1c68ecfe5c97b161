import sys
d = {}
prev = sys.getsizeof(d)
print(0, prev)
for i in range(1500):
    d[i] = None
    s = sys.getsizeof(d)
    if s != prev:
        print(len(d), s)
        prev = s
