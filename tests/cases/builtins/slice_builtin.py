# slice() objects: repr, use as an index, equality and ordering
# (slices compare like tuples).
s = slice(5)
print(s, slice(1, 2), slice(1, 2, 3), [0, 1, 2, 3, 4, 5, 6][slice(1, None, 2)])
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3))
