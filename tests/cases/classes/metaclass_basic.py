class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = name.lower()
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
class Base(metaclass=Meta, flavor="x"):
    def m(self): pass
class Child(Base):
    def __init__(self, v):
        self.v = v
c = Child(5)
print(c.v, Child.tag, type(Child).__name__, type(Base) is Meta)
