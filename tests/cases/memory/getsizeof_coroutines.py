import sys
async def c0():
    return 1
async def ag():
    yield 1
co = c0()
print(sys.getsizeof(co), sys.getsizeof(ag()))
co.close()
