import gc
a = [1, "x"]
b = {"k": a}
print(gc.get_referents(a), len(gc.get_referents(b)))
print(any(r is b for r in gc.get_referrers(a)))
t = (a, a)
print(len(gc.get_referents(t)))
