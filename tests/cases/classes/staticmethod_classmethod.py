class C:
    count = 0
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
class D(C): pass
print(C.s(2), C().s(3), type(D.make()).__name__, D.count, C.count)
print(type(C.__dict__["s"]).__name__, type(C.__dict__["make"]).__name__)
print(C.make.__self__ is C, D.make.__self__ is D)
