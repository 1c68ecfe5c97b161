import sys
from collections import deque
d = deque()
print(sys.getsizeof(d))
for i in range(200):
    d.append(i)
print(sys.getsizeof(d))
print(sys.getsizeof(deque(range(10), maxlen=5)))
