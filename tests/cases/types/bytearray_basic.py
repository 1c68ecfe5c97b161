ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), ba[1], ba[1:3])
ba[1:3] = b"XYZ"
print(ba)
del ba[0]
print(ba, ba.pop(), ba)
ba.insert(0, 33)
ba.reverse()
print(ba, bytes(ba), ba == bytes(ba), ba.decode())
ba2 = bytearray(3)
print(ba2, bytearray(range(3)), bytearray("é", "utf-8"))
try:
    ba[0] = 300
except ValueError as e:
    print(e)
