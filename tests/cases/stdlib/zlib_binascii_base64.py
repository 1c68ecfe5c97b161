# zlib (over libz), binascii and base64: checksums, round trips, streams and the errors.
import base64
import binascii
import zlib

data = b"hello hello hello hello " * 50 + bytes(range(256))
print(zlib.crc32(b""), zlib.crc32(b"hello"), zlib.crc32(b"world", zlib.crc32(b"hello ")))
print(zlib.crc32(b"x", -1), zlib.crc32(b"x", 2 ** 40 + 5))
print(zlib.adler32(b""), zlib.adler32(b"hello"), zlib.adler32(b"world", 12345))
c = zlib.compress(data)
print(len(c), c[:2], zlib.decompress(c) == data)
for level in (0, 1, 9):
    print(level, len(zlib.compress(data, level)), zlib.decompress(zlib.compress(data, level)) == data)
raw = zlib.compress(data, 6, -15)
print(len(raw), zlib.decompress(raw, -15) == data)
gz = zlib.compress(data, wbits=31)
print(gz[:2], zlib.decompress(gz, 31) == data, zlib.decompress(gz, 47) == data)
co = zlib.compressobj(9)
stream = co.compress(data[:100]) + co.compress(data[100:]) + co.flush()
print(type(co).__name__, stream == zlib.compress(data, 9))
do = zlib.decompressobj()
out = do.decompress(stream[:50]) + do.decompress(stream[50:] + b"TRAILER")
print(type(do).__name__, out == data, do.eof, do.unused_data, do.unconsumed_tail)
do = zlib.decompressobj()
first = do.decompress(stream, 100)
print(len(first), len(do.unconsumed_tail) > 0, do.eof)
rest = do.decompress(do.unconsumed_tail) + do.flush()
print(first + rest == data, do.eof)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION)
print(zlib.error.__module__, zlib.error.__name__, issubclass(zlib.error, Exception))
for bad in [b"not zlib data", c[:-5], c[:2]]:
    try:
        zlib.decompress(bad)
    except zlib.error as e:
        print("zlib.error:", e)
try:
    zlib.compress(data, 42)
except zlib.error as e:
    print("zlib.error:", e)
try:
    zlib.compress("text")
except TypeError as e:
    print("TypeError:", e)

print(binascii.hexlify(b"\x00\xff\x10"), binascii.hexlify(b"\x01\x02\x03", "-"), binascii.b2a_hex(b"ab"))
print(binascii.unhexlify(b"00ff10"), binascii.unhexlify("4142"), binascii.a2b_hex(b"6869"))
print(binascii.crc32(b"hello"), binascii.crc32(b"world", 7), binascii.crc_hqx(b"hello", 0), binascii.crc_hqx(b"", 77))
print(binascii.b2a_base64(b"any carnal pleas"), binascii.b2a_base64(b"ab", newline=False))
print(binascii.a2b_base64(b"YW55IGNhcm5hbCBwbGVhcw=="), binascii.a2b_base64("aGk="))
for bad in [lambda: binascii.unhexlify(b"abc"), lambda: binascii.unhexlify(b"zz"),
            lambda: binascii.a2b_base64(b"abc"), lambda: binascii.a2b_base64(b"a")]:
    try:
        bad()
    except binascii.Error as e:
        print("binascii.Error:", e)
print(issubclass(binascii.Error, ValueError))

print(base64.b64encode(data[:40]), base64.b64decode(base64.b64encode(data)) == data)
print(base64.urlsafe_b64encode(b"\xfb\xff\xfe"), base64.urlsafe_b64decode(b"-__-"))
print(base64.b32encode(b"hello"), base64.b32decode(b"NBSWY3DP"))
print(base64.b16encode(b"\xde\xad"), base64.b16decode(b"DEAD"))
print(base64.a85encode(b"hello world"), base64.b85encode(b"hello world"))
print(base64.standard_b64encode(b"x"), base64.encodebytes(b"y" * 60))
try:
    base64.b64decode(b"abc")
except binascii.Error as e:
    print("binascii.Error:", e)
for bad in [lambda: zlib.crc32(), lambda: zlib.crc32("s"), lambda: zlib.adler32(b"a", "x")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
