import sys
class LazyLoader:
    def __init__(self, factory):
        self._factory = factory
        self._value = None
        self.loads = 0
    def get(self):
        if self._value is None:
            self.loads += 1
            self._value = self._factory()
        return self._value
    def release(self):
        self._value = None
class BigModel:
    def __init__(self):
        self.weights = [0.0] * 10000
        print("BigModel loaded")
    def __del__(self):
        print("BigModel freed")
loader = LazyLoader(BigModel)
print("nothing loaded yet", loader.loads)
m = loader.get()
print(loader.get() is m, loader.loads, sys.getsizeof(m.weights))
del m
loader.release()
print("released")
loader.get()
print(loader.loads)
