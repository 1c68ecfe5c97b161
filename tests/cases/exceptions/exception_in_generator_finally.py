def g():
    try:
        yield 1
    finally:
        print("gen finally")
it = g()
next(it)
del it
print("after del")
