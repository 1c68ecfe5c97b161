import gc
gc.disable()
gc.collect()
print(gc.get_count())
keep = []
for i in range(10):
    keep.append([i])
print(gc.get_count())
class A: pass
objs = [A() for _ in range(5)]
print(gc.get_count())
gc.collect()
print(gc.get_count())
