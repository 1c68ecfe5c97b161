def gen(n):
    print("start")
    for i in range(n):
        yield i
        print("after", i)
    print("end")
    return "done"
g = gen(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(list(gen(0)))
