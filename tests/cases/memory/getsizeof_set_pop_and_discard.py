import sys
s = set(range(50))
sizes = set()
while s:
    s.pop()
    sizes.add(sys.getsizeof(s))
print(sorted(sizes))
s.add(1)
print(sys.getsizeof(s))
