d = {}
for k in "abcdef":
    d[k] = ord(k)
del d["b"], d["d"]
d["b"] = 0
print(d, list(d), list(d.values()))
d["a"] = 100
print(list(d.items()))
d.pop("a"); d["a"] = 1
print(list(d))
print(d.popitem(), d)
