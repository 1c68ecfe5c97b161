f = frozenset([1, 2, 2, 3])
print(f, len(f), 2 in f, f | {4}, type(f | {4}).__name__, type({4} | f).__name__)
print(hash(frozenset()) == hash(frozenset()), frozenset() == set(), {f: "ok"}[frozenset([3, 2, 1])])
try:
    f.add(4)
except AttributeError as e:
    print(e)
print(frozenset("ab") == frozenset("ba"), repr(frozenset()))
