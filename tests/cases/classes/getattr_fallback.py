class P:
    real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return name.upper()
        raise AttributeError(f"no {name}")
p = P()
print(p.real, p.xyz, getattr(p, "xa"), hasattr(p, "bad"), getattr(p, "bad", "dflt"))
try:
    p.bad
except AttributeError as e:
    print(e)
