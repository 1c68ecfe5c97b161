b = b"hello world"
print(b[0], b[-1], b[1:4], b[::-1], len(b), b.upper(), b.split(), b.replace(b"o", b"0"))
print(bytes(3), bytes([65, 66]), bytes("hé", "utf-8"), bytes(range(5)))
print(b.hex(), bytes.fromhex("de ad be ef"), b"\x00\xff".hex(":"), b.find(b"o"), b.count(b"l"))
print(repr(b"\n\x00'\"\x7f\x80"), b"a" + b"b", b"ab" * 2, b"x" in b"xyz", 120 in b"xyz")
print(b.decode(), b"caf\xc3\xa9".decode("utf-8"), b"\xff".decode("latin-1"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
try:
    bytes([256])
except ValueError as e:
    print(e)
print(b"%d-%s" % (5, b"x"), b"abc".startswith(b"a"), list(b"ab"))
