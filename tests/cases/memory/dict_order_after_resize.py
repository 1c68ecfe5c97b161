d = {}
for i in range(20):
    d[i * 7 % 20] = i
for k in list(d)[:10]:
    del d[k]
d[100] = "new"
print(list(d))
print(list(d.items())[:3])
