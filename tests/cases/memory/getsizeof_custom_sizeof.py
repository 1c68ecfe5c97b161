import sys
class Fixed:
    def __sizeof__(self):
        return 100
class Neg:
    def __sizeof__(self):
        return -1
class NotInt:
    def __sizeof__(self):
        return "big"
class NoGC(int):
    def __sizeof__(self):
        return 7
print(sys.getsizeof(Fixed()), sys.getsizeof(NoGC()))
try:
    sys.getsizeof(Neg())
except ValueError as e:
    print(e)
try:
    sys.getsizeof(NotInt())
except TypeError as e:
    print(e)
print(sys.getsizeof(NotInt(), "default"), sys.getsizeof(Fixed(), 0))
