import gc
gc.collect()
print(gc.get_freeze_count())
gc.freeze()
n = gc.get_freeze_count()
print(n > 0, gc.get_count())
keep = [[] for _ in range(50)]
gc.freeze()
print(gc.get_freeze_count() - n)
gc.unfreeze()
print(gc.get_freeze_count())
