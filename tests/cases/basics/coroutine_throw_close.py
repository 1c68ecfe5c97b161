import types
async def worker():
    try:
        await types.coroutine(lambda: (yield "suspended"))()
    except ValueError as e:
        print("coroutine caught", e)
        return "handled"
c = worker()
print(c.send(None))
try:
    c.throw(ValueError("injected"))
except StopIteration as e:
    print("result", e.value)
c2 = worker()
c2.send(None)
c2.close()
print(c2.cr_frame)
try:
    c2.send(None)
except RuntimeError as e:
    print(e)
