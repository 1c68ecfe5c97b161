print(len("abc"), len([1, 2]), len(()), len({1: 2}), len({1, 2, 3}), len(range(10)), len(b"xy"), len("日本"))
for bad in (5, None, iter([]), 1.5):
    try:
        len(bad)
    except TypeError as e:
        print(e)
