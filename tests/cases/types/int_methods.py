print((255).bit_length(), (0).bit_length(), (-1024).bit_length())
print((255).bit_count(), (-7).bit_count())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"))
print((-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xfe", "little", signed=True))
print((10).as_integer_ratio(), (7).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print(int.__name__, (3).__index__())
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print(e)
