from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, d.pop(), d.popleft(), d)
d.rotate(1); print(d)
d.rotate(-2); print(d)
d.extendleft("ab"); print(d)
b = deque(range(10), maxlen=3)
print(b, b.maxlen)
b.append(99); print(b)
print(deque("abc")[1], len(d), d.count(2), list(reversed(deque([1, 2]))))
try:
    deque().pop()
except IndexError as e:
    print(e)
