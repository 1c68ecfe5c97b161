def f():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handling")
        raise
try:
    f()
except ZeroDivisionError as e:
    print("outer", e)
try:
    raise
except RuntimeError as e:
    print(e)
