# math functions on big ints: exact factorial, isqrt, gcd, comb; log of
# ints beyond float range.
import math
print(math.factorial(50))
print(math.isqrt(10 ** 40), math.gcd(2 ** 100, 6 ** 50), math.comb(100, 50))
print(math.log(2 ** 1000), math.log10(10 ** 500), math.sqrt(10 ** 300))
