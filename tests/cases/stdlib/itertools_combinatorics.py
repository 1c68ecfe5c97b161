import itertools as it
print(list(it.product("ab", repeat=2)), len(list(it.product(range(3), range(4)))))
print(list(it.permutations("abc", 2)))
print(list(it.combinations(range(4), 3)))
print(list(it.combinations_with_replacement("ab", 2)))
print(list(it.islice(it.permutations(range(5)), 3)))
