class AIter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class ACM:
    async def __aenter__(self):
        print("aenter")
        return "res"
    async def __aexit__(self, *a):
        print("aexit", a[0])
async def main():
    async with ACM() as r:
        print(r)
        async for v in AIter(3):
            print("v", v)
    return [x async for x in AIter(2)]
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
