print("a: start")
from . import b
A_VALUE = "a"
def use_b():
    return b.B_VALUE
print("a: end, b.B_VALUE =", b.B_VALUE)
