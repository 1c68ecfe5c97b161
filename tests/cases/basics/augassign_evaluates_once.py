calls = []
class Box:
    def __init__(self):
        self.v = 1
def get_box():
    calls.append("box")
    return b
def idx():
    calls.append("idx")
    return 0
b = Box()
get_box().v += 5
lst = [10]
lst[idx()] += 1
print(b.v, lst, calls)
d = {"k": [1]}
d["k"] += [2]
print(d)
