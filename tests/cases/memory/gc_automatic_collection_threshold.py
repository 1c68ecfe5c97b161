import gc
events = []
gc.callbacks.append(lambda phase, info: events.append((phase, info["generation"], info["collected"])) if phase == "stop" else None)
class Node:
    def __init__(self):
        self.me = self
gc.collect()
events.clear()
gc.set_threshold(10)
for i in range(50):
    Node()
gc.set_threshold(700, 10, 10)
print(len(events), events[:6])
