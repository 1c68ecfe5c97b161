import gc
events = []
def cb(phase, info):
    if phase == "stop":
        events.append(info["generation"])
gc.collect()
gc.callbacks.append(cb)
class A: pass
keep = []
for i in range(20000):
    keep.append(A())
gc.callbacks.remove(cb)
print(len(events), events[:30])
