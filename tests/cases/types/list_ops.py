a = [1, 2]
b = a + [3]
print(b, a * 2, [0] * 0, 2 in a, a == [1, 2], a < [1, 3], [1, [2]] == [1, [2]])
print(list("abc"), list(range(3)), list({"x": 1}), list((1, 2)))
print(len([]), len([[]]), max([3, 1, 2]), min([3, 1, 2]), sum([1, 2, 3]))
r = [1, 2, 3]
r *= 2
print(r)
try:
    [1] + (2,)
except TypeError as e:
    print(e)
try:
    [][0]
except IndexError as e:
    print(e)
