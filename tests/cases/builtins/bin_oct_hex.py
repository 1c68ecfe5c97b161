for n in (0, 1, -1, 255, -255, 2 ** 64, -(2 ** 70)):
    print(n, bin(n), oct(n), hex(n))
try:
    hex(1.5)
except TypeError as e:
    print(e)
