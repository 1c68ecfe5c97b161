import weakref
class NoWeak:
    __slots__ = ("a",)
class Weak:
    __slots__ = ("a", "__weakref__")
try:
    weakref.ref(NoWeak())
except TypeError as e:
    print(e)
w = Weak()
r = weakref.ref(w)
print(r() is w)
del w
print(r())
