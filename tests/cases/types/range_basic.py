r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], 8 in r, 9 in r, r.index(11), r.count(5))
print(range(0), list(range(5, 0, -2)), range(10)[::2], len(range(-5)), range(3) == range(0, 3, 1))
print(range(0, 10, 3) == range(0, 11, 3), hash(range(3)) == hash(range(0, 3)))
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(3)[5]
except IndexError as e:
    print(e)
print(range(10 ** 20)[-1], range(10 ** 20)[10 ** 19])
try:
    len(range(10 ** 20))
except OverflowError as e:
    print(e)
