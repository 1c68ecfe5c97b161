a = list(range(10))
print(a[2:8:2], a[::-3], a[-2:], a[:-7], a[8:2:-2])
a[2:5] = ["x"]
print(a)
a[::3] = [0, 0, 0]
print(a)
try:
    a[::2] = [1]
except ValueError as e:
    print(e)
a[1:1] = [7, 7]
print(a)
del a[::2]
print(a)
b = a[:]
print(b == a, b is a)
