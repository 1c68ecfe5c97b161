import sys
class S1:
    __slots__ = ("a",)
class A:
    pass
print(sys.getsizeof(int), sys.getsizeof(object), sys.getsizeof(type), sys.getsizeof(S1), sys.getsizeof(A))
