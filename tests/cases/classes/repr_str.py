class A:
    def __repr__(self): return "A-repr"
class B:
    def __str__(self): return "B-str"
class C(A):
    def __str__(self): return "C-str"
print(A(), str(A()), repr(A()), [A()], f"{A()}", f"{A()!r}")
print(str(B()), [C()], C(), "%s %r" % (C(), C()))
print(format(C()), "{}".format(A()))
class D:
    def __format__(self, spec): return f"D[{spec}]"
print(f"{D():xyz}", format(D(), "q"))
