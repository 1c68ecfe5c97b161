import gc, warnings
async def noop():
    return 1
warnings.simplefilter("always")
import sys
c = noop()
print(type(c).__name__)
c.close()
print("closed without warning")
try:
    noop().send(1)
except TypeError as e:
    print(e)
