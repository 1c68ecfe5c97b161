class C:
    shared = []
    n = 0
a, b = C(), C()
a.shared.append(1)
a.n += 1
print(b.shared, a.n, b.n, C.n, "n" in vars(a), "n" in vars(b))
C.n = 10
print(a.n, b.n)
del a.n
print(a.n)
