x = 1
y = x + 2 * 3
a, b = b, a
a, *rest = [1, 2, 3]
x += 1
obj.attr = 5
obj.attr += 1
d[k] = v
d[k] -= 1
del x, d[k], obj.attr
z = w = -1
t = (1, 2, (3, 4))
