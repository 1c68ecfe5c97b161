import sys
d = {}
for i in range(5):
    d[str(i)] = i
print(sys.getsizeof(d))
for i in range(4):
    del d[str(i)]
print(len(d), sys.getsizeof(d))
for i in range(10, 15):
    d[str(i)] = i
    print(len(d), sys.getsizeof(d))
