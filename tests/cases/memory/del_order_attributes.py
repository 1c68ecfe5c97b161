class D:
    def __init__(s, n): s.n = n
    def __del__(s): print("del", s.n)
class H:
    pass
h = H(); h.x = D("x"); h.y = D("y")
del h
print("--")
a = H(); a.x = 1; a.y = 2
b = H(); b.y = D("y"); b.x = D("x")
del b
print("--")
class S:
    __slots__ = ("q", "p")
s = S(); s.q = D("q"); s.p = D("p")
del s
print("--")
def g(b, a):
    z = D("z"); y = D("y")
g(D("pb"), D("pa"))
