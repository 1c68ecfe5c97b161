class R:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i
    def __reversed__(self):
        return iter(["custom"])
print(list(reversed(R())), list(R()))
class S:
    def __len__(self): return 2
    def __getitem__(self, i): return "ab"[i]
print(list(reversed(S())))
