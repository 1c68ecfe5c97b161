def g():
    x = yield
    print("got", x)
    y = yield x * 2
    print("got", y)
    z = (yield) or "default"
    print("got", z)
it = g()
next(it)
print(it.send(5))
it.send("y")
try:
    it.send(None)
except StopIteration:
    print("done")
def h():
    return (yield from ())
print(list(h()))
