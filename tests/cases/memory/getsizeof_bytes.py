import sys
for b in (b"", b"a", b"abc", bytes(100), b"x" * 1000):
    print(len(b), sys.getsizeof(b))
