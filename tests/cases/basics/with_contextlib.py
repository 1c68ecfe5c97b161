from contextlib import contextmanager, suppress, ExitStack
@contextmanager
def tagged(name):
    print("open", name)
    try:
        yield name
    finally:
        print("close", name)
with tagged("t") as t:
    print("in", t)
with suppress(KeyError):
    {}["x"]
print("after suppress")
with ExitStack() as stack:
    for n in "abc":
        stack.enter_context(tagged(n))
    print("all open")
