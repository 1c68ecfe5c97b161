# hashlib over OpenSSL: digests of several inputs, update in pieces, copy(), names and sizes,
# SHAKE lengths, new() by name, and the errors for str and non-buffer data.
import hashlib

inputs = [b"", b"abc", b"The quick brown fox jumps over the lazy dog", bytes(range(256)) * 3]
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512",
             "sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s"]:
    ctor = getattr(hashlib, name)
    for data in inputs:
        h = ctor(data)
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print(name, ctor(b"x").digest())
h = hashlib.sha256()
for piece in [b"The quick ", bytearray(b"brown fox "), memoryview(b"jumps over the lazy dog")]:
    h.update(piece)
print(h.hexdigest() == hashlib.sha256(inputs[2]).hexdigest())
c = h.copy()
c.update(b"!")
print(h.hexdigest())
print(c.hexdigest())
print(h.digest() == h.digest(), type(h).__name__, type(h).__module__)
print(repr(h).startswith("<sha256 _hashlib.HASH object @ 0x"))
for name in ["shake_128", "shake_256"]:
    s = getattr(hashlib, name)(b"abc")
    print(s.name, s.digest_size, s.block_size, s.hexdigest(10), s.digest(5), s.hexdigest(0))
    print(repr(s).startswith("<%s _hashlib.HASHXOF object @ 0x" % name))
print(hashlib.new("sha256", b"abc").hexdigest())
print(hashlib.new("SHA256").name, hashlib.new("sha512_256", b"a").hexdigest())
print(hashlib.new("md5", b"a", usedforsecurity=False).hexdigest())
print(sorted(hashlib.algorithms_guaranteed))
print("sha256" in hashlib.algorithms_available)
for bad in [lambda: hashlib.md5("text"), lambda: hashlib.sha1(123), lambda: hashlib.new("nope"),
            lambda: hashlib.sha256().update("s"), lambda: hashlib.new("md5", "s")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [lambda: hashlib.md5(data=b"x"), lambda: hashlib.md5().update(),
            lambda: hashlib.md5().digest(1), lambda: hashlib.shake_128().digest(),
            lambda: hashlib.shake_128().hexdigest("a"), lambda: hashlib.sha1(b"a", b"b"),
            lambda: hashlib.new(1)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
print(hashlib.md5(string=b"x").hexdigest(), hashlib.shake_128().digest(length=2))
