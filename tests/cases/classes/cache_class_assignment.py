# __class__ assignment switches the methods and attributes found through the class, also at
# call sites whose caches were warm.


class A:
    kind = "A"

    def f(self):
        return "A.f"


class B:
    kind = "B"

    def f(self):
        return "B.f"

    @property
    def p(self):
        return "B.p"


a = A()
r = []
for i in range(6):
    r.append((a.f(), a.kind))
    if i == 2:
        a.__class__ = B
print(r)
print(type(a).__name__, a.__class__.__name__, isinstance(a, B), isinstance(a, A), a.p)
a.__class__ = A
print(a.f(), type(a) is A, a.__dict__)


class Slotted:
    __slots__ = ("x",)


for bad in (int, Slotted, 5):
    try:
        a.__class__ = bad
    except TypeError as e:
        print("TypeError:", e)
try:
    del a.__class__
except TypeError as e:
    print("TypeError:", e)
try:
    (1).__class__ = bool
except TypeError as e:
    print("TypeError:", e)
