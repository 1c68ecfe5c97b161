for i in range(3):
    pass
print(i)
for k, v in {"a": 1, "b": 2}.items():
    pass
print(k, v)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    pass
print(a, b, c)
