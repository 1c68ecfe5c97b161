import sys
ba = bytearray()
prev = None
for i in range(100):
    s = sys.getsizeof(ba)
    if s != prev:
        print(len(ba), s)
        prev = s
    ba.append(0)
print(sys.getsizeof(bytearray(b"a")), sys.getsizeof(bytearray(100)), sys.getsizeof(bytearray(b"abc") + b""))
