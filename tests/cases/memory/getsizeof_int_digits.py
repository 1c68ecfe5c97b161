# int size is 24 + 4 per 30-bit digit (zero is charged one digit).
#
import sys
for n in (0, 1, -1, 255, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), 2 ** 60 - 1, 2 ** 60, 2 ** 90 - 1, 2 ** 90, 10 ** 100, 2 ** 1000, -(10 ** 300)):
    print(n.bit_length(), sys.getsizeof(n))
