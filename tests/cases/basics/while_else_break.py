i = 0
while i < 5:
    i += 1
    if i == 10:
        break
else:
    print("no break", i)
i = 0
while True:
    i += 1
    if i > 3:
        break
else:
    print("unreachable")
print("after", i)
n = 0
while n < 3:
    n += 1
    if n == 2:
        continue
    print("n", n)
