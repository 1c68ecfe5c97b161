class D:
    def __init__(s, n): s.n = n
    def __del__(s): print("del", s.n)
l = [D(1), D(2), D(3)]
del l
print("--")
d = {1: D("d1"), 2: D("d2"), 3: D("d3")}
d.clear()
print("--")
t = (D("t1"), D("t2"), D("t3"))
del t
print("--")
def f():
    c = D("c"); b = D("b"); a = D("a")
f()
print("--")
