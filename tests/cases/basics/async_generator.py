async def agen():
    for i in range(3):
        yield i
async def main():
    out = []
    async for x in agen():
        out.append(x)
    g = agen()
    out.append(await g.__anext__())
    out.append(await anext(g))
    return out
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
