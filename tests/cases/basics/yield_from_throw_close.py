def inner():
    try:
        yield 1
        yield 2
    except ValueError:
        print("inner caught")
        yield "recovered"
    finally:
        print("inner finally")
def outer():
    yield from inner()
    yield "outer-next"
g = outer()
print(next(g))
print(g.throw(ValueError))
print(next(g))
g.close()
g = outer()
next(g)
g.close()
print("closed")
