import sys
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("a",)
class S2:
    __slots__ = ("a", "b")
class S3:
    __slots__ = ("a", "b", "c")
class S4:
    __slots__ = ("a", "b", "c", "d")
class S5:
    __slots__ = ("a", "b", "c", "d", "e")
class SW:
    __slots__ = ("a", "__weakref__")
class SD:
    __slots__ = ("a", "__dict__")
class SubS1(S1):
    pass
class Plain:
    pass
for cls in (S0, S1, S2, S3, S4, S5, SW, SD, SubS1, Plain):
    print(cls.__name__, sys.getsizeof(cls()), cls.__basicsize__)
