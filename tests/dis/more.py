def fin(x):
    try:
        return g(x)
    finally:
        print('bye')

def loop_with(items):
    for i in items:
        with ctx() as c:
            if c:
                break
            continue
    return i

def walrus(data):
    if (n := len(data)) > 10:
        return n
    return [y for x in data if (y := x * 2)]

def chain(a, b, c):
    if a < b < c:
        return True
    assert a, f"bad {a}"
    return False

def aug():
    global total
    total += 1
    v = []
    v[0] **= 2

@dec1
@dec2(arg)
class D(*bases, **kw):
    attr: int
    def __init__(self):
        self.x = lambda: self

def star(*a, **k):
    return f(*a, 1, *k, x=2, **k)

def imp():
    import json
    from os import path as p
    del p
    return json

def raises():
    try:
        pass
    except Exception as exc:
        raise RuntimeError('x') from exc
