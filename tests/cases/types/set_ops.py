a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, {1} < a, a >= {1, 2}, a.isdisjoint({9}))
print(a.union([9], (10,)), a.intersection(b, {4}), a.difference(b), a.symmetric_difference(b))
c = set(a)
c.add(10); c.discard(99); c.remove(1)
print(c, c.issubset(range(20)), c.issuperset([2]))
try:
    c.remove(99)
except KeyError as e:
    print(repr(e))
c.update("ab", [0]); print(sorted(c, key=str))
c.intersection_update({2, 3, "a"}); print(sorted(c, key=str))
try:
    set().pop()
except KeyError as e:
    print(e)
