class C:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
c = C()
print(c.__dict__, vars(c), sorted(C.__dict__.keys() - {"__dict__", "__weakref__", "__doc__", "__module__", "__init__"}))
c.__dict__["z"] = 26
print(c.z)
c.__dict__ = {"fresh": True}
print(c.fresh, hasattr(c, "a"))
