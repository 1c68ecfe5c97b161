print(True + 1, True * 10, True / 2, True == 1, (True is True) == True, isinstance(True, int))
print(bool("False"), int(False), str(True), repr(False), True & 1, type(True & 1).__name__)
print(bool.__mro__, hash(True), ~True)
try:
    class B(bool): pass
except TypeError as e:
    print(e)
