from types import SimpleNamespace, MappingProxyType
ns = SimpleNamespace(a=1, b="x")
ns.c = [1]
print(ns, ns == SimpleNamespace(a=1, b="x", c=[1]), vars(ns))
mp = MappingProxyType({"k": 1})
print(mp["k"], len(mp), dict(mp))
try:
    mp["k"] = 2
except TypeError as e:
    print(e)
