from collections import defaultdict
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd["missing"], len(dd))
counts = defaultdict(int)
for c in "mississippi":
    counts[c] += 1
print(sorted(counts.items()))
nd = defaultdict(lambda: "dflt")
print(nd["x"], nd.get("y"), "y" in nd)
print(repr(defaultdict(None)))
