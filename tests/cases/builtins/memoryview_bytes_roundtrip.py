# memoryview slicing with steps, tolist, hex and conversion back to bytes
# and bytearray.
b = bytes(range(10))
m = memoryview(b)
print(bytes(m[2:5]), m[::3].tolist(), m.hex(), bytearray(m[-2:]))
