a, b, c = [1, 2, 3]
print(a, b, c)
(a, b), c = "xy", 3
print(a, b, c)
a, b = {"k1": 1, "k2": 2}
print(a, b)
for x, y in zip("ab", range(2)):
    print(x, y)
[p, q] = (5, 6)
print(p, q)
