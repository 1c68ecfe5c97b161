print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []), sum(range(101)))
print(sum([1.5, 2, 3]), sum((x for x in [True, True, False])), sum([], start=5))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
try:
    sum([1, "a"])
except TypeError as e:
    print(e)
print(sum([2 ** 64, 2 ** 64]), sum([1e308, 1e308, -1e308]))
