import gc
class F:
    def __del__(self):
        pass
gc.disable(); gc.collect()
keep = []
class R:
    def __del__(self):
        keep.append(self)
f = F()
print(gc.is_finalized(f))
r = R(); r.me = r; del r
gc.collect()
print(len(keep), gc.is_finalized(keep[0]))
