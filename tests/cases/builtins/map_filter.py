print(list(map(str.upper, "ab")), list(map(pow, [2, 3], [3, 2])), list(map(lambda x, y: x + y, "ab", "xyz")))
print(list(filter(None, [0, 1, "", "a", None, []])), list(filter(lambda x: x > 1, [1, 2, 3])))
m = map(int, ["1", "x"])
print(next(m))
try:
    next(m)
except ValueError as e:
    print(e)
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
