import math
for f, args in ((math.sqrt, (-1,)), (math.log, (0,)), (math.log, (-1,)), (math.acos, (2,)), (math.factorial, (-1,)), (math.exp, (1000,)), (math.isqrt, (-1,)), (math.factorial, (1.5,)), (math.pow, (0, -1)), (math.fmod, (1, 0))):
    try:
        print(f(*args))
    except (ValueError, OverflowError, TypeError) as e:
        print(f.__name__, type(e).__name__, e)
print(math.floor(1e300) == int(1e300), math.ceil(-0.5))
try:
    math.floor(math.inf)
except OverflowError as e:
    print(e)
