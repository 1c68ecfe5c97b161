class A:
    def __add__(self, o):
        print("A.__add__")
        return NotImplemented
    def __radd__(self, o):
        print("A.__radd__")
        return "A-r"
class B(A):
    def __radd__(self, o):
        print("B.__radd__")
        return "B-r"
print(A() + B())
print(1 + A())
class C:
    def __radd__(self, o):
        return "C-r"
print(A() + C())
