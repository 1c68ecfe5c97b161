print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("a"), all(x > 0 for x in [1, 2]))
def g():
    for i in range(10):
        print("yield", i)
        yield i
print(any(x == 2 for x in g()))
print(all(x < 1 for x in g()))
