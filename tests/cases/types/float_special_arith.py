inf = float("inf"); nan = float("nan")
print(inf - inf, inf * 0, nan == nan, nan != nan, inf == inf)
print(1 / inf, -1 / inf, inf + 1)
print(min(1.0, nan), max(nan, 1.0))
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(e)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print(e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__)
print((-8.0) ** (1 / 3))
print(0.0 ** -0.5 if False else "skip")
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(e)
