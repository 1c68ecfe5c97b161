log = []
def v(x):
    log.append(x)
    return x
d = {v("k1"): v("v1"), v("k2"): v("v2")}
v("a")[0:0] if False else None
lst = [v(1), v(2)]
lst[v(0)] = v(3)
print(log)
a = {}
a[v("key")] = v("val")
print(log[-2:])
