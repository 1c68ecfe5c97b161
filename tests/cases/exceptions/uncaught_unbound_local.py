# Reading a local before its assignment raises UnboundLocalError.
def f():
    print(v)
    v = 1
f()
