class Grid:
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d.get(k, 0)
    def __setitem__(self, k, v): print("set", k, v); self.d[k] = v
    def __delitem__(self, k): print("del", k); del self.d[k]
    def __len__(self): return len(self.d)
    def __contains__(self, k): return k in self.d
    def __iter__(self): return iter(sorted(self.d))
g = Grid()
g[1, 2] = 5
g[0, 0] = 1
print(g[1, 2], g[9, 9], len(g), (0, 0) in g, list(g))
del g[0, 0]
print(len(g), bool(g))
