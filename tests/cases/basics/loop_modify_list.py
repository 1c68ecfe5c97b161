lst = [1, 2, 3, 4]
for x in lst:
    if x == 2:
        lst.remove(x)
    print(x)
print(lst)
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(e)
s = {1}
try:
    for k in s:
        s.add(k + 1)
except RuntimeError as e:
    print(e)
