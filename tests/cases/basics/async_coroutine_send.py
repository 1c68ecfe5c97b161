async def add(a, b):
    return a + b
async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    print("x,y", x, y)
    return y * 2
coro = main()
print(type(coro).__name__)
try:
    coro.send(None)
except StopIteration as e:
    print("result", e.value)
