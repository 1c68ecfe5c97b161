x = [1, 2, 3]
g = (i for i in x)
x = [9]
print(list(g))
try:
    g2 = (y for y in 5)
except TypeError as e:
    print(e)
