print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("b", "a", key=str.upper))
print(max([], default="empty"), min((), default=None), max([1, 3, 2], key=lambda x: -x))
print(max([(1, "b"), (1, "a")]), min([[2], [1, 5]]), max(1, 2.5, True))
print(max(["a", "bb", "cc"], key=len), min(["bb", "a", "cc", "d"], key=len))
for bad in (lambda: min([]), lambda: max(), lambda: max(1), lambda: min(1, 2, default=0)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
