print(list(enumerate("abc")), list(enumerate("ab", 10)), list(enumerate([], start=-1)))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed((1, 2))), "".join(reversed("xyz")))
try:
    reversed({1, 2})
except TypeError as e:
    print(e)
e = enumerate("xy")
print(next(e), next(e), next(e, "done"))
