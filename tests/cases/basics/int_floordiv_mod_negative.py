# int // and % floor toward negative infinity; the remainder takes the
# sign of the divisor, and divmod agrees with both.
for a in (7, -7, 0, 13, -13):
    for b in (3, -3, 5, -5):
        print(a, b, a // b, a % b, divmod(a, b))
