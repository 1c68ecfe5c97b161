# bytes size is 33 + len (header, hash, and a trailing NUL); not a GC object.
#
import sys
for b in (b"", b"a", b"abc", bytes(100), b"x" * 1000):
    print(len(b), sys.getsizeof(b))
