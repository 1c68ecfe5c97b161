import math
print(math.pi, math.e, math.tau, math.inf, math.nan)
print(math.sqrt(2), math.isqrt(17), math.floor(-1.5), math.ceil(1.2), math.trunc(-1.7), math.fabs(-3))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(0))
print(math.sin(0), math.cos(0), math.tan(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.hypot(1, 2, 2), math.dist((0, 0), (3, 4)), math.copysign(3, -0.0))
print(math.factorial(20), math.gcd(12, 18), math.gcd(0, 0), math.lcm(4, 6), math.comb(10, 3), math.perm(5, 2))
print(math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.modf(-3.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.isclose(1.0, 1.0 + 1e-10), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.remainder(10, 3), math.fmod(-7, 3))
