def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 99
    finally:
        print("finally")
it = g()
print(next(it))
print(it.throw(ValueError("boom")))
try:
    next(it)
except StopIteration:
    print("stopped")
it2 = g()
next(it2)
try:
    it2.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
