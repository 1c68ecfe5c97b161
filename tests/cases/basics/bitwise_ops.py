print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
print(~0, ~5, ~-1)
print(1 << 70, -1 << 3, -16 >> 2, 5 >> 10, -5 >> 10)
print(-6 & 0xff, -1 ^ 0xff, -8 | 3)
try:
    1 << -1
except ValueError as e:
    print(e)
print(True & False, True | False, True ^ True)
