print("b: start")
from . import a
B_VALUE = "b"
print("b: a has A_VALUE yet?", hasattr(a, "A_VALUE"))
def use_a():
    return a.A_VALUE
print("b: end")
