# struct packing of IEEE half/single/double values and integer range errors.
import math, struct
for x in (0.0, -0.0, 1.0, -2.5, 1e-310, 5e-324, 1.7976931348623157e308, math.inf, -math.inf,
          0.1, 1 / 3, 65504.0, 6e-8, 1e-40, 3.4e38):
    for c in "def":
        try:
            b = struct.pack("<" + c, x)
            print(c, x, b, struct.unpack("<" + c, b))
        except OverflowError as e:
            print(c, x, e)
for f, v in [("<b", 200), ("<h", 70000), ("<H", -1), ("<i", 2**40), ("<I", -1), ("<q", 2**70), ("<B", "x")]:
    try:
        struct.pack(f, v)
    except struct.error as e:
        print(f, e)
print(struct.pack("@bi", 1, 2), struct.calcsize("@bid"), struct.pack("5s", b"ab"), struct.pack("3p", b"abcd"))
print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00")), struct.unpack_from("<h", b"\x00\x01\x00", 1))
