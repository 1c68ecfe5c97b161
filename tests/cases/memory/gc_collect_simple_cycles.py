import gc
class A: pass
gc.disable()
gc.collect()
l = []; l.append(l); del l
print("self list", gc.collect())
a = []; b = [a]; a.append(b); del a, b
print("two lists", gc.collect())
d = {}; d["me"] = d; del d
print("self dict", gc.collect())
x = A(); x.me = x; del x
print("self instance", gc.collect())
x = A(); y = A(); x.o = y; y.o = x; del x, y
print("instance pair", gc.collect())
print("nothing", gc.collect())
