print(int("10", 2), int("zz", 36), int("-0x1A", 16), int("  12  "), int("١٢٣"))
try:
    int("1", 1)
except ValueError as e:
    print(e)
try:
    int(1, 10)
except TypeError as e:
    print(e)
