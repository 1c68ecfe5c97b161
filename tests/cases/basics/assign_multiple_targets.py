a = b = c = [1, 2]
b.append(3)
print(a, b, c, a is c)
x, y = 1, 2
x, y = y, x
print(x, y)
