import inspect
def g():
    yield 1
it = g()
print(inspect.getgeneratorstate(it))
next(it)
print(inspect.getgeneratorstate(it))
try:
    next(it)
except StopIteration:
    pass
print(inspect.getgeneratorstate(it))
print(it.gi_frame)
