x = 1
def f():
    global x
    x = 2
    def g():
        return x
    return g

def h(a, *args, b, **kwargs):
    del a
    return args, kwargs

def uses_builtin():
    return len(range(3))

class C:
    y = 1
    z = [y for _ in range(3)]
    def m(self, __p):
        self.__q = __p
