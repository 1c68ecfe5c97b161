import sys
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
a = P(1, 2)
b = P(3, 4)
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
b.z = 5
print(sys.getsizeof(b.__dict__), list(vars(b)))
c = P(5, 6)
c.__dict__["w"] = 0
print(list(vars(c)), sys.getsizeof(c.__dict__))
