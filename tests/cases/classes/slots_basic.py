class P:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
p = P()
print(p.x, hasattr(p, "__dict__"), P.__slots__, type(P.x).__name__)
try:
    p.z = 1
except AttributeError as e:
    print(e)
try:
    p.y
except AttributeError as e:
    print(e)
class Q(P):
    pass
q = Q(); q.z = 5
print(q.z, q.__dict__)
class R(P):
    __slots__ = ("w",)
r = R(); r.w = 2
print(r.w, hasattr(r, "__dict__"))
