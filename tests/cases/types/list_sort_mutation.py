lst = [3, 2, 1]
def key(x):
    lst.append(0)
    return x
try:
    lst.sort(key=key)
except ValueError as e:
    print(e)
print(lst)
class R:
    def __init__(self, v): self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self): return f"R{self.v}"
print(sorted([R(3), R(1), R(2)]))
