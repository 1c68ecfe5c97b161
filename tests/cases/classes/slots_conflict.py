try:
    class A:
        __slots__ = ("x",)
        x = 1
except ValueError as e:
    print(e)
class B:
    __slots__ = ("__dict__", "a")
b = B(); b.a = 1; b.other = 2
print(b.a, b.other)
class C:
    __slots__ = "single"
c = C(); c.single = 9
print(c.single, C.__slots__)
class D:
    __slots__ = ()
try:
    D().x = 1
except AttributeError as e:
    print(e)
