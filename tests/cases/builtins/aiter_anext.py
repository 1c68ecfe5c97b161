async def agen():
    yield 1
    yield 2
async def main():
    it = aiter(agen())
    a = await anext(it)
    b = await anext(it)
    c = await anext(it, "end")
    return a, b, c
coro = main()
try:
    coro.send(None)
except StopIteration as e:
    print(e.value)
