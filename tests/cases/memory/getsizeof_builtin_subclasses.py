import sys
class L(list): pass
class D(dict): pass
class I(int): pass
class T(tuple): pass
class Str(str): pass
class E(Exception): pass
print(sys.getsizeof(L()), sys.getsizeof(D()), sys.getsizeof(I(5)), sys.getsizeof(T((1, 2))), sys.getsizeof(Str("ab")), sys.getsizeof(E()), sys.getsizeof(Exception()))
print(I.__dictoffset__, L.__dictoffset__, T.__basicsize__, T.__itemsize__)
