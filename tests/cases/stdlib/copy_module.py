import copy
a = [1, [2, 3], {"k": [4]}]
s = copy.copy(a)
d = copy.deepcopy(a)
a[1].append(99); a[2]["k"].append(5)
print(s, d, s[1] is a[1], d[1] is a[1])
class C:
    def __init__(self): self.items = [1]
    def __copy__(self):
        print("custom copy")
        n = C(); n.items = self.items; return n
c2 = copy.copy(C())
print(c2.items)
r = []; r.append(r)
rc = copy.deepcopy(r)
print(rc[0] is rc, rc is not r)
