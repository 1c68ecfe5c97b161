import sys
b = set()
count = 0
prev = sys.getsizeof(b)
for i in range(60):
    for j in range(500):
        b.add((i, j))
        count += 1
        if prev != sys.getsizeof(b):
            print("resize at", count, sys.getsizeof(b))
            prev = sys.getsizeof(b)
