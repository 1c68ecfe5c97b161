import sys
s = set()
prev = sys.getsizeof(s)
print(0, prev)
for i in range(20000):
    s.add(i)
    sz = sys.getsizeof(s)
    if sz != prev:
        print(len(s), sz)
        prev = sz
