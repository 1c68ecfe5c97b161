#!/usr/bin/env python3
"""Record python3's repr() of many constants for crates/oxpy-ast/tests/repr.rs.

Run with CPython 3.11: python3 gen-repr-cases.py > repr_cases.txt
Each line is `KIND INPUT<TAB>REPR`; INPUT encodes the value exactly:
  s  code points in hex joined by '.' (empty for '')   b  bytes in hex
  f  the float's 64 bits in hex                        c  real bits, imag bits
  i  the int in hex (signed)
"""
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11)
rnd = random.Random(1311)
out = []


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def s(text):
    out.append("s %s\t%s" % (".".join("%x" % ord(c) for c in text), repr(text)))


# Printability: both ends of every run of equal str.isprintable() over the code space.
prev = None
for cp in range(0x110000):
    p = chr(cp).isprintable()
    if p != prev:
        if cp:
            s(chr(cp - 1))
        s(chr(cp))
        prev = p
s(chr(0x10FFFF))
for cp in range(0x200):
    s(chr(cp))
# Quote choice and escapes.
for text in ["", "'", '"', "'\"", "a'b", 'a"b', "it's \"x\"", "\\", "\\'", "\t\n\r\x0b\x0c",
             "\ud800", "a\udfffb", "\U0001f600", "\u2028\u00a0\u3000 ", "\x7f\x80\xff\u0100"]:
    s(text)
pool = "ab '\"\\\t\n\x00\x7f\xe9\u00ad\u200b\ud800\U0001f600\U000e0001\u0378\uffff\x85"
for _ in range(300):
    s("".join(rnd.choice(pool) for _ in range(rnd.randrange(8))))

# Bytes.
for data in [b"", b"'", b'"', b"'\"", bytes(range(256))]:
    out.append("b %s\t%r" % (data.hex(), data))
for _ in range(200):
    data = bytes(rnd.choice(b"ab'\"\\\t\n\r\x00\x7f\x80\xff ~") for _ in range(rnd.randrange(8)))
    out.append("b %s\t%r" % (data.hex(), data))

# Floats.
floats = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 123456789.0, 1.5, 100.0]
for e in range(-30, 30):
    for m in (1, 1.5, 9.999999999999999, 12345, 0.1):
        floats += [m * 10.0 ** e, -m * 10.0 ** e]
for e in range(-330, 310, 7):
    floats.append(float("1e%d" % e))
for _ in range(2000):
    floats.append(struct.unpack("<d", rnd.getrandbits(64).to_bytes(8, "little"))[0])
for _ in range(1000):
    floats.append(float("%d.%de%d" % (rnd.randrange(10 ** 6), rnd.randrange(10 ** 4), rnd.randrange(-25, 25))))
# Exact ties between two shortest candidates (CPython rounds half to even).
floats += [99.998809814453125, 1429035198630573.25, -1429035198630573.25, 0.5 ** 60 * 3]
for _ in range(3000):
    m = rnd.getrandbits(rnd.randrange(40, 54)) | 1
    floats.append(m * 2.0 ** rnd.randrange(-60, 10))
for x in floats:
    if x != x:
        x = float("nan")
    out.append("f %s\t%r" % (bits(x), x))

# Complex.
parts = [0.0, -0.0, 1.0, -1.0, 1.5, 1e16, 1e-5, 123.25, float("inf"), float("-inf"), float("nan"), 1e300]
for re_ in parts:
    for im in parts:
        out.append("c %s %s\t%r" % (bits(re_), bits(im), complex(re_, im)))

# Ints.
ints = [0, 1, -1, 2 ** 30, 2 ** 63, -(2 ** 64) + 1, 10 ** 100, -(10 ** 300) - 7]
for _ in range(100):
    ints.append(rnd.getrandbits(rnd.randrange(1, 400)) * rnd.choice((1, -1)))
for n in ints:
    out.append("i %s\t%r" % (("-" if n < 0 else "") + "%x" % abs(n), n))

sys.stdout.write("\n".join(out) + "\n")
