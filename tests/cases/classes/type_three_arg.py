def init(self, v):
    self.v = v
Point = type("Point", (object,), {"__init__": init, "double": lambda self: self.v * 2, "k": 1})
p = Point(4)
print(p.v, p.double(), Point.k, Point.__name__, Point.__qualname__, Point.__module__)
Sub = type("Sub", (Point,), {})
print(Sub(1).double(), Sub.__mro__)
print(type(p) is Point, type("E", (), {})().__class__.__name__)
try:
    type("X", (1,), {})
except TypeError as e:
    print(e)
