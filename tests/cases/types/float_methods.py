print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.75).as_integer_ratio())
print((1.0).hex(), (0.1).hex(), (-0.0).hex(), (3.5).hex(), float("inf").hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"))
print((3.0).is_integer(), (3.1).is_integer())
print((2.5).conjugate(), (2.5).real, (2.5).imag)
import math
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print(e)
