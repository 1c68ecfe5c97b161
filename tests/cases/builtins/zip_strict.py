print(list(zip("abc", [1, 2, 3])), list(zip()), list(zip([1, 2, 3], "ab")))
print(list(zip(*[(1, "a"), (2, "b")])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [1], [1, 2, 3], strict=True))
except ValueError as e:
    print(e)
print(list(zip([1], [2], strict=True)))
