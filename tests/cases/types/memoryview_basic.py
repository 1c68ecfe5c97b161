m = memoryview(b"abcdef")
print(m[0], m[1:3].tobytes(), len(m), m.readonly, m.format, m.itemsize, m.nbytes, m.tolist()[:3])
ba = bytearray(b"xyz")
mv = memoryview(ba)
mv[0] = 65
print(ba, bytes(mv[::2]))
mv.release()
try:
    mv[0]
except ValueError as e:
    print(e)
