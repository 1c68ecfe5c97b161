async def f(a, /, b=1, *c, d, e=2, **g) -> int:
    """doc"""
    x: int = 1
    (y): str
    a.b = c[1:2, ::3] = *d, e
    del a, (b, c[0])
    for i, *j in k: pass
    async with x as (y, z), w: pass
    with (a as b, c):
        pass
    return [i async for i in g() if i if not i], {k: v for k, v in d}, (x for x in y)
@dec.x(1)
class C(B, metaclass=M, **kw):
    match x:
        case [1, 2, *rest] | {"k": v, **kw} if v: pass
        case Point(x=0, y=_) as p: pass
        case -1 | 1+2j | None | a.b.c: pass
        case (a, b,): pass
        case _: pass
try:
    pass
except* (A, B) as e:
    raise X from e
else: pass
finally:
    import a.b as c, d
    from ..x import (y as z, w,)
    from . import *
    global q; nonlocal r
lambda a, *, b=1: (yield from a)
x = a if b else c or d and not e < f <= g is not h not in i
x = -a ** -b // c @ d >> e & f ^ g | h
x = f(a, *b, c=d, **e)(g for g in h)
x[*a] = await b
assert x, "m"
while x := f(): break
else: continue
print(f"{x!r:>10}", "a" "b")

x = [*a, *b]; y = {**a, 'b': 1}; z = {1, 2, *c}
s = a[1:2:3], a[:, None], a[...], a[::]
n = 0x1f + 0o17 + 0b101 + 1_000 + 1.5e-3 + 2j
b = b"bytes" rb'raw'; f = f'{a}{b!s}{c:{d}}' u"u"
def g(a, b: int = 1, /, c=2, *, d: str, **e): yield; yield a; x = yield from b
class D(metaclass=abc.ABCMeta): ...
if a:
    pass
elif b:
    pass
else:
    with open(f) as fh, lock: data = fh.read()
