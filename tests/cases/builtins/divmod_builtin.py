print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(7.5, 2), divmod(-7.5, 2))
print(divmod(10 ** 30, 7), divmod(0, 5), divmod(True, 2))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(e)
try:
    divmod(1.0, 0.0)
except ZeroDivisionError as e:
    print(e)
try:
    divmod("a", 1)
except TypeError as e:
    print(e)
