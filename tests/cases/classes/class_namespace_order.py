class C:
    b = 1
    a = 2
    def z(self): pass
    def y(self): pass
print([k for k in C.__dict__ if not k.startswith("__")])
print(type(C.__dict__).__name__)
try:
    C.__dict__["q"] = 1
except TypeError as e:
    print(e)
