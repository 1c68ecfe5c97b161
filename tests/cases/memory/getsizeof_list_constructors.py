import sys
for label, l in (("list(range(3))", list(range(3))), ("list(range(10))", list(range(10))), ("list(range(17))", list(range(17))),
                 ("gen1", list(x for x in range(1))), ("gen2", list(x for x in range(2))), ("gen5", list(x for x in range(5))),
                 ("gen9", list(x for x in range(9))), ("comp1", [x for x in range(1)]), ("comp9", [x for x in range(9)]),
                 ("comp17", [x for x in range(17)]), ("list(str)", list("abcde")), ("sorted", sorted([3, 1, 2])), ("list(tuple)", list((1, 2, 3)))):
    print(label, sys.getsizeof(l))
