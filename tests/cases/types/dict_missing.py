class D(dict):
    def __missing__(self, key):
        return f"<{key}>"
d = D(a=1)
print(d["a"], d["b"], d.get("b"), "b" in d, d)
