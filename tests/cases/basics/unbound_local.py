x = 1
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    x = 2
f()
def g():
    del y
try:
    g()
except UnboundLocalError as e:
    print(e)
