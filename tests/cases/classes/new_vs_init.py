class Singleton:
    _inst = None
    def __new__(cls, *a):
        print("new", a)
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, *a):
        print("init", a)
a = Singleton(1)
b = Singleton(2)
print(a is b)
class NotMine:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(NotMine())
