class A:
    pass

class B(A):
    """Doc."""
    x = 1

    def method(self):
        return self.x

    def sup(self):
        return super().method()

class C(A, metaclass=Meta):
    def __private(self):
        return self.__x
