class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
class Dog(Animal):
    sound = "woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
for a in (Animal("a"), Dog("d"), Puppy("p")):
    print(a.speak(), type(a).__name__, isinstance(a, Dog))
print(Puppy.__mro__)
print(Puppy.__bases__, Dog.__subclasses__())
