class Small:
    cls_attr = 1
    def __init__(self):
        self.inst = 2
    def meth(self): pass
s = Small()
print(vars(s))
print([n for n in dir(s) if not n.startswith("__")])
print([n for n in dir(Small) if not n.startswith("__")])
print(dir(s) == sorted(dir(s)), "__init__" in dir(s))
try:
    vars(1)
except TypeError as e:
    print(e)
class D:
    def __dir__(self): return ["b", "a"]
print(dir(D()))
