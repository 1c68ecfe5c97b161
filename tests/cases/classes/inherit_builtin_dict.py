class CI(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
d = CI()
d["Key"] = 1
print(d["KEY"], d, dict.__repr__(d))
d2 = CI(A=1)
print(d2)
d2.update(B=2)
print(d2)
