def g():
    return "ret"
    yield
try:
    next(g())
except StopIteration as e:
    print(repr(e), e.value, e.args)
print(StopIteration(1, 2).value)
