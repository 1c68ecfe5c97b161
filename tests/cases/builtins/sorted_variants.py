print(sorted([3, 1, 2]), sorted("cba"), sorted({3: 0, 1: 0}), sorted((2, 1), reverse=True))
print(sorted(["bb", "a", "ccc"], key=len), sorted([-3, 1, -2], key=abs, reverse=True))
print(sorted([]), sorted(range(5), key=lambda x: x % 2))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print(e)
try:
    sorted()
except TypeError as e:
    print(e)
