from collections.abc import Sequence
class MySeq(Sequence):
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * i
    def __len__(self): return 3
s = MySeq()
print(list(s), s.index(4), s.count(1), 4 in s, list(reversed(s)))
