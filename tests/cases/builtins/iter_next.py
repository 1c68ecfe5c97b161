it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
vals = iter([5, 4, 3, 0, 9])
print(list(iter(lambda: next(vals), 0)))
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next([1])
except TypeError as e:
    print(e)
class C:
    n = 0
    def __call__(self):
        C.n += 1
        return C.n
print(list(iter(C(), 4)))
