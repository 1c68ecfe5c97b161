class Ticker:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for i in range(self.n):
            got = yield f"tick{i}"
            print("resumed with", got)
        return "ticked"
async def main():
    r = await Ticker(3)
    return r
c = main()
print(c.send(None))
print(c.send("a"))
print(c.send("b"))
try:
    c.send("c")
except StopIteration as e:
    print("done", e.value)
