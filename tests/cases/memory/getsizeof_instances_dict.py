import sys
class A: pass
a = A()
print(sys.getsizeof(a), A.__basicsize__, A.__dictoffset__, A.__weakrefoffset__)
a.x = 1
print(sys.getsizeof(a))
d = a.__dict__
print(sys.getsizeof(d), sys.getsizeof(a))
for i in range(10):
    setattr(a, "attr%d" % i, i)
print(sys.getsizeof(a.__dict__))
class B:
    def __init__(self):
        self.a, self.b, self.c = 1, 2, 3
b = B()
print(sys.getsizeof(b), sys.getsizeof(vars(b)))
