class NoHash:
    def __eq__(self, o): return True
print(NoHash.__hash__)
try:
    {NoHash()}
except TypeError as e:
    print(e)
class WithHash:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, WithHash) and self.k == o.k
    def __hash__(self): return hash(self.k)
s = {WithHash(1), WithHash(1), WithHash(2)}
print(len(s), WithHash(2) in s)
class Child(WithHash):
    def __eq__(self, o): return False
print(Child.__hash__)
class Keep(WithHash):
    def __eq__(self, o): return False
    __hash__ = WithHash.__hash__
print(hash(Keep(5)))
