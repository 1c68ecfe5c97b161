a = 10 ** 40 + 7
b = -(10 ** 20 + 3)
print(a // b, a % b, divmod(a, b))
print(-a // b, -a % b)
print(a / b, 10 ** 400 // 10 ** 399)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(e)
print((10 ** 400) // 3 % 1000)
