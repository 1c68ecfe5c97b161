print(bool(), int(), float(), str(), complex(), list(), tuple(), dict(), set(), frozenset(), bytes(), bytearray())
print(bool(2), int("12"), float("1.5"), str(12), list("ab"), tuple([1]), dict(a=1), set([1, 1]))
try:
    int(None)
except TypeError as e:
    print(e)
try:
    float([1])
except TypeError as e:
    print(e)
try:
    list(1)
except TypeError as e:
    print(e)
