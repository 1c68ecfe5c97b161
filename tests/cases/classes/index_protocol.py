class Idx:
    def __index__(self): return 2
print([10, 20, 30][Idx()], "abcd"[Idx():], bin(Idx()), hex(Idx()), range(Idx()), operator_index := __import__("operator").index(Idx()))
class NoIdx: pass
try:
    [1][NoIdx()]
except TypeError as e:
    print(e)
