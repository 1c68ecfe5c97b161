from functools import total_ordering, cmp_to_key
@total_ordering
class V:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __lt__(self, o): return self.n < o.n
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2), V(2) <= V(2))
def cmp(a, b):
    return (len(a) > len(b)) - (len(a) < len(b)) or (a > b) - (a < b)
print(sorted(["ccc", "a", "bb", "aa", "b"], key=cmp_to_key(cmp)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
