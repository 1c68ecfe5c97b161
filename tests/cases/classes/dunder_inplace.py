class Acc:
    def __init__(self):
        self.v = []
    def __iadd__(self, x):
        self.v.append(x)
        return self
    def __repr__(self):
        return f"Acc{self.v}"
a = Acc()
b = a
a += 1
a += 2
print(a, a is b)
class NoI:
    def __init__(self, v): self.v = v
    def __add__(self, o): return NoI(self.v + o)
n = NoI(1); m = n
n += 5
print(n.v, m.v, n is m)
