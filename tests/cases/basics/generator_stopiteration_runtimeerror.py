def g():
    yield 1
    raise StopIteration("inside")
it = g()
print(next(it))
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
