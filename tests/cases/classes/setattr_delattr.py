class Guard:
    def __setattr__(self, name, value):
        print("set", name, value)
        if name == "ro":
            raise AttributeError("read-only")
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)
g = Guard()
g.x = 1
setattr(g, "y", 2)
try:
    g.ro = 3
except AttributeError as e:
    print(e)
del g.x
print(vars(g))
try:
    del g.nope
except AttributeError as e:
    print(e)
