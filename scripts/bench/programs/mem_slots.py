# Memory: 10**6 instances of a class with __slots__ = ('a', 'b', 'c').


class Point:
    __slots__ = ('a', 'b', 'c')

    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


N = 10 ** 6
data = [Point(i, i & 255, None) for i in range(N)]
print("checksum:", sum(p.a + p.b for p in data) % 1000000007, len(data))
