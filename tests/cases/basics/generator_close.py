def g():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("exit seen")
        raise
    finally:
        print("cleanup")
it = g()
print(next(it))
it.close()
it.close()
print(list(it))
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 2
b = bad()
next(b)
try:
    b.close()
except RuntimeError as e:
    print(e)
