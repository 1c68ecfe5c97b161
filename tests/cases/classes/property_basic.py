class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        "celsius"
        return self._c
    @c.setter
    def c(self, v):
        print("set", v)
        self._c = v
    @c.deleter
    def c(self):
        print("del")
    @property
    def f(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.c = 100
print(t.c, t.f, Temp.c.__doc__)
del t.c
try:
    t.f = 1
except AttributeError as e:
    print(e)
