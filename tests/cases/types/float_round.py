for x in (0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 123.456):
    print(x, round(x), round(x, 1), round(x, 2), round(x, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(round(1234567, -3), round(1250, -2), round(1350, -2), round(-1250, -2))
try:
    round(float("inf"))
except OverflowError as e:
    print(e)
