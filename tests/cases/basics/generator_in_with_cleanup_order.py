class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
def gen():
    with CM():
        yield 1
        yield 2
g = gen()
print(next(g))
g.close()
print("closed")
g2 = gen()
print(next(g2))
del g2
print("deleted")
