try:
    s = "a" * 2 ** 62
except MemoryError as e:
    print(type(e).__name__, repr(e))
try:
    s = "ab" * 2 ** 62
except OverflowError as e:
    print(type(e).__name__, e)
try:
    b = b"x" * 2 ** 62
except MemoryError as e:
    print(type(e).__name__)
