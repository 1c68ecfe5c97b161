import struct
b = struct.pack("<iHd", -1, 513, 1.5)
print(b, len(b), struct.calcsize("<iHd"))
print(struct.unpack("<iHd", b), struct.pack(">I", 1), struct.unpack(">h", b"\xff\xfe"))
try:
    struct.pack("<B", 256)
except struct.error as e:
    print(e)
