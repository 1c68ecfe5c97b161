d = dict(a=1, b=2)
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
d.update({"d": 4}, e=5)
d.update([("f", 6)])
print(d)
print(d.pop("f"), d.pop("zz", "dflt"))
try:
    d.pop("zz")
except KeyError as e:
    print(repr(e))
print(dict.fromkeys("ab"), dict.fromkeys([1, 2], 0), dict([(1, 2)]), dict(zip("xy", (1, 2))))
c = d.copy(); c["a"] = -1
print(d["a"], c["a"])
d.clear(); print(d)
try:
    {}.popitem()
except KeyError as e:
    print(e)
