class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
print(bool(B(True)), not B(False), "yes" if B(True) else "no")
try:
    bool(B(1))
except TypeError as e:
    print(e)
class L:
    def __len__(self): return 3
print(bool(L()))
