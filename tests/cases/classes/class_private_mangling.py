class A:
    __secret = 1
    def get(self):
        return self.__secret
    def __private(self):
        return "p"
class B(A):
    __secret = 2
    def getb(self):
        return self.__secret
b = B()
print(b.get(), b.getb(), b._A__secret, b._B__secret)
print(sorted(k for k in A.__dict__ if "secret" in k or "private" in k))
try:
    b.__secret
except AttributeError as e:
    print(e)
