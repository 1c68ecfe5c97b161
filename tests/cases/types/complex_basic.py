z = complex(3, 4)
print(z, abs(z), z.real, z.imag, z.conjugate())
print(1j * 1j, (1 + 2j) * (3 - 1j), (1 + 2j) / (1 - 1j))
print(complex("1+2j"), complex(" 3j "), complex(2), complex())
print(repr(complex(0, -0.0)), repr(-1j), repr(complex(-0.0, 0)))
print(1j ** 2, (1 + 1j) ** 3)
print(complex(1, 2) == complex(1, 2), 1 + 0j == 1)
try:
    (1 + 1j) < (2 + 2j)
except TypeError as e:
    print(e)
try:
    1j / 0
except ZeroDivisionError as e:
    print(e)
print(hash(1 + 0j) == hash(1), format(1 + 2j, ".2f"))
