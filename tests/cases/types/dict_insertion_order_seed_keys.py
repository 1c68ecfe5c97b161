d = {}
for word in "the quick brown fox jumps over the lazy dog".split():
    d[word] = d.get(word, 0) + 1
print(d)
del d["quick"]
d["quick"] = 0
print(list(d))
print(sorted(d, key=d.get, reverse=True)[:3])
print(dict(sorted(d.items())))
