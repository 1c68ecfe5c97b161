import sys
s = set(range(100))
print(sys.getsizeof(s))
for i in range(95):
    s.discard(i)
print(len(s), sys.getsizeof(s))
s.add(1000)
print(sys.getsizeof(s))
s.clear()
print(sys.getsizeof(s))
t = set(range(1000))
t -= set(range(990))
print(len(t), sys.getsizeof(t), sys.getsizeof(t.copy()))
