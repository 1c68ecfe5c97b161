import functools
class Ver:
    def __init__(self, *p): self.p = p
    def __eq__(self, o): return self.p == o.p
    def __lt__(self, o): return self.p < o.p
    def __repr__(self): return "v" + ".".join(map(str, self.p))
a, b = Ver(1, 2), Ver(1, 10)
print(a < b, b > a, a == Ver(1, 2), a != b)
print(sorted([b, a, Ver(0, 9)]))
try:
    a <= b
except TypeError as e:
    print(e)
