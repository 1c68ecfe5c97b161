for v in [0, 1, -1, 0.0, 0.1, "", "a", [], [0], (), (0,), {}, {0: 0}, set(), None, 0j, range(0), range(1), b"", bytearray()]:
    print(repr(v), bool(v))
class C:
    pass
class L:
    def __len__(self):
        return 0
class B:
    def __bool__(self):
        return False
print(bool(C()), bool(L()), bool(B()))
