import sys, threading
_lock = threading.RLock()
class Heavy:
    created = 0
    def __init__(self):
        Heavy.created += 1
        self.payload = [0] * 1000
class Manager:
    _inst = None
    @classmethod
    def get(cls):
        if cls._inst is None:
            with _lock:
                if cls._inst is None:
                    cls._inst = Heavy()
        return cls._inst
got = []
threads = [threading.Thread(target=lambda: got.append(Manager.get())) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(Heavy.created, all(g is got[0] for g in got), len(got))
print(sys.getsizeof(got[0].payload))
base = sys.getrefcount(Manager._inst)
got.clear()
print(sys.getrefcount(Manager._inst) - base)
