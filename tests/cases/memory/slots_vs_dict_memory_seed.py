import sys
class WithDict:
    def __init__(self, x, y):
        self.x = x
        self.y = y
class WithSlots:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
a, b = WithDict(1, 2), WithSlots(1, 2)
print(sys.getsizeof(a), sys.getsizeof(b))
print(sys.getsizeof(a) + sys.getsizeof(a.__dict__), sys.getsizeof(b))
print(hasattr(b, "__dict__"), hasattr(a, "__dict__"))
