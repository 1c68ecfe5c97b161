import sys
def f(): pass
class A:
    def m(self): pass
print(sys.getsizeof(f), sys.getsizeof(lambda: 0), sys.getsizeof(len), sys.getsizeof([].append), sys.getsizeof(A().m))
print(sys.getsizeof(A().__init__), sys.getsizeof(sys), sys.getsizeof(f.__code__) > 0)
def outer():
    x = 1
    def inner(): return x
    return inner
print(sys.getsizeof(outer()), sys.getsizeof(outer().__closure__), sys.getsizeof(outer().__closure__[0]))
