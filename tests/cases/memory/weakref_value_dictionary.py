import weakref
class Model:
    def __init__(self, name): self.name = name
cache = weakref.WeakValueDictionary()
a = Model("a")
b = Model("b")
cache["a"] = a
cache["b"] = b
print(sorted(cache.keys()), len(cache))
del a
print(sorted(cache.keys()), "a" in cache)
b = None
print(len(cache), cache.get("b"))
