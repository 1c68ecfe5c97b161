d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(len(k), list(v), ("d", 4) in it, "a" in k)
print(k & {"a", "z"}, k | {"z"} == {"a", "b", "c", "d", "z"}, k - {"a"} == {"b", "c", "d"})
print(it & {("a", 1)}, reversed(d).__class__.__name__, list(reversed(d)), list(reversed(d.values())))
print(d.keys() == {"a", "b", "c", "d"}, d.values() == d.values())
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(d.keys().mapping)
