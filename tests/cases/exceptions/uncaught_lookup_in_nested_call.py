def get(d, *keys):
    for k in keys:
        d = d[k]
    return d
data = {"a": {"b": [10, 20]}}
print(get(data, "a", "b", 1))
print(get(data, "a", "c"))
