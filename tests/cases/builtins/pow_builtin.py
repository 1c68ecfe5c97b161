print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(2, -3, 11), pow(-2, 3, 5), pow(2, 3, -5))
print(pow(2, -1), pow(2.0, 3), pow(4, 0.5), pow(10 ** 20, 3, 10 ** 9 + 7), pow(0, 0, 1))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print(e)
