try:
    x = [0] * 2 ** 62
except MemoryError as e:
    print(type(e).__name__, repr(e))
try:
    x = [0] * 2 ** 63
except OverflowError as e:
    print(type(e).__name__, e)
