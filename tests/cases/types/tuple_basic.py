t = (1, "two", 3.0, None, (4, 5))
print(t, len(t), t[1], t[-1][0], t[1:3], t.index(3.0), t.count(None))
print((), (1,), tuple("ab"), tuple([1, 2]), (1, 2) + (3,), (1,) * 3)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), hash((1, 2)) == hash((1, 2)))
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    hash(([],))
except TypeError as e:
    print(e)
x = (1, [2])
x[1].append(3)
print(x)
try:
    x[1] += [4]
except TypeError as e:
    print(e)
print(x)
