class C: pass
a = C()
print(hash(a) == hash(a), a == a, a != C(), type(hash(a)).__name__)
class D:
    def __hash__(self): return -1
print(hash(D()))
class E:
    def __hash__(self): return 2 ** 100
print(hash(E()))
class F:
    def __hash__(self): return "x"
try:
    hash(F())
except TypeError as e:
    print(e)
