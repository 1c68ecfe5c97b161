class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x): return x + self.n
a = Adder(5)
print(a(1), callable(a), callable(Adder), callable(5), list(map(Adder(10), [1, 2])))
five = 5
try:
    five()
except TypeError as e:
    print(e)
