class A:
    def who(self):
        return "A"
    @classmethod
    def cm(cls):
        return f"A.cm({cls.__name__})"
class B(A):
    def who(self):
        return "B>" + super().who()
    @classmethod
    def cm(cls):
        return "B>" + super().cm()
class C(B):
    def who(self):
        return "C>" + super(B, self).who()
print(C().who(), B().who(), C.cm())
print(super(C, C()).who())
s = super(B, B())
print(type(s).__name__)
