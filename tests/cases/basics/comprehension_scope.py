class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        bad = [v * k for v in vals for k in vals if k == factor]
    except NameError as e:
        err = str(e)
    factor = 2
print(C.doubled, C.err)
def f():
    y = 10
    return [x + y for x in range(3)]
print(f())
