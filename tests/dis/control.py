if a:
    b()
elif c:
    d()
else:
    e()
while x < 10:
    x += 1
    if x == 5:
        continue
    if x == 7:
        break
for i in range(10):
    print(i)
else:
    print('done')
if a and b or c:
    pass
if not a:
    pass
y = a if b else c
z = a and b
w = a or b or c
