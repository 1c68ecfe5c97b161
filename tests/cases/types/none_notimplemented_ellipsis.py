print(None, repr(None), type(None).__name__, type(None)() is None)
print(NotImplemented, type(NotImplemented).__name__)
print(Ellipsis, ..., Ellipsis is ..., type(...)() is ...)
print(bool(None), None.__class__, str(Ellipsis))
class A:
    def __eq__(self, other):
        return NotImplemented
print(A() == A(), A() != 1)
