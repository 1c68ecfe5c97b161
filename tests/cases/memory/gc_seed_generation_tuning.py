import gc
class DummyClass:
    def __init__(self):
        self.foo = [[] for _ in range(4)]
def generate_objects():
    bar = [DummyClass() for _ in range(100)]
gens = []
gc.callbacks.append(lambda phase, info: gens.append(info["generation"]) if phase == "stop" else None)
gc.collect()
gens.clear()
for _ in range(20):
    generate_objects()
print("default thresholds:", gc.get_threshold(), "collections:", len(gens))
gc.set_threshold(700, 0, 99999999)
print(gc.get_threshold())
gc.disable()
print(gc.isenabled())
gc.enable()
