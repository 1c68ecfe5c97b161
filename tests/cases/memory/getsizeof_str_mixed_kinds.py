# The widest character decides the kind of the whole string.
import sys
for s in ("abc", "abc\xe9", "abc\u0100", "abc\U00010000", "x" * 1000, "\xe9" * 1000, "\u0100" * 1000, "\U00010000" * 1000):
    print(len(s), max(map(ord, s)) > 127, sys.getsizeof(s))
print(sys.getsizeof("a" + "b"), sys.getsizeof("".join(["x"] * 5)), sys.getsizeof(str(12345)), sys.getsizeof(repr(1.5)))
