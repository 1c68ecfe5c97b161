class Typed:
    def __init__(self, typ): self.typ = typ
    def __set_name__(self, owner, name): self.name = "_" + name
    def __get__(self, obj, owner=None):
        return self if obj is None else getattr(obj, self.name)
    def __set__(self, obj, val):
        if not isinstance(val, self.typ):
            raise TypeError(f"{self.name[1:]} must be {self.typ.__name__}")
        setattr(obj, self.name, val)
class Person:
    name = Typed(str)
    age = Typed(int)
    def __init__(self, n, a):
        self.name, self.age = n, a
p = Person("x", 3)
print(p.name, p.age, type(Person.age).__name__)
try:
    p.age = "old"
except TypeError as e:
    print(e)
