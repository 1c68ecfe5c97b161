import gc
gc.disable(); gc.collect()
def g():
    me = yield
    yield
x = g(); next(x); x.send(x); del x
print(gc.collect())
