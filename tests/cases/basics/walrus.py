data = [1, 5, 9, 12, 3]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
i = 0
while (i := i + 1) < 4:
    print(i)
print((z := 10) + z)
def f():
    [w := k for k in range(3)]
    return w
print(f())
