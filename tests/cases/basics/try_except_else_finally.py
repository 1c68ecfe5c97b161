def f(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("zero")
        return "err"
    else:
        print("else", r)
        return "ok"
    finally:
        print("finally")
print(f(2))
print(f(0))
def g():
    try:
        return 1
    finally:
        return 2
print(g())
