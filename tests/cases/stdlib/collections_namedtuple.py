from collections import namedtuple
P = namedtuple("P", "x y")
p = P(1, y=2)
print(p, p.x, p[1], p._asdict(), p._replace(x=9), P._fields, P._make([3, 4]))
x, y = p
print(x + y, isinstance(p, tuple), p == (1, 2), len(p))
Q = namedtuple("Q", ["a", "b"], defaults=[0])
print(Q(1), Q._field_defaults)
try:
    P(1)
except TypeError as e:
    print(e)
R = namedtuple("R", "def x", rename=True)
print(R._fields)
