print(round(3.14159, 2), round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(0.375, 2))
print(round(1234, -2), round(15, -1), round(25, -1), round(-15, -1), round(5, 0), round(10 ** 20 + 5, -1))
print(round(7), type(round(7.0)).__name__, type(round(7.0, 1)).__name__, round(1e300, -299))
try:
    round("1")
except TypeError as e:
    print(e)
print(round(2.675, 2), round(1.0000000001, 5), round(-0.0), round(0.5 - 1e-17))
