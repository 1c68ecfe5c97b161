import weakref
def f(x, y=2): return x + y
p = weakref.proxy(f)
print(p(1), p(1, y=5))
class C:
    def __call__(self): return "called"
c = C()
print(weakref.proxy(c)())
del c
try:
    print(weakref.proxy(C())())
except ReferenceError as e:
    print("ReferenceError:", e)
