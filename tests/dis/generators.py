def gen(n):
    for i in range(n):
        yield i * 2

def delegate():
    result = yield from gen(3)
    return result

async def coro(x):
    y = await x
    return y

async def agen():
    yield 1

def genexp_arg(xs):
    return sum(x * x for x in xs)

g = (i for i in range(3) if i)
