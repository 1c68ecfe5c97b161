def f():
    ...
print(f(), ..., type(...).__name__)
class E:
    pass
print(E.__name__)
