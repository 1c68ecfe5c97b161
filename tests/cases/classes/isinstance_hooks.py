class Meta(type):
    def __instancecheck__(cls, inst):
        return isinstance(inst, int)
    def __subclasscheck__(cls, sub):
        return sub is bool
class IntLike(metaclass=Meta): pass
print(isinstance(3, IntLike), isinstance("3", IntLike), issubclass(bool, IntLike), issubclass(int, IntLike))
from collections.abc import Iterable, Sized, Hashable
class It:
    def __iter__(self): return iter([])
print(isinstance(It(), Iterable), isinstance(It(), Sized), isinstance([], Hashable), isinstance((), Hashable))
