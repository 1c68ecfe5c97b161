async def reader(stream):
    async with stream as s:
        data = await s.read()
    async for chunk in stream:
        if not chunk:
            break
        print(chunk)
    else:
        pass
    return data

async def comps(xs):
    a = [x async for x in xs]
    b = [await y for y in a]
    c = {k: v async for k, v in xs if k}
    return a, b, c

async def multi(a, b):
    async with a, b as y:
        return y

async def agen(xs):
    async for x in xs:
        yield x
