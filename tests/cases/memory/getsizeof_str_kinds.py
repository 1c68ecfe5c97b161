# PEP 393: ASCII strs are 48 + n + 1; latin-1, UCS-2 and UCS-4 strs
# use a 72-byte header and 1, 2 or 4 bytes per char plus a NUL.
import sys
cases = ["", "a", "ab", "abc" * 10, "\xe9", "h\xe9llo", "\xff" * 5, "\u0100", "\u65e5\u672c", "\u65e5" * 10, "\U0001F600", "a\U0001F600", "\U0001F600" * 4, "a" * 100]
for s in cases:
    print(ascii(s)[:20], len(s), sys.getsizeof(s))
