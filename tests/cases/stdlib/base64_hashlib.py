# base64 encodings, hashlib digests and CRC/adler checksums of fixed input.
import base64, hashlib, binascii, zlib
print(base64.b64encode(b"hello world"), base64.b64decode(b"aGVsbG8="), base64.urlsafe_b64encode(b"\xff\xfe"), base64.b16encode(b"\x01"))
print(hashlib.md5(b"abc").hexdigest(), hashlib.sha256(b"").hexdigest()[:16], hashlib.sha1(b"x").hexdigest())
print(binascii.crc32(b"hello"), zlib.adler32(b"hello"), binascii.hexlify(b"\x00\xab"))
