from fractions import Fraction
from decimal import Decimal, getcontext
print(Fraction(1, 3) + Fraction(1, 6), Fraction("0.25"), Fraction(0.5), Fraction(6, -4), Fraction(1, 3) ** 2)
print(Fraction(7, 2).limit_denominator(1), float(Fraction(1, 8)), Fraction(3, 4) < 1)
print(Decimal("0.1") + Decimal("0.2"), Decimal(1) / Decimal(7), Decimal("1.10") * 3, Decimal("2").sqrt())
getcontext().prec = 5
print(Decimal(1) / Decimal(7), Decimal("123.456789").quantize(Decimal("0.01")))
print(repr(Decimal("1.5")), Decimal(0.1) == Decimal("0.1"))
