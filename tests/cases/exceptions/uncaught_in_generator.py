def gen():
    yield 1
    raise RuntimeError("gen broke")
for x in gen():
    print(x)
