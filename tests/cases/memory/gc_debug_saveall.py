import gc
gc.disable(); gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
l = []; l.append(l); del l
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
print(gc.get_debug(), gc.DEBUG_SAVEALL, gc.DEBUG_STATS, gc.DEBUG_LEAK)
