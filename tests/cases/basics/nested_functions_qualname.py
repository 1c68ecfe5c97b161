def outer():
    def inner():
        def innermost():
            pass
        return innermost
    return inner
print(outer.__qualname__, outer().__qualname__, outer()().__qualname__)
class K:
    def m(self):
        def local():
            pass
        return local
print(K.m.__qualname__, K().m().__qualname__)
