import gc
gc.disable(); gc.collect()
def f():
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
f()
print(gc.collect())
class I(int): pass
x = I(5); x.me = x; del x
print(gc.collect())
class E(Exception): pass
e = E(); e.me = e; del e
print(gc.collect())
