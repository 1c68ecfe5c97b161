print(type(1), type("s"), type(type), type(None), type(len), type(print))
print(int.__name__, int.__qualname__, int.__module__, type.__module__)
print(type(1) is int, type(True) is bool, isinstance(type, type), issubclass(bool, int))
print(object.__bases__, int.__bases__, bool.__base__, type.__base__)
def f(): pass
print(type(f).__name__, type(lambda: 0).__name__, type([].append).__name__, type(len).__name__)
print(type(int.__add__).__name__, type(str.join).__name__, type(object.__init__).__name__)
