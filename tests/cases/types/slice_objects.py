s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, s.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
print("abcdef"[s], [0, 1, 2, 3][slice(2)], slice(3) == slice(None, 3))
class S:
    def __getitem__(self, k):
        return k
o = S()
print(o[1:2], o[::], o[1:2, 3], o[...], o[:, None])
try:
    hash(slice(1))
except TypeError as e:
    print(e)
