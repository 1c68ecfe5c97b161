class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y) if isinstance(o, V) else NotImplemented
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return V(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return f"V({self.x}, {self.y})"
print(V(1, 2) + V(3, 4), V(1, 2) * 3, 2 * V(1, 1), -V(1, 2), abs(V(3, 4)))
try:
    V(1, 2) + 1
except TypeError as e:
    print(e)
