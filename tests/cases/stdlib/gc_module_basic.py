import gc
print(gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled())
gc.enable(); print(gc.isenabled())
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))
print(gc.is_tracked(()), gc.is_tracked((1, 2)), gc.is_tracked(([],)))
print(type(gc.get_count()).__name__, len(gc.get_count()), gc.garbage, gc.get_debug())
