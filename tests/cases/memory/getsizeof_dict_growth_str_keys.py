import sys
d = {}
prev = sys.getsizeof(d)
print(0, prev)
for i in range(200):
    d["k%d" % i] = i
    s = sys.getsizeof(d)
    if s != prev:
        print(len(d), s)
        prev = s
